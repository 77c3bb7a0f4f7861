"""Move the knowledge base between content/ YAML files and the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db.content_models import (
    ContentMeta,
    DirectoryOrganisation,
    FaqEntry,
    FaqTranslation,
    Helpline,
    Notice,
)
from api.db.session import Database
from bot.knowledge import FaqEntry as FaqEntryModel
from bot.knowledge import Helplines as HelplinesModel
from bot.knowledge import KnowledgeBase
from bot.knowledge import Notice as NoticeModel
from bot.knowledge import Organisation as OrganisationModel
from bot.knowledge.model import LANGUAGES
from bot.knowledge.yaml_io import entry_to_dict

INTERNATIONAL = "*"


@dataclass(frozen=True)
class ImportResult:
    """What an import changed."""

    created: int
    updated: int
    unchanged: int
    helplines: int
    notices: int = 0
    organisations: int = 0


# The language-independent columns of an entry, the same in the YAML model and the table.
_ENTRY_FIELDS = ("topic", "countries", "status", "reviewed", "review_by", "sources")


def _row_values(entry: FaqEntryModel) -> dict[str, Any]:
    return entry.model_dump(mode="python", include=set(_ENTRY_FIELDS))


def _to_model(row: FaqEntry) -> FaqEntryModel:
    return FaqEntryModel.model_validate(
        {
            "id": row.id,
            **{name: getattr(row, name) for name in _ENTRY_FIELDS},
            "translations": {
                t.lang: {"question": t.question, "answer": t.answer, "examples": t.examples}
                for t in row.translations
            },
        }
    )


def _position(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES)


async def _upsert_entry(session: AsyncSession, entry: FaqEntryModel) -> str:
    row = await session.get(FaqEntry, entry.id)
    if row is not None and entry_to_dict(_to_model(row)) == entry_to_dict(entry):
        return "unchanged"
    if row is None:
        row = FaqEntry(id=entry.id, **_row_values(entry))
        session.add(row)
        outcome = "created"
    else:
        for key, value in _row_values(entry).items():
            setattr(row, key, value)
        outcome = "updated"
    existing = {t.lang: t for t in row.translations}
    for lang, t in entry.translations.items():
        current = existing.pop(lang, None)
        values = {"question": t.question, "answer": t.answer, "examples": list(t.examples)}
        if current is None:
            row.translations.append(FaqTranslation(lang=lang, position=_position(lang), **values))
        elif (current.question, current.answer, current.examples) != tuple(values.values()):
            for key, value in values.items():
                setattr(current, key, value)
    for stale in existing.values():
        row.translations.remove(stale)
    return outcome


async def import_knowledge(db: Database, kb: KnowledgeBase) -> ImportResult:
    """Upsert every entry; replace helplines, notices and directory; keep unchanged rows."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    async with db.transaction() as session:
        for entry in kb.entries.values():
            counts[await _upsert_entry(session, entry)] += 1
        await session.execute(delete(Helpline))
        lines = [(INTERNATIONAL, h) for h in kb.helplines.international] + [
            (country, h) for country, hs in kb.helplines.countries.items() for h in hs
        ]
        for position, (country, line) in enumerate(lines):
            session.add(
                Helpline(
                    id=line.id,
                    country=country,
                    position=position,
                    data=line.model_dump(mode="json", exclude_none=True),
                )
            )
        await session.merge(
            ContentMeta(key="helplines_reviewed", value=kb.helplines.reviewed.isoformat())
        )
        await _replace_rows(session, Notice, kb.notices)
        await _replace_rows(session, DirectoryOrganisation, kb.organisations)
    return ImportResult(
        helplines=len(lines),
        notices=len(kb.notices),
        organisations=len(kb.organisations),
        **counts,
    )


async def _replace_rows(
    session: AsyncSession,
    table: type[Notice] | type[DirectoryOrganisation],
    items: Sequence[NoticeModel | OrganisationModel],
) -> None:
    """Replace a whole-JSON table with `items`, keeping their order."""
    await session.execute(delete(table))
    for position, item in enumerate(items):
        session.add(
            table(
                id=item.id, position=position, data=item.model_dump(mode="json", exclude_none=True)
            )
        )


async def load_knowledge_from_db(db: Database) -> KnowledgeBase:
    """Read the whole knowledge base back from the database."""
    async with db.sessions() as session:
        rows = (await session.scalars(select(FaqEntry).order_by(FaqEntry.id))).all()
        lines = (await session.scalars(select(Helpline).order_by(Helpline.position))).all()
        meta = await session.get(ContentMeta, "helplines_reviewed")
        notices = (await session.scalars(select(Notice).order_by(Notice.position))).all()
        organisations = (
            await session.scalars(
                select(DirectoryOrganisation).order_by(DirectoryOrganisation.position)
            )
        ).all()
    international: list[dict[str, Any]] = []
    countries: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        target = (
            international
            if line.country == INTERNATIONAL
            else countries.setdefault(line.country, [])
        )
        target.append(line.data)
    helplines = HelplinesModel.model_validate(
        {
            "reviewed": date.fromisoformat(meta.value) if meta else date.today(),
            "international": international,
            "countries": countries,
        }
    )
    return KnowledgeBase.of(
        [_to_model(row) for row in rows],
        helplines,
        [NoticeModel.model_validate(row.data) for row in notices],
        [OrganisationModel.model_validate(row.data) for row in organisations],
    )


async def entry_count(db: Database) -> int:
    """Count the FAQ entries in the database."""
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(FaqEntry)) or 0)
