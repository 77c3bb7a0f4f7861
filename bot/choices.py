"""Recognise a typed "yes" or "no" (people on WhatsApp often type instead of pressing)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from bot.i18n import LANGUAGES, N_, Translator

_YES = (N_("yes"), N_("Yes, I agree"), N_("Yes, alert a volunteer"), N_("Yes, erase it"))
_NO = (N_("no"), N_("No"), N_("No, thanks"), N_("No, keep it"))
# Words people type for yes and no beyond the catalogues' own: romanized Nepali ("ho",
# "hunchha"), Arabizi ("aywa", "na3am"), dialect Arabic ("ايوه"), everyday fr/es ("ouais", "vale").
_ALWAYS_YES = frozenset(
    {
        "yes",
        "y",
        "ok",
        "okay",
        "yeah",
        "yep",
        "sure",
        "ho",
        "hajur",
        "huncha",
        "hunchha",
        "hunxa",
        "हजुर",
        "हुन्छ",
        "aywa",
        "aiwa",
        "na3am",
        "naam",
        "ايوه",
        "أيوه",
        "أجل",
        "موافق",
        "ouais",
        "d'accord",
        "vale",
        "claro",
        "de acuerdo",
    }
)
_ALWAYS_NO = frozenset(
    {"no", "n", "nope", "hoina", "hoena", "haina", "अहँ", "la2", "laa", "لأ", "non merci"}
)
_STRIP = " \t\n.!¡?¿؟।,،"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold().strip(_STRIP))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=len(LANGUAGES))
def _words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return the folded yes and no words of one language (with the button titles)."""
    tr = Translator(lang)
    return (
        frozenset({_fold(w) for w in _ALWAYS_YES} | {_fold(tr._(m)) for m in _YES}),
        frozenset({_fold(w) for w in _ALWAYS_NO} | {_fold(tr._(m)) for m in _NO}),
    )


def typed_choice(tr: Translator, text: str) -> bool | None:
    """Return True for a typed yes, False for a typed no, None for anything else.

    The person's language is tried first, then the others: someone reading English replies
    may still answer "oui" or "نعم".
    """
    word = _fold(text)
    for lang in (tr.lang, *(code for code in LANGUAGES if code != tr.lang)):
        yes, no = _words(lang)
        if word in yes:
            return True
        if word in no:
            return False
    return None
