"""The referral directory: organisations that help migrants where they are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from bot.knowledge.model import Source, _Strict
from bot.knowledge.notices import Topic, check_countries, check_id

KINDS: tuple[str, ...] = ("un_agency", "government", "diaspora", "ngo")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{1,30}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class Organisation(_Strict):
    """An organisation a person can be referred to, with its own or an official source."""

    id: str
    status: Literal["draft", "review", "published"] = "published"
    kind: Literal["un_agency", "government", "diaspora", "ngo"]
    name: dict[str, str]
    # Where it helps people (ISO 3166-1 alpha-2 codes).
    countries: list[str] = Field(min_length=1)
    # Languages it works in, only when its source says so.
    languages: list[str] | None = None
    topics: list[Topic] = Field(min_length=1)
    helps_with: dict[str, str]
    url: str
    phone: str | None = None
    source: Source
    # When a person last confirmed it on `source`.
    checked: date

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        return check_id(value)

    @field_validator("countries")
    @classmethod
    def _countries(cls, value: list[str]) -> list[str]:
        return check_countries(value, allow_all=False)

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str] | None) -> list[str] | None:
        if value is not None:
            bad = [code for code in value if not _LANGUAGE.match(code)]
            if not value or bad:
                raise ValueError(f"languages must be ISO 639 codes, got {value!r}")
        return value

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        if not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"url must be an https:// address, got {value!r}")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and not _PHONE.match(value):
            raise ValueError(f"phone must be digits as dialled, got {value!r}")
        return value

    def serves(self, country: str, topic: str | None) -> bool:
        """Tell whether the organisation is published and helps in `country` with `topic`."""
        return (
            self.status == "published"
            and country in self.countries
            and (topic is None or topic in self.topics)
        )

    def localized_name(self, lang: str) -> str:
        """Return the name in `lang`, falling back to English."""
        return self.name.get(lang) or self.name["en"]

    def localized_helps_with(self, lang: str) -> str:
        """Return what it helps with in `lang`, falling back to English."""
        return self.helps_with.get(lang) or self.helps_with["en"]


def first_serving(
    organisations: Iterable[Organisation], countries: Iterable[str], topic: str | None
) -> Organisation | None:
    """Return the first organisation serving the first country it can, with the topic."""
    listed = list(organisations)
    for country in countries:
        for organisation in listed:
            if organisation.serves(country, topic):
                return organisation
    return None
