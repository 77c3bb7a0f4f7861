"""Fixtures for dialogue tests: the real content, the real NLU and SQL stores."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from api.db.session import Database
from api.stores import sql_ports
from bot.engine import Engine
from bot.knowledge import KnowledgeBase, load_knowledge
from nlu import NLUPipeline, create_pipeline
from tests.bot.dialogue import Chat
from tests.conftest import CONTENT_DIR

MakeChat = Callable[..., Chat]


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    """The curated content of the repository."""
    return load_knowledge(CONTENT_DIR)


@pytest.fixture(scope="session")
def nlu_pipeline(knowledge: KnowledgeBase) -> NLUPipeline:
    """The builtin NLU over the content's FAQ entries (trained once, then cached)."""
    return create_pipeline(faq_documents=knowledge.faq_documents())


@pytest.fixture
async def chat_db(sqlite_url: str) -> AsyncIterator[Database]:
    """A fresh SQLite database for one dialogue."""
    database = Database(sqlite_url)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
def engine(chat_db: Database, knowledge: KnowledgeBase, nlu_pipeline: NLUPipeline) -> Engine:
    """The dialogue engine over SQL stores, the real content and the real NLU."""
    return Engine(knowledge=lambda: knowledge, nlu=lambda: nlu_pipeline, ports=sql_ports(chat_db))


@pytest.fixture
def make_chat(engine: Engine) -> MakeChat:
    """Start a conversation: `make_chat(hint="fr", user_id="...")`."""

    def factory(**kwargs: object) -> Chat:
        return Chat(engine=engine, **kwargs)  # type: ignore[arg-type]

    return factory
