"""Sending through the real python-telegram-bot to the fake Bot API: HTML, splitting, errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Bot
from telegram.error import NetworkError

from api.settings import Settings
from api.telegram.aiohttp_request import AiohttpRequest
from api.telegram.application import build_application, http_requests
from bot.channels.telegram_send import TelegramSender, send_replies
from bot.delivery import DeliveryError
from bot.messages import Button, OutgoingMessage
from tests.telegram.fake_bot_api import TOKEN, FakeBotAPI
from tests.utils.server import free_port

CHAT = 4242


@pytest.fixture(params=["aiohttp", "httpx"])
async def bot(request: pytest.FixtureRequest, fake_api: FakeBotAPI) -> AsyncIterator[Bot]:
    """A bot as the app builds it (rate limiter included), on either HTTP client."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake_api.base_url,
    )
    requests = http_requests(request.param)
    application = build_application(settings, mode="webhook", requests=requests)
    async with application.bot as ready:
        yield ready


@pytest.fixture
async def plain_bot(fake_api: FakeBotAPI) -> AsyncIterator[Bot]:
    """A bot without the rate limiter, so Telegram's errors reach the sender."""
    async with Bot(TOKEN, base_url=fake_api.base_url, request=AiohttpRequest()) as ready:
        yield ready


def sent(fake: FakeBotAPI) -> list[dict[str, Any]]:
    return [c.params for c in fake.calls_of("sendMessage")]


async def test_text_telegram_would_misparse_arrives_as_written(
    bot: Bot, fake_api: FakeBotAPI
) -> None:
    text = "Fees <100 USD> & a <b>contract</b> you cannot read: say no. *Never* pay_agents."
    await send_replies(bot, CHAT, [OutgoingMessage(text, link="https://x.org/?a=1&b=<2>")])
    (params,) = sent(fake_api)
    assert params["parse_mode"] == "HTML"
    assert params["link_preview_options"] == {"is_disabled": True}


async def test_a_parse_error_resends_the_answer_as_plain_text(
    bot: Bot, fake_api: FakeBotAPI
) -> None:
    fake_api.fail_next(
        "sendMessage", 400, description="Bad Request: can't parse entities: unsupported tag"
    )
    message = OutgoingMessage("Answer with a <tag>", (Button("Menu", "cmd:menu"),))
    await send_replies(bot, CHAT, [message])
    first, second = sent(fake_api)
    assert first["parse_mode"] == "HTML"
    assert "parse_mode" not in second
    assert second["text"] == "Answer with a <tag>"
    assert second["reply_markup"] == first["reply_markup"]


async def test_other_bad_requests_are_not_hidden(bot: Bot, fake_api: FakeBotAPI) -> None:
    fake_api.fail_next("sendMessage", 400, description="Bad Request: chat not found")
    with pytest.raises(NetworkError):
        await send_replies(bot, CHAT, [OutgoingMessage("hello")])


async def test_long_answers_arrive_in_parts_with_the_keyboard_last(
    bot: Bot, fake_api: FakeBotAPI
) -> None:
    text = "\n\n".join(f"Paragraph {i} " + "a & b " * 250 for i in range(8))
    buttons = (Button("Yes, helpful", "fb:x:1"), Button("Not really", "fb:x:0"))
    await send_replies(bot, CHAT, [OutgoingMessage(text, buttons)])
    parts = sent(fake_api)
    assert len(parts) >= 3
    assert all("reply_markup" not in p for p in parts[:-1])
    assert parts[-1]["reply_markup"]["inline_keyboard"]


async def test_sender_delivers_an_outbox_body(plain_bot: Bot, fake_api: FakeBotAPI) -> None:
    body = OutgoingMessage("A volunteer replied", (Button("Back", "handoff:leave"),)).to_dict()
    await TelegramSender(plain_bot).send(str(CHAT), body)
    (params,) = sent(fake_api)
    assert int(params["chat_id"]) == CHAT
    assert params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "handoff:leave"


@pytest.mark.parametrize(
    ("status", "description", "permanent", "retry_after"),
    [
        (429, None, False, 1.0),
        (403, "Forbidden: bot was blocked by the user", True, None),
        (400, "Bad Request: chat not found", True, None),
        (400, "Bad Request: something odd", False, None),
        (500, "Internal Server Error", False, None),
    ],
)
async def test_sender_maps_telegram_errors(
    plain_bot: Bot,
    fake_api: FakeBotAPI,
    status: int,
    description: str | None,
    permanent: bool,
    retry_after: float | None,
) -> None:
    if description is None:
        fake_api.fail_next("sendMessage", status)
    else:
        fake_api.fail_next("sendMessage", status, description=description)
    with pytest.raises(DeliveryError) as caught:
        await TelegramSender(plain_bot).send(str(CHAT), {"text": "hello"})
    assert caught.value.permanent is permanent
    assert caught.value.retry_after == retry_after


async def test_sender_refuses_a_recipient_that_is_not_a_chat_id(plain_bot: Bot) -> None:
    with pytest.raises(DeliveryError) as caught:
        await TelegramSender(plain_bot).send("web-user-1", {"text": "hello"})
    assert caught.value.permanent


async def test_sender_waits_while_the_channel_is_not_connected(plain_bot: Bot) -> None:
    with pytest.raises(DeliveryError) as caught:
        await TelegramSender(plain_bot, ready=lambda: False).send(str(CHAT), {"text": "hi"})
    assert not caught.value.permanent
    assert caught.value.retry_after


async def test_unreachable_api_is_a_network_error() -> None:
    base_url = f"http://127.0.0.1:{free_port()}/bot"
    request = AiohttpRequest(connect_timeout=1)
    bot = Bot(TOKEN, base_url=base_url, request=request)
    try:
        with pytest.raises(NetworkError):
            await bot.initialize()
    finally:
        await request.shutdown()
