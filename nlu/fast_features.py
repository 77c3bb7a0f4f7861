"""Fast single-message featurisation from fitted scikit-learn vectorizers.

scikit-learn's `transform` spends about a millisecond per call on validation and sparse-matrix
plumbing, which is most of a parse. Training still uses scikit-learn; inference reads the
fitted vocabulary and IDF weights and computes the same vector with a dict and numpy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import FeatureUnion

Features = tuple[np.ndarray, np.ndarray]
_EMPTY: Features = (np.zeros(0, dtype=np.intp), np.zeros(0))


class CompiledVectorizer:
    """The inference half of a fitted CountVectorizer or TfidfVectorizer."""

    def __init__(self, vectorizer: CountVectorizer, offset: int = 0) -> None:
        self._analyze: Callable[[str], Sequence[str]] = vectorizer.build_analyzer()
        self._vocabulary: dict[str, int] = {
            str(k): int(v) + offset for k, v in vectorizer.vocabulary_.items()
        }
        self._offset = offset
        self.size = len(vectorizer.vocabulary_)
        tfidf = isinstance(vectorizer, TfidfVectorizer)
        self._idf = np.asarray(vectorizer.idf_) if tfidf and vectorizer.use_idf else None
        self._sublinear = bool(tfidf and vectorizer.sublinear_tf)
        self._l2 = bool(tfidf and vectorizer.norm == "l2")

    def features(self, text: str) -> Features:
        """Return (column indices, values) of the vector for one text."""
        columns: list[int] = []
        values: list[float] = []
        for gram, count in Counter(self._analyze(text)).items():
            column = self._vocabulary.get(gram)
            if column is not None:
                columns.append(column)
                values.append(1.0 + math.log(count) if self._sublinear else float(count))
        if not columns:
            return _EMPTY
        index = np.asarray(columns, dtype=np.intp)
        vector = np.asarray(values)
        if self._idf is not None:
            vector *= self._idf[index - self._offset]
        if self._l2:
            norm = float(np.sqrt(vector @ vector))
            if norm > 0:
                vector /= norm
        return index, vector


class CompiledUnion:
    """The inference half of a fitted FeatureUnion of vectorizers (columns concatenated)."""

    def __init__(self, union: FeatureUnion) -> None:
        self._parts: list[CompiledVectorizer] = []
        weights = union.transformer_weights or {}
        self._weights: list[float] = []
        offset = 0
        for name, vectorizer in union.transformer_list:
            part = CompiledVectorizer(vectorizer, offset)
            self._parts.append(part)
            self._weights.append(float(weights.get(name, 1.0)))
            offset += part.size
        self.size = offset

    def features(self, text: str) -> Features:
        """Return (column indices, values) of the concatenated vector for one text."""
        pieces = [part.features(text) for part in self._parts]
        return (
            np.concatenate([p[0] for p in pieces]),
            np.concatenate(
                [
                    p[1] * w if w != 1.0 else p[1]
                    for p, w in zip(pieces, self._weights, strict=True)
                ]
            ),
        )


def release_vocabulary(fitted: CountVectorizer | FeatureUnion) -> None:
    """Empty the fitted vectorizers' own vocabularies once compiled (they are copied there).

    The compiled analyzer keeps the vectorizer alive, so its `vocabulary_` would otherwise be
    held twice: tens of thousands of strings. The vectorizer cannot transform afterwards.
    """
    parts = (
        [v for _, v in fitted.transformer_list] if isinstance(fitted, FeatureUnion) else [fitted]
    )
    for vectorizer in parts:
        vectorizer.vocabulary_ = {}
        if hasattr(vectorizer, "stop_words_"):
            vectorizer.stop_words_ = set()


def linear_scores(features: Features, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Return bias + x @ weights for a sparse x given as (indices, values)."""
    index, values = features
    if not len(index):
        return bias.copy()
    return np.asarray(bias + values @ weights[index])


def softmax(logits: np.ndarray) -> np.ndarray:
    """Return the numerically stable softmax of a vector."""
    shifted = np.exp(logits - logits.max())
    return np.asarray(shifted / shifted.sum())
