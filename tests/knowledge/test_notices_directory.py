"""Time-bound notices and the referral directory: schema, matching, lint, stats and storage."""

from __future__ import annotations

import filecmp
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from api.cli import main
from api.content_store import import_knowledge, load_knowledge_from_db
from api.db.session import Database
from bot.knowledge import LANGUAGES, Notice, Organisation, load_knowledge
from bot.knowledge.lint import lint_directory, lint_notices
from bot.knowledge.yaml_io import dump_yaml, notice_to_dict, write_content
from tests.conftest import CONTENT_DIR

TODAY = date(2026, 12, 1)


def notice_data(**overrides: Any) -> dict[str, Any]:
    """A valid notice as it is written in content/notices.yaml."""
    data: dict[str, Any] = {
        "id": "us-sample-pause",
        "status": "published",
        "countries": ["US"],
        "nationalities": ["NP"],
        "topics": ["visa_info", "family_reunification"],
        "starts": date(2026, 1, 21),
        "expires": date(2027, 6, 30),
        "review_by": date(2027, 3, 1),
        "reviewed": date(2026, 12, 1),
        "source": {"title": "Official page", "url": "https://travel.state.gov/sample"},
        "text": {
            lang: f"({lang}) Paused since 2026, see https://travel.state.gov/sample"
            for lang in LANGUAGES
        },
    }
    data.update(overrides)
    return data


def organisation_data(**overrides: Any) -> dict[str, Any]:
    """A valid organisation as it is written in content/directory.yaml."""
    data: dict[str, Any] = {
        "id": "sample-org",
        "status": "published",
        "kind": "ngo",
        "name": dict.fromkeys(LANGUAGES, "Sample"),
        "countries": ["MY"],
        "topics": ["protection_risk"],
        "helps_with": dict.fromkeys(LANGUAGES, "Helps workers who are not paid."),
        "url": "https://example.org",
        "source": {"title": "Its own page", "url": "https://example.org/about"},
        "checked": date(2026, 12, 1),
    }
    data.update(overrides)
    return data


