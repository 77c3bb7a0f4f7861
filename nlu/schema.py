"""Label sets and the result types every NLU backend returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

INTENTS: tuple[str, ...] = (
    "greet",
    "goodbye",
    "thanks",
    "visa_info",
    "family_reunification",
    "sponsorship",
    "protection_risk",
    "pre_departure",
    "human_handoff",
    "emergency",
    "change_language",
    "out_of_scope",
)
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "ne")
TOPIC_INTENTS: frozenset[str] = frozenset(
    {"visa_info", "family_reunification", "sponsorship", "protection_risk", "pre_departure"}
)
FALLBACK_INTENT = "out_of_scope"
EMERGENCY_INTENT = "emergency"


@dataclass(frozen=True)
class FaqDocument:
    """One published FAQ entry as the retrieval index sees it."""

    id: str
    topic: str
    countries: frozenset[str] = frozenset()
    texts: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class FaqMatch:
    """An FAQ entry ranked for a message, with its retrieval score."""

    id: str
    score: float


@dataclass(frozen=True)
class CountryMention:
    """A country named in a message, with its character offsets in the original text."""

    code: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Analysis:
    """Everything the NLU understood of one message."""

    text: str
    language: str
    intent: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]
    countries: tuple[CountryMention, ...] = ()
    faq_candidates: tuple[FaqMatch, ...] = ()
    faq_threshold: float = 1.0
    extractor: str = "PathwaysCountryExtractor"
    # Whether the retrieval serves the best candidate (None: it clears `faq_threshold`).
    faq_accepted: bool | None = None

    @property
    def faq(self) -> FaqMatch | None:
        """Return the best FAQ candidate if it clears the threshold (or the margin rule)."""
        if not self.faq_candidates:
            return None
        if self.faq_accepted is None:
            accepted = self.faq_candidates[0].score >= self.faq_threshold
        else:
            accepted = self.faq_accepted
        return self.faq_candidates[0] if accepted else None

    @property
    def country_codes(self) -> tuple[str, ...]:
        """Return the distinct country codes named, in order of appearance."""
        return tuple(dict.fromkeys(m.code for m in self.countries))

    def to_rasa(self) -> dict[str, Any]:
        """Return the DESIGN.md parse shape (Rasa's /model/parse plus language and faq)."""
        result: dict[str, Any] = {
            "text": self.text,
            "language": self.language,
            "intent": {"name": self.intent, "confidence": round(self.confidence, 4)},
            "intent_ranking": [
                {"name": name, "confidence": round(score, 4)} for name, score in self.ranking
            ],
            "entities": [
                {
                    "entity": "country",
                    "value": m.code,
                    "start": m.start,
                    "end": m.end,
                    "extractor": self.extractor,
                }
                for m in self.countries
            ],
        }
        best = self.faq
        if best is not None:
            result["faq"] = {"id": best.id, "score": round(best.score, 4)}
        return result


class NLUPipeline(Protocol):
    """What the dialogue needs from any NLU backend."""

    async def analyse(self, text: str, *, lang: str | None = None) -> Analysis:
        """Understand one message; `lang` (a stored choice) overrides detection."""
        ...

    def set_faq_documents(self, docs: Sequence[FaqDocument]) -> None:
        """Replace the FAQ entries retrieval ranks (content was republished)."""
        ...

    async def aclose(self) -> None:
        """Release network clients, if any."""
        ...
