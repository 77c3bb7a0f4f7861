"""Read content/ YAML files and write them back in one canonical, stable layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.directory import Organisation
from bot.knowledge.model import LANGUAGES, FaqEntry, Helplines
from bot.knowledge.notices import Notice

FAQ_DIR = "faq"
HELPLINES_FILE = "helplines.yaml"
NOTICES_FILE = "notices.yaml"
DIRECTORY_FILE = "directory.yaml"


class _CanonicalDumper(yaml.SafeDumper):
    """A dumper that writes multi-line text as literal blocks and never wraps lines."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


class _FlowList(list[str]):
    """A short list written on one line, e.g. `countries: [CA, US]`."""


def _represent_flow_list(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_CanonicalDumper.add_representer(str, _represent_str)
_CanonicalDumper.add_representer(_FlowList, _represent_flow_list)


def dump_yaml(data: Any) -> str:
    """Serialise `data` in the canonical content layout."""
    return yaml.dump(
        data,
        Dumper=_CanonicalDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100_000,
        default_flow_style=False,
        indent=2,
    )


def _clean(text: str) -> str:
    # Trailing spaces would force quoted style and make files noisy to review.
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def entry_to_dict(entry: FaqEntry) -> dict[str, Any]:
    """Return an entry as a plain dict in the documented key order."""
    translations: dict[str, Any] = {}
    for lang in [*LANGUAGES, *sorted(set(entry.translations) - set(LANGUAGES))]:
        t = entry.translations.get(lang)
        if t is None:
            continue
        translations[lang] = {
            "question": _clean(t.question),
            "answer": _clean(t.answer),
            "examples": [_clean(x) for x in t.examples],
        }
    return {
        "id": entry.id,
        "topic": entry.topic,
        "countries": _FlowList(entry.countries),
        "status": entry.status,
        "reviewed": entry.reviewed,
        "review_by": entry.review_by,
        "sources": [{"title": s.title, "url": s.url} for s in entry.sources],
        "translations": translations,
    }


def helplines_to_dict(helplines: Helplines) -> dict[str, Any]:
    """Return the helplines as a plain dict in the documented key order."""
    data = helplines.model_dump(mode="python", exclude_none=True)
    data["reviewed"] = helplines.reviewed
    return data


def _localized(texts: dict[str, str]) -> dict[str, str]:
    order = [*LANGUAGES, *sorted(set(texts) - set(LANGUAGES))]
    return {lang: _clean(texts[lang]) for lang in order if lang in texts}


def _flow(values: list[str] | None) -> _FlowList | None:
    return None if values is None else _FlowList(values)


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def notice_to_dict(notice: Notice) -> dict[str, Any]:
    """Return a notice as a plain dict in the documented key order."""
    return _without_none(
        {
            "id": notice.id,
            "status": notice.status,
            "countries": _FlowList(notice.countries),
            "nationalities": _flow(notice.nationalities),
            "topics": _flow(list(notice.topics) if notice.topics is not None else None),
            "starts": notice.starts,
            "expires": notice.expires,
            "review_by": notice.review_by,
            "reviewed": notice.reviewed,
            "source": {"title": notice.source.title, "url": notice.source.url},
            "text": _localized(notice.text),
        }
    )


def organisation_to_dict(organisation: Organisation) -> dict[str, Any]:
    """Return a directory organisation as a plain dict in the documented key order."""
    return _without_none(
        {
            "id": organisation.id,
            "status": organisation.status,
            "kind": organisation.kind,
            "name": _localized(organisation.name),
            "countries": _FlowList(organisation.countries),
            "languages": _flow(organisation.languages),
            "topics": _FlowList(organisation.topics),
            "helps_with": _localized(organisation.helps_with),
            "url": organisation.url,
            "phone": organisation.phone,
            "source": {"title": organisation.source.title, "url": organisation.source.url},
            "checked": organisation.checked,
        }
    )


def read_yaml(path: Path) -> Any:
    """Load one YAML file."""
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def faq_files(content_dir: Path) -> list[Path]:
    """List the FAQ entry files, sorted."""
    return sorted((content_dir / FAQ_DIR).glob("*.yaml"))


def load_entries(content_dir: Path) -> list[FaqEntry]:
    """Load and validate every FAQ entry (raises on the first invalid one)."""
    return [FaqEntry.model_validate(read_yaml(path)) for path in faq_files(content_dir)]


def load_helplines(content_dir: Path) -> Helplines:
    """Load and validate the helplines file (empty when absent)."""
    path = content_dir / HELPLINES_FILE
    if not path.exists():
        return Helplines(reviewed=date.today())
    return Helplines.model_validate(read_yaml(path))


def _items(content_dir: Path, name: str, key: str) -> list[Any]:
    path = content_dir / name
    if not path.exists():
        return []
    data = read_yaml(path) or {}
    if not isinstance(data, dict) or set(data) - {key}:
        raise ValueError(f"{path}: expected one top-level key {key!r}")
    items = data.get(key) or []
    if not isinstance(items, list):
        raise ValueError(f"{path}: {key!r} must be a list")
    return items


def load_notices(content_dir: Path) -> list[Notice]:
    """Load and validate the time-bound notices (none when the file is absent)."""
    return [Notice.model_validate(raw) for raw in _items(content_dir, NOTICES_FILE, "notices")]


def load_directory(content_dir: Path) -> list[Organisation]:
    """Load and validate the referral directory (empty when the file is absent)."""
    return [
        Organisation.model_validate(raw)
        for raw in _items(content_dir, DIRECTORY_FILE, "organisations")
    ]


def write_content(
    content_dir: Path,
    entries: list[FaqEntry],
    helplines: Helplines,
    notices: list[Notice] | None = None,
    organisations: list[Organisation] | None = None,
) -> int:
    """Write the content in the canonical layout; return the number of files changed.

    Notices and organisations are written when given, and an empty list writes no new file.
    """
    changed = 0
    faq_dir = content_dir / FAQ_DIR
    faq_dir.mkdir(parents=True, exist_ok=True)
    outputs = {faq_dir / f"{e.id}.yaml": dump_yaml(entry_to_dict(e)) for e in entries}
    outputs[content_dir / HELPLINES_FILE] = dump_yaml(helplines_to_dict(helplines))
    lists: list[tuple[str, str, list[dict[str, Any]] | None]] = [
        (
            NOTICES_FILE,
            "notices",
            None if notices is None else [notice_to_dict(n) for n in notices],
        ),
        (
            DIRECTORY_FILE,
            "organisations",
            None if organisations is None else [organisation_to_dict(o) for o in organisations],
        ),
    ]
    for name, key, items in lists:
        if items is not None and (items or (content_dir / name).exists()):
            outputs[content_dir / name] = dump_yaml({key: items})
    for path, text in outputs.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
    return changed
