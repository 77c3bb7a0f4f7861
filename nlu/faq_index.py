"""FAQ retrieval: rank published entries for a message by wording, topic and country fit."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from nlu.errors import TrainingDataError
from nlu.fast_features import Analyzer, CompiledVectorizer, Features
from nlu.schema import LANGUAGES, TOPIC_INTENTS, FaqDocument, FaqMatch
from nlu.text import ARABIC_RE, LATIN_RE, script_counts, tokens
from nlu.text import normalize as normalize_text

FALLBACK_LANGUAGE = "en"
RELATED_TOPICS: dict[str, tuple[str, ...]] = {
    "family_reunification": ("sponsorship",),
    "sponsorship": ("family_reunification",),
}
GLOSSARY_FILE = Path(__file__).resolve().parent / "faq_glossary.yml"


class Glossary:
    """Words of other registers glossed into the knowledge base's (see faq_glossary.yml)."""

    def __init__(
        self,
        latin: Mapping[str, str],
        arabic: Mapping[str, str],
        exclusive: Mapping[str, Sequence[str]] | None = None,
        topics: Mapping[str, Sequence[Sequence[str]]] | None = None,
    ) -> None:
        self._latin = dict(latin)
        self._arabic = dict(arabic)
        self._exact: dict[str, str] = {}
        self._prefixes: list[tuple[str, str]] = []
        for concept, words in (exclusive or {}).items():
            for word in words:
                for token in tokens(normalize_text(word.rstrip("*"))):
                    if word.endswith("*"):
                        self._prefixes.append((token, concept))
                    else:
                        self._exact[token] = concept
        # Topic concepts: every group of words must be named (a payment AND an agent or job).
        self._topics: list[tuple[str, list[tuple[frozenset[str], tuple[str, ...]]]]] = []
        for concept, groups in (topics or {}).items():
            compiled = []
            for group in groups:
                exact = {
                    t for w in group if not w.endswith("*") for t in tokens(normalize_text(w))
                }
                prefixes = tuple(
                    t for w in group if w.endswith("*") for t in tokens(normalize_text(w[:-1]))
                )
                compiled.append((frozenset(exact), prefixes))
            self._topics.append((concept, compiled))

    @classmethod
    def load(cls, path: Path = GLOSSARY_FILE) -> Glossary:
        """Read the glossary YAML (sections latin and arabic: word -> words)."""
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise TrainingDataError(f"cannot read {path}: {err}") from err

        def section(name: str) -> dict[str, str]:
            table: dict[str, str] = {}
            for key, value in (data.get(name) or {}).items():
                words = tokens(normalize_text(str(key)))
                if len(words) == 1:
                    table[words[0]] = " ".join(tokens(normalize_text(str(value))))
            return table

        exclusive = {
            str(concept): [str(word) for word in words or []]
            for concept, words in (data.get("exclusive") or {}).items()
        }
        topics = {
            str(concept): [[str(word) for word in group or []] for group in groups or []]
            for concept, groups in (data.get("topics") or {}).items()
        }
        return cls(section("latin"), section("arabic"), exclusive, topics)

    def topics(self, text: str) -> frozenset[str]:
        """Return the topic concepts (a recruitment fee...) whose every word group is named."""
        if not self._topics:
            return frozenset()
        words = tokens(normalize_text(text))
        found: set[str] = set()
        for concept, groups in self._topics:
            if all(
                any(w in exact or (prefixes and w.startswith(prefixes)) for w in words)
                for exact, prefixes in groups
            ):
                found.add(concept)
        return frozenset(found)

    def concepts(self, text: str) -> frozenset[str]:
        """Return the exclusive statuses (refugee, citizen, student...) the text names."""
        found: set[str] = set()
        for word in tokens(normalize_text(text)):
            concept = self._exact.get(word)
            if concept is None:
                concept = next((c for p, c in self._prefixes if word.startswith(p)), None)
            if concept is not None:
                found.add(concept)
        return frozenset(found)

    def expand(self, text: str) -> str:
        """Return the glosses of the message's words ("" when none is known)."""
        found: list[str] = []
        for word in tokens(normalize_text(text)):
            gloss = self._latin.get(word) if LATIN_RE.match(word) else self._arabic.get(word)
            if gloss is None and word.startswith(("ال", "وال")):
                gloss = self._arabic.get(word[2:] if word.startswith("ال") else word[3:])
            if gloss:
                found.append(gloss)
        return " ".join(found)


