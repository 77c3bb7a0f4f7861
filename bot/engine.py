"""The dialogue engine: one incoming message in, the replies out, the state kept in a store."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot import places, render
from bot.channels.base import OutputChannel
from bot.choices import typed_choice
from bot.errors import (
    BotError,
    EmptyMessageError,
    MessageTooLongError,
    UnderstandingUnavailableError,
    UnknownPayloadError,
)
from bot.flows import (
    answers,
    destination,
    emergency,
    erasure,
    handoff,
    replies,
    typed,
    welcome,
)
from bot.i18n import (
    LANGUAGES,
    Translator,
    choose_language,
    normalize_language,
    script_language,
)
from bot.knowledge import FaqEntry, KnowledgeBase
from bot.knowledge.model import is_country_code
from bot.messages import IncomingMessage, OutgoingMessage
from bot.payloads import Payload, parse_payload, resolve_ref
from bot.ports import ConversationState, Ports
from bot.sanitize import MAX_TEXT_CHARS, clean_text
from bot.turn import Turn
from nlu import TOPIC_INTENTS, Analysis, NLUError, NLUPipeline

log = logging.getLogger(__name__)

COMMANDS = ("start", "menu", "language", "help", "privacy", "delete")
SMALL_TALK = {"greet": welcome.greet, "thanks": welcome.thanks, "goodbye": welcome.goodbye}


class Engine:
    """Turn each incoming message into replies, whatever the channel."""

    def __init__(
        self,
        *,
        knowledge: Callable[[], KnowledgeBase],
        nlu: Callable[[], NLUPipeline | None],
        ports: Ports,
    ) -> None:
        self._knowledge = knowledge
        self._nlu = nlu
        self.ports = ports

    async def deliver(self, message: IncomingMessage, channel: OutputChannel) -> None:
        """Handle a message and send the replies through `channel`."""
        await channel.send(message.user_id, await self.handle(message))

    async def handle(self, message: IncomingMessage) -> list[OutgoingMessage]:
        """Return the replies to one message; never raises."""
        hint = normalize_language(message.language_hint)
        try:
            state = await self.ports.conversations.load(message.channel, message.user_id)
        except Exception:
            log.exception("cannot load the conversation of a %s user", message.channel)
            return [_apology(Translator(choose_language(stored=None, hint=hint)))]
        turn = Turn(
            state=state,
            tr=Translator(choose_language(stored=state.language, hint=hint)),
            knowledge=self._knowledge(),
            nlu=self._nlu(),
            ports=self.ports,
            hint=hint,
        )
        try:
            await self._dispatch(turn, message)
        except BotError as err:
            buttons = render.menu_buttons(turn.tr) if err.show_menu else ()
            turn.say(turn.tr._(err.reply).format(**err.params(turn.tr)), buttons)
        except Exception:
            log.exception("dialogue failed on a %s message", message.channel)
            turn.replies.append(_apology(turn.tr))
        if not state.erased:
            try:
                await self.ports.conversations.save(state)
            except Exception:
                log.exception("cannot save the conversation of a %s user", message.channel)
        if not state.erased and self.ports.transcript is not None and state.id is not None:
            try:
                await self.ports.transcript.record(state, message, turn.replies)
            except Exception:
                log.exception("cannot record the transcript of a %s user", message.channel)
        return turn.replies

    async def _dispatch(self, turn: Turn, message: IncomingMessage) -> None:
        if message.payload is not None and message.payload.strip():
            await self._on_payload(turn, message.payload)
            return
        text = clean_text(message.text or "")
        if not text:
            raise EmptyMessageError()
        if len(text) > MAX_TEXT_CHARS:
            raise MessageTooLongError(MAX_TEXT_CHARS)
        if text.startswith("/"):
            await self._on_command(turn, text)
        else:
            await self._on_text(turn, text)

    async def _on_command(self, turn: Turn, text: str) -> None:
        # "/start@PathwaysBot payload" -> "start" (Telegram adds the bot name in groups).
        name = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""
        await self._run_command(turn, name)

    async def _run_command(self, turn: Turn, name: str) -> None:
        if name == "start":
            turn.close_prompt()
            welcome.welcome(turn)
            return
        if not turn.state.disclaimer_shown and name != "delete":
            welcome.welcome(turn, with_menu=False)
        if name == "menu":
            welcome.show_menu(turn)
        elif name == "language":
            welcome.ask_language(turn)
        elif name == "privacy":
            welcome.show_privacy(turn)
        elif name == "delete":
            erasure.ask(turn)
        elif name == "help":
            welcome.show_help(turn)
        else:
            turn.say(turn.tr._("I do not know that command."))
            welcome.show_help(turn)

    async def _on_payload(self, turn: Turn, raw: str) -> None:
        payload = parse_payload(raw)
        if payload is None:
            raise UnknownPayloadError()
        first = not turn.state.disclaimer_shown
        if payload.kind == "lang":
            lang = payload.arg()
            if lang not in LANGUAGES:
                raise UnknownPayloadError()
            if first:
                turn.state.language = lang
                turn.use_language(lang)
                welcome.welcome(turn)
            else:
                welcome.set_language(turn, lang)
            return
        if payload.kind == "cmd":
            if payload.arg() not in COMMANDS:
                raise UnknownPayloadError()
            await self._run_command(turn, payload.arg())
            return
        if first and payload.kind != "del":
            welcome.welcome(turn, with_menu=False)
        await self._on_action(turn, payload)

    async def _on_action(self, turn: Turn, payload: Payload) -> None:
        kind, arg = payload.kind, payload.arg()
        if kind == "topic" and arg in TOPIC_INTENTS:
            replies.show_topic(turn, arg)
        elif kind in ("faq", "fb") and (entry := _entry(turn, arg)) is not None:
            if kind == "faq":
                replies.present(turn, entry)
            elif payload.arg(1) in ("0", "1"):
                await replies.record_feedback(turn, entry.id, payload.arg(1) == "1")
            else:
                raise UnknownPayloadError()
        elif kind == "country" and (arg == "none" or _is_destination(arg)):
            await destination.resume_with_country(turn, None if arg == "none" else arg)
        elif kind == "sos" and _is_destination(arg):
            emergency.show_country(turn, arg)
        elif kind == "handoff" and arg in ("offer", "yes", "urgent", "no", "leave"):
            await self._on_handoff(turn, arg)
        elif kind == "del" and arg in ("yes", "no"):
            await erasure.confirm(turn) if arg == "yes" else erasure.cancel(turn)
        elif kind == "none":
            await replies.no_answer(turn, turn.state.last_topic, None)
        elif not (
            kind in ("rate", "reopen")
            and await handoff.case_button(turn, ":".join((kind, *payload.args)))
        ):
            raise UnknownPayloadError()

    async def _on_handoff(self, turn: Turn, action: str) -> None:
        if action == "offer":
            handoff.offer(turn)
        elif action in ("yes", "urgent"):
            await handoff.accept(turn, urgent=action == "urgent")
        elif action == "no":
            handoff.decline(turn)
        else:
            await handoff.leave(turn)

    async def _on_text(self, turn: Turn, text: str) -> None:
        state = turn.state
        # A typed "yes"/"no" to an open question is an answer, whatever a classifier makes of it.
        if await typed.answer_prompt(turn, text):
            return
        # "👍", "🙏", "?": no words to understand, and never an off-topic question.
        if not any(ch.isalnum() for ch in text):
            flag = _flag_country(text)
            if "🆘" in text:
                await emergency.respond(turn, None, text)
            elif flag is not None and (state.pending or {}).get(emergency.ASKED_WHERE):
                emergency.show_country(turn, flag)
            elif not state.disclaimer_shown:
                welcome.welcome(turn)
            elif not (state.handoff_active and await handoff.forward(turn, text)):
                welcome.no_words(turn, text)
            return
        analysis = await self._analyse(turn, text)
        if state.language is None:
            _follow_written_language(turn, text, analysis)
        # A bare "yes" or "no" is an answer, never an emergency or a question (classifiers
        # have called "non" an emergency).
        choice = typed_choice(turn.tr, text)
        danger = choice is None and emergency.is_emergency(analysis)
        # A country named in a danger message is where the person is, not where they want to go.
        if not danger:
            _note_countries(turn, analysis)
        first = not state.disclaimer_shown
        if danger:
            await emergency.respond(turn, analysis, text)
            emergency.offer_answer_if_unsure(turn, analysis, answers.candidates(turn, analysis))
            if first:
                welcome.welcome(turn, with_menu=False)
            return
        chat_only = analysis.faq is None and analysis.intent in ("greet", "change_language")
        if first:
            welcome.welcome(turn, with_menu=chat_only or choice is not None)
            if chat_only or choice is not None:
                return
        if state.handoff_active and await handoff.forward(turn, text):
            return
        if choice is not None:
            await typed.loose_choice(turn, choice)
            return
        if emergency.is_location_reply(turn, text, analysis):
            where = emergency.location_of_reply(analysis, origin=state.origin_country)
            emergency.show_country(turn, where)
            return
        if destination.is_country_reply(turn, text, analysis):
            await destination.resume_with_country(turn, turn.state.country)
            return
        intent = analysis.intent
        if intent == "human_handoff":
            if not turn.last_question:
                turn.remember_question(text)
            handoff.offer(turn)
        elif intent == "change_language":
            welcome.ask_language(turn)
        elif intent in SMALL_TALK and analysis.faq is None:
            SMALL_TALK[intent](turn)
        else:
            turn.remember_question(text)
            turn.close_prompt()
            await answers.answer_question(turn, analysis)

    async def _analyse(self, turn: Turn, text: str) -> Analysis:
        if turn.nlu is None:
            raise UnderstandingUnavailableError()
        try:
            return await turn.nlu.analyse(text, lang=turn.state.language)
        except NLUError as err:
            log.warning("NLU failed: %s", err)
            raise UnderstandingUnavailableError() from err


# CLDR regions that are not places one can move to (unknown, unions, pseudo-locales).
_NOT_DESTINATIONS = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


def _is_destination(code: str) -> bool:
    return is_country_code(code) and code not in _NOT_DESTINATIONS


def _entry(turn: Turn, ref: str) -> FaqEntry | None:
    entry_id = resolve_ref(turn.knowledge, ref)
    return turn.knowledge.get(entry_id) if entry_id else None


def _follow_written_language(turn: Turn, text: str, analysis: Analysis) -> None:
    """Without a stored choice, answer in the language the person writes.

    A message whose script shows its language (Arabic, Devanagari) overrides the platform's
    language and is kept as the person's choice, so that their button presses are answered in
    it too. Latin-script languages share a script and short messages are easily mistaken, so
    those are used only when the platform gives no language, and not kept.
    """
    written = script_language(text)
    if written is not None and written == analysis.language and written != turn.hint:
        turn.state.language = written
        turn.use_language(written)
    elif turn.hint is None:
        turn.use_language(choose_language(stored=None, detected=analysis.language))


def _note_countries(turn: Turn, analysis: Analysis) -> None:
    """Remember where the person is, comes from and wants to go, as far as the message says.

    "I am in Qatar" is where they are now, "I am from Nepal" where they come from; any other
    country named is a destination (content-covered ones first), never where they are.
    """
    named = places.places(analysis)
    if not named:
        return
    state: ConversationState = turn.state
    here = [p.code for p in named if p.role is places.Role.HERE]
    origins = [p.code for p in named if p.role is places.Role.ORIGIN]
    goals = [p.code for p in named if p.role is places.Role.DESTINATION]
    if here:
        state.location = here[0]
    if goals:
        covered = {code for entry in turn.knowledge.published() for code in entry.country_set}
        state.country = next((c for c in goals if c in covered), goals[0])
    origin = origins[0] if origins else next((c for c in goals if c != state.country), None)
    if origin is not None:
        state.origin_country = origin


def _flag_country(text: str) -> str | None:
    """Return the country of a flag emoji ("🇶🇦" -> "QA"), if the message holds one."""
    letters = [chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in text if 0x1F1E6 <= ord(ch) <= 0x1F1FF]
    code = "".join(letters[:2])
    return code if len(code) == 2 and _is_destination(code) else None


def _apology(tr: Translator) -> OutgoingMessage:
    return OutgoingMessage(
        text=tr._("Sorry, something went wrong on my side. Please try again in a moment."),
        language=tr.lang,
    )
