# The "What changed in this edition" page and the terminal report: Changes turned into plain view data and text.
# In: Changes (or None and why not) and the current authority. Out: data for what-changed.md.j2, Markdown, text.
from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from scripts.content import model as m
from ..fielddiff import highlight
from ..text import env, long_date, md_escape
from .diff import Changes, ItemChange
from .snapshot import KINDS


def _highlight(old: str, new: str) -> tuple[Markup, Markup]:
    """Both lines escaped for Markdown, with removed words in <del> and added words in <ins>."""
    left, right = highlight(old, new, md_escape)
    return Markup(left), Markup(right)


def page_data(changes: Changes | None, why: str | None, current: m.Authority, anchors: frozenset | None = None) -> dict:
    """Plain data for what-changed.md.j2: links are relative to the docs root. `anchors`: the per-level anchors a need
    page has now (None: all); a change in a phase or level the framework no longer has links to the page itself."""
    data = {"edition": current.edition, "date": long_date(current.edition_date), "why": why, "changes": None}
    if changes is None:
        return data
    folders = {k: f for k, _, f in KINDS}
    sections = []
    for kind, heading, folder in KINDS:
        items = changes.of(kind)
        if not items:
            continue

        def view(i: ItemChange) -> dict:
            rows = []
            for f in i.fields:
                anchor = None
                parts = f.path.split(".")
                if kind == "needs" and len(parts) > 2 and parts[0] == "phases" and (
                        anchors is None or f"{parts[1]}-{parts[2]}" in anchors):
                    anchor = f"{parts[1]}-{parts[2]}"
                lines = [_highlight(o, n) if o and n else (Markup(md_escape(o)), Markup(md_escape(n))) for o, n in f.rows]
                rows.append({"label": f.label, "anchor": anchor, "lines": lines})
            link = f"{folders[kind]}/{i.id}.md" if folders[kind] and i.status != "removed" else None
            return {"id": i.id, "title": i.title, "link": link, "fields": rows}

        sections.append({"kind": kind, "title": heading,
                         **{s: [view(i) for i in items if i.status == s] for s in ("added", "removed", "changed")}})
    counts = changes.counts()
    summary = [{"title": t, **counts[k]} for k, t, _ in KINDS if k in counts]
    data.update({"changes": {"count": len(changes.items)}, "old_edition": changes.old_edition,
                 "old_date": long_date(dt.date.fromisoformat(changes.old_date)) if changes.old_date else "",
                 "sections": sections, "summary": summary, "descriptors": changes.descriptors()})
    return data


def render_page(data: dict) -> str:
    return env().get_template("what-changed.md.j2").render(**data)


def render_text(changes: Changes) -> str:
    """A plain-text report for the terminal (what the extractor shows before applying a new edition)."""
    out = [f"What changed: {changes.old_edition or 'old'} -> {changes.new_edition or 'new'}"]
    for kind, n in changes.counts().items():
        out.append(f"{kind}: {n['added']} added, {n['removed']} removed, {n['changed']} changed")
    mark = {"added": "+", "removed": "-", "changed": "~"}
    for i in changes.items:
        out.append(f"{mark[i.status]} {i.kind}/{i.id}  {i.title}")
        for f in i.fields if i.status == "changed" else []:
            out.append(f"    {f.label}")
            for o, n in f.rows:
                if o:
                    out.append(f"      - {o}")
                if n:
                    out.append(f"      + {n}")
    if not changes:
        out.append("no changes")
    return "\n".join(out) + "\n"


