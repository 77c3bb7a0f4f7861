"""Country extraction from CLDR territory names (Babel) plus a data file of common variants."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import babel
import yaml

from nlu.errors import TrainingDataError
from nlu.schema import LANGUAGES, CountryMention
from nlu.text import TOKEN_RE, normalize, normalize_with_offsets, tokens

VARIANTS_FILE = Path(__file__).resolve().parent / "country_variants.yml"
# Regions, pseudo-locales and groupings CLDR lists among territories.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
_IGNORED = ""
_SHORT_FORMS = re.compile(r"^(.+?)\s*(?:\((.+)\)|\s-\s(.+))$")
# Spellings Nepali writers mix freely (retroflex/dental n, the three sibilants, b/v, long and
# short vowels): folded the same way in names and messages, one character for one, so that
# offsets are kept.
_FOLD = str.maketrans({"ण": "न", "श": "स", "ष": "स", "व": "ब", "ी": "ि", "ू": "ु"})


@dataclass
class _Node:
    """A trie node over normalised words; `code` is set where a name ends."""

    children: dict[str, _Node] = field(default_factory=dict)
    code: str | None = None


@dataclass(frozen=True)
class _Match:
    """A candidate match in normalised-text character offsets."""

    code: str
    start: int
    end: int
    words: int


def cldr_names(languages: Iterable[str] = LANGUAGES) -> list[tuple[str, str]]:
    """Return (name, ISO code) pairs from Babel's territory names, with their short forms."""
    pairs: list[tuple[str, str]] = []
    for language in languages:
        for code, name in babel.Locale.parse(language).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue
            pairs.append((name, code))
            # "Myanmar (Burma)" -> "Myanmar", "Burma"; "Congo - Kinshasa" -> "Congo" (dropped
            # later, since it is ambiguous). "Cocos (Keeling) Islands" stays whole.
            if short := _SHORT_FORMS.match(name):
                pairs.extend((part, code) for part in short.groups() if part)
    return pairs


def _script(word: str) -> str:
    """Return the script family of a normalised word by its first character."""
    first = ord(word[0])
    if 0x0900 <= first <= 0x097F:
        return "devanagari"
    if 0x0600 <= first <= 0x06FF:
        return "arabic"
    return "latin"


