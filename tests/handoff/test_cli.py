"""`pathways admin create-user` makes the first admin; `pathways purge` applies retention."""

from __future__ import annotations

import asyncio
import io

import pytest

from api import cli
from api.auth import accounts
from api.auth.tokens import BEARER
from api.db.session import Database
from api.handoff.context import HandoffContext
from api.settings import get_settings

CREATE = [
    "admin",
    "create-user",
    "--email",
    "Root@Example.org",
    "--name",
    "Root",
    "--password-stdin",
]


def run(monkeypatch: pytest.MonkeyPatch, args: list[str], stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(args)


def test_create_user_and_purge_commands(
    sqlite_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    make_settings,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    get_settings.cache_clear()
    try:
        assert run(monkeypatch, CREATE, "a long enough secret\n") == 0
        assert "created admin root@example.org" in capsys.readouterr().out
        assert run(monkeypatch, CREATE, "a long enough secret\n") == 1
        assert "exists" in capsys.readouterr().err
        assert run(monkeypatch, [*CREATE[:3], "x@example.org", *CREATE[4:]], "short\n") == 1
        assert "at least 10 characters" in capsys.readouterr().err
        assert run(monkeypatch, ["purge"]) == 0
        assert "purged 0 closed case(s) older than 90 days" in capsys.readouterr().out
    finally:
        get_settings.cache_clear()

    async def sign_in() -> str:
        db = Database(sqlite_url)
        try:
            ctx = HandoffContext(db=db, settings=make_settings(sqlite_url))
            login = await accounts.login(
                ctx, email="root@example.org", password="a long enough secret", kind=BEARER
            )
            return login.user.role
        finally:
            await db.dispose()

    assert asyncio.run(sign_in()) == "admin"
