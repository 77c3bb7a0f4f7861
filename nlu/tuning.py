"""Cross-validate the builtin classifier on nlu/data to choose its thresholds.

Run `python -m nlu.tuning` (add `--c 5 10 20` to compare regularisation). Folds are stratified
by (language, intent); no evaluation file is read, so the held-out sets stay held out.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from nlu.danger import DangerLexicon
from nlu.intent import IntentClassifier, IntentSettings, decide
from nlu.pipeline import BuiltinPipeline
from nlu.schema import EMERGENCY_INTENT, FaqDocument
from nlu.training_data import Example, load_training_data


def folds(examples: Sequence[Example], k: int, seed: int = 7) -> list[list[int]]:
    """Split example indices into k folds, stratified by (language, romanized, intent)."""
    groups: dict[tuple[str, bool, str], list[int]] = {}
    for index, example in enumerate(examples):
        groups.setdefault((example.language, example.romanized, example.intent), []).append(index)
    result: list[list[int]] = [[] for _ in range(k)]
    rng = random.Random(seed)
    for members in groups.values():
        rng.shuffle(members)
        for position, index in enumerate(members):
            result[position % k].append(index)
    return result


def out_of_fold(
    examples: Sequence[Example], settings: IntentSettings, k: int
) -> list[dict[str, float]]:
    """Return each example's intent probabilities from a model that did not see it."""
    probabilities: list[dict[str, float]] = [{} for _ in examples]
    for fold in folds(examples, k):
        held = set(fold)
        model = IntentClassifier.train(
            [e for i, e in enumerate(examples) if i not in held], settings
        )
        for index in fold:
            probabilities[index] = model.probabilities(examples[index].text)
    return probabilities


def score(
    examples: Sequence[Example],
    probabilities: Sequence[dict[str, float]],
    lexicon: DangerLexicon,
    settings: IntentSettings,
) -> dict[str, float]:
    """Return accuracy, emergency recall, false alarms and the worst language for settings."""
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    emergencies = found = false_alarms = 0
    for example, probs in zip(examples, probabilities, strict=True):
        predicted = decide(probs, lexicon.score(example.text), settings).intent
        group = example.language + ("_latn" if example.romanized else "")
        totals[group] += 1
        hits[group] += predicted == example.intent
        if example.intent == EMERGENCY_INTENT:
            emergencies += 1
            found += predicted == EMERGENCY_INTENT
        elif predicted == EMERGENCY_INTENT:
            false_alarms += 1
    worst = min(hits[g] / totals[g] for g in totals)
    return {
        "accuracy": sum(hits.values()) / sum(totals.values()),
        "worst_language": worst,
        "emergency_recall": found / emergencies if emergencies else 1.0,
        "false_alarms": float(false_alarms),
    }


def short_message_table(
    examples: Sequence[Example],
    probabilities: Sequence[dict[str, float]],
    lexicon: DangerLexicon,
    settings: IntentSettings,
    thresholds: Sequence[float],
) -> list[str]:
    """Format, per short-message emergency threshold, emergencies kept and false alarms."""
    lines = [
        "short-threshold  emergencies-found  false-alarms  (messages of <= "
        f"{settings.short_message_words} words)"
    ]
    short = [
        (example, probs, danger)
        for example, probs in zip(examples, probabilities, strict=True)
        if (danger := lexicon.score(example.text)).words is not None
        and danger.words <= settings.short_message_words
    ]
    emergencies = sum(1 for e, _, _ in short if e.intent == EMERGENCY_INTENT)
    for threshold in thresholds:
        tuned = replace(settings, short_emergency_threshold=threshold)
        found = alarms = 0
        for example, probs, danger in short:
            alarm = decide(probs, danger, tuned).intent == EMERGENCY_INTENT
            found += alarm and example.intent == EMERGENCY_INTENT
            alarms += alarm and example.intent != EMERGENCY_INTENT
        lines.append(f"{threshold:>15.2f}  {found:>8d} of {emergencies:<6d}  {alarms:>12d}")
    return lines


