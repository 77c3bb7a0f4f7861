"""The curated knowledge base: schema, YAML files, lint and the in-memory view."""

from pathlib import Path

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.directory import Organisation
from bot.knowledge.model import LANGUAGES, TOPICS, FaqEntry, Helpline, Helplines, Source
from bot.knowledge.notices import Notice
from bot.knowledge.yaml_io import load_directory, load_entries, load_helplines, load_notices


def load_knowledge(content_dir: Path) -> KnowledgeBase:
    """Load the knowledge base from a content/ directory."""
    return KnowledgeBase.of(
        load_entries(content_dir),
        load_helplines(content_dir),
        load_notices(content_dir),
        load_directory(content_dir),
    )


__all__ = [
    "LANGUAGES",
    "TOPICS",
    "FaqEntry",
    "Helpline",
    "Helplines",
    "KnowledgeBase",
    "Notice",
    "Organisation",
    "Source",
    "load_knowledge",
]
