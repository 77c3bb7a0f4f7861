"""Read Rasa 3 NLU YAML training data: plain texts, intents, languages and entity annotations."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nlu.errors import TrainingDataError
from nlu.schema import INTENTS, LANGUAGES

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"

_ANNOTATION_RE = re.compile(r"\[(?P<text>[^\]]+)\](?:\{(?P<json>[^{}]*)\}|\((?P<paren>[^()]*)\))")


@dataclass(frozen=True)
class EntityAnnotation:
    """An entity marked in a training example, with offsets in the plain text."""

    entity: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Example:
    """One training example with its annotations stripped out."""

    text: str
    intent: str
    language: str
    entities: tuple[EntityAnnotation, ...] = ()
    romanized: bool = False


def strip_annotations(raw: str) -> tuple[str, tuple[EntityAnnotation, ...]]:
    """Remove Rasa entity markup from an example and return the text and its entities."""
    parts: list[str] = []
    entities: list[EntityAnnotation] = []
    cursor = 0
    length = 0
    for match in _ANNOTATION_RE.finditer(raw):
        before = raw[cursor : match.start()]
        parts.append(before)
        length += len(before)
        surface = match.group("text")
        entity, value = _parse_entity(match.group("json"), match.group("paren"), surface)
        entities.append(EntityAnnotation(entity, value, length, length + len(surface)))
        parts.append(surface)
        length += len(surface)
        cursor = match.end()
    parts.append(raw[cursor:])
    return "".join(parts), tuple(entities)


def _parse_entity(json_part: str | None, paren: str | None, surface: str) -> tuple[str, str]:
    """Return (entity, value) from either the JSON or the legacy (entity:value) form."""
    if json_part is not None:
        try:
            data = json.loads("{" + json_part + "}")
        except json.JSONDecodeError as err:
            raise TrainingDataError(f"bad entity annotation {{{json_part}}}") from err
        return str(data.get("entity", "")), str(data.get("value", surface))
    entity, _, value = (paren or "").partition(":")
    return entity, value or surface


def _examples_field(item: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (raw example, per-example metadata) from a block string or a list of dicts."""
    examples = item.get("examples", "")
    if isinstance(examples, str):
        for line in examples.splitlines():
            line = line.strip()
            if line.startswith("- "):
                yield line[2:].strip(), {}
            elif line == "-":
                continue
        return
    if isinstance(examples, list):
        for entry in examples:
            if isinstance(entry, dict) and "text" in entry:
                yield str(entry["text"]).strip(), dict(entry.get("metadata") or {})
            elif isinstance(entry, str):
                yield entry.strip(), {}


def _unquote(text: str) -> str:
    """Drop the quotes some writers put around a whole example."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def load_file(path: Path) -> list[Example]:
    """Read one Rasa NLU YAML file into examples, checking intents and languages."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise TrainingDataError(f"cannot read {path}: {err}") from err
    romanized = "latn" in path.stem
    file_language = path.stem.split("_")[0]
    examples: list[Example] = []
    for item in document.get("nlu") or []:
        if not isinstance(item, dict) or "intent" not in item:
            continue  # synonyms, regexes and lookups do not train the classifier
        intent = str(item["intent"])
        if intent not in INTENTS:
            raise TrainingDataError(f"{path.name}: unknown intent {intent!r}")
        metadata = item.get("metadata") or {}
        language = str(metadata.get("language", file_language))
        for raw, example_meta in _examples_field(item):
            text, entities = strip_annotations(_unquote(raw))
            if not text.strip():
                continue
            lang = str(example_meta.get("language", language))
            if lang not in LANGUAGES:
                raise TrainingDataError(f"{path.name}: unknown language {lang!r}")
            examples.append(Example(text, intent, lang, entities, romanized))
    return examples


def data_files(data_dir: Path) -> list[Path]:
    """Return the YAML files of a data directory in a stable order."""
    return sorted([*data_dir.glob("*.yml"), *data_dir.glob("*.yaml")])


def load_training_data(data_dir: Path | None = None) -> list[Example]:
    """Read every YAML file of the data directory (nlu/data by default)."""
    directory = data_dir or DEFAULT_DATA_DIR
    files = data_files(directory)
    if not files:
        raise TrainingDataError(f"no training data (*.yml) in {directory}")
    examples: list[Example] = []
    for path in files:
        examples.extend(load_file(path))
    if not examples:
        raise TrainingDataError(f"no examples in {directory}")
    return examples


def fingerprint(paths: Iterable[Path], *extra: str) -> str:
    """Hash file names and contents (plus extra strings) into a cache key."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    for item in extra:
        digest.update(item.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]
