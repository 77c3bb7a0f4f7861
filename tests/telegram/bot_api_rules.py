"""What the real Bot API checks that our code could get wrong, as the fake checks it."""

from __future__ import annotations

import html
import re
from typing import Any

HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "tg-spoiler",
        "span",
        "blockquote",
        "tg-emoji",
    }
)
_TOKEN_RE = re.compile(
    r"<(/?)([a-zA-Z-]+)((?:\s[^<>]*)?)>|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);"
)
MAX_TEXT = 4096


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, **extra: Any) -> None:
        super().__init__(description)
        self.status = status
        self.body: dict[str, Any] = {
            "ok": False,
            "error_code": status,
            "description": description,
            **extra,
        }


def visible_text(text: str, parse_mode: str | None) -> str:
    """Return the text Telegram shows: HTML checked and stripped, or the text as is."""
    if parse_mode is None:
        return text
    if parse_mode != "HTML":
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode}")
    stack: list[str] = []
    out: list[str] = []
    position = 0
    for match in _TOKEN_RE.finditer(text):
        out.append(_plain_segment(text[position : match.start()]))
        position = match.end()
        closing, tag = match.group(1), match.group(2)
        if tag is None:
            out.append(html.unescape(match.group(0)))
        elif tag.lower() not in HTML_TAGS:
            raise ApiError(400, f"Bad Request: can't parse entities: Unsupported start tag {tag}")
        elif closing:
            if not stack or stack.pop() != tag.lower():
                raise ApiError(400, f"Bad Request: can't parse entities: unexpected end tag {tag}")
        else:
            stack.append(tag.lower())
    out.append(_plain_segment(text[position:]))
    if stack:
        raise ApiError(400, f"Bad Request: can't parse entities: unclosed tag {stack[-1]}")
    return "".join(out)


def _plain_segment(segment: str) -> str:
    if any(char in segment for char in "<>&"):
        raise ApiError(400, "Bad Request: can't parse entities: unescaped <, > or &")
    return segment


def utf16_length(text: str) -> int:
    """Return the length Telegram counts."""
    return len(text.encode("utf-16-le")) // 2


def check_markup(markup: Any) -> None:
    if not markup:
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
