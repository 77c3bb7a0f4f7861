"""Time-bound notices: a rule change that affects many answers for a while."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from bot.knowledge.model import ID_PATTERN, Source, _Strict, is_country_code

Topic = Literal[
    "visa_info", "family_reunification", "sponsorship", "protection_risk", "pre_departure"
]


def check_id(value: str) -> str:
    """Refuse an id that is not lowercase letters, digits and dashes."""
    if not ID_PATTERN.match(value) or len(value) > 80:
        raise ValueError("id must be lowercase letters, digits and dashes (max 80)")
    return value


def check_countries(value: list[str], *, allow_all: bool = True) -> list[str]:
    """Refuse unknown ISO 3166-1 alpha-2 codes (and `all`, unless alone and allowed)."""
    if allow_all and value == ["all"]:
        return value
    bad = [code for code in value if not is_country_code(code)]
    if bad:
        raise ValueError(f"unknown ISO 3166-1 country codes: {', '.join(bad)}")
    return value


class Notice(_Strict):
    """A change shown above every matching answer while it lasts (e.g. a visa pause)."""

    id: str
    status: Literal["draft", "review", "published"] = "published"
    # Destinations concerned, or [all].
    countries: list[str] = Field(min_length=1)
    # Only for people of these origins; None = everyone.
    nationalities: list[str] | None = None
    # Only above answers on these topics; None = every topic.
    topics: list[Topic] | None = None
    starts: date
    expires: date | None = None
    review_by: date
    reviewed: date
    source: Source
    text: dict[str, str]

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        return check_id(value)

    @field_validator("countries")
    @classmethod
    def _countries(cls, value: list[str]) -> list[str]:
        return check_countries(value)

    @field_validator("nationalities")
    @classmethod
    def _nationalities(cls, value: list[str] | None) -> list[str] | None:
        if value is not None:
            if not value:
                raise ValueError("nationalities must list at least one code, or be left out")
            check_countries(value, allow_all=False)
        return value

    @field_validator("topics")
    @classmethod
    def _topics(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError("topics must list at least one topic, or be left out")
        return value

    @property
    def everywhere(self) -> bool:
        """Tell whether the notice concerns every destination."""
        return self.countries == ["all"]

    def is_expired(self, today: date) -> bool:
        """Tell whether the notice's expiry date has passed."""
        return self.expires is not None and self.expires < today

    def is_active(self, today: date) -> bool:
        """Tell whether the notice is published and within its dates."""
        return self.status == "published" and self.starts <= today and not self.is_expired(today)

    def is_stale(self, today: date) -> bool:
        """Tell whether the notice is past its review date."""
        return self.review_by < today

    def applies(
        self, *, countries: Iterable[str], topic: str | None, origin: str | None, today: date
    ) -> bool:
        """Tell whether the notice belongs above an answer about `countries` and `topic`."""
        if not self.is_active(today):
            return False
        if not self.everywhere and not set(self.countries) & set(countries):
            return False
        if self.topics is not None and topic not in self.topics:
            return False
        # An unknown origin sees the notice: better one notice too many than a missed one.
        return self.nationalities is None or origin is None or origin in self.nationalities

    def localized_text(self, lang: str) -> str:
        """Return the text in `lang`, falling back to English."""
        return self.text.get(lang) or self.text["en"]
