"""The builtin intent classifier: TF-IDF word and character n-grams with a linear SVM."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from nlu.danger import NO_DANGER, DangerScore
from nlu.errors import ModelError
from nlu.fast_features import CompiledUnion, linear_scores, release_vocabulary, softmax
from nlu.schema import EMERGENCY_INTENT, FALLBACK_INTENT, INTENTS
from nlu.text import analyzer_text, tokens
from nlu.training_data import Example

if TYPE_CHECKING:  # scikit-learn is imported to train only: a loaded model does not need it
    from sklearn.pipeline import FeatureUnion
    from sklearn.svm import LinearSVC


@dataclass(frozen=True)
class IntentSettings:
    """Decision thresholds, tuned on held-out folds of the training data (see README)."""

    # Below this top probability the message is out of scope (the ranking is kept).
    fallback_threshold: float = 0.3
    # Emergency wins as soon as its (lexicon-boosted) probability reaches this, even when
    # another intent scores higher: a missed emergency costs far more than a false alarm.
    # 0.35 (2026-12-01): on the tune split false alarms 3.6% -> 3.0% with every emergency
    # kept (also on nlu/eval/*); 5-fold cross-validation on nlu/data: recall 0.9936 -> 0.9928
    # (one more of about 1,250 emergencies missed), false alarms 174 -> 150. 0.4 missed one
    # emergency on the tune split.
    emergency_threshold: float = 0.35
    # A message of at most this many words in which the danger lexicon finds nothing is only
    # an emergency when the model alone is this sure: one or two words are too little evidence
    # for the classifier (a bare "no" shares its few n-grams with "no food", "no me dejan
    # salir"), while short cries ("sos", "auxilio", "bachau") are all in the lexicon.
    short_message_words: int = 2
    short_emergency_threshold: float = 0.9
    # Linear SVM regularisation and the softmax temperature that turns its margins into
    # probabilities (chosen by cross-validated log-loss).
    c: float = 1.0
    temperature: float = 6.0
    # Present-tense freedom ("I can go out", "they pay me") without strong danger left over
    # multiplies the emergency probability by 1 - damping x freedom (never below the floor):
    # a passport kept by an employer while the person is free and paid is a risk question.
    freedom_damping: float = 0.7
    freedom_floor: float = 0.15


@dataclass(frozen=True)
class IntentPrediction:
    """The chosen intent, its confidence, every intent's score and why it was chosen."""

    intent: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]
    reason: str


def build_features() -> FeatureUnion:
    """Return the word (1-2) and character (2-5, within words) TF-IDF featuriser."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    words = TfidfVectorizer(
        analyzer="word",
        preprocessor=analyzer_text,
        tokenizer=tokens,
        token_pattern=None,
        lowercase=False,
        ngram_range=(1, 2),
        sublinear_tf=True,
    )
    chars = TfidfVectorizer(
        analyzer="char_wb",
        preprocessor=analyzer_text,
        lowercase=False,
        ngram_range=(2, 5),
        sublinear_tf=True,
        min_df=1,
    )
    return FeatureUnion([("words", words), ("chars", chars)])


def decide(
    probabilities: Mapping[str, float],
    danger: DangerScore = NO_DANGER,
    settings: IntentSettings | None = None,
) -> IntentPrediction:
    """Turn intent probabilities and the danger score into a decision (any backend)."""
    settings = settings or IntentSettings()
    scores = {name: float(probabilities.get(name, 0.0)) for name in INTENTS}
    model_best = max(scores, key=scores.__getitem__)
    if danger.weight > 0:
        scores[EMERGENCY_INTENT] = min(1.0, scores[EMERGENCY_INTENT] + danger.weight)
    if danger.freedom > 0 and not danger.certain:
        factor = max(settings.freedom_floor, 1.0 - settings.freedom_damping * danger.freedom)
        scores[EMERGENCY_INTENT] *= factor
    ranking = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    emergency = scores[EMERGENCY_INTENT]
    if _unsupported_short_alarm(danger, model_best, emergency, settings):
        others = [item for item in ranking if item[0] != EMERGENCY_INTENT]
        best, best_score = others[0]
        if best_score < settings.fallback_threshold:
            return IntentPrediction(FALLBACK_INTENT, 1.0 - best_score, tuple(ranking), "short")
        return IntentPrediction(best, best_score, tuple(ranking), "short")
    if danger.certain or emergency >= settings.emergency_threshold:
        if danger.certain:
            reason = "danger_lexicon"
        elif model_best == EMERGENCY_INTENT:
            reason = "model"
        else:
            reason = "danger_cues" if danger.weight else "emergency_threshold"
        ranking.remove((EMERGENCY_INTENT, emergency))
        ranking.insert(0, (EMERGENCY_INTENT, emergency))
        return IntentPrediction(EMERGENCY_INTENT, emergency, tuple(ranking), reason)
    best, best_score = ranking[0]
    if best_score < settings.fallback_threshold:
        return IntentPrediction(FALLBACK_INTENT, 1.0 - best_score, tuple(ranking), "fallback")
    return IntentPrediction(best, best_score, tuple(ranking), "model")


def _unsupported_short_alarm(
    danger: DangerScore, model_best: str, emergency: float, settings: IntentSettings
) -> bool:
    """Return whether a short message would be an emergency on the model's weak word alone."""
    if danger.words is None or danger.words > settings.short_message_words:
        return False
    if danger.weight > 0 or emergency < settings.emergency_threshold:
        return False
    return not (model_best == EMERGENCY_INTENT and emergency >= settings.short_emergency_threshold)


class IntentClassifier:
    """Classify a message into one of the twelve intents."""

    def __init__(self, features: FeatureUnion, model: LinearSVC, settings: IntentSettings) -> None:
        self._features = CompiledUnion(features)
        release_vocabulary(features)
        # Rows are features so that a message's few columns are gathered contiguously; the
        # temperature is folded into the weights.
        scale = settings.temperature
        self._weights = np.ascontiguousarray(np.asarray(model.coef_).T * scale)
        self._bias = np.asarray(model.intercept_) * scale
        self._classes: tuple[str, ...] = tuple(str(c) for c in model.classes_)
        self.settings = settings

    @classmethod
    def train(
        cls, examples: Sequence[Example], settings: IntentSettings | None = None
    ) -> IntentClassifier:
        """Fit the featuriser and the linear model on the training examples."""
        settings = settings or IntentSettings()
        labels = [e.intent for e in examples]
        if len(set(labels)) < 3:
            raise ModelError("intent classification needs at least three intents in the data")
        features = build_features()
        matrix = features.fit_transform([e.text for e in examples])
        from sklearn.svm import LinearSVC

        # A linear SVM measured as accurate as logistic regression here, and trains 30x faster.
        model = LinearSVC(C=settings.c, class_weight="balanced")
        model.fit(matrix, labels)
        return cls(features, model, settings)

    def probabilities(self, text: str) -> dict[str, float]:
        """Return the model's probability for every intent it knows."""
        row = softmax(linear_scores(self._features.features(text), self._weights, self._bias))
        return dict(zip(self._classes, (float(p) for p in row), strict=True))

    def predict(self, text: str, danger: DangerScore = NO_DANGER) -> IntentPrediction:
        """Classify `text`, letting the danger score raise the emergency probability."""
        return decide(self.probabilities(text), danger, self.settings)

    @property
    def classes(self) -> tuple[str, ...]:
        """Return the intents the model was trained on, in column order."""
        return self._classes