def faq_leave_one_out(
    pipeline: BuiltinPipeline, docs: Sequence[FaqDocument], negatives: Sequence[str]
) -> list[tuple[float, int | None]]:
    """Rank each example phrasing against the index without itself, plus negative messages.

    Returns (best score, rank of the phrasing's own entry: 0 = first, 3 = not in the top 3)
    per phrasing, and (best score, None) per negative message (one no entry should answer).
    """
    pipeline.set_faq_documents(docs)
    index = pipeline.faq_index
    results: list[tuple[float, int | None]] = []
    for doc in docs:
        for language, texts in doc.texts.items():
            for text in list(texts)[1:]:  # the first is the question itself
                analysis = pipeline.analyse_sync(text, lang=language)
                matches = index.rank(
                    text,
                    language=language,
                    intent=analysis.intent,
                    countries=analysis.country_codes,
                    exclude=text,
                )
                ranked = [m.id for m in matches]
                position = ranked.index(doc.id) if doc.id in ranked else 3
                results.append((matches[0].score, position))
    for text in negatives:
        analysis = pipeline.analyse_sync(text)
        best = analysis.faq_candidates[0].score if analysis.faq_candidates else 0.0
        results.append((best, None))
    return results


def faq_threshold_table(
    results: Sequence[tuple[float, int | None]], thresholds: Sequence[float]
) -> list[str]:
    """Format, per threshold, right and wrong answers, and what happens below it."""
    phrasings = [(s, r) for s, r in results if r is not None]
    top3 = sum(1 for _, r in phrasings if r < 3)
    lines = [
        f"top-1 {sum(1 for _, r in phrasings if r == 0) / len(phrasings):.3f}, "
        f"top-3 {top3 / len(phrasings):.3f} of {len(phrasings)} phrasings (leave-one-out)",
        "threshold  answered  right  wrong  precision  offered-in-top3  negatives-answered",
    ]
    for threshold in thresholds:
        right = sum(1 for s, r in phrasings if r == 0 and s >= threshold)
        wrong = sum(1 for s, r in phrasings if r != 0 and s >= threshold)
        below_top3 = sum(1 for s, r in phrasings if s < threshold and r < 3)
        leaked = sum(1 for s, r in results if r is None and s >= threshold)
        precision = right / (right + wrong) if right + wrong else 0.0
        lines.append(
            f"{threshold:>9.2f}  {right + wrong:>8d}  {right:>5d}  {wrong:>5d}  {precision:>9.3f}"
            f"  {below_top3:>15d}  {leaked:>18d}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Print cross-validated figures for a grid of C and thresholds."""
    parser = argparse.ArgumentParser(prog="python -m nlu.tuning")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, nargs="+", default=[IntentSettings().c])
    parser.add_argument("--fallback", type=float, nargs="+", default=[0.2, 0.25, 0.3, 0.35, 0.4])
    parser.add_argument("--emergency", type=float, nargs="+", default=[0.2, 0.25, 0.3, 0.4, 0.5])
    parser.add_argument("--short", type=float, nargs="+", default=[0.5, 0.7, 0.8, 0.9, 0.95])
    args = parser.parse_args(argv)
    examples = load_training_data(args.data_dir)
    lexicon = DangerLexicon.load()
    print(f"{len(examples)} examples, {args.folds} folds")
    print("     C  fallback  emergency  accuracy  worst-lang  emerg-recall  false-alarms")
    for c in args.c:
        base = replace(IntentSettings(), c=c)
        probabilities = out_of_fold(examples, base, args.folds)
        for fallback in args.fallback:
            for emergency in args.emergency:
                settings = replace(
                    base, fallback_threshold=fallback, emergency_threshold=emergency
                )
                figures = score(examples, probabilities, lexicon, settings)
                print(
                    f"{c:>6g}  {fallback:>8.2f}  {emergency:>9.2f}  {figures['accuracy']:>8.4f}"
                    f"  {figures['worst_language']:>10.4f}  {figures['emergency_recall']:>12.4f}"
                    f"  {int(figures['false_alarms']):>12d}"
                )
        print("\n".join(short_message_table(examples, probabilities, lexicon, base, args.short)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
