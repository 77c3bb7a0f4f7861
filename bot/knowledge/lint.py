"""Checks on content/ that keep the knowledge base safe to publish."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import ValidationError

from bot.knowledge.directory import Organisation
from bot.knowledge.model import LANGUAGES, FaqEntry, Helplines, is_country_code
from bot.knowledge.notices import Notice
from bot.knowledge.yaml_io import (
    DIRECTORY_FILE,
    HELPLINES_FILE,
    NOTICES_FILE,
    faq_files,
    read_yaml,
)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९", "0123456789" * 3)
_URL = re.compile(r"https?://[^\s)\]>\"'،]+")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Problem:
    """One finding of the linter."""

    level: Literal["error", "warning"]
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


def _urls_and_numbers(text: str) -> tuple[set[str], set[str]]:
    text = text.translate(_DIGITS)
    urls = {u.rstrip(".,;:!?") for u in _URL.findall(text)}
    without_urls = _URL.sub(" ", text)
    return urls, set(_NUMBER.findall(without_urls))


def _validation_messages(err: ValidationError) -> list[str]:
    return [f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in err.errors()]


def lint_entry(entry: FaqEntry, where: str, today: date) -> list[Problem]:
    """Check one validated entry for completeness, consistency and freshness."""
    problems: list[Problem] = []
    missing = [lang for lang in LANGUAGES if lang not in entry.translations]
    if missing:
        problems.append(Problem("error", where, f"missing translations: {', '.join(missing)}"))
    extra = sorted(set(entry.translations) - set(LANGUAGES))
    if extra:
        problems.append(Problem("error", where, f"unknown languages: {', '.join(extra)}"))
    if entry.review_by < entry.reviewed:
        problems.append(Problem("error", where, "review_by is before reviewed"))
    if entry.reviewed > today:
        problems.append(Problem("error", where, "reviewed is in the future"))
    if entry.is_stale(today):
        problems.append(
            Problem("warning", where, f"stale: review_by {entry.review_by.isoformat()} passed")
        )
    english = entry.translations.get("en")
    if english is None:
        return problems
    en_urls, en_numbers = _urls_and_numbers(english.answer)
    for lang, translation in entry.translations.items():
        for field_name in ("question", "answer"):
            if not getattr(translation, field_name).strip():
                problems.append(Problem("error", where, f"{lang}.{field_name} is empty"))
        if any(not example.strip() for example in translation.examples):
            problems.append(Problem("error", where, f"{lang}.examples has an empty phrasing"))
        if lang == "en":
            continue
        urls, numbers = _urls_and_numbers(translation.answer)
        if urls != en_urls:
            diff = sorted(urls ^ en_urls)
            problems.append(Problem("error", where, f"{lang}: URLs differ from en: {diff}"))
        if numbers != en_numbers:
            diff = sorted(numbers ^ en_numbers)
            problems.append(Problem("error", where, f"{lang}: numbers differ from en: {diff}"))
    return problems


def lint_helplines(path: Path, today: date | None = None) -> list[Problem]:
    """Check the helplines file."""
    today = today or date.today()
    where = str(path)
    if not path.exists():
        return [Problem("error", where, "helplines file is missing")]
    try:
        helplines = Helplines.model_validate(read_yaml(path))
    except yaml.YAMLError as err:
        return [Problem("error", where, f"invalid YAML: {err}")]
    except ValidationError as err:
        return [Problem("error", where, m) for m in _validation_messages(err)]
    problems: list[Problem] = []
    lines = [("international", h) for h in helplines.international] + [
        (country, h) for country, hs in helplines.countries.items() for h in hs
    ]
    for country in helplines.countries:
        if not is_country_code(country):
            problems.append(Problem("error", where, f"unknown country code {country}"))
    for dup, count in Counter(h.id for _, h in lines).items():
        if count > 1:
            problems.append(Problem("error", where, f"duplicate helpline id {dup}"))
    for country, line in lines:
        missing = [lang for lang in LANGUAGES if not line.name.get(lang)]
        if missing:
            problems.append(
                Problem("error", where, f"{country}/{line.id}: name missing in {missing}")
            )
        missing = [lang for lang in LANGUAGES if not line.operator.get(lang)]
        if missing:
            problems.append(
                Problem("error", where, f"{country}/{line.id}: operator missing in {missing}")
            )
        if line.number is None and line.url is None:
            problems.append(Problem("error", where, f"{country}/{line.id}: no number or url"))
        if line.url is not None and not line.url.startswith("https://"):
            problems.append(Problem("error", where, f"{country}/{line.id}: url must be https"))
        if line.kind == "embassy" and not line.nationals:
            problems.append(
                Problem("error", where, f"{country}/{line.id}: an embassy needs 'nationals'")
            )
        bad = [c for c in line.nationals or () if not is_country_code(c)]
        if bad:
            problems.append(Problem("error", where, f"{country}/{line.id}: nationals {bad}"))
        if line.checked > today:
            problems.append(
                Problem("error", where, f"{country}/{line.id}: checked date is in the future")
            )
    return problems


def lint_content(content_dir: Path, today: date | None = None) -> list[Problem]:
    """Lint every FAQ entry and the helplines of a content directory."""
    today = today or date.today()
    problems: list[Problem] = []
    ids: Counter[str] = Counter()
    files = faq_files(content_dir)
    if not files:
        problems.append(Problem("error", str(content_dir), "no FAQ entries found"))
    for path in files:
        where = str(path)
        try:
            raw = read_yaml(path)
        except yaml.YAMLError as err:
            problems.append(Problem("error", where, f"invalid YAML: {err}"))
            continue
        try:
            entry = FaqEntry.model_validate(raw)
        except ValidationError as err:
            problems.extend(Problem("error", where, m) for m in _validation_messages(err))
            continue
        ids[entry.id] += 1
        if entry.id != path.stem:
            problems.append(Problem("error", where, f"id {entry.id!r} differs from file name"))
        problems.extend(lint_entry(entry, where, today))
    for dup, count in ids.items():
        if count > 1:
            problems.append(Problem("error", str(content_dir), f"duplicate id {dup}"))
    problems.extend(lint_helplines(content_dir / HELPLINES_FILE, today))
    problems.extend(lint_notices(content_dir / NOTICES_FILE, today))
    problems.extend(lint_directory(content_dir / DIRECTORY_FILE, today))
    return problems


def _list_file(path: Path, key: str) -> tuple[list[object], list[Problem]]:
    """Read a file holding one list under `key`; an absent file is an empty list."""
    where = str(path)
    if not path.exists():
        return [], []
    try:
        data = read_yaml(path) or {}
    except yaml.YAMLError as err:
        return [], [Problem("error", where, f"invalid YAML: {err}")]
    if not isinstance(data, dict) or set(data) - {key} or not isinstance(data.get(key), list):
        return [], [Problem("error", where, f"expected a list under one top-level key {key!r}")]
    return list(data[key]), []


def _texts(where: str, name: str, texts: dict[str, str]) -> list[Problem]:
    """Check a five-language text: all present, none empty, no number or URL not in English."""
    problems: list[Problem] = []
    missing = [lang for lang in LANGUAGES if not (texts.get(lang) or "").strip()]
    if missing:
        problems.append(Problem("error", where, f"{name} missing in {missing}"))
    extra = sorted(set(texts) - set(LANGUAGES))
    if extra:
        problems.append(Problem("error", where, f"{name}: unknown languages: {', '.join(extra)}"))
    en_urls, en_numbers = _urls_and_numbers(texts.get("en") or "")
    for lang, text in texts.items():
        if lang == "en":
            continue
        urls, numbers = _urls_and_numbers(text)
        if urls - en_urls:
            diff = sorted(urls - en_urls)
            problems.append(Problem("error", where, f"{name}.{lang}: URLs not in en: {diff}"))
        if numbers - en_numbers:
            diff = sorted(numbers - en_numbers)
            problems.append(Problem("error", where, f"{name}.{lang}: numbers not in en: {diff}"))
    return problems


def _validated(
    path: Path, key: str, model: type[Notice] | type[Organisation]
) -> tuple[list[tuple[str, Notice | Organisation]], list[Problem]]:
    raw_items, problems = _list_file(path, key)
    valid: list[tuple[str, Notice | Organisation]] = []
    ids: Counter[str] = Counter()
    for index, raw in enumerate(raw_items):
        label = raw.get("id") if isinstance(raw, dict) else None
        where = f"{path}: {label or f'#{index + 1}'}"
        try:
            item = model.model_validate(raw)
        except ValidationError as err:
            problems.extend(Problem("error", where, m) for m in _validation_messages(err))
            continue
        ids[item.id] += 1
        valid.append((where, item))
    for dup, count in ids.items():
        if count > 1:
            problems.append(Problem("error", str(path), f"duplicate id {dup}"))
    return valid, problems


def lint_notices(path: Path, today: date | None = None) -> list[Problem]:
    """Check the time-bound notices: languages, source, dates; list expired ones for editors."""
    today = today or date.today()
    valid, problems = _validated(path, "notices", Notice)
    for where, notice in valid:
        assert isinstance(notice, Notice)
        problems.extend(_texts(where, "text", notice.text))
        if notice.expires is not None and notice.expires < notice.starts:
            problems.append(Problem("error", where, "expires is before starts"))
        if notice.review_by < notice.reviewed:
            problems.append(Problem("error", where, "review_by is before reviewed"))
        if notice.reviewed > today:
            problems.append(Problem("error", where, "reviewed is in the future"))
        if notice.is_expired(today):
            assert notice.expires is not None
            problems.append(
                Problem(
                    "warning",
                    where,
                    f"expired notice, remove or renew (expired {notice.expires.isoformat()})",
                )
            )
        elif notice.is_stale(today):
            problems.append(
                Problem(
                    "warning", where, f"stale: review_by {notice.review_by.isoformat()} passed"
                )
            )
    return problems


def lint_directory(path: Path, today: date | None = None) -> list[Problem]:
    """Check the referral directory: names and descriptions in every language, dates."""
    today = today or date.today()
    valid, problems = _validated(path, "organisations", Organisation)
    for where, organisation in valid:
        assert isinstance(organisation, Organisation)
        problems.extend(_texts(where, "name", organisation.name))
        problems.extend(_texts(where, "helps_with", organisation.helps_with))
        if organisation.checked > today:
            problems.append(Problem("error", where, "checked date is in the future"))
    return problems