@dataclass(frozen=True)
class FaqSettings:
    """Scoring weights and the answer threshold, tuned by leave-one-out (`nlu tune-faq`).

    On the 45-entry knowledge base, leave-one-out over its 1,201 example phrasings: at 0.4
    an answer is given for 61% of them, right 64% of the time (most misses are sibling
    entries: the same topic for another country, or a neighbouring topic); 1% of greetings,
    thanks and off-topic messages reach it. Below it the dialogue offers the candidates
    scoring above about half the threshold, which hold the right entry for half the rest.
    0.5 would answer 46% at 68% precision: a small gain for many more menus.
    """

    threshold: float = 0.45
    topic_boost: float = 0.1
    # Topics people mix up (bringing a spouse is family reunification to them, a sponsorship
    # to the knowledge base) get this share of the boost as well.
    related_topic_boost: float = 0.1
    country_boost: float = 0.15
    # The entry is for other countries than the one named: it would be a wrong answer.
    country_mismatch_penalty: float = 0.35
    # The entry is country-specific and no country was named: ask rather than assume.
    unnamed_country_penalty: float = 0.05
    # Greetings, thanks, handoff, emergency...: an FAQ answer is rarely what is wanted.
    other_intent_factor: float = 0.6
    # Candidates returned: the dialogue offers the best few and, when several of the same topic
    # are for different countries, asks the destination.
    limit: int = 5
    # Share of the document centroid in the similarity; the rest is the best single phrasing.
    centroid_weight: float = 1.0
    # A clear winner may be served below the threshold: from `margin_floor` on, when it leads
    # the runner-up by `margin`.
    margin_floor: float = 0.25
    margin: float = 0.15
    # Each word of the message (4+ letters, not a country, not Arabic) that no entry's phrasing
    # in any language contains, not even as its first `novel_prefix` letters, lowers every score by
    # this (at most two words): "student visa" when no entry is about studying is a question
    # the knowledge base does not answer, however close "visa" is.
    novel_word_penalty: float = 0.03
    novel_prefix: int = 5
    # A status the message names (faq_glossary.yml `exclusive`) that an entry never mentions,
    # while most of the entry's phrasings name another status: that entry is for other people.
    status_conflict_penalty: float = 0.2
    # A status the message names that some of an entry's phrasings name as well ("I am a US
    # citizen" and the family petition's "my brother is a US citizen") lifts that entry.
    status_match_boost: float = 0.08
    # Share of an entry's phrasings that must name a status for it to define the entry.
    status_share: float = 0.3
    # A topic concept the message names (faq_glossary.yml `topics`: a payment AND an agent or
    # a job) lifts the entries whose phrasings are mostly about it (`topic_share`) by this,
    # more than the country boost: a fee question naming Germany is a fee question.
    topic_concept_boost: float = 0.2
    topic_share: float = 0.5
    # A status the message names that no entry mentions at all (a topic not covered).
    unknown_status_penalty: float = 0.15
    # Share of the similarity computed with the country names left in the message; the rest
    # is computed without them, so a country name alone cannot pull a fee question to that
    # country's visa entry (the country still counts through the boost and the penalty).
    country_wording_weight: float = 0.5
    # The query (with its glosses) is also scored against the English phrasings, and the
    # better of the two counts, this one discounted: "visa", "passport", "agent", "sponsor"
    # are shared across the Latin-script languages and romanized Nepali.
    cross_weight: float = 0.8
    # A Latin-script message in a language whose entries are in another script (romanized
    # Nepali, Arabizi) has only the English pool (and any romanized examples) to go on.
    foreign_script_weight: float = 1.0
    # Arabic similarities run lower (rich morphology, dialect spellings against MSA phrasings):
    # they are scaled by this before the boosts, so one threshold serves every language.
    arabic_scale: float = 1.1


