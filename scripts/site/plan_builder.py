# Support plan builder: the page at /plan-builder/ and the data its in-browser script reads (plan-builder.js).
# In: a loaded Content and the other docs-folder files. Out: {path in the docs folder: text} for the page and its JSON.
from __future__ import annotations

import json

from markupsafe import Markup

from scripts.site import docx_plans as dp
from scripts.content import framework as fwk
from scripts.content.load import Content

PAGE = "plan-builder.md"
DATA = "data/plan-builder.json"
BLANK = f"{dp.DOWNLOADS}/{dp.BLANK_NAME}"


def strategy_path(sid: str, offline_copy: bool = False) -> str:
    """A strategy page's address from the site root: strategies/<id>/ online, strategies/<id>.html in the offline
    copy (which is built without directory URLs)."""
    return f"strategies/{sid}.html" if offline_copy else f"strategies/{sid}/"


def data(c: Content, offline_copy: bool = False) -> dict:
    """Everything the builder needs, as plain JSON: the choices on the form, each need's strategies per phase and
    level (ids, in the guidance's order, with the guidance's note where it has one), each strategy's title, summary,
    address and usual roles, and the Word document's headings and columns (the same as scripts/site/docx_plans.py)."""
    areas = sorted(c.areas.items(), key=lambda kv: (kv[1].order, kv[1].title))
    needs, used = {}, set()
    for aid, _ in areas:
        for nid in c.derived.area_needs.get(aid, []):
            need = c.needs[nid]
            by_phase, notes = {}, {}
            for cell in fwk.walk(c.framework, need):
                phase, level = cell.phase.id, cell.level.id
                refs = [r for _a, _i, r in fwk.refs(c.framework, cell.guidance, "strategies")]
                by_phase.setdefault(phase, {})[level] = [r.strategy for r in refs]
                used.update(r.strategy for r in refs)
                for r in refs:
                    if r.note:
                        notes.setdefault(phase, {}).setdefault(level, {})[r.strategy] = r.note
            needs[nid] = {"area": need.area, "title": need.title, "also_known_as": need.also_known_as,
                          "strategies": by_phase, "notes": notes}
    strategies = {sid: {"title": st.title, "summary": st.summary, "url": strategy_path(sid, offline_copy),
                        "who": [c.roles[r].title for r in st.delivered_by]}
                  for sid, st in sorted(c.strategies.items()) if sid in used}
    return {
        "edition": c.authority.edition,
        "phases": [{"id": p.id, "title": c.framework.phase_label(p.id)} for p in c.framework.phases],
        "levels": [{"id": lv.id, "title": lv.title} for lv in c.framework.levels],
        "areas": [{"id": aid, "title": a.title, "needs": list(c.derived.area_needs.get(aid, []))} for aid, a in areas],
        "needs": needs,
        "strategies": strategies,
        "docx": {"title": dp.BLANK_TITLE, "author": c.authority.name,
                 "headings": [list(h) for h in dp.HEADINGS], "details": list(dp.DETAILS),
                 "outcome_columns": list(dp.OUTCOME_COLUMNS), "provision_columns": list(dp.PROVISION_COLUMNS),
                 "progress_columns": list(dp.PROGRESS_COLUMNS), "blank_progress_rows": dp.BLANK_ROWS["outcomes"]},
    }


def _json(value) -> str:
    """Compact JSON that is also safe inside an HTML <script type="application/json"> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def files(c: Content, env, docs: dict, offline_copy: bool = False) -> dict[str, str]:
    """The builder's page and data file. `docs`: the docs folder so far, to link the blank Word template when the
    build provides it. The offline copy (opened from disk, where a page cannot fetch a file) gets the data inside
    the page as a JSON data block, which is never run as script."""
    payload = data(c, offline_copy)
    view = data(c)
    page = env.get_template("plan-builder.md.j2").render(
        authority=c.authority, phases=view["phases"], levels=view["levels"],
        areas=[{**a, "needs": [{"id": n, "title": c.needs[n].title,
                                "words": " | ".join([c.needs[n].title, *c.needs[n].also_known_as,
                                                            *c.needs[n].search_terms]).lower()}
                               for n in a["needs"]]} for a in view["areas"]],
        blank=BLANK if BLANK in docs else None, embedded=Markup(_json(payload)) if offline_copy else None)
    return {PAGE: page, DATA: json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"}
