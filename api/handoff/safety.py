"""Screen volunteer replies: contact details, payments and unofficial links wait for review.

A scammer posing as a volunteer would ask the person to call, write, pay or click; holding
those replies for an admin keeps the relay from becoming a way to reach people off-platform.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.knowledge import KnowledgeBase

PHONE = "phone_number"
EMAIL = "email_address"
PAYMENT = "payment_request"
LINK = "unofficial_link"

EXPLANATIONS = {
    PHONE: "it contains a phone number",
    EMAIL: "it contains an e-mail address",
    PAYMENT: "it mentions a payment or sending money",
    LINK: "it links to a site outside the official domains",
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Runs of digits with the separators people type in phone numbers; dates are excluded below.
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().\-]{5,}\d(?![\w/])")
_DATE = re.compile(r"^\d{1,4}[.\-]\d{1,2}[.\-]\d{1,4}$")
_URL = re.compile(
    r"(?i)\b(?:https?://[^\s<>\"']+|www\.[^\s<>\"']+|"
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:/[^\s<>\"']*)?)"
)
_TRAILING = ".,;:!?)]}>'\"»"  # punctuation after a link belongs to the sentence
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_PAYMENT_WORDS = re.compile(
    r"(?i)\b(?:pay|paying|payment|send (?:me |us )?(?:the )?money|transfer (?:the )?money|"
    r"wire (?:the )?money|western\s*union|moneygram|bank account|"
    r"pay(?:er|ez|es|e|é|ée|ons)|paiement|virement|envoy(?:er|ez) (?:de l'|l')argent|mandat cash|"
    r"pag(?:ar|a|as|an|ue|ues|uen|o|ado)|transferencia|"
    r"env(?:iar|íe|ía|ie|ia) (?:el )?dinero|giro)\b"
)
# Arabic and Devanagari words take prefixes and vowel signs that break \b: match substrings.
_PAYMENT_STEMS = (
    "ادفع",
    "دفع",
    "الدفع",
    "أرسل المال",
    "ارسل المال",
    "أرسل النقود",
    "حوالة",
    "تحويل المال",
    "تحويل الأموال",
    "ويسترن يونيون",
    "حساب بنكي",
    "पैसा पठाउ",
    "पैसा पठाउनु",
    "रकम पठाउ",
    "भुक्तानी",
    "तिर्नु",
    "तिर्नुहोस्",
    "बैंक खाता",
    "वेस्टर्न युनियन",
)
# Labels that mark a government domain when followed by a two-letter country code.
_GOV_LABELS = frozenset({"gov", "gouv", "gob", "go", "govt", "gv", "gc"})
_TRUSTED_SUFFIXES = frozenset(
    {"iom.int", "unhcr.org", "ilo.org", "un.org", "unodc.org", "europa.eu", "who.int"}
)


@dataclass(frozen=True)
class Screening:
    """Why a reply must wait for review (empty: it may be relayed)."""

    reasons: tuple[str, ...]

    @property
    def held(self) -> bool:
        """Tell whether the reply is held."""
        return bool(self.reasons)

    def explain(self) -> list[str]:
        """Return one sentence per reason, for the volunteer."""
        return [f"Held for review: {EXPLANATIONS[r]}." for r in self.reasons]


def official_domains(knowledge: KnowledgeBase) -> frozenset[str]:
    """Return the domains cited as sources in the knowledge base."""
    urls = [s.url for e in knowledge.entries.values() for s in e.sources]
    helplines = knowledge.helplines
    for line in [*helplines.international, *(h for v in helplines.countries.values() for h in v)]:
        urls.extend(u for u in (line.url, line.source.url) if u)
    return frozenset(host for host in (_host(u) for u in urls) if host)


def _host(url: str) -> str:
    if "://" not in url:
        url = "https://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.").rstrip(".")


def is_official(host: str, allowed: Iterable[str]) -> bool:
    """Tell whether `host` is a government, UN-family or allow-listed domain (or below one)."""
    host = host.lower().removeprefix("www.")
    labels = host.split(".")
    if labels[-1] in ("gov", "int"):
        return True
    if len(labels) >= 2 and labels[-2] in _GOV_LABELS and len(labels[-1]) == 2:
        return True
    return any(host == d or host.endswith("." + d) for d in (*_TRUSTED_SUFFIXES, *allowed))


def _has_phone(text: str) -> bool:
    for match in _PHONE.finditer(text):
        candidate = match.group().strip()
        digits = sum(ch.isdigit() for ch in candidate)
        if digits >= 7 and not _DATE.match(candidate):
            return True
    return False


def screen(text: str, allowed: Iterable[str]) -> Screening:
    """Return the reasons to hold `text` for review."""
    reasons: list[str] = []
    without_emails = _EMAIL.sub(" ", text)
    if without_emails != text:
        reasons.append(EMAIL)
    links = [m.group().rstrip(_TRAILING) for m in _URL.finditer(without_emails)]
    without_links = _URL.sub(" ", without_emails)
    if _has_phone(without_links):
        reasons.append(PHONE)
    lowered = text.lower()
    if (
        _IBAN.search(text)
        or _PAYMENT_WORDS.search(text)
        or any(stem in lowered for stem in _PAYMENT_STEMS)
    ):
        reasons.append(PAYMENT)
    allowed = frozenset(allowed)
    if any(not is_official(_host(link), allowed) for link in links):
        reasons.append(LINK)
    return Screening(tuple(reasons))
