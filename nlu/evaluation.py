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
class GroupReport:
    """The figures of one language or variety."""

    intent: Ratio = field(default_factory=Ratio)
    emergency_recall: Ratio = field(default_factory=Ratio)
    false_alarms: Ratio = field(default_factory=Ratio)
    protection_risk_recall: Ratio = field(default_factory=Ratio)
    faq_right: Ratio = field(default_factory=Ratio)
    faq_wrong: Ratio = field(default_factory=Ratio)
    faq_abstain: Ratio = field(default_factory=Ratio)
    faq_false_answer: Ratio = field(default_factory=Ratio)

    def to_dict(self) -> dict[str, Any]:
        """Return every ratio with its value."""
        return {name: _ratio_dict(value) for name, value in vars(self).items()}


def _ratio_dict(ratio: Ratio) -> dict[str, Any]:
    """Return a ratio as {correct, total, value}."""
    return {**asdict(ratio), "value": ratio.value}


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
    # Emergency predicted on rows whose gold intent is not emergency (lower is better).
    false_alarms: Ratio = field(default_factory=Ratio)
    # Rows with a `faq` entry id: the served entry is right, another entry, or none (abstain).
    faq_right: Ratio = field(default_factory=Ratio)
    faq_wrong: Ratio = field(default_factory=Ratio)
    faq_abstain: Ratio = field(default_factory=Ratio)
    # Rows with `"faq": null`: an entry was served although none answers (lower is better).
    faq_false_answer: Ratio = field(default_factory=Ratio)
    # The same figures per language group (en, ..., ne_latn) and per `variety` value.
    groups: dict[str, GroupReport] = field(default_factory=dict)
    varieties: dict[str, GroupReport] = field(default_factory=dict)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    faq_errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-serialisable data."""
        data = asdict(self)
        for name, value in vars(self).items():
            if isinstance(value, Ratio):
                data[name] = {**asdict(value), "value": value.value}
        data["per_language"] = {
            k: {**asdict(v), "value": v.value} for k, v in self.per_language.items()
        }
        data["groups"] = {k: v.to_dict() for k, v in self.groups.items()}
        data["varieties"] = {k: v.to_dict() for k, v in self.varieties.items()}
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
        group = f"{gold_lang}_latn" if row.get("script") == "latn" else str(gold_lang)
        targets = [report.groups.setdefault(group, GroupReport())]
        if row.get("variety"):
            targets.append(report.varieties.setdefault(str(row["variety"]), GroupReport()))
        sinks: list[EvalReport | GroupReport] = [report, *targets]
        if gold is not None:
            ok = analysis.intent == gold
            alarm = analysis.intent == EMERGENCY_INTENT
            report.per_language.setdefault(group, Ratio()).add(ok)
            for target in sinks:
                target.intent.add(ok)
                if gold == EMERGENCY_INTENT:
                    target.emergency_recall.add(ok)
                else:
                    target.false_alarms.add(alarm)
                if gold == "protection_risk":
                    target.protection_risk_recall.add(ok)
            gold_counts[gold] += 1
            predicted_counts[analysis.intent] += 1
            true_positives[gold] += int(ok)
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
            served = analysis.faq.id if analysis.faq is not None else None
            if row["faq"] is None:
                report.faq_top1.add(served is None)
                for target in sinks:
                    target.faq_false_answer.add(served is not None)
            else:
                report.faq_top1.add(served == row["faq"])
                report.faq_top3.add(row["faq"] in ids)
                for target in sinks:
                    target.faq_right.add(served == row["faq"])
                    target.faq_wrong.add(served is not None and served != row["faq"])
                    target.faq_abstain.add(served is None)
            if served != row["faq"] and len(report.faq_errors) < max_errors:
                report.faq_errors.append(
                    {"text": row["text"], "lang": gold_lang, "gold": row["faq"], "served": served}
                )
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


def _group_table(title: str, groups: Mapping[str, GroupReport], order: Iterable[str]) -> list[str]:
    """Format one row of figures per language or variety."""
    header = (
        f"  {'':<13} {'n':>4} {'intent':>6} {'emerg':>6} {'alarms':>6} {'prot':>6}"
        f" {'faq-ok':>6} {'wrong':>6} {'abst':>6} {'false':>6}"
    )
    lines = [
        "",
        title + " (emerg = emergency recall, alarms = false-alarm rate, prot = "
        "protection_risk recall; FAQ: right / wrong / abstain, false answers on null rows)",
        header,
    ]
    for name in order:
        group = groups[name]
        cells = [
            group.intent,
            group.emergency_recall,
            group.false_alarms,
            group.protection_risk_recall,
            group.faq_right,
            group.faq_wrong,
            group.faq_abstain,
            group.faq_false_answer,
        ]
        values = "".join(
            f" {cell.value:>6.3f}" if cell.value is not None else f" {'-':>6}" for cell in cells
        )
        total = max(group.intent.total, group.faq_right.total + group.faq_false_answer.total)
        lines.append(f"  {name:<13} {total:>4}{values}")
    return lines


def format_report(report: EvalReport) -> str:
    """Return the report as an aligned plain-text table."""
    lines = [
        f"intent accuracy          {_fmt(report.intent)}",
        f"macro-F1                 {report.macro_f1:.3f}",
        f"emergency recall         {_fmt(report.emergency_recall)}",
        f"false alarms             {_fmt(report.false_alarms)}  (emergency on other rows)",
        f"protection_risk recall   {_fmt(report.protection_risk_recall)}",
        f"country accuracy         {_fmt(report.country)}",
        f"language accuracy        {_fmt(report.language)}",
        f"romanized Nepali intent  {_fmt(report.romanized)}",
        f"romanized Nepali lang    {_fmt(report.romanized_language)}",
        f"FAQ right                {_fmt(report.faq_right)}  (answerable rows)",
        f"FAQ wrong                {_fmt(report.faq_wrong)}",
        f"FAQ abstain              {_fmt(report.faq_abstain)}",
        f"FAQ false answers        {_fmt(report.faq_false_answer)}  (rows with faq: null)",
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
    group_order = [*LANGUAGES, *sorted(set(report.groups) - set(LANGUAGES))]
    lines += _group_table(
        "per language", report.groups, [g for g in group_order if g in report.groups]
    )
    if report.varieties:
        lines += _group_table("per variety", report.varieties, sorted(report.varieties))
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
