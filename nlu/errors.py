"""The NLU exception hierarchy: one root, a subclass per failure."""

from __future__ import annotations


class NLUError(Exception):
    """Root of every error the nlu package raises."""


class TrainingDataError(NLUError):
    """The training data or a lexicon file is missing or malformed."""


class ModelError(NLUError):
    """A model could not be trained, loaded or used."""


class InvalidInputError(NLUError, ValueError):
    """The text or language given to the NLU is not acceptable."""


class BackendError(NLUError):
    """The remote NLU backend (Rasa) answered with an error or nonsense."""


class BackendUnavailableError(BackendError):
    """The remote NLU backend (Rasa) could not be reached in time."""
