"""Which role a country plays in a message: where the person is now, comes from, or wants to go.

Where someone wants to go, where they are now and where they come from are three different
facts (DESIGN.md, safety rule 2): a helpline must be for the country the person is in, never
for a destination they asked about. The NLU finds the country names; the words around a name
tell its role ("I am in Qatar", "je viens du Maroc", "म कतारमा छु").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from nlu import Analysis


class Role(StrEnum):
    """What a country named in a message is to the person."""

    HERE = "here"
    ORIGIN = "origin"
    DESTINATION = "destination"


# Words just before a country name (lowercase, spaces normalised); the longest match wins.
_HERE_BEFORE = (
    # en
    "i am in",
    "i'm in",
    "im in",
    "i am now in",
    "i'm now in",
    "i am currently in",
    "i live in",
    "i'm living in",
    "i am living in",
    "i work in",
    "i'm working in",
    "i am working in",
    "i am stuck in",
    "i'm stuck in",
    "we are in",
    "we're in",
    "we live in",
    "here in",
    "currently in",
    "right now in",
    # fr
    "je suis au",
    "je suis en",
    "je suis à",
    "je suis aux",
    "je suis actuellement au",
    "je suis actuellement en",
    "j'habite au",
    "j'habite en",
    "j'habite à",
    "je vis au",
    "je vis en",
    "je travaille au",
    "je travaille en",
    "nous sommes au",
    "nous sommes en",
    "ici au",
    "ici en",
    # es
    "estoy en",
    "ahora estoy en",
    "vivo en",
    "trabajo en",
    "estamos en",
    "aquí en",
    "aqui en",
    # ar
    "أنا في",
    "انا في",
    "أنا الآن في",
    "انا الان في",
    "أعيش في",
    "اعيش في",
    "أعمل في",
    "اعمل في",
    "نحن في",
    "هنا في",
    "أنا موجود في",
    "انا موجود في",
    "أنا موجودة في",
    "انا موجودة في",
    "راني ف",
    "انا ف",
)
_ORIGIN_BEFORE = (
    # en
    "from",
    "i am from",
    "i'm from",
    "im from",
    "i come from",
    "we are from",
    "we're from",
    "came from",
    "originally from",
    "citizen of",
    "national of",
    # fr
    "je viens du",
    "je viens de",
    "je viens d'",
    "je suis originaire du",
    "je suis originaire de",
    "originaire du",
    "originaire de",
    # es
    "desde",
    "soy de",
    "vengo de",
    "somos de",
    "originario de",
    "originaria de",
    # ar
    "أنا من",
    "انا من",
    "نحن من",
    "جئت من",
    "قادم من",
    "قادمة من",
)
# Nepali puts the role after the name ("कतारमा छु": I am in Qatar; "नेपालबाट": from Nepal).
_HERE_AFTER = (
    "मा छु",
    "मा छौं",
    "मा छौँ",
    "मा बस्छु",
    "मा काम गर्छु",
    "मै छु",
    " ma chu",
    " ma chhu",
    " ma xu",
    " ma cu",
    " ma chau",
    " ma basxu",
    " ma baschu",
    " ma kaam garchu",
    " ma kam garchu",
    " ma kaam garxu",
    " ma kam garxu",
    "ma chu",
    "ma chhu",
    "ma xu",
)
_ORIGIN_AFTER = ("बाट", "को नागरिक", " bata", "bata", " ko nagarik")
_WINDOW = 24  # characters looked at around a country name


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'"))


# "How can I work in Germany" asks about a destination; "I work in Qatar" says where one is.
_NOT_NOW = ("can", "could", "how", "will", "would", "should", "may", "might", "to", "if", "when")


def _ends_with_cue(before: str, cues: tuple[str, ...]) -> bool:
    before = _normalise(before).rstrip(" ,:")
    for cue in cues:
        for form in (cue, cue + " the"):
            if before.endswith(form):
                words = before[: -len(form)].split()
                return not (words and words[-1] in _NOT_NOW)
    return False


def _starts_with_cue(after: str, cues: tuple[str, ...]) -> bool:
    after = _normalise(after)
    return any(after.startswith(cue) for cue in cues)


@dataclass(frozen=True)
class Place:
    """A country named in a message and its role."""

    code: str
    role: Role


def places(analysis: Analysis) -> list[Place]:
    """Return each country the message names with its role, in order of appearance."""
    text = analysis.text
    found: list[Place] = []
    seen: set[str] = set()
    for mention in analysis.countries:
        if mention.code in seen:
            continue
        seen.add(mention.code)
        before = text[max(0, mention.start - _WINDOW) : mention.start]
        # The extractor may include a Nepali case ending in the mention ("कतारमा").
        name = text[mention.start : mention.end]
        after = text[mention.end : mention.end + _WINDOW]
        tail = _tail(name) + after
        if _ends_with_cue(before, _ORIGIN_BEFORE) or _starts_with_cue(tail, _ORIGIN_AFTER):
            role = Role.ORIGIN
        elif _ends_with_cue(before, _HERE_BEFORE) or _starts_with_cue(tail, _HERE_AFTER):
            role = Role.HERE
        else:
            role = Role.DESTINATION
        found.append(Place(mention.code, role))
    return found


def _tail(name: str) -> str:
    """Return a Nepali case ending the extractor kept in the mention ("मा", "बाट"), if any."""
    for ending in ("मा", "बाट", "मै"):
        if name.endswith(ending):
            return ending
    return ""


def where_now(analysis: Analysis, *, origin: str | None) -> str | None:
    """Return the country an emergency message says the person is in, if it names one.

    A country named with "I am in" wins; otherwise the first one that is not where the
    person comes from ("they brought me from Nepal to Qatar and locked me in": Qatar).
    """
    named = places(analysis)
    here = next((p.code for p in named if p.role is Role.HERE), None)
    if here is not None:
        return here
    return next(
        (p.code for p in named if p.role is not Role.ORIGIN and p.code != origin),
        None,
    )
