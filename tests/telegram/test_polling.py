"""Polling mode end to end: the app long-polls the fake Bot API, as `pathways serve` runs it."""

from __future__ import annotations

from tests.telegram import scenarios
from tests.telegram.conftest import Stack


def test_polling_removes_any_webhook_and_publishes_menus(polling_stack: Stack) -> None:
    assert polling_stack.fake.calls_of("deleteWebhook")
    assert not polling_stack.fake.calls_of("setWebhook")
    polling_stack.fake.wait_for("setMyCommands", 6)


def test_polling_refuses_webhook_posts(polling_stack: Stack) -> None:
    assert polling_stack.post({"update_id": 1}).status_code == 404


def test_first_contact_with_language_choice(polling_stack: Stack) -> None:
    scenarios.first_contact_with_language_choice(polling_stack)


def test_answered_question_with_source(polling_stack: Stack) -> None:
    scenarios.answered_question_with_source(polling_stack)


def test_clarifying_keyboard(polling_stack: Stack) -> None:
    scenarios.clarifying_keyboard(polling_stack)


def test_emergency(polling_stack: Stack) -> None:
    scenarios.emergency(polling_stack)


def test_consent(polling_stack: Stack) -> None:
    scenarios.consent_to_a_volunteer(polling_stack)


def test_delete(polling_stack: Stack) -> None:
    scenarios.delete_my_data(polling_stack)


def test_group_message(polling_stack: Stack) -> None:
    scenarios.group_message(polling_stack)


def test_retry_after(polling_stack: Stack) -> None:
    scenarios.retry_after_is_honoured(polling_stack)
