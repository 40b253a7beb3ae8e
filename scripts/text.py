# Text helpers every stage shares: Markdown escaping, slugs, the one "d Month YYYY" date and the Jinja environment.
# In: plain values (text, dates, models). Out: escaped text, slugs, dates as words, plain view data, the templates.
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import re
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "site" / "templates"
# Work kept between runs, each entry checked against what it was made from: compiled templates (ours in jinja/,
# Material's in theme/ through scripts/site/mkdocs_hooks.py) and the Word downloads (docx/).
CACHE = Path(__file__).resolve().parent.parent / "build" / "cache"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]{}#|&<>]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def md_escape(value) -> str:
    """Everything printed into a template is plain text unless marked Markup: no HTML, no Markdown syntax."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = str(value)
    if not _NEEDS_ESCAPE.search(text):  # most values: nothing to escape, and this check is the cheap part
        return text
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def slug(text: str) -> str:
    """Lower-case letters and digits joined by single hyphens: "SEN Support (SENCO)" -> "sen-support-senco"."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def long_date(day: dt.date) -> str:
    """The one way a date is written for readers: "3 March 2026" (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def plain(model) -> dict:
    """A model (pydantic or dataclass) as plain data for a template: its fields as dicts and lists, every date written as words."""
    def walk(v):
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return long_date(v) if isinstance(v, dt.date) else v
    return walk(dataclasses.asdict(model) if dataclasses.is_dataclass(model) else model.model_dump())


class _Views(Environment):
    """Views are plain dicts, so `view.field` looks up the key first. Jinja's own order (an attribute, then the key)
    raised and caught an AttributeError for almost every field a template printed. Other values keep Jinja's order."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@functools.lru_cache(maxsize=1)  # one Environment: templates compile once per process (live preview rebuilds)
def env() -> Environment:
    """The Jinja environment for scripts/site/templates: values are escaped for Markdown unless marked Markup."""
    compiled = CACHE / "jinja"
    compiled.mkdir(parents=True, exist_ok=True)
    e = _Views(loader=FileSystemLoader(TEMPLATES), finalize=md_escape, undefined=StrictUndefined,
                    bytecode_cache=FileSystemBytecodeCache(str(compiled)), trim_blocks=True, lstrip_blocks=True,
                    keep_trailing_newline=True, autoescape=False)
    e.filters["attr"] = lambda v: Markup(html.escape(str(v), quote=True))  # for front matter and HTML attributes
    # titles: MkDocs and Material print a page's title as HTML (<title>, header, nav), so it goes in as escaped text
    # an attr_list value ({: data-toc-label="..." }): the list cannot escape a double quote, so it becomes a single one
    e.filters["attr_list_value"] = lambda v: Markup(md_escape(str(v).replace('"', "'").replace("\n", " ")))
    e.filters["html_text"] = lambda v: Markup(html.escape(str(v), quote=False).replace('"', "&quot;"))
    e.filters["yaml_str"] = lambda v: Markup('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"')
    return e
