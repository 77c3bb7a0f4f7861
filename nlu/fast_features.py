"""Fast single-message featurisation from fitted scikit-learn vectorizers.

scikit-learn's `transform` spends about a millisecond per call on validation and sparse-matrix
plumbing, which is most of a parse. Training still uses scikit-learn; inference reads the
fitted vocabulary and IDF weights and computes the same vector with a dict and numpy, with an
n-gram analyzer of its own: the compiled models hold no scikit-learn object, so a server that
loads them never imports scikit-learn (about 100 MB of memory).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from nlu.text import analyzer_text, tokens

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.pipeline import FeatureUnion

Features = tuple[np.ndarray, np.ndarray]
_EMPTY: Features = (np.zeros(0, dtype=np.intp), np.zeros(0))


class Analyzer:
    """scikit-learn's "char_wb" and "word" n-gram analyzers over `analyzer_text` (picklable)."""

    def __init__(self, kind: str, min_n: int, max_n: int) -> None:
        if kind not in ("char_wb", "word"):
            raise ValueError(f"unsupported analyzer {kind!r}")
        self.kind = kind
        self.min_n = min_n
        self.max_n = max_n

    def __call__(self, text: str) -> list[str]:
        """Return the n-grams of `text`, in scikit-learn's order."""
        clean = analyzer_text(text)
        if self.kind == "word":
            return self._words(tokens(clean))
        grams: list[str] = []
        for word in clean.split():
            padded = f" {word} "
            size = len(padded)
            for n in range(self.min_n, self.max_n + 1):
                grams.extend(padded[i : i + n] for i in range(max(1, size - n + 1)))
                if size - n + 1 <= 1:
                    break  # a short word counts once
        return grams

    def _words(self, words: Sequence[str]) -> list[str]:
        """Return the word n-grams (min_n..max_n)."""
        grams: list[str] = []
        for n in range(self.min_n, min(self.max_n, len(words)) + 1):
            grams.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        return grams


def analyzer_of(vectorizer: Any) -> Callable[[str], Sequence[str]]:
    """Return our own analyzer for a vectorizer configured as in this package, else its own."""
    tokenizer = getattr(vectorizer, "tokenizer", None)
    if (
        vectorizer.preprocessor is analyzer_text
        and not vectorizer.lowercase
        and vectorizer.analyzer in ("char_wb", "word")
        and (vectorizer.analyzer == "char_wb" or tokenizer is tokens)
        and getattr(vectorizer, "stop_words", None) is None
    ):
        low, high = vectorizer.ngram_range
        return Analyzer(vectorizer.analyzer, int(low), int(high))
    analyze: Callable[[str], Sequence[str]] = vectorizer.build_analyzer()
    return analyze


class CompiledVectorizer:
    """The inference half of a fitted CountVectorizer or TfidfVectorizer."""

    def __init__(self, vectorizer: CountVectorizer, offset: int = 0) -> None:
        self._analyze: Callable[[str], Sequence[str]] = analyzer_of(vectorizer)
        self._vocabulary: dict[str, int] = {
            str(k): int(v) + offset for k, v in vectorizer.vocabulary_.items()
        }
        self._offset = offset
        self.size = len(vectorizer.vocabulary_)
        tfidf = hasattr(vectorizer, "sublinear_tf")
        use_idf = tfidf and vectorizer.use_idf
        self._idf = np.asarray(vectorizer.idf_, dtype=np.float64) if use_idf else None
        self._sublinear = bool(tfidf and vectorizer.sublinear_tf)
        self._l2 = bool(tfidf and vectorizer.norm == "l2")

    @classmethod
    def fit_tfidf(cls, texts: Iterable[str], analyzer: Analyzer) -> CompiledVectorizer:
        """Fit a sublinear, smoothed, L2-normalised TF-IDF (scikit-learn's defaults) in Python."""
        documents = 0
        frequency: Counter[str] = Counter()
        for text in texts:
            documents += 1
            frequency.update(set(analyzer(text)))
        vocabulary = {gram: column for column, gram in enumerate(sorted(frequency))}
        self = cls.__new__(cls)
        self._analyze = analyzer
        self._vocabulary = vocabulary
        self._offset = 0
        self.size = len(vocabulary)
        df = np.asarray([frequency[gram] for gram in sorted(frequency)], dtype=np.float64)
        self._idf = np.log((1.0 + documents) / (1.0 + df)) + 1.0
        self._sublinear = True
        self._l2 = True
        return self

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


def release_vocabulary(fitted: Any) -> None:
    """Empty the fitted vectorizers' own vocabularies once compiled (they are copied there).

    The compiled analyzer keeps the vectorizer alive, so its `vocabulary_` would otherwise be
    held twice: tens of thousands of strings. The vectorizer cannot transform afterwards.
    """
    parts = (
        [v for _, v in fitted.transformer_list]
        if hasattr(fitted, "transformer_list")
        else [fitted]
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
