"""The console's language per request, and names, times and labels in that language (Babel)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from babel import Locale
from babel.dates import format_datetime, format_timedelta
from starlette.requests import Request

from api.console import labels
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, normalize_language, own_language_name
from bot.knowledge.model import is_country_code

LANG_COOKIE = "pathways_console_lang"
_QUALITY = re.compile(r"^\s*q\s*=\s*([0-9.]+)\s*$")


def accepted_languages(header: str) -> list[str]:
    """Return the supported languages of an Accept-Language header, preferred first."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        code, *params = part.split(";")
        quality = 1.0
        for param in params:
            found = _QUALITY.match(param)
            if found:
                try:
                    quality = float(found.group(1))
                except ValueError:
                    quality = 0.0
        lang = normalize_language(code)
        if lang is not None and quality > 0:
            ranked.append((-quality, position, lang))
    return list(dict.fromkeys(lang for _q, _p, lang in sorted(ranked)))


def choose_language(request: Request) -> str:
    """Pick the UI language: `?lang=`, then the switcher's cookie, then the browser's."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        lang = normalize_language(candidate)
        if lang is not None:
            return lang
    preferred = accepted_languages(request.headers.get("accept-language", ""))
    return preferred[0] if preferred else DEFAULT_LANGUAGE


@lru_cache(maxsize=8)
def _sorted_countries(lang: str) -> tuple[tuple[str, str], ...]:
    tr = Translator(lang)
    codes = [
        c for c in Locale.parse("en").territories if isinstance(c, str) and is_country_code(c)
    ]
    return tuple(sorted(((c, tr.country_name(c)) for c in codes), key=lambda p: p[1].casefold()))


class ConsoleText:
    """What templates need to write in one language: texts, names, labels and times."""

    def __init__(self, lang: str) -> None:
        self.tr = Translator(lang)
        self.lang = self.tr.lang
        self.dir = self.tr.direction
        self._locale = Locale.parse(self.lang)

    def _(self, message: str) -> str:
        """Translate a message id."""
        return self.tr._(message)

    def language(self, code: str) -> str:
        """Name a language in the UI language."""
        name = self.tr.language_name(code)
        return name[:1].upper() + name[1:]

    def languages(self, codes: Iterable[str]) -> str:
        """Name languages in the UI language, as a list."""
        return self.tr.join([self.language(c) for c in codes])

    def countries(self, codes: Iterable[str]) -> str:
        """Name countries in the UI language, as a list ("Germany and France")."""
        return self.tr.join([self.tr.country_name(c) for c in codes])

    def country_choices(self) -> tuple[tuple[str, str], ...]:
        """Every country code with its name, sorted by name."""
        return _sorted_countries(self.lang)

    def label(self, table: str, key: str | None) -> str:
        """Translate the label of a code (a topic, outcome, status, reason...)."""
        names = labels.TABLES[table]
        if key in names:
            return self._(names[key])
        return self._(labels.FALLBACKS.get(table, labels.UNKNOWN))

    def reasons(self, codes: Iterable[str]) -> str:
        """Explain why a reply is held, as one list ("it contains a phone number and ...")."""
        return self.tr.join([self.label("hold_reason", c) for c in codes])

    def waited(self, since: datetime, now: datetime) -> str:
        """Say how long ago `since` was, roughly ("3 hours")."""
        delta = max(now - since, timedelta(0))
        return format_timedelta(delta, threshold=1.5, locale=self._locale)

    def when(self, value: datetime | None) -> str:
        """Format a moment in UTC, the way this language writes dates and times."""
        if value is None:
            return ""
        return format_datetime(value.astimezone(UTC), "medium", tzinfo=UTC, locale=self._locale)


@lru_cache(maxsize=8)
def console_text(lang: str) -> ConsoleText:
    """Return the (shared, immutable) texts of one UI language."""
    return ConsoleText(lang)


def language_choices() -> list[tuple[str, str]]:
    """The languages of the switcher, each named in its own language."""
    return [(code, own_language_name(code)) for code in LANGUAGES]
