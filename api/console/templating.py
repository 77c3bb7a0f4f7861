"""Jinja2 templates of the console: one environment per language, its gettext installed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.console.i18n import console_text, language_choices

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"


@lru_cache(maxsize=8)
def environment(lang: str) -> Environment:
    """Return the template environment of one UI language (cached: catalogs do not change)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    text = console_text(lang)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        text.tr._, text.tr.ngettext, newstyle=False
    )
    env.globals.update(t=text, lang=text.lang, dir=text.dir, languages=language_choices())
    return env


def render_template(lang: str, name: str, values: dict[str, Any]) -> str:
    """Render a template in a language."""
    return environment(lang).get_template(name).render(values)
