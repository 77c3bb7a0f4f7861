"""content/ goes into the database and comes back out unchanged, on SQLite and PostgreSQL."""

from __future__ import annotations

import filecmp
from pathlib import Path

from api.content_store import entry_count, import_knowledge, load_knowledge_from_db
from api.db.session import Database
from bot.knowledge import load_knowledge
from bot.knowledge.yaml_io import write_content
from tests.conftest import CONTENT_DIR


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.yaml"))


async def test_import_is_idempotent_and_export_round_trips(db: Database, tmp_path: Path) -> None:
    knowledge = load_knowledge(CONTENT_DIR)
    first = await import_knowledge(db, knowledge)
    assert first.created == len(knowledge.entries) and first.updated == 0
    second = await import_knowledge(db, knowledge)
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == len(knowledge.entries)
    assert await entry_count(db) == len(knowledge.entries)

    exported = await load_knowledge_from_db(db)
    out = tmp_path / "content"
    write_content(
        out,
        list(exported.entries.values()),
        exported.helplines,
        exported.notices,
        exported.organisations,
    )
    assert _files(out) == _files(CONTENT_DIR)
    mismatch = [
        name for name in _files(out) if not filecmp.cmp(out / name, CONTENT_DIR / name, False)
    ]
    assert mismatch == []


async def test_an_edited_answer_is_updated_not_duplicated(db: Database) -> None:
    knowledge = load_knowledge(CONTENT_DIR)
    await import_knowledge(db, knowledge)
    entry = next(iter(knowledge.entries.values()))
    fr = entry.translations["fr"].model_copy(
        update={"answer": entry.translations["fr"].answer + " Merci."}
    )
    changed = entry.model_copy(update={"translations": {**entry.translations, "fr": fr}})
    knowledge.entries[entry.id] = changed
    result = await import_knowledge(db, knowledge)
    assert (result.created, result.updated) == (0, 1)
    reloaded = await load_knowledge_from_db(db)
    assert reloaded.entries[entry.id].translations["fr"].answer.endswith("Merci.")
    assert await entry_count(db) == len(knowledge.entries)
