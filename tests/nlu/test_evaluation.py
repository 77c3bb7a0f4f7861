"""`nlu eval` figures on a handful of rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nlu import InvalidInputError
from nlu.evaluation import evaluate, format_report, read_rows
from nlu.pipeline import BuiltinPipeline

ROWS: list[dict[str, Any]] = [
    {"text": "hello", "lang": "en", "intent": "greet"},
    {
        "text": "quel visa pour travailler au Canada",
        "lang": "fr",
        "intent": "visa_info",
        "country": "CA",
    },
    {"text": "they locked me in the room, help", "lang": "en", "intent": "emergency"},
    {
        "text": "malai qatar jana visa chahiyo",
        "lang": "ne",
        "intent": "visa_info",
        "script": "latn",
        "countries": ["QA"],
    },
    {
        "text": "what should I pack before I leave",
        "lang": "en",
        "intent": "pre_departure",
        "faq": "what-to-pack",
    },
    {"text": "tell me a joke", "lang": "en", "intent": "greet", "faq": None},
]


async def test_figures(pipeline: BuiltinPipeline) -> None:
    report = await evaluate(pipeline, ROWS)
    assert (report.intent.correct, report.intent.total) == (5, 6)
    assert report.per_language["en"].total == 4
    assert report.per_language["ne_latn"].value == 1.0
    assert report.emergency_recall.value == 1.0
    assert report.country.value == 1.0 and report.country.total == 2
    assert report.language.value == 1.0
    assert report.romanized.value == 1.0
    assert report.faq_top1.total == 2 and report.faq_top3.total == 1
    assert report.confusions == [("greet", "out_of_scope", 1)]
    assert report.errors[0]["text"] == "tell me a joke"
    assert 0 < report.macro_f1 <= 1
    text = format_report(report)
    assert "intent accuracy          0.833 (5/6)" in text
    assert "greet -> out_of_scope" in text
    json.dumps(report.to_dict())


def test_read_rows_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "hi", "intent": "greet"}\n\n{"intent": "greet"}\n', encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"rows\.jsonl:3"):
        read_rows(path)
