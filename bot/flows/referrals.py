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
    """Return where help is wanted: where the person is, the answer's countries, destination."""
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
    organisations: list[Organisation], *, countries: list[str], topic: str | None, tr: Translator
) -> list[tuple[str, str]]:
    """Return (id, text) of the organisations serving a case's countries, its topic's first.

    A volunteer judges what fits, so organisations for other topics are listed too, after.
    """
    found: dict[str, tuple[bool, str]] = {}
    for country in dict.fromkeys(countries):
        for organisation in organisations:
            if organisation.id not in found and organisation.serves(country, None):
                fits = topic is None or topic in organisation.topics
                found[organisation.id] = (fits, referral_text(tr, organisation, country))
    ranked = sorted(found.items(), key=lambda item: not item[1][0])
    return [(org_id, text) for org_id, (_, text) in ranked]