class CountryExtractor:
    """Find countries named in a message, longest match first, with original offsets."""

    def __init__(
        self,
        names: dict[tuple[str, ...], str],
        exact: dict[str, str],
        suffixes: dict[str, tuple[str, ...]],
        prefixes: Sequence[str],
    ) -> None:
        self._root = _Node()
        for words, code in names.items():
            node = self._root
            for word in words:
                node = node.children.setdefault(word, _Node())
            node.code = code
        self._suffixes = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in suffixes.items()}
        self._prefixes = tuple(sorted(prefixes, key=len, reverse=True))
        self._exact_codes = exact
        alternatives = sorted(exact, key=len, reverse=True)
        self._exact_re = (
            # A combining accent after the name makes another word ("Quito" + U+0301 is
            # "Quitó", "he took" in decomposed form), so it ends a match like a letter does.
            re.compile(
                r"(?<![\w.])(?:"
                + "|".join(map(re.escape, alternatives))
                + r")(?![\w\u0300-\u036f])"
            )
            if alternatives
            else None
        )

    @classmethod
    def build(cls, variants_file: Path = VARIANTS_FILE) -> CountryExtractor:
        """Combine CLDR names in every language with the variants file."""
        try:
            data = yaml.safe_load(variants_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise TrainingDataError(f"cannot read {variants_file}: {err}") from err
        cldr: dict[tuple[str, ...], set[str]] = {}
        for name, code in cldr_names():
            key = _key(name)
            if key:
                cldr.setdefault(key, set()).add(code)
                if key[0].startswith("ال") and len(key[0]) > 3:  # Arabic names without "ال"
                    cldr.setdefault((key[0][2:], *key[1:]), set()).add(code)
        names = {key: next(iter(codes)) for key, codes in cldr.items() if len(codes) == 1}
        for code, variants in (data.get("variants") or {}).items():
            if not (isinstance(code, str) and len(code) == 2 and code.isupper()):
                raise TrainingDataError(f"{variants_file.name}: bad country code {code!r}")
            for variant in variants or []:
                if key := _key(str(variant)):
                    names[key] = code  # a curated variant wins over an ambiguous CLDR name
        for phrase in data.get("ignore") or []:
            if key := _key(str(phrase)):
                names[key] = _IGNORED
        exact = {
            str(variant): code
            for code, variants in (data.get("exact") or {}).items()
            for variant in variants or []
        }
        suffixes = {
            script: tuple(
                normalize(str(s)).translate(_FOLD).replace(" ", "") for s in values or []
            )
            for script, values in (data.get("suffixes") or {}).items()
        }
        prefixes = [normalize(str(p)) for p in data.get("arabic_prefixes") or []]
        return cls(names, exact, suffixes, prefixes)

    def extract(self, text: str) -> tuple[CountryMention, ...]:
        """Return the countries named in `text`, in order, with offsets into `text`."""
        norm, origin = normalize_with_offsets(text)
        norm = norm.translate(_FOLD)
        words = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(norm)]
        spans: list[tuple[int, int, str, int]] = []
        if self._exact_re is not None:
            for found in self._exact_re.finditer(text):
                spans.append((found.start(), found.end(), self._exact_codes[found.group()], 0))
        index = 0
        while index < len(words):
            match = self._longest(words, index)
            if match is None:
                index += 1
                continue
            if match.code:
                start = origin[match.start]
                end = origin[match.end - 1] + 1
                spans.append((start, end, match.code, 1))
            index += match.words
        return tuple(
            CountryMention(code, start, end, text[start:end])
            for start, end, code in _without_overlaps(spans)
        )

    def _longest(self, words: Sequence[tuple[str, int, int]], index: int) -> _Match | None:
        """Return the longest name starting at word `index` (clitics and suffixes allowed)."""
        first, first_start, _ = words[index]
        forms = [(first, 0)]
        if _script(first) == "arabic":
            forms += [(first[len(p) :], len(p)) for p in self._prefixes if first.startswith(p)]
        best: _Match | None = None
        for form, skipped in forms:
            if not form:
                continue
            node = self._root
            position = index
            word = form
            start = first_start + skipped
            while True:
                word_end = words[position][2]
                stem_hit = self._suffixed(node, word)
                if stem_hit is not None:
                    code, cut = stem_hit
                    best = _better(best, _Match(code, start, word_end - cut, position - index + 1))
                child = node.children.get(word)
                if child is None:
                    break
                if child.code is not None:
                    best = _better(best, _Match(child.code, start, word_end, position - index + 1))
                node = child
                position += 1
                if position >= len(words):
                    break
                word = words[position][0]
        return best

    def _suffixed(self, node: _Node, word: str) -> tuple[str, int] | None:
        """Return (code, suffix length) if `word` is a name in `node` plus a case suffix."""
        for suffix in self._suffixes.get(_script(word), ()):
            if len(word) > len(suffix) + 1 and word.endswith(suffix):
                child = node.children.get(word[: -len(suffix)])
                if child is not None and child.code is not None:
                    return child.code, len(suffix)
        return None


def _key(name: str) -> tuple[str, ...]:
    """Return the normalised word sequence a name is matched by."""
    return tuple(tokens(normalize(name).translate(_FOLD)))


def _better(current: _Match | None, candidate: _Match) -> _Match:
    """Prefer more words, then more characters."""
    if current is None:
        return candidate
    if (candidate.words, candidate.end - candidate.start) > (
        current.words,
        current.end - current.start,
    ):
        return candidate
    return current


def _without_overlaps(spans: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping spans (exact ones first on ties), in text order."""
    kept: list[tuple[int, int, str]] = []
    for start, end, code, _ in sorted(spans, key=lambda s: (s[0], s[0] - s[1], s[3])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, code))
    return kept
