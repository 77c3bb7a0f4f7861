"""The curated knowledge base: schema, YAML files, lint and the in-memory view."""

from pathlib import Path

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.model import LANGUAGES, TOPICS, FaqEntry, Helpline, Helplines, Source
from bot.knowledge.yaml_io import load_entries, load_helplines


def load_knowledge(content_dir: Path) -> KnowledgeBase:
    """Load the knowledge base from a content/ directory."""
    return KnowledgeBase.of(load_entries(content_dir), load_helplines(content_dir))


__all__ = [
    "LANGUAGES",
    "TOPICS",
    "FaqEntry",
    "Helpline",
    "Helplines",
    "KnowledgeBase",
    "Source",
    "load_knowledge",
]
