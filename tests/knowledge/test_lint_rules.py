"""The linter catches what would make an entry unsafe to publish."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.lint import lint_content


def _entry(**overrides: Any) -> dict[str, Any]:
    text = {
        "question": "Is this a question?",
        "answer": "Call the official line and check https://www.gov.uk/check-uk-visa today.",
        "examples": ["a question"],
    }
    entry: dict[str, Any] = {
        "id": "sample-entry",
        "topic": "visa_info",
        "countries": ["GB"],
        "status": "published",
        "reviewed": date(2026, 1, 1),
        "review_by": date(2030, 1, 1),
        "sources": [{"title": "GOV.UK", "url": "https://www.gov.uk/check-uk-visa"}],
        "translations": {lang: dict(text) for lang in ("en", "fr", "es", "ar", "ne")},
    }
    entry.update(overrides)
    return entry


def _write(tmp_path: Path, entry: dict[str, Any], name: str | None = None) -> Path:
    (tmp_path / "faq").mkdir(exist_ok=True)
    path = tmp_path / "faq" / f"{name or entry['id']}.yaml"
    path.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    helplines = {
        "reviewed": "2026-01-01",
        "international": [
            {
                "id": "iom",
                "kind": "other",
                "url": "https://www.iom.int/counter-trafficking",
                "name": dict.fromkeys(("en", "fr", "es", "ar", "ne"), "IOM"),
                "operator": dict.fromkeys(("en", "fr", "es", "ar", "ne"), "IOM"),
                "source": {"title": "IOM", "url": "https://www.iom.int/counter-trafficking"},
                "checked": "2026-05-01",
            }
        ],
    }
    (tmp_path / "helplines.yaml").write_text(yaml.safe_dump(helplines), encoding="utf-8")
    return path


def test_a_helpline_operator_missing_a_language_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, _entry())
    path = tmp_path / "helplines.yaml"
    helplines = yaml.safe_load(path.read_text(encoding="utf-8"))
    del helplines["international"][0]["operator"]["ne"]
    path.write_text(yaml.safe_dump(helplines), encoding="utf-8")
    assert any("iom: operator missing in ['ne']" in m for m in _messages(tmp_path))


def _messages(tmp_path: Path, level: str = "error") -> list[str]:
    return [p.message for p in lint_content(tmp_path, today=date(2026, 6, 1)) if p.level == level]


def test_a_clean_entry_passes(tmp_path: Path) -> None:
    _write(tmp_path, _entry())
    assert _messages(tmp_path) == []


def test_missing_language_is_an_error(tmp_path: Path) -> None:
    entry = _entry()
    del entry["translations"]["ne"]
    _write(tmp_path, entry)
    assert any("missing translations: ne" in m for m in _messages(tmp_path))


def test_a_translation_with_another_number_or_url_is_an_error(tmp_path: Path) -> None:
    entry = _entry()
    entry["translations"]["fr"]["answer"] = "Appelez le 0800 123 et voyez https://fake.example.com"
    _write(tmp_path, entry)
    messages = _messages(tmp_path)
    assert any("fr: URLs differ" in m for m in messages)
    assert any("fr: numbers differ" in m for m in messages)


def test_devanagari_and_arabic_digits_count_as_the_same_number(tmp_path: Path) -> None:
    entry = _entry()
    base = "See https://www.gov.uk/check-uk-visa for 90 days."
    entry["translations"]["en"]["answer"] = base
    entry["translations"]["fr"]["answer"] = base
    entry["translations"]["es"]["answer"] = base
    entry["translations"]["ar"]["answer"] = "انظر https://www.gov.uk/check-uk-visa لمدة ٩٠ يوما."
    entry["translations"]["ne"]["answer"] = "हेर्नुहोस् https://www.gov.uk/check-uk-visa ९० दिन।"
    _write(tmp_path, entry)
    assert _messages(tmp_path) == []


def test_http_source_wrong_topic_and_bad_country_are_errors(tmp_path: Path) -> None:
    entry = _entry(
        topic="weather",
        countries=["XX"],
        sources=[{"title": "Plain", "url": "http://www.gov.uk/x"}],
    )
    _write(tmp_path, entry)
    messages = " ".join(_messages(tmp_path))
    assert "https://" in messages
    assert "topic" in messages
    assert "XX" in messages


def test_id_must_match_file_name_and_be_unique(tmp_path: Path) -> None:
    _write(tmp_path, _entry())
    _write(tmp_path, _entry(), name="other-name")
    messages = _messages(tmp_path)
    assert any("differs from file name" in m for m in messages)
    assert any("duplicate id sample-entry" in m for m in messages)


def test_past_review_date_is_a_warning_naming_the_entry(tmp_path: Path) -> None:
    _write(tmp_path, _entry(review_by=date(2026, 2, 1)))
    assert _messages(tmp_path) == []
    problems = [p for p in lint_content(tmp_path, today=date(2026, 6, 1)) if p.level == "warning"]
    assert len(problems) == 1
    assert "sample-entry" in problems[0].where
    assert "stale" in problems[0].message


def test_overlong_answer_is_an_error(tmp_path: Path) -> None:
    entry = _entry()
    entry["translations"]["es"]["answer"] = "a" * 5000
    _write(tmp_path, entry)
    assert any("4096" in m for m in _messages(tmp_path))


def test_a_helpline_checked_in_the_future_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, _entry())
    path = tmp_path / "helplines.yaml"
    helplines = yaml.safe_load(path.read_text(encoding="utf-8"))
    helplines["international"][0]["checked"] = "2026-07-01"
    path.write_text(yaml.safe_dump(helplines), encoding="utf-8")
    assert any("iom: checked date is in the future" in m for m in _messages(tmp_path))


def test_a_helpline_without_a_checked_date_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, _entry())
    path = tmp_path / "helplines.yaml"
    helplines = yaml.safe_load(path.read_text(encoding="utf-8"))
    del helplines["international"][0]["checked"]
    path.write_text(yaml.safe_dump(helplines), encoding="utf-8")
    assert any("checked" in m for m in _messages(tmp_path))


def _with_country_line(tmp_path: Path, **overrides: Any) -> None:
    _write(tmp_path, _entry())
    path = tmp_path / "helplines.yaml"
    helplines = yaml.safe_load(path.read_text(encoding="utf-8"))
    embassy = {
        **helplines["international"][0],
        "id": "qa-nepal-embassy",
        "kind": "embassy",
        "nationals": ["NP"],
        "url": "https://qa.nepalembassy.gov.np",
    }
    embassy.update(overrides)
    helplines["countries"] = {"QA": [embassy]}
    path.write_text(yaml.safe_dump(helplines), encoding="utf-8")


def test_an_embassy_line_with_only_a_url_passes(tmp_path: Path) -> None:
    _with_country_line(tmp_path)
    assert _messages(tmp_path) == []


def test_an_embassy_must_say_whose_nationals_it_serves(tmp_path: Path) -> None:
    _with_country_line(tmp_path, nationals=None)
    assert any("an embassy needs 'nationals'" in m for m in _messages(tmp_path))


def test_an_unknown_helpline_kind_is_an_error(tmp_path: Path) -> None:
    _with_country_line(tmp_path, kind="consulate")
    assert any("kind" in m for m in _messages(tmp_path))
