"""The dialogue's exception hierarchy: domain errors carry a reply the person can read."""

from __future__ import annotations

from bot.i18n import N_, Translator


class BotError(Exception):
    """Root of every error the dialogue raises on purpose; `reply` is a gettext message id."""

    reply: str = N_("Sorry, I could not do that. Please try again, or type /menu.")
    show_menu: bool = False

    def params(self, tr: Translator) -> dict[str, object]:
        """Return the values the reply's placeholders take, formatted for the language."""
        return {}


class EmptyMessageError(BotError):
    """The message had no text left once control characters were removed."""

    reply = N_("I did not receive any text. Please write your question, or type /menu.")


class MessageTooLongError(BotError):
    """The message is longer than the dialogue accepts."""

    reply = N_(
        "Your message is too long for me. Please shorten it to {limit} characters or less, "
        "or ask one question at a time."
    )

    def __init__(self, limit: int) -> None:
        super().__init__(f"message longer than {limit} characters")
        self.limit = limit

    def params(self, tr: Translator) -> dict[str, object]:
        """Return the limit for the reply."""
        return {"limit": tr.number(self.limit)}


class UnknownPayloadError(BotError):
    """A button payload the dialogue does not know (stale, forged or from an older version)."""

    reply = N_("Sorry, that button no longer works. Here is the menu again.")
    show_menu = True


class UnderstandingUnavailableError(BotError):
    """The NLU backend could not analyse the message."""

    reply = N_(
        "I cannot read free text right now. Please use the menu buttons, or try again later."
    )
    show_menu = True
