"""Build the bot's replies: menus, answers with their sources, helplines, pickers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from bot import payloads
from bot.i18n import LANGUAGES, N_, Translator, own_language_name
from bot.knowledge import FaqEntry, Helpline, KnowledgeBase
from bot.messages import Button

BUTTON_TITLE_CHARS = 40
MAX_COUNTRY_BUTTONS = 8
# In an emergency every country with helplines gets a button: the Gulf states and Nepal matter
# as much as the first lines of the file, and one tap must be enough.
MAX_HELPLINE_COUNTRY_BUTTONS = 16
TOPIC_TITLES: dict[str, str] = {
    "visa_info": N_("Visas"),
    "family_reunification": N_("Family reunification"),
    "sponsorship": N_("Sponsorship"),
    "protection_risk": N_("Risks and scams"),
    "pre_departure": N_("Before you leave"),
}
SELECTED_MARK = "✓ "


def short_title(text: str, limit: int = BUTTON_TITLE_CHARS) -> str:
    """Shorten a title for a button, cutting at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[: limit - 1]).rstrip(" ,.;:?!") + "…"


def numbered(lines: Iterable[str]) -> str:
    """Return lines as a numbered list."""
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))


def topic_title(tr: Translator, topic: str | None) -> str:
    """Return a topic's name in the person's language."""
    if topic in TOPIC_TITLES:
        return tr._(TOPIC_TITLES[topic])
    return tr._("not known yet")


def language_buttons(selected: str | None) -> list[Button]:
    """Return one button per language, each named in its own language; mark the selected one."""
    return [
        Button(
            title=(SELECTED_MARK if code == selected else "") + own_language_name(code),
            payload=payloads.language(code),
        )
        for code in LANGUAGES
    ]


def menu_buttons(tr: Translator) -> list[Button]:
    """Return the main menu: the topics, a volunteer, and the commands."""
    buttons = [Button(tr._(title), payloads.topic(name)) for name, title in TOPIC_TITLES.items()]
    return [
        *buttons,
        volunteer_button(tr),
        Button(tr._("Language"), payloads.command("language")),
        Button(tr._("Privacy"), payloads.command("privacy")),
        Button(tr._("Help"), payloads.command("help")),
        Button(tr._("Delete my data"), payloads.command("delete")),
    ]


def volunteer_button(tr: Translator) -> Button:
    """Return the "talk to a volunteer" button."""
    return Button(tr._("Talk to a volunteer"), payloads.HANDOFF_OFFER)


def menu_button(tr: Translator) -> Button:
    """Return a button that shows the menu."""
    return Button(tr._("Menu"), payloads.command("menu"))


def back_to_bot_button(tr: Translator) -> Button:
    """Return the button that ends forwarding to a volunteer."""
    return Button(tr._("Back to the bot"), payloads.HANDOFF_LEAVE)


def entry_buttons(tr: Translator, entries: Sequence[FaqEntry]) -> list[Button]:
    """Return one button per entry, titled with its (shortened) question."""
    return [
        Button(short_title(e.translation(tr.lang).question), payloads.faq(e.id)) for e in entries
    ]


def entry_list(tr: Translator, entries: Sequence[FaqEntry]) -> str:
    """Return the entries' full questions as a numbered list."""
    return numbered(e.translation(tr.lang).question for e in entries)


def answer_text(tr: Translator, entry: FaqEntry) -> str:
    """Return an entry's answer followed by its sources and the date it was last reviewed."""
    translation = entry.translation(tr.lang)
    label = tr.ngettext("Source:", "Sources:", len(entry.sources))
    if len(entry.sources) == 1:
        source = entry.sources[0]
        sources = f"{label} {source.title}\n{source.url}"
    else:
        sources = label + "".join(f"\n• {s.title}\n  {s.url}" for s in entry.sources)
    reviewed = tr._("Last reviewed: {date}").format(date=tr.date(entry.reviewed))
    # The question first, so the person sees what was understood (and can tell a mistake).
    question = f"❓ {translation.question.strip()}"
    return f"{question}\n\n{translation.answer.strip()}\n\n{sources}\n{reviewed}"


def feedback_buttons(tr: Translator, entry: FaqEntry) -> list[Button]:
    """Return the buttons shown under an answer."""
    return [
        Button(tr._("Yes, helpful"), payloads.feedback(entry.id, True)),
        Button(tr._("Not really"), payloads.feedback(entry.id, False)),
        volunteer_button(tr),
    ]


def helpline_lines(tr: Translator, lines: Sequence[Helpline]) -> str:
    """Return helplines as a list: name and number, who runs it, notes and address."""
    blocks = []
    for line in lines:
        head = line.localized_name(tr.lang)
        if line.number:
            head = f"{head}: {line.number}"
        operator = line.localized_operator(tr.lang)
        parts = [f"• {head}", "  " + tr._("Run by: {operator}").format(operator=operator)]
        notes = line.localized_notes(tr.lang)
        if notes:
            parts.append(f"  {notes}")
        # A number is what to use; an address only when there is no number (or its own site).
        if line.url or not line.number:
            parts.append(f"  {line.url or line.source.url}")
        blocks.append("\n".join(parts))
    return "\n".join(blocks)


def common_destinations(knowledge: KnowledgeBase) -> list[str]:
    """Return the destinations the content covers most, then those with helplines."""
    counts = Counter(code for entry in knowledge.published() for code in entry.country_set)
    ranked = [code for code, _ in counts.most_common()]
    ranked += [code for code in knowledge.helplines.countries if code not in counts]
    return ranked[:MAX_COUNTRY_BUTTONS]


def country_buttons(tr: Translator, codes: Sequence[str]) -> list[Button]:
    """Return one button per country (named in the person's language) and a "not sure" one."""
    return [
        *_named_buttons(tr, codes, payloads.country),
        Button(tr._("Not sure yet"), payloads.country("none")),
    ]


def location_buttons(tr: Translator, codes: Sequence[str]) -> list[Button]:
    """Return one "I am here" button per country, in the order given (likeliest first)."""
    return [Button(tr.country_name(code), payloads.location(code)) for code in codes]


def _named_buttons(
    tr: Translator, codes: Sequence[str], payload: Callable[[str], str]
) -> list[Button]:
    """Return one button per country, named in the person's language, in alphabetical order."""
    named = sorted(((tr.country_name(code), code) for code in codes), key=lambda item: item[0])
    return [Button(name, payload(code)) for name, code in named]
