"""Recognise a typed "yes" or "no" (people on WhatsApp often type instead of pressing)."""

from __future__ import annotations

import unicodedata

from bot.i18n import N_, Translator

_YES = (N_("yes"), N_("Yes, I agree"), N_("Yes, alert a volunteer"), N_("Yes, erase it"))
_NO = (N_("no"), N_("No"), N_("No, thanks"), N_("No, keep it"))
_ALWAYS_YES = frozenset({"yes", "y", "ok", "okay"})
_ALWAYS_NO = frozenset({"no", "n"})
_STRIP = " \t\n.!¡?¿؟।,،"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold().strip(_STRIP))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def typed_choice(tr: Translator, text: str) -> bool | None:
    """Return True for a typed yes, False for a typed no, None for anything else."""
    word = _fold(text)
    if word in _ALWAYS_YES or word in {_fold(tr._(m)) for m in _YES}:
        return True
    if word in _ALWAYS_NO or word in {_fold(tr._(m)) for m in _NO}:
        return False
    return None
