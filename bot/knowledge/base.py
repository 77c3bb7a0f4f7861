"""The in-memory knowledge base the dialogue answers from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bot.knowledge.directory import Organisation
from bot.knowledge.model import LANGUAGES, TOPICS, FaqEntry, Helplines
from bot.knowledge.notices import Notice

if TYPE_CHECKING:
    from nlu import FaqDocument


@dataclass
class KnowledgeBase:
    """FAQ entries by id, the helplines, the time-bound notices and the referral directory."""

    entries: dict[str, FaqEntry] = field(default_factory=dict)
    helplines: Helplines = field(default_factory=lambda: Helplines(reviewed=date.today()))
    notices: list[Notice] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        entries: Iterable[FaqEntry],
        helplines: Helplines,
        notices: Iterable[Notice] = (),
        organisations: Iterable[Organisation] = (),
    ) -> KnowledgeBase:
        """Build a knowledge base from entries, helplines, notices and organisations."""
        return cls(
            entries={entry.id: entry for entry in entries},
            helplines=helplines,
            notices=list(notices),
            organisations=list(organisations),
        )

    def published(self) -> list[FaqEntry]:
        """Return the published entries, ordered by id."""
        return [e for _, e in sorted(self.entries.items()) if e.status == "published"]

    def get(self, entry_id: str) -> FaqEntry | None:
        """Return a published entry by id."""
        entry = self.entries.get(entry_id)
        return entry if entry is not None and entry.status == "published" else None

    def notices_for(
        self, *, countries: Iterable[str], topic: str | None, origin: str | None, today: date
    ) -> list[Notice]:
        """Return the active notices that belong above an answer, in file order."""
        wanted = set(countries)
        return [
            n
            for n in self.notices
            if n.applies(countries=wanted, topic=topic, origin=origin, today=today)
        ]

    def published_organisations(self) -> list[Organisation]:
        """Return the published organisations of the directory, in file order."""
        return [o for o in self.organisations if o.status == "published"]

    def faq_documents(self) -> list[FaqDocument]:
        """Turn the published entries into documents for NLU retrieval."""
        from nlu import FaqDocument

        return [
            FaqDocument(
                id=entry.id,
                topic=entry.topic,
                countries=entry.country_set,
                texts={lang: (t.question, *t.examples) for lang, t in entry.translations.items()},
            )
            for entry in self.published()
        ]

    def stats(self, today: date) -> dict[str, object]:
        """Summarise the content: counts per topic and language, helplines, stale, notices."""
        entries = list(self.entries.values())
        by_topic: Counter[str] = Counter(e.topic for e in entries)
        by_language = {
            lang: sum(1 for e in entries if lang in e.translations) for lang in LANGUAGES
        }
        return {
            "entries": len(entries),
            "by_topic": {topic: by_topic.get(topic, 0) for topic in TOPICS},
            "by_language": by_language,
            "helplines": self.helplines.count(),
            "stale": sum(1 for e in entries if e.is_stale(today)),
            "notices": sum(1 for n in self.notices if n.is_active(today)),
            "notices_expired": sum(1 for n in self.notices if n.is_expired(today)),
            "directory": len(self.published_organisations()),
        }
