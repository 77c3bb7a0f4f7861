"""Every string the bot says is extracted, and translated in every language's catalog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from api.settings import PROJECT_ROOT
from bot.i18n import LANGUAGES, Translator, load_catalog

LOCALES = PROJECT_ROOT / "locales"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MessageId = str | tuple[str, ...]


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=locale)


def _key(message_id: MessageId) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


@pytest.fixture(scope="module")
def code_messages() -> dict[str, MessageId]:
    """Extract the messages from the code, as `make extract-messages` does."""
    with (PROJECT_ROOT / "babel.cfg").open(encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp)
    found: dict[str, MessageId] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        PROJECT_ROOT, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        found[_key(message)] = message
    return found


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_code_has_messages(code_messages: dict[str, MessageId]) -> None:
    assert len(code_messages) > 50
    assert "This is general information, not legal advice." in code_messages


def test_template_is_up_to_date(code_messages: dict[str, MessageId]) -> None:
    template = {_key(m.id) for m in _read(LOCALES / "messages.pot") if m.id}
    missing = sorted(set(code_messages) - template)
    assert not missing, (
        f"run `make extract-messages`; {len(missing)} not in messages.pot, e.g. {missing[:10]}"
    )


def _problems(message: Message | None, source: MessageId, lang: str) -> list[str]:
    if message is None:
        return ["missing"]
    if message.fuzzy:
        return ["fuzzy"]
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    if not strings or not all(s and s.strip() for s in strings):
        return ["untranslated"]
    expected = _placeholders(source if isinstance(source, str) else source[-1])
    problems = []
    for text in strings:
        got = _placeholders(text)
        # A singular form may leave out the count ("Source:" / "{n} sources"), nothing else.
        if got != expected and not (isinstance(source, tuple) and got <= expected):
            problems.append(f"placeholders {sorted(got)} instead of {sorted(expected)}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete(lang: str, code_messages: dict[str, MessageId]) -> None:
    catalog = _read(LOCALES / lang / "LC_MESSAGES" / "messages.po", locale=lang)
    problems = {
        key: found
        for key, source in code_messages.items()
        if (found := _problems(catalog.get(source), source, lang))
    }
    first = dict(list(problems.items())[:10])
    assert not problems, f"{lang}: {len(problems)} message(s) to fix, e.g. {first}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_declares_the_plural_rule_of_its_language(lang: str) -> None:
    catalog = _read(LOCALES / lang / "LC_MESSAGES" / "messages.po", locale=lang)
    assert catalog.num_plurals == Catalog(locale=lang).num_plurals


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_translations_are_used_at_run_time(lang: str) -> None:
    catalog = _read(LOCALES / lang / "LC_MESSAGES" / "messages.po", locale=lang)
    message = catalog.get("Talk to a volunteer")
    assert message is not None
    assert Translator(lang)._("Talk to a volunteer") == message.string


def test_a_missing_catalog_falls_back_to_the_source_text(tmp_path: Path) -> None:
    catalog = load_catalog("fr", tmp_path)
    assert catalog.gettext("Talk to a volunteer") == "Talk to a volunteer"


def test_an_uncompiled_catalog_is_compiled_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = LOCALES / "ar" / "LC_MESSAGES" / "messages.po"
    (folder / "messages.po").write_bytes(source.read_bytes())
    assert load_catalog("ar", tmp_path).gettext("Menu") == "القائمة"