# Character 3-5-grams within words, TF-IDF (measured best for short questions): they absorb
# typos and inflection. Fitted in Python (nlu/fast_features.py), no scikit-learn at run time.
FEATURES = Analyzer("char_wb", 3, 5)


@dataclass(frozen=True)
class _Language:
    """One language's vectors: each text's features, its owning document, the centroids."""

    vectors: tuple[Features, ...]
    owners: np.ndarray
    texts: tuple[str, ...]
    # Features x documents, dense but only for the features this language's texts use
    # (`local` maps a feature to its row, or -1): a query gathers its rows in microseconds.
    local: np.ndarray
    centroids: np.ndarray

    @classmethod
    def build(
        cls,
        vectors: Sequence[Features],
        owners: np.ndarray,
        texts: tuple[str, ...],
        count: int,
        size: int,
    ) -> _Language:
        """Index one language's text vectors."""
        local, dense = _centroids(vectors, owners, count, size)
        return cls(tuple(vectors), owners, texts, local, dense)


def _centroids(
    vectors: Sequence[Features], owners: np.ndarray, count: int, size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return (feature -> row or -1, L2-normalised mean vector of each document's texts)."""
    used = np.unique(np.concatenate([v[0] for v in vectors])) if vectors else np.zeros(0, int)
    local = np.full(size, -1, dtype=np.intp)
    local[used] = np.arange(len(used))
    dense = np.zeros((len(used), count))
    for (index, values), owner in zip(vectors, owners, strict=True):
        dense[local[index], owner] += values
    norms = np.sqrt((dense**2).sum(axis=0))
    dense /= np.where(norms > 0, norms, 1.0)
    # float32 halves the memory, which grows with the knowledge base.
    return local, np.ascontiguousarray(dense, dtype=np.float32)


class FaqIndex:
    """Rank FaqDocuments for a message in its language.

    A document is represented by the centroid of its question and example phrasings in that
    language: leave-one-out on the knowledge base ranked the right entry first 53% of the time
    this way, against 43% for the best single phrasing (45 overlapping entries).
    """

    def __init__(
        self,
        docs: Sequence[FaqDocument],
        settings: FaqSettings | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        self.settings = settings or FaqSettings()
        self._glossary = glossary or _default_glossary()
        self._docs = tuple(docs)
        self._languages: dict[str, _Language] = {}
        self._query: CompiledVectorizer | None = None
        self._topics = np.asarray([doc.topic for doc in self._docs], dtype=object)
        self._specific = np.asarray([bool(doc.countries) for doc in self._docs], dtype=bool)
        self._by_country: dict[str, list[int]] = {}
        for position, doc in enumerate(self._docs):
            for code in doc.countries:
                self._by_country.setdefault(code, []).append(position)
        corpus: list[str] = [t for d in self._docs for ts in d.texts.values() for t in ts if t]
        self._mentions: list[frozenset[str]] = []
        self._defining: list[frozenset[str]] = []
        for doc in self._docs:
            named = [self._glossary.concepts(t) for ts in doc.texts.values() for t in ts if t]
            counts: dict[str, int] = {}
            for concepts in named:
                for concept in concepts:
                    counts[concept] = counts.get(concept, 0) + 1
            share = self.settings.status_share * max(1, len(named))
            self._mentions.append(frozenset(counts))
            self._defining.append(frozenset(c for c, n in counts.items() if n >= share))
        self._all_statuses = frozenset(c for m in self._mentions for c in m)
        self._topic_defining: list[frozenset[str]] = []
        for doc in self._docs:
            named = [self._glossary.topics(t) for ts in doc.texts.values() for t in ts if t]
            share = self.settings.topic_share * max(1, len(named))
            self._topic_defining.append(
                frozenset(
                    c for c in frozenset().union(*named) if sum(c in n for n in named) >= share
                )
            )
        self._known: frozenset[str] = frozenset(
            word[: self.settings.novel_prefix]
            for text in corpus
            for word in tokens(normalize_text(text))
        )
        if not corpus:
            return
        self._query = CompiledVectorizer.fit_tfidf(corpus, FEATURES)
        for language in LANGUAGES:
            texts: list[str] = []
            owners: list[int] = []
            for position, doc in enumerate(self._docs):
                chosen = doc.texts.get(language) or doc.texts.get(FALLBACK_LANGUAGE) or ()
                for text in chosen:
                    if text:
                        texts.append(text)
                        owners.append(position)
            if texts:
                vectors = [self._query.features(text) for text in texts]
                self._languages[language] = _Language.build(
                    vectors, np.asarray(owners), tuple(texts), len(self._docs), self._query.size
                )

    def __len__(self) -> int:
        return len(self._docs)

    def novel_words(self, text: str, spans: Sequence[tuple[int, int]] = ()) -> int:
        """Return how many words of the message (4+ letters) no entry's phrasing knows.

        Arabic words are left out: their attached articles, prepositions and pronouns make a
        known word look new.
        """
        for start, end in sorted(spans, reverse=True):
            text = f"{text[:start]} {text[end:]}"
        size = self.settings.novel_prefix
        return sum(
            1
            for word in tokens(normalize_text(text))
            if len(word) >= 4
            and not word.isdigit()
            and word[:size] not in self._known
            and not ARABIC_RE.search(word)
        )

    def accepts(self, matches: Sequence[FaqMatch]) -> bool:
        """Return whether the best match is confident enough to be served without asking."""
        if not matches:
            return False
        best = matches[0].score
        if best >= self.settings.threshold:
            return True
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        return best >= self.settings.margin_floor and best - runner_up >= self.settings.margin

    def similarities(self, text: str, language: str, *, exclude: str = "") -> np.ndarray:
        """Return each document's similarity with `text` in its language or across languages.

        The message plus the glosses of its dialect or romanized words is compared with the
        phrasings of its own language and with the English ones; the better score counts.
        `exclude` leaves out stored texts equal to it (leave-one-out tuning; slower).
        """
        empty = np.zeros(len(self._docs))
        if self._query is None:
            return empty
        gloss = self._glossary.expand(text)
        index, values = self._query.features(f"{text} {gloss}" if gloss else text)
        if not len(index):
            return empty
        own = self._pool_similarities(index, values, language, exclude)
        if language == FALLBACK_LANGUAGE:
            return own
        counts = script_counts(text)
        foreign = language in ("ne", "ar") and counts["latin"] > max(
            counts["arabic"], counts["devanagari"]
        )
        weight = self.settings.foreign_script_weight if foreign else self.settings.cross_weight
        if weight <= 0:
            return own
        cross = self._pool_similarities(index, values, FALLBACK_LANGUAGE, exclude)
        return np.maximum(own, weight * cross)

    def _pool_similarities(
        self, index: np.ndarray, values: np.ndarray, language: str, exclude: str
    ) -> np.ndarray:
        """Return each document's cosine similarity with a query vector in one language."""
        empty = np.zeros(len(self._docs))
        stored = self._languages.get(language) or self._languages.get(FALLBACK_LANGUAGE)
        if stored is None:
            return empty
        owners = stored.owners
        vectors: Sequence[Features] = stored.vectors
        local, centroids = stored.local, stored.centroids
        if exclude:
            keep = [i for i, t in enumerate(stored.texts) if t != exclude]
            vectors = [stored.vectors[i] for i in keep]
            owners = owners[keep]
            size = self._query.size if self._query is not None else 0
            local, centroids = _centroids(vectors, owners, len(self._docs), size)
        rows = local[index]
        known = rows >= 0
        mean = np.asarray(values[known] @ centroids[rows[known]], dtype=np.float64)
        weight = self.settings.centroid_weight
        if weight >= 1.0:
            return mean
        query = dict(zip(index.tolist(), values.tolist(), strict=True))
        best = np.zeros(len(self._docs))
        for (columns, weights), owner in zip(vectors, owners, strict=True):
            dot = sum(
                query.get(c, 0.0) * w
                for c, w in zip(columns.tolist(), weights.tolist(), strict=True)
            )
            best[owner] = max(best[owner], dot)
        return weight * mean + (1.0 - weight) * best

    def rank(
        self,
        text: str,
        *,
        language: str,
        intent: str | None = None,
        countries: Collection[str] = (),
        exclude: str = "",
        spans: Sequence[tuple[int, int]] = (),
    ) -> tuple[FaqMatch, ...]:
        """Return the best entries for the message, best first, with adjusted scores.

        `spans` are the (start, end) offsets of the countries named: they are blanked out of
        the wording, so the country counts once, through `countries`, and a fee question
        naming Germany is matched as a fee question.
        """
        if not self._docs:
            return ()
        settings = self.settings
        scores = self.similarities(text, language, exclude=exclude)
        if language == "ar" and settings.arabic_scale != 1.0:
            scores = scores * settings.arabic_scale
        if spans and settings.country_wording_weight < 1.0:
            masked = text
            for start, end in sorted(spans, reverse=True):
                masked = f"{masked[:start]} {masked[end:]}"
            share = settings.country_wording_weight
            masked_scores = self.similarities(masked, language, exclude=exclude)
            if language == "ar":
                masked_scores = masked_scores * settings.arabic_scale
            scores = share * scores + (1.0 - share) * masked_scores
        if settings.novel_word_penalty > 0:
            scores -= settings.novel_word_penalty * min(2, self.novel_words(text, spans))
        statuses = self._glossary.concepts(text)
        if statuses:
            if statuses - self._all_statuses:
                scores -= settings.unknown_status_penalty
            for position, (mentions, defining) in enumerate(
                zip(self._mentions, self._defining, strict=True)
            ):
                if defining and not statuses & mentions:
                    scores[position] -= settings.status_conflict_penalty
                elif statuses & mentions:
                    scores[position] += settings.status_match_boost
        named_topics = self._glossary.topics(text)
        if named_topics and settings.topic_concept_boost > 0:
            for position, defining in enumerate(self._topic_defining):
                if defining & named_topics:
                    scores[position] += settings.topic_concept_boost
        if intent is not None:
            scores[self._topics == intent] += settings.topic_boost
            for related in RELATED_TOPICS.get(intent, ()):
                scores[self._topics == related] += settings.related_topic_boost
        specific = self._specific
        if countries:
            fits = np.zeros(len(self._docs), dtype=bool)
            for code in countries:
                fits[self._by_country.get(code, [])] = True
            scores[specific & fits] += settings.country_boost
            scores[specific & ~fits] -= settings.country_mismatch_penalty
        else:
            scores[specific] -= settings.unnamed_country_penalty
        if intent is not None and intent not in TOPIC_INTENTS and intent != "out_of_scope":
            scores *= settings.other_intent_factor
        np.clip(scores, 0.0, 1.0, out=scores)
        order = np.argsort(-scores, kind="stable")[: settings.limit]
        return tuple(FaqMatch(self._docs[i].id, round(float(scores[i]), 4)) for i in order)


_GLOSSARY: Glossary | None = None


def _default_glossary() -> Glossary:
    """Return the glossary of nlu/faq_glossary.yml (read once)."""
    global _GLOSSARY
    if _GLOSSARY is None:
        _GLOSSARY = Glossary.load()
    return _GLOSSARY
