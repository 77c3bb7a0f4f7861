"""The knowledge base schema: FAQ entries, translations, sources and helplines."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from babel import Locale
from pydantic import BaseModel, ConfigDict, Field, field_validator

LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "ne")
TOPICS: tuple[str, ...] = (
    "visa_info",
    "family_reunification",
    "sponsorship",
    "protection_risk",
    "pre_departure",
)
STATUSES: tuple[str, ...] = ("draft", "review", "published")
MAX_ANSWER_CHARS = 4096
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TERRITORIES = frozenset(
    code
    for code in Locale.parse("en").territories
    if isinstance(code, str) and len(code) == 2 and code.isalpha()
)


def is_country_code(code: str) -> bool:
    """Tell whether `code` is an ISO 3166-1 alpha-2 code known to CLDR."""
    return code in _TERRITORIES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """An official source an entry is based on."""

    title: str = Field(min_length=3)
    url: str

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        if not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"source url must be an https:// address, got {value!r}")
        return value


class Translation(_Strict):
    """An entry's question, answer and example phrasings in one language."""

    question: str = Field(min_length=3)
    answer: str = Field(min_length=20, max_length=MAX_ANSWER_CHARS)
    examples: list[str] = Field(min_length=1)


class FaqEntry(_Strict):
    """One curated FAQ entry with all its translations."""

    id: str
    topic: Literal[
        "visa_info", "family_reunification", "sponsorship", "protection_risk", "pre_departure"
    ]
    countries: list[str] = Field(min_length=1)
    status: Literal["draft", "review", "published"] = "published"
    reviewed: date
    review_by: date
    sources: list[Source] = Field(min_length=1)
    translations: dict[str, Translation]

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ID_PATTERN.match(value) or len(value) > 80:
            raise ValueError("id must be lowercase letters, digits and dashes (max 80)")
        return value

    @field_validator("countries")
    @classmethod
    def _countries(cls, value: list[str]) -> list[str]:
        if value == ["all"]:
            return value
        bad = [code for code in value if not is_country_code(code)]
        if bad:
            raise ValueError(f"unknown ISO 3166-1 country codes: {', '.join(bad)}")
        return value

    @property
    def applies_everywhere(self) -> bool:
        """Tell whether the entry is not specific to some destinations."""
        return self.countries == ["all"]

    @property
    def country_set(self) -> frozenset[str]:
        """The destination codes, empty when the entry applies everywhere."""
        return frozenset() if self.applies_everywhere else frozenset(self.countries)

    def translation(self, lang: str) -> Translation:
        """Return the translation in `lang`, falling back to English."""
        return self.translations.get(lang) or self.translations["en"]

    def is_stale(self, today: date) -> bool:
        """Tell whether the entry is past its review date."""
        return self.review_by < today


class Helpline(_Strict):
    """A phone line or contact point a person in danger can use."""

    id: str
    kind: Literal["emergency", "trafficking", "labour", "embassy", "other"] = "other"
    # For an embassy or consulate: the nationalities it serves (ISO codes of their countries).
    nationals: list[str] | None = None
    number: str | None = None
    name: dict[str, str]
    operator: dict[str, str]
    url: str | None = None
    notes: dict[str, str] | None = None
    source: Source
    # When a person last confirmed the number or address on `source` (an official page).
    checked: date

    def localized_name(self, lang: str) -> str:
        """Return the name in `lang`, falling back to English."""
        return self.name.get(lang) or self.name["en"]

    def localized_operator(self, lang: str) -> str:
        """Return who runs the line in `lang`, falling back to English."""
        return self.operator.get(lang) or self.operator["en"]

    def localized_notes(self, lang: str) -> str | None:
        """Return the notes in `lang`, falling back to English."""
        if not self.notes:
            return None
        return self.notes.get(lang) or self.notes.get("en")


class Helplines(_Strict):
    """Every helpline, international and per country."""

    reviewed: date
    international: list[Helpline] = Field(default_factory=list)
    countries: dict[str, list[Helpline]] = Field(default_factory=dict)

    def for_country(self, country: str | None) -> list[Helpline]:
        """Return the country's lines first, then the international ones."""
        local = self.countries.get(country, []) if country else []
        return [*local, *self.international]

    def count(self) -> int:
        """Count every helpline."""
        return len(self.international) + sum(len(v) for v in self.countries.values())
