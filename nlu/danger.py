"""The multilingual danger lexicon that keeps the intent classifier from missing an emergency."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from nlu.errors import TrainingDataError
from nlu.schema import LANGUAGES
from nlu.text import normalize, tokens

LEXICON_FILE = Path(__file__).resolve().parent / "danger_lexicon.yml"
# Danger without danger words and the freedom cues (issue 11), read after the main lexicon.
CONCEPTS_FILE = Path(__file__).resolve().parent / "danger_concepts.yml"
LEXICON_FILES = (LEXICON_FILE, CONCEPTS_FILE)


@dataclass(frozen=True)
class _Term:
    """One word of a phrase: exact, prefix (word*), suffix (*word) or infix (*word*)."""

    text: str
    prefix: bool
    suffix: bool

    def matches(self, token: str) -> bool:
        """Return whether a normalised token fits this term."""
        if self.prefix and self.suffix:
            return self.text in token
        if self.prefix:
            return token.startswith(self.text)
        if self.suffix:
            return token.endswith(self.text)
        return token == self.text


@dataclass(frozen=True)
class _Phrase:
    """A phrase of terms and the weight it adds to the emergency score."""

    source: str
    terms: tuple[_Term, ...]
    weight: float


@dataclass(frozen=True)
class DangerScore:
    """How strongly a message reads as danger now, which phrases said so, and its length."""

    weight: float
    matches: tuple[str, ...]
    # Words in the message; None when unknown (no length-dependent rule then applies).
    words: int | None = None
    # Present-tense freedom found ("I can go out", "they pay me"), already subtracted from
    # `weight`; the decision also damps the classifier's emergency probability with it.
    freedom: float = 0.0
    freedom_matches: tuple[str, ...] = ()

    @property
    def certain(self) -> bool:
        """Return whether a single phrase is enough to call it an emergency."""
        return self.weight >= 1.0


NO_DANGER = DangerScore(0.0, ())


def _parse_phrase(source: str, weight: float) -> _Phrase:
    """Turn 'lock* me in' into terms (wildcards survive normalisation)."""
    terms: list[_Term] = []
    for word in source.split():
        prefix = word.endswith("*")
        suffix = word.startswith("*")
        for token in tokens(normalize(word.strip("*"))):
            terms.append(_Term(token, prefix, suffix))
    if not terms:
        raise TrainingDataError(f"empty danger phrase {source!r}")
    return _Phrase(source, tuple(terms), weight)


class DangerLexicon:
    """Match danger phrases (every language at once) against a message."""

    def __init__(
        self,
        phrases: Sequence[_Phrase],
        gap: int,
        freedom: Sequence[_Phrase] = (),
        negations: frozenset[str] = frozenset(),
    ) -> None:
        self._phrases = tuple(phrases)
        self._gap = gap
        self._freedom = tuple(freedom)
        self._negations = negations
        # Freedom phrases found through their first word (the few with a wildcard first term
        # are always tried).
        self._free_by_first: dict[str, list[_Phrase]] = {}
        self._free_wild: list[_Phrase] = []
        for phrase in self._freedom:
            first = phrase.terms[0]
            if first.prefix or first.suffix:
                self._free_wild.append(phrase)
            else:
                self._free_by_first.setdefault(first.text, []).append(phrase)
        # Phrases are found through their first term: by the whole word, or by any prefix,
        # suffix or substring of a message word, so no message scans every phrase.
        self._by_first: dict[tuple[bool, bool, str], list[_Phrase]] = {}
        for phrase in self._phrases:
            first = phrase.terms[0]
            self._by_first.setdefault((first.prefix, first.suffix, first.text), []).append(phrase)

    @classmethod
    def load(cls, paths: Sequence[Path] | Path = LEXICON_FILES) -> DangerLexicon:
        """Read the lexicon YAML files (languages -> strong/cues/freedom lists)."""
        files = [paths] if isinstance(paths, Path) else list(paths)
        phrases: dict[str, _Phrase] = {}
        freedom: dict[str, _Phrase] = {}
        negations: set[str] = set()
        gap = 2
        for path in files:
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as err:
                raise TrainingDataError(f"cannot read {path}: {err}") from err
            if path == files[0]:
                gap = int(data.get("gap", 2))
            weights = {
                "strong": 1.0,
                "cues": float(data.get("cue_weight", 0.3)),
                "freedom": float(data.get("freedom_weight", 1.0)),
            }
            for word in data.get("negations") or []:
                negations.update(tokens(normalize(str(word))))
            for language, groups in (data.get("languages") or {}).items():
                if language not in (*LANGUAGES, "ne_latn", "any"):
                    raise TrainingDataError(f"{path.name}: unknown language {language!r}")
                for group, entries in (groups or {}).items():
                    if group not in weights:
                        raise TrainingDataError(f"{path.name}: unknown group {group!r}")
                    target = freedom if group == "freedom" else phrases
                    for entry in entries or []:
                        # {phrase: weight} overrides the group weight
                        pairs = (
                            entry.items() if isinstance(entry, dict) else [(entry, weights[group])]
                        )
                        for source, weight in pairs:
                            phrase = _parse_phrase(str(source), float(weight))
                            known = target.get(phrase.source)
                            # Every language is matched at once: a phrase listed twice counts once.
                            if known is None or abs(phrase.weight) > abs(known.weight):
                                target[phrase.source] = phrase
        return cls(list(phrases.values()), gap, list(freedom.values()), frozenset(negations))

    def score(self, text: str) -> DangerScore:
        """Return the summed weight of the distinct phrases found in `text`."""
        words = tokens(normalize(text))
        if not words:
            return DangerScore(0.0, (), 0)
        found = [p for p in self._candidates(set(words)) if self._contains(words, p.terms)]
        found.sort(key=lambda p: p.source)
        candidates = {id(p): p for w in set(words) for p in self._free_by_first.get(w, ())}
        candidates.update((id(p), p) for p in self._free_wild)
        free = [p for p in candidates.values() if self._free(words, p.terms)]
        freedom = sum(p.weight for p in free)
        # Negative phrases ("what if", "emergency number") and freedom only offset positive
        # ones here; the decision (nlu/intent.py) also damps the classifier with the freedom.
        weight = max(0.0, sum(p.weight for p in found) - freedom)
        return DangerScore(
            weight,
            tuple(p.source for p in found),
            len(words),
            freedom,
            tuple(sorted(p.source for p in free)),
        )

    def _free(self, words: Sequence[str], terms: Sequence[_Term]) -> bool:
        """Return whether the terms occur as contiguous words not right after a negation."""
        size = len(terms)
        for start in range(len(words) - size + 1):
            if start and words[start - 1] in self._negations:
                continue
            if all(term.matches(words[start + i]) for i, term in enumerate(terms)):
                return True
        return False

    def _candidates(self, words: set[str]) -> list[_Phrase]:
        """Return the phrases whose first term fits one of the words (each once)."""
        keys: set[tuple[bool, bool, str]] = set()
        for word in words:
            keys.add((False, False, word))
            for end in range(1, len(word) + 1):
                keys.add((True, False, word[:end]))
                keys.add((False, True, word[-end:]))
                keys.update((True, True, word[start:end]) for start in range(end))
        seen: dict[int, _Phrase] = {}
        for key in keys & self._by_first.keys():
            for phrase in self._by_first[key]:
                seen[id(phrase)] = phrase
        return list(seen.values())

    def _contains(self, words: Sequence[str], terms: Sequence[_Term]) -> bool:
        """Return whether the terms occur in order, each within `gap` words of the last."""
        for start, word in enumerate(words):
            if not terms[0].matches(word):
                continue
            position = start
            for term in terms[1:]:
                window = words[position + 1 : position + 2 + self._gap]
                hit = next((i for i, w in enumerate(window) if term.matches(w)), None)
                if hit is None:
                    break
                position += hit + 1
            else:
                return True
        return False

    def __len__(self) -> int:
        return len(self._phrases)
