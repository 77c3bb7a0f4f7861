"""Language detection: script first, then character n-grams and cue words for Latin script."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml

from nlu.errors import ModelError, TrainingDataError
from nlu.fast_features import CompiledVectorizer, release_vocabulary
from nlu.schema import LANGUAGES
from nlu.text import analyzer_text, normalize, script_counts, tokens
from nlu.training_data import Example

if TYPE_CHECKING:  # scikit-learn is imported to train only: a loaded model does not need it
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB

CUES_FILE = Path(__file__).resolve().parent / "language_cues.yml"
DEFAULT_LANGUAGE = "en"
LATIN_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ne")
# Weight of the mean n-gram log-likelihood against one cue word (chosen by cross-validation
# on the Latin-script training examples).
_EVIDENCE_SCALE = 10.0


@dataclass(frozen=True)
class LanguagePrediction:
    """The detected language and how sure the detector is (0..1)."""

    language: str
    confidence: float


# Arabizi: a Latin-letter word with a digit standing for an Arabic letter (3ayez, wra9, m3a,
# 7ta), not an ordinal, an amount or a form name (2nd, 3000, i-130, h2a).
_ARABIZI_DIGIT_RE = re.compile(r"^(?:[a-z]+[235679][a-z]*|[235679][a-z]{2,})$")
_ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th|er|e|eme|o|a|k|m)$")
# Arabizi evidence (digit-letters count one each, cue words one each) that makes it Arabic.
_ARABIZI_EVIDENCE = 2


def load_arabizi(path: Path = CUES_FILE) -> frozenset[str]:
    """Read the Arabizi cue words (Arabic written in Latin letters) of the cue file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise TrainingDataError(f"cannot read {path}: {err}") from err
    return frozenset(
        token for word in data.get("arabizi") or [] for token in tokens(normalize(str(word)))
    )


def arabizi_evidence(text: str, words: frozenset[str]) -> int:
    """Return how many words of a Latin-script message look like Arabizi."""
    found = 0
    for token in tokens(normalize(text)):
        if token in words or (
            _ARABIZI_DIGIT_RE.match(token)
            and not _ORDINAL_RE.match(token)
            and sum(c.isalpha() for c in token) >= 3
        ):
            found += 1
    return found


def load_cues(path: Path = CUES_FILE) -> tuple[dict[str, str], float]:
    """Read the cue-word file and return {word: language} (shared words dropped) and weight."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise TrainingDataError(f"cannot read {path}: {err}") from err
    owners: dict[str, set[str]] = {}
    for language, words in (data.get("cues") or {}).items():
        if language not in LANGUAGES:
            raise TrainingDataError(f"{path.name}: unknown language {language!r}")
        for word in words or []:
            for token in tokens(normalize(str(word))):
                owners.setdefault(token, set()).add(language)
    cues = {word: next(iter(langs)) for word, langs in owners.items() if len(langs) == 1}
    return cues, float(data.get("weight", 2.0))


def _vectorizer() -> CountVectorizer:
    """Return the character n-gram counter the Latin-script model reads."""
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        analyzer="char_wb", ngram_range=(1, 4), preprocessor=analyzer_text, lowercase=False
    )


class LanguageDetector:
    """Detect en, fr, es, ar and ne (Devanagari or romanized) in short messages."""

    def __init__(
        self,
        vectorizer: CountVectorizer,
        model: MultinomialNB,
        cues: Mapping[str, str],
        cue_weight: float,
    ) -> None:
        self._features = CompiledVectorizer(vectorizer)
        release_vocabulary(vectorizer)
        # Rows are n-grams, columns languages: a message gathers only its own rows.
        self._log_prob = np.ascontiguousarray(np.asarray(model.feature_log_prob_).T)
        self._prior = np.asarray(model.class_log_prior_)
        self._classes: list[str] = [str(c) for c in model.classes_]
        self._cues = dict(cues)
        self._cue_weight = cue_weight
        self._arabizi = load_arabizi()

    @classmethod
    def train(cls, examples: Sequence[Example], cues_file: Path = CUES_FILE) -> LanguageDetector:
        """Fit the Latin-script model on the training examples plus the cue words."""
        cues, weight = load_cues(cues_file)
        texts: list[str] = []
        labels: list[str] = []
        for example in examples:
            counts = script_counts(example.text)
            if example.language in LATIN_LANGUAGES and counts["latin"] > max(
                counts["arabic"], counts["devanagari"]
            ):
                texts.append(example.text)
                labels.append(example.language)
        for word, language in cues.items():
            texts.append(word)
            labels.append(language)
        if len(set(labels)) < 2:
            raise ModelError("language detection needs Latin-script data in two languages")
        from sklearn.naive_bayes import MultinomialNB

        vectorizer = _vectorizer()
        model = MultinomialNB(alpha=0.1)
        model.fit(vectorizer.fit_transform(texts), labels)
        return cls(vectorizer, model, cues, weight)

    def detect(self, text: str) -> LanguagePrediction:
        """Return the most likely language of `text` with a confidence."""
        counts = script_counts(text)
        total = sum(counts.values())
        if total == 0:
            return LanguagePrediction(DEFAULT_LANGUAGE, 0.0)
        if counts["arabic"] >= max(counts["latin"], counts["devanagari"]):
            return LanguagePrediction("ar", counts["arabic"] / total)
        if counts["devanagari"] >= counts["latin"]:
            return LanguagePrediction("ne", counts["devanagari"] / total)
        if arabizi_evidence(text, self._arabizi) >= _ARABIZI_EVIDENCE:
            # Arabic in Latin letters: answered in Arabic, retrieved through its glosses.
            return LanguagePrediction("ar", counts["latin"] / total)
        scores = self._latin_scores(text)
        best = max(scores, key=scores.__getitem__)
        return LanguagePrediction(best, scores[best] * counts["latin"] / total)

    def _latin_scores(self, text: str) -> dict[str, float]:
        """Combine n-gram evidence with cue-word votes into probabilities."""
        index, counts = self._features.features(text)
        # The mean log-likelihood per n-gram (scaled) rather than the sum: summed over
        # correlated n-grams, naive Bayes is wildly overconfident and a single proper noun
        # ("canada") would outvote the words that carry the language.
        evidence = counts @ self._log_prob[index] / max(1.0, float(counts.sum()))
        logits = dict(zip(self._classes, evidence * _EVIDENCE_SCALE + self._prior, strict=True))
        for word in tokens(normalize(text)):
            owner = self._cues.get(word)
            if owner in logits:
                logits[owner] += self._cue_weight
        peak = max(logits.values())
        exp = {lang: math.exp(value - peak) for lang, value in logits.items()}
        total = sum(exp.values())
        return {lang: value / total for lang, value in exp.items()}

    def classes(self) -> tuple[str, ...]:
        """Return the Latin-script languages the model knows."""
        return tuple(self._classes)
