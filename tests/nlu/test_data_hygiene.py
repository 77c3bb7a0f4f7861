"""Training examples sit in the file of the language they are written in."""

from __future__ import annotations

from nlu.text import analyzer_text
from nlu.training_data import DEFAULT_DATA_DIR, load_file

# Whole messages that belong to one language (file stem): found in another language's file,
# they would teach the language detector that "hello" is French or "namaste" English.
OWNED = {
    "en": [
        "hello",
        "hi",
        "hey",
        "thanks",
        "thank you",
        "bye",
        "bye bye",
        "english please",
        "in english",
        "switch to french",
        "switch to spanish",
    ],
    "fr": ["bonjour", "salut", "merci", "au revoir", "français"],
    "es": ["hola", "gracias", "adiós", "español"],
    "ar": ["salam", "assalamu alaikum", "choukran", "shukran"],
    "ne_latn": [
        "namaste",
        "namaste ji",
        "dhanyabad",
        "dhanyawad",
        "sponsor kasari paune",
    ],
}


def test_single_language_messages_are_in_their_own_file() -> None:
    misplaced = []
    for path in sorted(DEFAULT_DATA_DIR.glob("*.yml")):
        texts = {analyzer_text(example.text) for example in load_file(path)}
        for owner, messages in OWNED.items():
            if owner != path.stem:
                misplaced += [(path.name, m) for m in messages if analyzer_text(m) in texts]
    assert misplaced == []
