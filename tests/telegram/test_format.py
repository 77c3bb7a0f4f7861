"""Escaping, splitting and keyboards of Telegram messages (no network)."""

from __future__ import annotations

import pytest

from bot.channels.telegram_format import (
    MAX_TEXT_CHARS,
    html_link,
    keyboard,
    render_parts,
    text_length,
)
from bot.channels.telegram_send import body_messages
from bot.i18n import LANGUAGES
from bot.messages import Button, OutgoingMessage
from bot.render import language_buttons
from tests.telegram.bot_api_rules import visible_text


@pytest.mark.parametrize(
    "text",
    [
        "Fees < 100 USD & contracts > 2 years",
        "<b>not bold</b> <script>alert(1)</script> &amp; &lt;",
        "Un *texte* _markdown_ [lien](http://x) `code` ~barré~ || \\",
        "العربية <مهم> & نص",
        "नेपाली <b> & </i>",
        "emoji 🇨🇦 & ZWJ 👩‍👩‍👧",
    ],
)
def test_special_characters_render_as_written(text: str) -> None:
    (part,) = render_parts(OutgoingMessage(text))
    assert visible_text(part.html, "HTML") == text
    assert part.plain == text


def test_link_becomes_an_anchor_with_an_escaped_url() -> None:
    url = 'https://example.org/a?b=1&c="2"<3>'
    (part,) = render_parts(OutgoingMessage("Read this", link=url))
    assert '<a href="https://example.org/a?b=1&amp;c=&quot;2&quot;&lt;3&gt;">' in part.html
    assert visible_text(part.html, "HTML") == f"Read this\n\n{url}"
    assert part.plain.endswith(url)


def test_link_already_in_the_text_is_not_repeated() -> None:
    url = "https://www.canada.ca/en.html"
    (part,) = render_parts(OutgoingMessage(f"Source: {url}", link=url))
    assert part.plain == f"Source: {url}"


def test_only_web_links_become_anchors() -> None:
    assert html_link("javascript:alert(1)") == "javascript:alert(1)"
    assert html_link("tg://resolve?domain=x").startswith('<a href="tg://')


def test_long_answers_split_between_paragraphs() -> None:
    paragraphs = [f"Paragraph {i}: " + "word " * 300 for i in range(12)]
    text = "\n\n".join(paragraphs)
    parts = render_parts(OutgoingMessage(text))
    assert len(parts) > 1
    assert all(text_length(visible_text(p.html, "HTML")) <= MAX_TEXT_CHARS for p in parts)
    assert all(p.plain.startswith("Paragraph") for p in parts)
    assert "\n\n".join(p.plain for p in parts) == text


def test_a_paragraph_longer_than_the_limit_is_cut_at_lines_then_words() -> None:
    lines = "\n".join("line " + "x" * 50 for _ in range(200))
    words = " ".join("mot" for _ in range(3000))
    for text in (lines, words, "y" * 9000):
        parts = render_parts(OutgoingMessage(text))
        assert all(text_length(p.plain) <= MAX_TEXT_CHARS for p in parts)
        assert "".join(p.plain for p in parts).replace("\n", "").replace(" ", "") == (
            text.replace("\n", "").replace(" ", "")
        )


def test_length_counts_utf16_units_like_telegram() -> None:
    assert text_length("🇨🇦") == 4
    parts = render_parts(OutgoingMessage("😀" * 3000))
    assert len(parts) == 2
    assert all(text_length(p.plain) <= MAX_TEXT_CHARS for p in parts)


def test_empty_message_has_no_part() -> None:
    assert render_parts(OutgoingMessage("  \n\n ")) == []


def test_keyboard_sends_payloads_and_packs_short_titles() -> None:
    markup = keyboard(language_buttons("fr"))
    assert markup is not None
    rows = markup.inline_keyboard
    assert [b.callback_data for row in rows for b in row] == [f"lang:{c}" for c in LANGUAGES]
    assert 1 < len(rows) < len(LANGUAGES)
    stars = keyboard([Button("★" * n, f"rate:ABC:{n}") for n in range(1, 6)])
    assert stars is not None and len(stars.inline_keyboard) == 1
    long_titles = keyboard(
        [Button("Family reunification", "a"), Button("Talk to a volunteer", "b")]
    )
    assert long_titles is not None and len(long_titles.inline_keyboard) == 2
    assert keyboard([]) is None


def test_outbox_bodies_of_either_shape_are_read() -> None:
    one = OutgoingMessage("hi", (Button("Back", "handoff:leave"),), language="en")
    assert body_messages(one.to_dict()) == [one]
    assert body_messages({"messages": [one.to_dict(), one.to_dict()]}) == [one, one]
