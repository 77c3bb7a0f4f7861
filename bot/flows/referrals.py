"""Referrals to organisations that help migrants where they are: after answers, in emergencies."""

from __future__ import annotations

from bot.flows.notices import remember_shown, shown_ids
from bot.i18n import Translator
from bot.knowledge import FaqEntry, Organisation
from bot.knowledge.directory import first_serving
from bot.messages import OutgoingMessage
from bot.turn import Turn

# The key of `state.memo` listing the organisations already offered in this conversation.
MEMO_KEY = "referrals"
# In an emergency, organisations that help with these topics are the ones that can act.
EMERGENCY_TOPIC = "protection_risk"


def countries_for(turn: Turn, entry: FaqEntry | None = None) -> list[str]:
    """Return where help is wanted, most certain first: where the person is, the answer's
    countries, then the destination."""
    candidates = [
        turn.state.location,
        *sorted(entry.country_set if entry else ()),
        turn.state.country,
    ]
    return list(dict.fromkeys(c for c in candidates if c))


def referral_text(tr: Translator, organisation: Organisation, country: str) -> str:
    """Return the short referral message for an organisation in the person's language."""
    head = tr._("An organisation that can help in {country}:").format(
        country=tr.country_name(country)
    )
    contact = " / ".join(p for p in (organisation.url, organisation.phone) if p)
    name = organisation.localized_name(tr.lang)
    return f"{head}\n{name} — {organisation.localized_helps_with(tr.lang).strip()} — {contact}"


def _serving_country(organisation: Organisation, countries: list[str]) -> str:
    return next(c for c in countries if c in organisation.countries)


def referral_for(turn: Turn, entry: FaqEntry) -> list[OutgoingMessage]:
    """Return one referral that fits an answer; one per country and conversation, not more."""
    published = turn.knowledge.published_organisations()
    offered = set(shown_ids(turn, MEMO_KEY))
    # A country whose referral was already given gets no other: one useful address, not a list.
    served = {c for o in published if o.id in offered for c in o.countries}
    countries = [c for c in countries_for(turn, entry) if c not in served]
    organisation = first_serving(published, countries, entry.topic)
    if organisation is None:
        return []
    remember_shown(turn, MEMO_KEY, [organisation.id])
    text = referral_text(turn.tr, organisation, _serving_country(organisation, countries))
    return [OutgoingMessage(text=text, link=organisation.url, language=turn.lang)]


def referrals_for_emergency(turn: Turn, country: str | None) -> str | None:
    """Return a referral line for the emergency reply in `country`, or None when none serves.

    The emergency reply shows it whether or not it was offered before: in danger, repeat it.
    """
    if country is None:
        return None
    organisation = first_serving(
        turn.knowledge.published_organisations(), [country], EMERGENCY_TOPIC
    )
    return None if organisation is None else referral_text(turn.tr, organisation, country)


def referrals_for_case(
    organisations: list[Organisation], countries: list[str], topic: str | None, tr: Translator
) -> list[tuple[str, str]]:
    """Return (id, text) of every published organisation serving a case's countries and topic."""
    found: list[tuple[str, str]] = []
    for country in dict.fromkeys(countries):
        for organisation in organisations:
            if organisation.serves(country, topic) and all(organisation.id != i for i, _ in found):
                found.append((organisation.id, referral_text(tr, organisation, country)))
    return found
