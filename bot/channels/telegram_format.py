"""Turn neutral replies into Telegram messages: escaped HTML, 4,096-character parts, keyboards."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import Button, OutgoingMessage

MAX_TEXT_CHARS = 4096  # Telegram's limit on a message's text, after entity parsing
ROW_WIDTH = 30  # characters a phone shows on one keyboard row, counting each button's padding
BUTTON_PADDING = 3
MAX_ROW_BUTTONS = 5
_LINK_SCHEMES = ("https://", "http://", "tg://")


@dataclass(frozen=True)
class Part:
    """One Telegram message: its HTML and the same text without markup (the fallback)."""

    html: str
    plain: str


def text_length(text: str) -> int:
    """Return the length Telegram counts: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def html_text(text: str) -> str:
    """Escape the three characters Telegram's HTML parse mode treats specially."""
    return escape(text, quote=False)


def html_link(url: str) -> str:
    """Return `url` as an `<a href>` link, or as escaped text when it is not a web link."""
    if not url.lower().startswith(_LINK_SCHEMES):
        return html_text(url)
    return f'<a href="{escape(url, quote=False).replace(chr(34), "&quot;")}">{html_text(url)}</a>'


def render_parts(message: OutgoingMessage, limit: int = MAX_TEXT_CHARS) -> list[Part]:
    """Return the message as parts of at most `limit` characters, cut between paragraphs."""
    blocks = [(p, html_text(p)) for p in message.text.split("\n\n") if p.strip()]
    if message.link and message.link not in message.text:
        link = message.link
        blocks.append((link, html_link(link) if text_length(link) <= limit else html_text(link)))
    parts: list[Part] = []
    plain: list[str] = []
    marked: list[str] = []
    for block_plain, block_html in _fitting(blocks, limit):
        joined = "\n\n".join([*plain, block_plain])
        if plain and text_length(joined) > limit:
            parts.append(Part("\n\n".join(marked), "\n\n".join(plain)))
            plain, marked = [], []
        plain.append(block_plain)
        marked.append(block_html)
    if plain:
        parts.append(Part("\n\n".join(marked), "\n\n".join(plain)))
    return parts


def _fitting(blocks: Sequence[tuple[str, str]], limit: int) -> Iterator[tuple[str, str]]:
    """Yield the blocks, cutting any longer than `limit` at lines, then words, then anywhere."""
    for plain, marked in blocks:
        if text_length(plain) <= limit:
            yield plain, marked
            continue
        for piece in _cut(plain, limit):
            yield piece, html_text(piece)


def _cut(text: str, limit: int) -> Iterator[str]:
    for separator in ("\n", " "):
        if separator in text:
            current = ""
            for token in text.split(separator):
                candidate = f"{current}{separator}{token}" if current else token
                if text_length(candidate) <= limit:
                    current = candidate
                    continue
                if current:
                    yield current
                if text_length(token) <= limit:
                    current = token
                else:
                    yield from _cut(token, limit)
                    current = ""
            if current:
                yield current
            return
    piece = ""
    for char in text:
        if text_length(piece + char) > limit:
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    """Return an inline keyboard sending each button's payload as callback data."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    width = ROW_WIDTH + 1  # forces a first row
    for button in buttons:
        needed = len(button.title) + BUTTON_PADDING
        if width + needed > ROW_WIDTH or len(rows[-1]) >= MAX_ROW_BUTTONS:
            rows.append([])
            width = 0
        rows[-1].append(InlineKeyboardButton(button.title, callback_data=button.payload))
        width += needed
    return InlineKeyboardMarkup(rows)
