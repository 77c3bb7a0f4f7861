"""The conversation flows; each takes the current Turn and adds replies to it."""
