# Strategy finder: the filters on the strategies page and the data its script filters with.
# In: a loaded Content. Out: the page's view (filters, needs each strategy serves) and strategies/finder.json.
from __future__ import annotations

import json

from scripts.content import model as m
from scripts.content.load import Content

DATA_FILE = "strategies/finder.json"


def filters(c: Content) -> list[dict]:
    """The finder's fieldsets, in order: name (the query string key), legend and options (value, label)."""
    areas = sorted(c.areas.items(), key=lambda kv: (kv[1].order, kv[1].title))
    needs = sorted(c.needs.items(), key=lambda kv: kv[1].title.lower())
    groups = [
        ("need", "Need", [(n, need.title) for n, need in needs]),
        ("level", "Level of support", [(lv.id, lv.title) for lv in c.framework.levels]),
        ("phase", "Age group", [(p.id, c.framework.phase_label(p.id)) for p in c.framework.phases]),
        ("type", "Type of strategy", [(t, m.TYPE_TITLES[t]) for t in m.STRATEGY_TYPES]),
        ("kind", "Approach or named programme", list(m.KIND_TITLES.items())),
        ("stage", "School stage (primary or secondary examples)", list(m.STAGE_TITLES.items())),
        ("area", "Broad area of need", [(a, area.title) for a, area in areas]),
    ]
    return [{"name": name, "legend": legend,
             "options": [{"value": v, "label": label, "id": f"finder-{name}-{v}"} for v, label in options]}
            for name, legend, options in groups]


def needs_served(c: Content) -> dict[str, list[dict]]:
    """Strategy id -> the needs that use it (id and title), for the page's list."""
    return {sid: [{"id": n, "title": c.needs[n].title} for n in c.derived.strategy_needs.get(sid, [])]
            for sid in c.strategies}


def data(c: Content) -> dict:
    """What the finder script needs: each need's area, and each strategy's type, kind, stages (none: it fits both),
    levels, phases and uses
    (need, phase, level) -- so "autism, SEN Support, post-16" finds what autism uses at that level and age."""
    return {
        "needs": {n: need.area for n, need in sorted(c.needs.items())},
        "strategies": {sid: {"type": st.type, "kind": st.kind, "stages": st.stages, "levels": st.levels,
                             "phases": st.phases,
                             "uses": [list(u) for u in c.derived.strategy_uses.get(sid, [])]}
                       for sid, st in sorted(c.strategies.items())},
    }


def files(c: Content) -> dict[str, str]:
    return {DATA_FILE: json.dumps(data(c), ensure_ascii=False, separators=(",", ":")) + "\n"}
