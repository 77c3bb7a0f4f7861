"""Evaluate a pipeline on labelled rows (dev.jsonl shape) and format the report."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from nlu.errors import InvalidInputError
from nlu.schema import EMERGENCY_INTENT, INTENTS, LANGUAGES, NLUPipeline


@dataclass
class Ratio:
    """A count of successes out of a total."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        """Count one more case."""
        self.correct += int(ok)
        self.total += 1

    @property
    def value(self) -> float | None:
        """Return the ratio, or None when nothing was counted."""
        return self.correct / self.total if self.total else None


@dataclass
class EvalReport:
    """Every figure `pathways nlu eval` prints."""

    intent: Ratio = field(default_factory=Ratio)
    per_language: dict[str, Ratio] = field(default_factory=dict)
    per_intent: dict[str, dict[str, float]] = field(default_factory=dict)
    macro_f1: float = 0.0
    emergency_recall: Ratio = field(default_factory=Ratio)
    protection_risk_recall: Ratio = field(default_factory=Ratio)
    country: Ratio = field(default_factory=Ratio)
    language: Ratio = field(default_factory=Ratio)
    romanized: Ratio = field(default_factory=Ratio)
    romanized_language: Ratio = field(default_factory=Ratio)
    faq_top1: Ratio = field(default_factory=Ratio)
    faq_top3: Ratio = field(default_factory=Ratio)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-serialisable data."""
        data = asdict(self)
        for name, value in vars(self).items():
            if isinstance(value, Ratio):
                data[name] = {**asdict(value), "value": value.value}
        data["per_language"] = {
            k: {**asdict(v), "value": v.value} for k, v in self.per_language.items()
        }
        data["confusions"] = [
            {"gold": g, "predicted": p, "count": n} for g, p, n in self.confusions
        ]
        return data


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Read a JSON-lines file of labelled rows (text, lang, intent, optional country/faq)."""
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InvalidInputError(f"{path}:{number}: not JSON ({err.msg})") from err
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InvalidInputError(f'{path}:{number}: a row needs a "text" string')
        rows.append(row)
    return rows


async def evaluate(
    pipeline: NLUPipeline, rows: Iterable[Mapping[str, Any]], *, max_errors: int = 200
) -> EvalReport:
    """Run every row through the pipeline (language detected, not given) and score it."""
    report = EvalReport()
    confusions: Counter[tuple[str, str]] = Counter()
    gold_counts: Counter[str] = Counter()
    predicted_counts: Counter[str] = Counter()
    true_positives: Counter[str] = Counter()
    for row in rows:
        analysis = await pipeline.analyse(str(row["text"]))
        gold_lang = row.get("lang")
        gold = row.get("intent")
        if gold is not None:
            ok = analysis.intent == gold
            report.intent.add(ok)
            group = f"{gold_lang}_latn" if row.get("script") == "latn" else str(gold_lang)
            report.per_language.setdefault(group, Ratio()).add(ok)
            gold_counts[gold] += 1
            predicted_counts[analysis.intent] += 1
            true_positives[gold] += int(ok)
            if gold == EMERGENCY_INTENT:
                report.emergency_recall.add(ok)
            if gold == "protection_risk":
                report.protection_risk_recall.add(ok)
            if row.get("script") == "latn":
                report.romanized.add(ok)
            if not ok:
                confusions[(gold, analysis.intent)] += 1
                if len(report.errors) < max_errors:
                    report.errors.append(
                        {
                            "text": row["text"],
                            "lang": gold_lang,
                            "gold": gold,
                            "predicted": analysis.intent,
                            "confidence": round(analysis.confidence, 3),
                        }
                    )
        if gold_lang is not None:
            report.language.add(analysis.language == gold_lang)
            if row.get("script") == "latn":
                report.romanized_language.add(analysis.language == gold_lang)
        expected = row.get("country") or row.get("countries")
        if expected:
            wanted = {expected} if isinstance(expected, str) else set(expected)
            report.country.add(wanted <= set(analysis.country_codes))
        if "faq" in row:
            ids = [c.id for c in analysis.faq_candidates]
            if row["faq"] is None:
                report.faq_top1.add(analysis.faq is None)
            else:
                report.faq_top1.add(analysis.faq is not None and analysis.faq.id == row["faq"])
                report.faq_top3.add(row["faq"] in ids)
    report.per_intent, report.macro_f1 = _per_intent(gold_counts, predicted_counts, true_positives)
    report.confusions = [(g, p, n) for (g, p), n in confusions.most_common(15)]
    return report


def _per_intent(
    gold: Counter[str], predicted: Counter[str], hits: Counter[str]
) -> tuple[dict[str, dict[str, float]], float]:
    """Return precision/recall/F1/support per intent and the macro-F1 over intents present."""
    table: dict[str, dict[str, float]] = {}
    for intent in INTENTS:
        if not gold[intent] and not predicted[intent]:
            continue
        precision = hits[intent] / predicted[intent] if predicted[intent] else 0.0
        recall = hits[intent] / gold[intent] if gold[intent] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[intent] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": float(gold[intent]),
        }
    present = [v["f1"] for k, v in table.items() if gold[k]]
    return table, sum(present) / len(present) if present else 0.0


def _fmt(ratio: Ratio) -> str:
    """Format a ratio as '0.953 (143/150)' or 'n/a'."""
    if ratio.value is None:
        return "n/a"
    return f"{ratio.value:.3f} ({ratio.correct}/{ratio.total})"


def format_report(report: EvalReport) -> str:
    """Return the report as an aligned plain-text table."""
    lines = [
        f"intent accuracy          {_fmt(report.intent)}",
        f"macro-F1                 {report.macro_f1:.3f}",
        f"emergency recall         {_fmt(report.emergency_recall)}",
        f"protection_risk recall   {_fmt(report.protection_risk_recall)}",
        f"country accuracy         {_fmt(report.country)}",
        f"language accuracy        {_fmt(report.language)}",
        f"romanized Nepali intent  {_fmt(report.romanized)}",
        f"romanized Nepali lang    {_fmt(report.romanized_language)}",
        f"FAQ top-1                {_fmt(report.faq_top1)}",
        f"FAQ top-3                {_fmt(report.faq_top3)}",
        "",
        "per language",
    ]
    order = [*LANGUAGES, *sorted(set(report.per_language) - set(LANGUAGES))]
    lines += [
        f"  {lang:<8} {_fmt(report.per_language[lang])}"
        for lang in order
        if lang in report.per_language
    ]
    lines += ["", f"  {'intent':<22} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}"]
    for intent, row in report.per_intent.items():
        lines.append(
            f"  {intent:<22} {row['precision']:>6.3f} {row['recall']:>6.3f} "
            f"{row['f1']:>6.3f} {int(row['support']):>5}"
        )
    if report.confusions:
        lines += ["", "most frequent confusions (gold -> predicted)"]
        lines += [f"  {n:>4}  {g} -> {p}" for g, p, n in report.confusions]
    return "\n".join(lines)
