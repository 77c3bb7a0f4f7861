"""The builtin pipeline: language, intent (with the danger lexicon), countries and FAQ."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nlu.errors import InvalidInputError
from nlu.faq_index import FaqIndex, FaqSettings
from nlu.intent import IntentPrediction, decide
from nlu.language import DEFAULT_LANGUAGE
from nlu.model_store import TrainedModels, load_models
from nlu.schema import FALLBACK_INTENT, LANGUAGES, Analysis, FaqDocument

# Longer messages are cut before analysis: beyond this they only cost time.
MAX_ANALYSED_CHARS = 2000


def check_input(text: object, lang: object) -> None:
    """Reject a text that is not a string or a language we do not know."""
    if not isinstance(text, str):
        raise InvalidInputError("text must be a string")
    if lang is not None and lang not in LANGUAGES:
        raise InvalidInputError(f"lang must be one of {', '.join(LANGUAGES)}")


class BuiltinPipeline:
    """In-process NLU: no network, trained from nlu/data/ in seconds."""

    extractor = "PathwaysCountryExtractor"

    def __init__(
        self,
        models: TrainedModels,
        faq_documents: Sequence[FaqDocument] = (),
        faq_settings: FaqSettings | None = None,
    ) -> None:
        self.models = models
        self._faq_settings = faq_settings or FaqSettings()
        self._faq = FaqIndex(faq_documents, self._faq_settings)

    @property
    def faq_index(self) -> FaqIndex:
        """Return the current FAQ index."""
        return self._faq

    async def aclose(self) -> None:
        """Nothing to release: the builtin pipeline holds no connections."""

    def set_faq_documents(self, docs: Sequence[FaqDocument]) -> None:
        """Rebuild the FAQ index (the swap is atomic for concurrent readers)."""
        self._faq = FaqIndex(docs, self._faq_settings)

    async def analyse(self, text: str, *, lang: str | None = None) -> Analysis:
        """Understand one message; a parse takes about a millisecond, so no thread hop."""
        return self.analyse_sync(text, lang=lang)

    def parse(self, text: str, lang: str | None = None) -> dict[str, Any]:
        """Return the Rasa-shaped parse dict of one message (CLI and benchmarks)."""
        return self.analyse_sync(text, lang=lang).to_rasa()

    def analyse_sync(self, text: str, *, lang: str | None = None) -> Analysis:
        """Understand one message synchronously."""
        check_input(text, lang)
        sample = text[:MAX_ANALYSED_CHARS]
        language = lang or self.detect_language(sample)
        if not sample.strip():
            prediction = decide({FALLBACK_INTENT: 1.0})
        else:
            danger = self.models.danger.score(sample)
            prediction = self.models.intent.predict(sample, danger)
        return self.compose(text, sample, language, prediction)

    def detect_language(self, text: str) -> str:
        """Return the detected language of `text` (English when there is nothing to go on)."""
        if not text.strip():
            return DEFAULT_LANGUAGE
        return self.models.language.detect(text).language

    def compose(
        self, text: str, sample: str, language: str, prediction: IntentPrediction
    ) -> Analysis:
        """Add countries and FAQ candidates to an intent decision (shared with Rasa)."""
        countries = self.models.countries.extract(sample)
        candidates = self._faq.rank(
            sample,
            language=language,
            intent=prediction.intent,
            countries=[m.code for m in countries],
            spans=[(m.start, m.end) for m in countries],
        )
        return Analysis(
            text=text,
            language=language,
            intent=prediction.intent,
            confidence=prediction.confidence,
            ranking=prediction.ranking,
            countries=countries,
            faq_candidates=candidates,
            faq_threshold=self._faq_settings.threshold,
            faq_accepted=self._faq.accepts(candidates),
            extractor=self.extractor,
        )


def create_builtin(
    *,
    faq_documents: Sequence[FaqDocument] = (),
    data_dir: Path | None = None,
    cache_dir: Path | None = None,
    force_train: bool = False,
) -> BuiltinPipeline:
    """Load (or train and cache) the models and build the builtin pipeline."""
    models = load_models(data_dir, cache_dir, force=force_train)
    return BuiltinPipeline(models, faq_documents)
