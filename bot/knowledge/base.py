"""The in-memory knowledge base the dialogue answers from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bot.knowledge.model import LANGUAGES, TOPICS, FaqEntry, Helplines

if TYPE_CHECKING:
    from nlu import FaqDocument


@dataclass
class KnowledgeBase:
    """FAQ entries by id plus the helplines."""

    entries: dict[str, FaqEntry] = field(default_factory=dict)
    helplines: Helplines = field(default_factory=lambda: Helplines(reviewed=date.today()))

    @classmethod
    def of(cls, entries: Iterable[FaqEntry], helplines: Helplines) -> KnowledgeBase:
        """Build a knowledge base from entries and helplines."""
        return cls(entries={entry.id: entry for entry in entries}, helplines=helplines)

    def published(self) -> list[FaqEntry]:
        """Return the published entries, ordered by id."""
        return [e for _, e in sorted(self.entries.items()) if e.status == "published"]

    def get(self, entry_id: str) -> FaqEntry | None:
        """Return a published entry by id."""
        entry = self.entries.get(entry_id)
        return entry if entry is not None and entry.status == "published" else None

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
        """Summarise the content: counts per topic and language, helplines, stale entries."""
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
        }
