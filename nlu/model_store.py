"""Train the builtin models once and cache them on disk, keyed by data and code version."""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from nlu.countries import VARIANTS_FILE, CountryExtractor
from nlu.danger import LEXICON_FILES, DangerLexicon
from nlu.intent import IntentClassifier, IntentSettings
from nlu.language import CUES_FILE, LanguageDetector
from nlu.training_data import DEFAULT_DATA_DIR, data_files, fingerprint, load_training_data

# Bump when features, models or the bundle's shape change: old caches are then ignored.
CODE_VERSION = "nlu-4"
# The pickled bundle holds instances of these modules' classes: unpickling restores an old
# instance's attributes under the new code, which can silently break it (a lexicon whose
# index layout changed matched nothing), so their source is part of the cache key too.
CODE_FILES = tuple(sorted(Path(__file__).resolve().parent.glob("*.py")))
KEEP_CACHES = 3
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainedModels:
    """Everything the builtin pipeline needs besides the FAQ documents."""

    key: str
    intent: IntentClassifier
    language: LanguageDetector
    countries: CountryExtractor
    danger: DangerLexicon
    examples: int


def default_cache_dir() -> Path:
    """Return $PATHWAYS_NLU_CACHE, else $XDG_CACHE_HOME/pathways/nlu, else ~/.cache/..."""
    if explicit := os.environ.get("PATHWAYS_NLU_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pathways" / "nlu"


def cache_key(data_dir: Path, settings: IntentSettings) -> str:
    """Hash the training data, the lexicons and the code version into a cache key."""
    resources = [*data_files(data_dir), CUES_FILE, *LEXICON_FILES, VARIANTS_FILE, *CODE_FILES]
    return fingerprint(resources, CODE_VERSION, version("scikit-learn"), repr(settings))


def train(data_dir: Path | None = None, settings: IntentSettings | None = None) -> TrainedModels:
    """Train every model from the data directory (seconds)."""
    directory = data_dir or DEFAULT_DATA_DIR
    settings = settings or IntentSettings()
    examples = load_training_data(directory)
    return TrainedModels(
        key=cache_key(directory, settings),
        intent=IntentClassifier.train(examples, settings),
        language=LanguageDetector.train(examples),
        countries=CountryExtractor.build(),
        danger=DangerLexicon.load(),
        examples=len(examples),
    )


def load_models(
    data_dir: Path | None = None,
    cache_dir: Path | None = None,
    *,
    force: bool = False,
    settings: IntentSettings | None = None,
) -> TrainedModels:
    """Return cached models if the data is unchanged, else train and cache them."""
    directory = data_dir or DEFAULT_DATA_DIR
    settings = settings or IntentSettings()
    folder = cache_dir or default_cache_dir()
    path = folder / f"models-{cache_key(directory, settings)}.pickle"
    if not force and path.exists():
        try:
            with path.open("rb") as handle:
                cached = pickle.load(handle)  # our own cache file, written below
            if isinstance(cached, TrainedModels):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as err:
            log.warning("ignoring unreadable NLU cache %s: %s", path, err)
    models = train(directory, settings)
    _save(folder, path, models)
    return models


def _save(folder: Path, path: Path, models: TrainedModels) -> None:
    """Write the cache atomically and keep only the newest few; a read-only disk costs speed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as tmp:
            pickle.dump(models, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
        older = sorted(folder.glob("models-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in older[:-KEEP_CACHES]:
            old.unlink(missing_ok=True)
    except OSError as err:
        log.warning("cannot write NLU cache in %s: %s", folder, err)
