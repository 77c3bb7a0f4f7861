"""Build the NLU pipeline the configuration asks for."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from nlu.errors import NLUError
from nlu.pipeline import create_builtin
from nlu.rasa_backend import RasaPipeline
from nlu.schema import FaqDocument, NLUPipeline

BACKENDS = ("builtin", "rasa")


def create_pipeline(
    *,
    backend: str = "builtin",
    rasa_url: str | None = None,
    faq_documents: Sequence[FaqDocument] = (),
    data_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> NLUPipeline:
    """Return the builtin pipeline, or the Rasa one (which still uses the builtin parts)."""
    if backend not in BACKENDS:
        raise NLUError(f"unknown NLU backend {backend!r}; expected one of {', '.join(BACKENDS)}")
    local = create_builtin(faq_documents=faq_documents, data_dir=data_dir, cache_dir=cache_dir)
    if backend == "builtin":
        return local
    if not rasa_url:
        raise NLUError("NLU_BACKEND=rasa needs RASA_URL")
    return RasaPipeline(rasa_url, local)
