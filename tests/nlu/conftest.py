"""Fixtures: the real models trained once per session, and a small set of FAQ documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nlu import FaqDocument
from nlu.model_store import TrainedModels, load_models
from nlu.pipeline import BuiltinPipeline

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_fixture(name: str) -> Any:
    """Return a YAML fixture of this folder."""
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def faq_documents() -> list[FaqDocument]:
    """Return the FAQ fixture documents."""
    return [
        FaqDocument(
            id=item["id"],
            topic=item["topic"],
            countries=frozenset(item.get("countries") or ()),
            texts={lang: tuple(texts) for lang, texts in item["texts"].items()},
        )
        for item in read_fixture("faq.yml")
    ]


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory private to this test session."""
    return tmp_path_factory.mktemp("nlu-cache")


@pytest.fixture(scope="session")
def models(model_cache: Path) -> TrainedModels:
    """The builtin models trained from nlu/data (once per session)."""
    return load_models(cache_dir=model_cache)


@pytest.fixture(scope="session")
def pipeline(models: TrainedModels) -> BuiltinPipeline:
    """The builtin pipeline over the FAQ fixture documents."""
    return BuiltinPipeline(models, faq_documents())
