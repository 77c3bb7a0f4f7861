"""Per-message localisation: gettext catalogs from locales/ and CLDR names and dates (Babel)."""

from __future__ import annotations

import gettext
import io
import logging
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from nlu.text import script_counts

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "ne")
DEFAULT_LANGUAGE = "en"
DOMAIN = "messages"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated later, in the person's language."""
    return message


@lru_cache(maxsize=32)
def load_catalog(lang: str, directory: Path = LOCALES_DIR) -> gettext.NullTranslations:
    """Load `lang`'s catalog; a missing or broken one falls back to the English source text."""
    folder = directory / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    try:
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as fp:
                return Translations(fp, domain=DOMAIN)
        if po.exists():
            # Not compiled yet (or edited since): compile in memory rather than show English.
            return _compile_po(po, lang)
    except (OSError, ValueError, UnicodeDecodeError) as err:
        log.warning("cannot load the %s catalog from %s: %s", lang, folder, err)
    return gettext.NullTranslations()


def _compile_po(path: Path, lang: str) -> Translations:
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def normalize_language(code: str | None) -> str | None:
    """Map a platform or browser code ("fr-FR", "ne_NP", "AR") to a supported language."""
    if not code:
        return None
    base = code.strip().replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else None


def choose_language(
    *, stored: str | None, hint: str | None = None, detected: str | None = None
) -> str:
    """Pick the reply language: stored choice, then platform hint, then detected, then English."""
    for candidate in (stored, hint, detected):
        lang = normalize_language(candidate)
        if lang is not None:
            return lang
    return DEFAULT_LANGUAGE


# Languages whose script tells them apart from all the others (Latin is shared by en, fr, es
# and romanized Nepali, where a short message says little about its language).
_OWN_SCRIPTS = {"arabic": "ar", "devanagari": "ne"}
SCRIPT_SHARE = 0.8  # of the letters, for the script to decide the language
MIN_SCRIPT_LETTERS = 2


def script_language(text: str) -> str | None:
    """Return the language a text's script alone shows (Arabic: ar, Devanagari: ne), if any."""
    counts = script_counts(text)
    total = sum(counts.values())
    for script, lang in _OWN_SCRIPTS.items():
        letters = counts[script]
        if letters >= MIN_SCRIPT_LETTERS and letters >= SCRIPT_SHARE * total:
            return lang
    return None


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def own_language_name(code: str) -> str:
    """Return a language's name written in that language ("Français", "العربية", "नेपाली")."""
    name = _locale(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


class Translator:
    """The texts, names and dates of one language, for one message."""

    def __init__(self, lang: str, catalog: gettext.NullTranslations | None = None) -> None:
        self.lang = normalize_language(lang) or DEFAULT_LANGUAGE
        self._catalog = catalog if catalog is not None else load_catalog(self.lang)
        self._locale = _locale(self.lang)

    def _(self, message: str) -> str:
        """Translate a message id."""
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """Translate a message whose form depends on `count`."""
        return self._catalog.ngettext(singular, plural, count)

    @property
    def direction(self) -> str:
        """Return "rtl" or "ltr" for this language (from CLDR)."""
        return "rtl" if self._locale.text_direction == "rtl" else "ltr"

    def language_name(self, code: str) -> str:
        """Return the name of language `code` in this language."""
        return str(self._locale.languages.get(code, code))

    def country_name(self, code: str) -> str:
        """Return the name of country `code` in this language (the code if CLDR has none)."""
        return str(self._locale.territories.get(code.upper(), code.upper()))

    def date(self, value: date) -> str:
        """Format a date the way this language writes it ("29 novembre 2026")."""
        return format_date(value, format="long", locale=self._locale)

    def number(self, value: int) -> str:
        """Format a whole number the way this language writes it ("2 000", "2,000")."""
        return format_decimal(value, locale=self._locale)

    def join(self, items: Sequence[str]) -> str:
        """Join names the way this language lists them ("A, B and C")."""
        return format_list(list(items), locale=self._locale) if items else ""
