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

    def __init__(self, phrases: Sequence[_Phrase], gap: int) -> None:
        self._phrases = tuple(phrases)
        self._gap = gap
        # Phrases are found through their first term: by the whole word, or by any prefix,
        # suffix or substring of a message word, so no message scans every phrase.
        self._by_first: dict[tuple[bool, bool, str], list[_Phrase]] = {}
        for phrase in self._phrases:
            first = phrase.terms[0]
            self._by_first.setdefault((first.prefix, first.suffix, first.text), []).append(phrase)

    @classmethod
    def load(cls, path: Path = LEXICON_FILE) -> DangerLexicon:
        """Read the lexicon YAML (languages -> strong/cues lists)."""
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise TrainingDataError(f"cannot read {path}: {err}") from err
        weights = {"strong": 1.0, "cues": float(data.get("cue_weight", 0.3))}
        # Every language is matched at once, so a phrase listed twice counts once.
        phrases: dict[str, _Phrase] = {}
        for language, groups in (data.get("languages") or {}).items():
            if language not in (*LANGUAGES, "ne_latn", "any"):
                raise TrainingDataError(f"{path.name}: unknown language {language!r}")
            for group, entries in (groups or {}).items():
                if group not in weights:
                    raise TrainingDataError(f"{path.name}: unknown group {group!r}")
                for entry in entries or []:
                    # {phrase: weight} overrides the group weight
                    pairs = entry.items() if isinstance(entry, dict) else [(entry, weights[group])]
                    for source, weight in pairs:
                        phrase = _parse_phrase(str(source), float(weight))
                        known = phrases.get(phrase.source)
                        if known is None or abs(phrase.weight) > abs(known.weight):
                            phrases[phrase.source] = phrase
        return cls(list(phrases.values()), int(data.get("gap", 2)))

    def score(self, text: str) -> DangerScore:
        """Return the summed weight of the distinct phrases found in `text`."""
        words = tokens(normalize(text))
        if not words:
            return DangerScore(0.0, (), 0)
        found = [p for p in self._candidates(set(words)) if self._contains(words, p.terms)]
        found.sort(key=lambda p: p.source)
        # Negative phrases ("what if", "emergency number") only offset positive ones: the
        # lexicon can lower its own boost but never the classifier's emergency probability.
        weight = max(0.0, sum(p.weight for p in found))
        return DangerScore(weight, tuple(p.source for p in found), len(words))

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