def _write(path: Path, key: str, items: list[dict[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump({key: items}, allow_unicode=True), encoding="utf-8")
    return path


def _errors(problems: list[Any], level: str = "error") -> list[str]:
    return [p.message for p in problems if p.level == level]


@pytest.mark.parametrize(
    ("countries", "topic", "origin", "shown"),
    [
        ({"US"}, "visa_info", "NP", True),
        ({"US"}, "visa_info", None, True),  # origin unknown: better shown than missed
        ({"US"}, "visa_info", "EG", False),  # origin known and not listed
        ({"CA"}, "visa_info", "NP", False),  # another destination
        ({"US"}, "protection_risk", "NP", False),  # another topic
        (set(), "visa_info", "NP", False),  # an answer for everywhere, destination unknown
    ],
)
def test_a_notice_matches_destination_topic_and_origin(
    countries: set[str], topic: str, origin: str | None, shown: bool
) -> None:
    notice = Notice.model_validate(notice_data())
    assert notice.applies(countries=countries, topic=topic, origin=origin, today=TODAY) is shown


def test_a_notice_shows_only_between_its_dates_and_when_published() -> None:
    notice = Notice.model_validate(notice_data())

    def shown(item: Notice, day: date) -> bool:
        return item.applies(countries={"US"}, topic="visa_info", origin="NP", today=day)

    assert not shown(notice, date(2026, 1, 20))
    assert shown(notice, date(2027, 6, 30))
    assert not shown(notice, date(2027, 7, 1))
    assert not shown(Notice.model_validate(notice_data(status="review")), TODAY)
    everywhere = Notice.model_validate(
        notice_data(countries=["all"], nationalities=None, topics=None, expires=None)
    )
    assert everywhere.applies(countries=set(), topic="pre_departure", origin="EG", today=TODAY)


@pytest.mark.parametrize(
    "overrides",
    [
        {"id": "Not An Id"},
        {"countries": ["XX"]},
        {"nationalities": []},
        {"topics": ["weather"]},
        {"source": {"title": "Official page", "url": "http://travel.state.gov/sample"}},
        {"colour": "red"},
    ],
)
def test_the_notice_schema_is_strict(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Notice.model_validate(notice_data(**overrides))


@pytest.mark.parametrize(
    "overrides",
    [
        {"kind": "company"},
        {"countries": ["all"]},
        {"url": "http://example.org"},
        {"phone": "call us"},
        {"languages": ["English"]},
    ],
)
def test_the_organisation_schema_is_strict(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Organisation.model_validate(organisation_data(**overrides))


def test_a_clean_notice_file_passes(tmp_path: Path) -> None:
    path = _write(tmp_path / "notices.yaml", "notices", [notice_data()])
    assert lint_notices(path, TODAY) == []
    assert lint_notices(tmp_path / "absent.yaml", TODAY) == []


def test_notice_lint_errors(tmp_path: Path) -> None:
    missing = notice_data(id="missing-language")
    del missing["text"]["ar"]
    other_number = notice_data(id="other-number")
    other_number["text"]["ne"] = "2027 देखि रोकिएको छ, हेर्नुहोस् https://travel.state.gov/sample"
    backwards = notice_data(id="backwards", starts=date(2026, 8, 1), expires=date(2026, 7, 1))
    items = [missing, other_number, backwards, notice_data(id="backwards")]
    errors = _errors(lint_notices(_write(tmp_path / "notices.yaml", "notices", items), TODAY))
    assert "text missing in ['ar']" in errors
    assert "text.ne: numbers not in en: ['2027']" in errors
    assert "expires is before starts" in errors
    assert "duplicate id backwards" in errors


def test_expired_and_stale_notices_are_listed_for_editors(tmp_path: Path) -> None:
    expired = notice_data(id="expired", expires=date(2026, 11, 30))
    stale = notice_data(id="stale", review_by=date(2026, 11, 30), reviewed=date(2026, 6, 1))
    problems = lint_notices(_write(tmp_path / "n.yaml", "notices", [expired, stale]), TODAY)
    assert _errors(problems) == []
    warnings = [str(p) for p in problems if p.level == "warning"]
    assert any("expired: expired notice, remove or renew" in w for w in warnings)
    assert any("stale: stale: review_by 2026-11-30 passed" in w for w in warnings)


def test_directory_lint_errors(tmp_path: Path) -> None:
    missing = organisation_data(id="missing")
    del missing["helps_with"]["fr"]
    future = organisation_data(id="future", checked=date(2027, 1, 1))
    bad = organisation_data(id="bad", url="http://example.org")
    items = [missing, future, bad]
    errors = _errors(lint_directory(_write(tmp_path / "d.yaml", "organisations", items), TODAY))
    assert "helps_with missing in ['fr']" in errors
    assert "checked date is in the future" in errors
    assert any(e.startswith("url: ") and "https" in e for e in errors)


def test_the_repository_directory_is_clean_and_counted() -> None:
    assert _errors(lint_directory(CONTENT_DIR / "directory.yaml", TODAY), "error") == []
    knowledge = load_knowledge(CONTENT_DIR)
    assert 12 <= len(knowledge.published_organisations()) <= 20
    assert knowledge.stats(TODAY)["directory"] == len(knowledge.published_organisations())


def test_stats_count_active_and_expired_notices() -> None:
    knowledge = load_knowledge(CONTENT_DIR)
    knowledge.notices = [
        Notice.model_validate(notice_data(id="active")),
        Notice.model_validate(notice_data(id="expired", expires=TODAY - timedelta(days=1))),
        Notice.model_validate(notice_data(id="draft", status="draft")),
    ]
    stats = knowledge.stats(TODAY)
    assert (stats["notices"], stats["notices_expired"]) == (1, 1)


def _content_with_notices(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    notices = [
        Notice.model_validate(notice_data()),
        Notice.model_validate(notice_data(id="everyone", countries=["all"], nationalities=None)),
    ]
    text = dump_yaml({"notices": [notice_to_dict(n) for n in notices]})
    (content / "notices.yaml").write_text(text, encoding="utf-8")
    return content


async def test_notices_and_directory_round_trip_through_the_database(
    db: Database, tmp_path: Path
) -> None:
    content = _content_with_notices(tmp_path)
    knowledge = load_knowledge(content)
    first = await import_knowledge(db, knowledge)
    assert (first.notices, first.organisations) == (2, len(knowledge.organisations))
    await import_knowledge(db, knowledge)  # idempotent: replaced, not duplicated
    exported = await load_knowledge_from_db(db)
    assert exported.notices == knowledge.notices
    assert exported.organisations == knowledge.organisations
    out = tmp_path / "out"
    write_content(
        out,
        list(exported.entries.values()),
        exported.helplines,
        exported.notices,
        exported.organisations,
    )
    for name in ("notices.yaml", "directory.yaml"):
        assert filecmp.cmp(out / name, content / name, shallow=False), name


def test_content_format_rewrites_a_hand_written_file_in_the_canonical_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    written = yaml.safe_dump({"notices": [notice_data()]}, allow_unicode=True, sort_keys=True)
    (content / "notices.yaml").write_text(written, encoding="utf-8")
    assert main(["content", "format", "--dir", str(content)]) == 0
    assert "1 file(s) rewritten" in capsys.readouterr().out
    canonical = dump_yaml({"notices": [notice_to_dict(Notice.model_validate(notice_data()))]})
    assert (content / "notices.yaml").read_text(encoding="utf-8") == canonical
    assert main(["content", "format", "--dir", str(content)]) == 0
    assert "0 file(s) rewritten" in capsys.readouterr().out
