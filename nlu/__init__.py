"""Multilingual NLU: language, intent, countries and the answering FAQ, offline and fast."""

from nlu.errors import (
    BackendError,
    BackendUnavailableError,
    InvalidInputError,
    ModelError,
    NLUError,
    TrainingDataError,
)
from nlu.factory import BACKENDS, create_pipeline
from nlu.pipeline import BuiltinPipeline
from nlu.rasa_backend import RasaPipeline
from nlu.schema import (
    EMERGENCY_INTENT,
    FALLBACK_INTENT,
    INTENTS,
    LANGUAGES,
    TOPIC_INTENTS,
    Analysis,
    CountryMention,
    FaqDocument,
    FaqMatch,
    NLUPipeline,
)

__all__ = [
    "BACKENDS",
    "EMERGENCY_INTENT",
    "FALLBACK_INTENT",
    "INTENTS",
    "LANGUAGES",
    "TOPIC_INTENTS",
    "Analysis",
    "BackendError",
    "BackendUnavailableError",
    "BuiltinPipeline",
    "CountryMention",
    "FaqDocument",
    "FaqMatch",
    "InvalidInputError",
    "ModelError",
    "NLUError",
    "NLUPipeline",
    "RasaPipeline",
    "TrainingDataError",
    "create_pipeline",
]
