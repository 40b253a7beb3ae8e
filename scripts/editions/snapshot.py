# The snapshot format: one edition of the content as plain, saveable data (every field as a list of lines).
# In: a Content (or a Content-like object, e.g. the extractor's staged items). Out: a snapshot dict or .json file.
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from scripts.content import model as m
from ..text import slug

SNAPSHOT_VERSION = 1

# (kind, heading, docs folder for links or None). Needs, strategies and plans come first: they are what people use.
KINDS = [("needs", "Needs", "needs"), ("strategies", "Strategies", "strategies"), ("plans", "Example plans", "plans"),
         ("areas", "Areas of need", "areas"), ("levels", "Levels of support", "levels"),
         ("roles", "Who's who", "roles"), ("pages", "Guidance pages", "guide"), ("glossary", "Glossary", None),
         ("sources", "Sources", None)]


class EditionError(Exception):
    """An edition that cannot be read: one clear line."""


Snapshot = dict[str, Any]  # {"version", "edition", "date", "items": {kind: {id: {"title", "fields": {path: [lines]}}}}}
def _date(d) -> str:
    return d.isoformat() if isinstance(d, (dt.date, dt.datetime)) else str(d or "")


def _flatten(value: Any, path: str, out: dict[str, list[str]], render) -> None:
    """Fields as `path -> lines`: a text is one line, a list of texts one line each, nested records recurse."""
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, f"{path}.{k}" if path else k, out, render)
    elif isinstance(value, list):
        if any(isinstance(v, dict) and not render(v) for v in value):
            for i, v in enumerate(value, 1):
                _flatten(v, f"{path}.{i}", out, render)
        elif value:
            out[path] = [render(v) or str(v) if isinstance(v, dict) else str(v) for v in value]
    elif value is not None and value != "":
        out[path] = [str(value)]


def snapshot(c: Any) -> Snapshot:
    """One edition as plain data for diffing or saving. `c` is a Content or anything with the same attributes
    (needs, strategies, plans, ...; missing ones count as empty), e.g. the extractor's staged items."""
    strategies = getattr(c, "strategies", {}) or {}
    sources = getattr(c, "sources", {}) or {}
    roles = getattr(c, "roles", {}) or {}
    areas = getattr(c, "areas", {}) or {}
    labels = framework_labels(getattr(c, "framework", None))

    def render(d: dict) -> str | None:
        """One-line text for small records that read as one item; None to recurse into the record."""
        if "strategy" in d and set(d) <= {"strategy", "note"}:
            title = strategies[d["strategy"]].title if d["strategy"] in strategies else d["strategy"]
            return title + (f" ({d['note']})" if d.get("note") else "")
        if "source" in d and set(d) <= {"source", "paragraphs", "pages", "note"}:
            src = sources[d["source"]].title if d["source"] in sources else d["source"]
            where = [f"paragraphs {d['paragraphs']}" if d.get("paragraphs") else "",
                     ("pages " + ", ".join(map(str, d["pages"]))) if d.get("pages") else "", d.get("note") or ""]
            return ", ".join([src] + [w for w in where if w])
        return None

    def names(ids: list[str], table: dict) -> list[str]:
        return [table[i].title if i in table else i for i in ids]

    items: dict[str, dict] = {}

    def add(kind: str, item_id: str, title: str, data: dict) -> None:
        fields: dict[str, list[str]] = {}
        _flatten(data, "", fields, render)
        items.setdefault(kind, {})[item_id] = {"title": title, "fields": fields}

    for nid, need in (getattr(c, "needs", {}) or {}).items():
        data = need.model_dump(mode="json", by_alias=True, exclude_defaults=False)
        data["area"] = areas[need.area].title if need.area in areas else need.area
        role_aspects = [a.id for a in c.framework.aspects_of("roles")] if getattr(c, "framework", None) else []
        for phase in data["phases"].values():
            for level in phase.values():
                for aspect in role_aspects:
                    level[aspect] = names(level.get(aspect, []), roles)
        add("needs", nid, need.title, data)
    for sid, st in strategies.items():
        data = st.model_dump(mode="json")
        data["delivered_by"] = names(st.delivered_by, roles)
        data["type"] = m.TYPE_TITLES.get(st.type, st.type)
        data["levels"] = [labels.get(lv, lv) for lv in st.levels]
        data["phases"] = [labels.get(p, p) for p in st.phases]
        add("strategies", sid, st.title, data)
    for kind in ("plans", "areas", "levels", "roles"):
        for item_id, item in (getattr(c, kind, {}) or {}).items():
            add(kind, item_id, labels.get(item_id, item_id) if kind == "levels" else item.title,
                item.model_dump(mode="json"))
    for pid, page in (getattr(c, "pages", {}) or {}).items():
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", page.body) if p.strip()]
        add("pages", pid, page.title, {"title": page.title, "description": page.description, "body": paragraphs})
    glossary = getattr(c, "glossary", None)
    for t in (glossary.terms if glossary else []):
        add("glossary", slug(t.term), t.term, t.model_dump(mode="json"))
    for sid, s in sources.items():
        add("sources", sid, s.title, s.model_dump(mode="json", exclude={"id"}))
    a = getattr(c, "authority", None)
    return {"version": SNAPSHOT_VERSION, "edition": a.edition if a else "", "date": _date(a.edition_date if a else ""),
            "labels": labels, "items": items}


def framework_labels(fw) -> dict[str, str]:
    """Phase and level id -> title, so a field path such as phases.post-16.ehc.descriptors reads as words."""
    if fw is None:
        return {}
    return {**{p.id: p.title for p in fw.phases}, **{lv.id: lv.title for lv in fw.levels}}


def read_snapshot(path: str | Path) -> Snapshot:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EditionError(f"{path}: cannot read snapshot: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != SNAPSHOT_VERSION or "items" not in data:
        raise EditionError(f"{path}: not an edition snapshot (make one with python -m scripts.editions snapshot)")
    return data


def write_snapshot(c: Any, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(snapshot(c), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


