"""First contact, the menu, help, privacy, the language choice and small talk."""

from __future__ import annotations

from bot import render
from bot.flows.replies import show_menu_hint
from bot.turn import Turn


def welcome(turn: Turn, *, with_menu: bool = True) -> None:
    """Greet a new person: who we are, the language choice, the disclaimer, privacy, the menu."""
    tr = turn.tr
    text = "\n\n".join(
        [
            tr._(
                "Hello, I am Pathways. I give trusted information to people thinking of "
                "moving abroad: visas, family reunification, sponsorship, risks such as fake "
                "recruiters, and preparing to leave."
            ),
            tr._("This is general information, not legal advice."),
            tr._("Type /privacy to see how your data is used, and /delete to erase it."),
            tr._("Choose your language:"),
        ]
    )
    turn.say(text, render.language_buttons(turn.lang))
    turn.state.disclaimer_shown = True
    if with_menu:
        show_menu_hint(turn)


def show_menu(turn: Turn) -> None:
    """Show the topics and commands."""
    turn.close_prompt()
    show_menu_hint(turn)


def show_help(turn: Turn) -> None:
    """Explain what the bot does and list the commands."""
    tr = turn.tr
    commands = "\n".join(
        [
            "/menu - " + tr._("topics and questions"),
            "/language - " + tr._("change the language"),
            "/privacy - " + tr._("how your data is used"),
            "/delete - " + tr._("erase your data"),
            "/help - " + tr._("this message"),
        ]
    )
    text = "\n\n".join(
        [
            tr._(
                "Write your question in your own words, in your language, or use these commands:"
            ),
            commands,
            tr._("If you are in danger, write it, and I will show you at once who to call."),
        ]
    )
    turn.say(text, render.menu_buttons(tr))


def show_privacy(turn: Turn) -> None:
    """Explain what is stored, who sees it, and how to erase it."""
    tr = turn.tr
    points = [
        tr._(
            "I keep your language, the country you are interested in, your last question, "
            "and whether you asked for a volunteer, linked to your account on this app, so "
            "the conversation can continue."
        ),
        tr._(
            "Questions I cannot answer and your feedback are kept without your name or "
            "account, so editors can improve the answers."
        ),
        tr._(
            "A volunteer sees your messages only if you agree, and never sees your phone "
            "number, your username or your account id."
        ),
        tr._("Type /delete at any time to erase your conversation data."),
    ]
    text = tr._("How your data is used:") + "\n" + "\n".join(f"• {p}" for p in points)
    turn.say(text, [render.menu_button(tr)])


def ask_language(turn: Turn) -> None:
    """Offer the languages, each named in its own language."""
    turn.say(turn.tr._("Choose your language:"), render.language_buttons(turn.lang))


def set_language(turn: Turn, lang: str) -> None:
    """Store the person's language and continue in it."""
    turn.state.language = lang
    turn.use_language(lang)
    tr = turn.tr
    turn.say(
        tr._("All right, I will write in {language}.").format(language=tr.language_name(lang))
    )
    show_menu_hint(turn)


def greet(turn: Turn) -> None:
    """Answer a greeting."""
    tr = turn.tr
    turn.say(
        tr._(
            "Hello! What would you like to know? Choose a topic, or write your question in "
            "your own words."
        ),
        render.menu_buttons(tr),
    )


def thanks(turn: Turn) -> None:
    """Answer thanks."""
    turn.say(turn.tr._("You are welcome! Ask me anything else, or type /menu."))


# Emoji people send to say thanks or agree ("👍", "🙏", "❤️").
_THANKS_EMOJI = frozenset("👍🙏❤🙂😊👌✅💐🌹🤝💙💚💛🧡💜🥰😍☺😀😃😄👏🤗")


def no_words(turn: Turn, text: str) -> None:
    """Answer a message without words: thanks to a thumbs-up, else what the bot can do."""
    if any(ch in _THANKS_EMOJI for ch in text):
        thanks(turn)
        return
    show_menu_hint(turn)


def goodbye(turn: Turn) -> None:
    """Say goodbye, reminding how to erase the conversation."""
    turn.close_prompt()
    turn.say(
        turn.tr._(
            "Take care, and travel safely. I am here whenever you need me. Type /delete "
            "if you want your data erased."
        )
    )
