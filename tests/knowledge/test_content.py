"""The shipped knowledge base is complete, consistent and safe to publish."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlsplit

from api.cli import main
from bot.knowledge import LANGUAGES, TOPICS, load_knowledge
from bot.knowledge.lint import lint_content
from tests.conftest import CONTENT_DIR

# Official publishers the entries may cite: governments, the EU, UN agencies, official hotline
# operators. A new publisher is added here only after a reviewer confirmed it is official.
OFFICIAL_SUFFIXES = (
    ".gov",
    ".go.kr",
    "gov.kr",
    ".gov.mt",
    ".gov.hr",
    ".gov.pl",
    ".gov.ro",
    "qiwa.sa",
    "provincia.tn.it",
    "ibz.be",
    "ind.nl",
    "government.nl",
    "migrationsverket.se",
    "government.se",
    "arbeitsagentur.de",
    ".gov.uk",
    ".gouv.fr",
    "service-public.fr",  # French government information site (DILA, Prime Minister's office)
    ".gob.es",
    ".gc.ca",
    "canada.ca",
    "europa.eu",
    "ilo.org",
    "iom.int",
    "unhcr.org",
    "unodc.org",
    "un.org",
    "unmultimedia.org",  # UN audiovisual service (UNifeed), UN Department of Global Communications
    ".gov.au",
    ".govt.nz",
    ".go.jp",
    ".gov.my",
    ".gov.np",
    ".gov.qa",
    ".gov.ae",
    ".gov.sa",
    ".gov.pt",
    ".gov.ie",
    "esteri.it",
    "interno.it",
    "interno.gov.it",
    "diplo.de",
    "bamf.de",
    "auswaertiges-amt.de",
    "make-it-in-germany.com",
    "anerkennung-in-deutschland.de",
    "ssw.go.jp",
    "musaned.com.sa",
    "ihrb.org",
    "embassy.qa",
    "nepalembassy.gov.np",
    "usembassy.gov",
    "rstp.ca",  # Refugee Sponsorship Training Program, funded by IRCC to train sponsors
    "wam.ae",  # Emirates News Agency (WAM), the UAE government's official news agency
)


def _is_official(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(
        host.endswith(suffix)
        if suffix.startswith(".")
        else host in {suffix, f"www.{suffix}"} or host.endswith("." + suffix)
        for suffix in OFFICIAL_SUFFIXES
    )


def test_lint_passes_without_errors() -> None:
    problems = lint_content(CONTENT_DIR)
    errors = [str(p) for p in problems if p.level == "error"]
    assert errors == []


def test_enough_entries_per_topic_in_every_language() -> None:
    kb = load_knowledge(CONTENT_DIR)
    stats = kb.stats(date.today())
    assert stats["entries"] >= 40
    by_topic = stats["by_topic"]
    assert isinstance(by_topic, dict)
    assert all(by_topic[topic] >= 6 for topic in TOPICS), by_topic
    assert stats["by_language"] == {lang: stats["entries"] for lang in LANGUAGES}


def test_every_entry_cites_an_official_https_source() -> None:
    kb = load_knowledge(CONTENT_DIR)
    for entry in kb.entries.values():
        assert entry.sources, entry.id
        unofficial = [s.url for s in entry.sources if not _is_official(s.url)]
        assert unofficial == [], entry.id


def test_helplines_have_sources_and_an_international_fallback() -> None:
    helplines = load_knowledge(CONTENT_DIR).helplines
    assert helplines.international, "international fallback helplines are required"
    for line in helplines.for_country("GB"):
        assert line.source.url.startswith("https://")
    assert helplines.for_country("ZZ") == helplines.international


def test_stats_json_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["content", "stats", "--json", "--dir", str(CONTENT_DIR)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert set(stats) == {
        *("entries", "by_topic", "by_language", "helplines", "stale"),
        *("notices", "notices_expired", "directory"),
    }
    assert stats["entries"] >= 40


# fmt: off
EU_MEMBERS = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)
# fmt: on


def test_every_eu_member_has_the_112_line_and_every_country_an_official_route() -> None:
    helplines = load_knowledge(CONTENT_DIR).helplines
    for code in EU_MEMBERS:
        assert "112" in [line.number for line in helplines.countries.get(code, [])], code
    for code, lines in helplines.countries.items():
        assert lines, code
        assert all(line.number or line.url for line in lines), code
        # Emergency numbers come first, embassies and other routes last.
        order = {"emergency": 0, "trafficking": 1, "labour": 1, "embassy": 2, "other": 2}
        ranks = [order[line.kind] for line in lines]
        assert ranks == sorted(ranks), code
