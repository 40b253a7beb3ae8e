# What changed between two editions, item by item: added, removed, or changed field by field (scripts/fielddiff.py).
# In: two snapshots (or Content objects, turned into snapshots). Out: a Changes record with counts.
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from scripts.content import model as m
from ..fielddiff import FieldChange, diff_fields
from scripts.content.load import Content
from .snapshot import KINDS, Snapshot, snapshot

FIELD_LABELS = {
    "descriptors": "what you might notice", "assessment": "how it is assessed", "strategies": "what helps",
    "who_may_help": "who may help", "also_known_as": "also known as", "steps": "how to do it",
    "delivered_by": "who delivers it", "body": "text", "about_me": "about me", "what_matters": "what matters",
    "what_helps": "what helps", "what_does_not_help": "what does not help", "parents_views": "parents' views",
    "next_steps": "next steps", "next_level": "next level", "level_decision": "level decision",
    "how_often": "how often", "how_long": "how long", "group_size": "group size", "year_group": "year group",
}


@dataclass
class ItemChange:
    kind: str
    id: str
    title: str
    status: str                    # added, removed or changed
    fields: list[FieldChange] = field(default_factory=list)
    lines: int = 0                 # for added or removed items: how many lines of text they hold


@dataclass
class Changes:
    """Everything that differs between two editions, item by item and field by field."""

    old_edition: str
    old_date: str
    new_edition: str
    new_date: str
    items: list[ItemChange]

    def of(self, kind: str, status: str | None = None) -> list[ItemChange]:
        return [i for i in self.items if i.kind == kind and (status is None or i.status == status)]

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for i in self.items:
            out.setdefault(i.kind, {"added": 0, "removed": 0, "changed": 0})[i.status] += 1
        return out

    def descriptors(self) -> dict[str, int]:
        """Descriptors ("what you might notice") added, removed and reworded, across all needs."""
        out = {"added": 0, "removed": 0, "reworded": 0}
        for i in self.of("needs"):
            for f in i.fields:
                if f.path.endswith(".descriptors"):
                    out["added"] += f.added
                    out["removed"] += f.removed
                    out["reworded"] += f.reworded
        return out

    def __bool__(self) -> bool:
        return bool(self.items)


def label(path: str, names: dict[str, str] | None = None) -> str:
    """A field path in words: phases.school-age.sen-support.descriptors -> School age › SEN Support › what you might
    notice. `names`: phase and level titles by id."""
    words, names = [], names or {}
    for part in path.split("."):
        if part in names:
            words.append(names[part])
        elif part.isdigit():
            words.append(f"number {part}")
        else:
            words.append(FIELD_LABELS.get(part, part.replace("_", " ")))
    text = " › ".join(w for w in words if w != "phases")
    return text[:1].upper() + text[1:]


def _as_snapshot(edition: Union[Content, Snapshot, Any]) -> Snapshot:
    return edition if isinstance(edition, dict) else snapshot(edition)


def diff(old: Union[Content, Snapshot, Any], new: Union[Content, Snapshot, Any]) -> Changes:
    """Compare two editions (Content objects, snapshots, or Content-like objects) item by item and field by field."""
    a, b = _as_snapshot(old), _as_snapshot(new)
    names = {**a.get("labels", {}), **b.get("labels", {})}
    items: list[ItemChange] = []
    for kind, _, _ in KINDS:
        olds, news = a["items"].get(kind, {}), b["items"].get(kind, {})
        for item_id in sorted(set(olds) | set(news), key=lambda i: (news.get(i) or olds[i])["title"].lower()):
            o, n = olds.get(item_id), news.get(item_id)
            if o is None or n is None:
                item = o or n
                items.append(ItemChange(kind, item_id, item["title"], "removed" if n is None else "added",
                                        lines=sum(len(v) for v in item["fields"].values())))
                if kind == "needs":  # count their descriptors in the summary
                    items[-1].fields = [FieldChange(p, label(p, names), [], *( (len(v), 0) if o is None else (0, len(v)) ))
                                        for p, v in item["fields"].items() if p.endswith(".descriptors")]
                continue
            fields = diff_fields(o["fields"], n["fields"], lambda path: label(path, names))
            if fields:
                items.append(ItemChange(kind, item_id, n["title"], "changed", fields))
    return Changes(a.get("edition", ""), a.get("date", ""), b.get("edition", ""), b.get("date", ""), items)


