"""Reply screening: what is held for review, in the five languages, and what goes through."""

from __future__ import annotations

import pytest

from api.handoff.references import ALPHABET, new_reference, normalize_reference
from api.handoff.safety import official_domains, screen
from bot.knowledge import KnowledgeBase


@pytest.fixture(scope="module")
def allowed(knowledge: KnowledgeBase) -> frozenset[str]:
    return official_domains(knowledge)


def test_content_sources_are_allowed(allowed: frozenset[str]) -> None:
    assert {"canada.ca", "make-it-in-germany.com", "france-visas.gouv.fr"} <= allowed


@pytest.mark.parametrize(
    "text",
    [
        "Hello! Check https://www.canada.ca/en/immigration-refugees-citizenship.html first.",
        "See www.gov.uk/uk-family-visa and https://travel.state.gov for the rules.",
        "IOM (https://www.iom.int) and UNHCR (help.unhcr.org) can advise you.",
        "The appointment is on 2026-12-03; bring 2 photos and your passport.",
        "Le visa coûte 80 euros selon france-visas.gouv.fr, délai 15 jours.",
        "No debes entregar tu pasaporte a nadie.",
        "لا تعطِ جواز سفرك لأي شخص.",
        "राहदानी कसैलाई नदिनुहोस्।",
    ],
)
def test_safe_replies_pass(text: str, allowed: frozenset[str]) -> None:
    assert screen(text, allowed).reasons == ()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("WhatsApp me on +971 50 123 4567", "phone_number"),
        ("mon numéro: 06 12 34 56 78", "phone_number"),
        ("Escríbeme a ayuda.migrante@yahoo.es", "email_address"),
        ("Envoyez de l'argent par Western Union", "payment_request"),
        ("Tienes que pagar 300 dólares al agente", "payment_request"),
        ("Payez 200 euros à l'agence avant vendredi", "payment_request"),
        ("Pague la tarifa a mi primo en efectivo", "payment_request"),
        ("IBAN DE89 3704 0044 0532 0130 00", "payment_request"),
        ("يجب أن ترسل المال عبر حوالة", "payment_request"),
        ("एजेन्टलाई पैसा पठाउनुहोस्", "payment_request"),
        ("Apply at https://fast-visa-agency.com/apply", "unofficial_link"),
        ("go to gov.uk.visa-help.net", "unofficial_link"),
    ],
)
def test_unsafe_replies_are_held(text: str, reason: str, allowed: frozenset[str]) -> None:
    screening = screen(text, allowed)
    assert reason in screening.reasons
    assert screening.held and all(s.startswith("Held for review") for s in screening.explain())


def test_references_are_short_random_and_forgiving() -> None:
    refs = {new_reference() for _ in range(1000)}
    assert len(refs) == 1000
    assert all(len(r) == 8 and set(r) <= set(ALPHABET) for r in refs)
    assert normalize_reference(" abcd-efgh ".replace("-", "")) == "ABCDEFGH"
    assert normalize_reference("0o1iL234") == "00111234"
    assert normalize_reference("short") is None
