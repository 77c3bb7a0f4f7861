"""Reading the Rasa YAML data, and a cached model that is rebuilt when the data changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nlu import TrainingDataError
from nlu.model_store import load_models
from nlu.pipeline import BuiltinPipeline
from nlu.training_data import EntityAnnotation, load_file, load_training_data, strip_annotations

MINI = Path(__file__).resolve().parent / "fixtures" / "mini_data"


def test_annotations_are_stripped_and_kept() -> None:
    text, entities = strip_annotations(
        'work in [Dubai]{"entity": "country", "value": "AE"} or [Doha](country:QA)'
    )
    assert text == "work in Dubai or Doha"
    assert entities == (
        EntityAnnotation("country", "AE", 8, 13),
        EntityAnnotation("country", "QA", 17, 21),
    )
    assert text[8:13] == "Dubai" and text[17:21] == "Doha"


def test_language_comes_from_metadata_and_latn_files_are_marked(tmp_path: Path) -> None:
    path = tmp_path / "ne_latn.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  metadata:\n    language: ne\n'
        "  examples: |\n    - namaste dai\n",
        encoding="utf-8",
    )
    [example] = load_file(path)
    assert (example.text, example.language, example.romanized) == ("namaste dai", "ne", True)


def test_the_real_data_covers_every_intent_in_every_language() -> None:
    from nlu import INTENTS, LANGUAGES

    seen = {(e.language, e.intent) for e in load_training_data()}
    assert {(lang, intent) for lang in LANGUAGES for intent in INTENTS} <= seen


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "version: '3.1'\nnlu:\n- intent: weather\n  examples: |\n    - rain?\n",
            "unknown intent",
        ),
        ("nlu: [", "cannot read"),
    ],
)
def test_bad_data_is_reported(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "en.yml").write_text(content, encoding="utf-8")
    with pytest.raises(TrainingDataError, match=message):
        load_training_data(tmp_path)


def test_no_data_is_reported(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="no training data"):
        load_training_data(tmp_path)


def test_a_data_change_is_picked_up_by_the_cached_model(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cache = tmp_path / "cache"
    shutil.copytree(MINI, data)
    first = load_models(data, cache)
    assert load_models(data, cache).key == first.key  # served from the cache
    assert len(list(cache.glob("models-*.pickle"))) == 1
    before = BuiltinPipeline(first).parse("sponsorship for my cousin")["intent"]["name"]
    assert before != "sponsorship"

    with (data / "en.yml").open("a", encoding="utf-8") as handle:
        handle.write(
            "- intent: sponsorship\n  metadata:\n    language: en\n  examples: |\n"
            "    - sponsorship for my cousin\n    - who can sponsor me\n"
            "    - private sponsorship of refugees\n    - can my employer sponsor my visa\n"
        )
    second = load_models(data, cache)
    assert second.key != first.key
    assert BuiltinPipeline(second).parse("sponsorship for my cousin")["intent"]["name"] == (
        "sponsorship"
    )


def test_force_retrains_and_a_bad_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    models = load_models(MINI, cache)
    [path] = cache.glob("models-*.pickle")
    path.write_bytes(b"not a pickle")
    assert load_models(MINI, cache).key == models.key
    assert load_models(MINI, cache, force=True).key == models.key


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    models = load_models(MINI, blocker / "cache")
    assert models.examples == 26


def test_a_code_change_is_a_new_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An old pickle unpickled under changed classes can break silently (a danger lexicon
    # whose index layout changed matched nothing), so the NLU source is part of the key.
    from nlu import model_store
    from nlu.intent import IntentSettings

    module = tmp_path / "fake_module.py"
    module.write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.setattr(model_store, "CODE_FILES", (module,))
    before = model_store.cache_key(MINI, IntentSettings())
    module.write_text("VERSION = 2\n", encoding="utf-8")
    assert model_store.cache_key(MINI, IntentSettings()) != before


def test_every_nlu_module_is_part_of_the_cache_key() -> None:
    from nlu import model_store

    package = Path(model_store.__file__).resolve().parent
    assert set(model_store.CODE_FILES) == set(package.glob("*.py"))
