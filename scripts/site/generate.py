# Page generation: renders the validated content through Jinja2 templates into Markdown for MkDocs.
# In: a content folder (or a loaded Content). Out: a docs folder of Markdown pages, rebuilt to match the content exactly.
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from markupsafe import Markup

from scripts.content import framework as fwk
from scripts.content import model as m
from scripts.content.registry import doc_path
from scripts.site import finder, opendata, search
from scripts.site import docx_plans, plan_builder
from scripts.content import rules
from scripts.site import next_steps, pictures
from scripts.content import authority as la
from scripts import editions
from scripts.content.load import Content, ContentErrors, load
from scripts.memory import collector_paused
from scripts.text import CACHE, env, plain, slug


def term_anchor(term: m.Term) -> str:
    return slug(term.abbreviation or term.term)


# ---------------------------------------------------------------- views: plain data for dumb templates


def _source_lines(c: Content, refs: list[m.SourceRef]) -> list[dict]:
    out = []
    for r in refs:
        src = c.sources[r.source]
        where = []
        if r.paragraphs:
            where.append(("paragraph " if re.fullmatch(r"[\d.]+", r.paragraphs) else "paragraphs ") + r.paragraphs)
        if r.pages:
            where.append(("page " if len(r.pages) == 1 else "pages ") + ", ".join(map(str, r.pages)))
        out.append({"title": src.title, "edition": src.edition, "url": src.url, "where": ", ".join(where),
                    "note": r.note})
    return out


def _roles(c: Content, ids: list[str]) -> list[dict]:
    return [{"id": r, "title": c.roles[r].title} for r in ids]


def _role_entries(c: Content, entries: list[str]) -> list[dict]:
    """'Who may help': a role id links to its page; free text links when it is a role's title or abbreviation,
    and stays text otherwise."""
    by_name = {n.lower(): rid for rid, role in c.roles.items() for n in (role.title, role.abbreviation) if n}
    out = []
    for e in entries:
        rid = e if e in c.roles else by_name.get(e.lower())
        out.append({"id": rid, "title": c.roles[rid].title if rid else e})
    return out


def _aspect_view(c: Content, aspect, entries: list) -> dict:
    """One aspect of one level, ready to print: items with text and, where they name an item, its link."""
    if aspect.kind == "roles":
        items = [{"text": r["title"], "link": f"roles/{r['id']}" if r["id"] else None} for r in _role_entries(c, entries)]
    else:
        items = []
        for e in entries:
            if isinstance(e, str):
                items.append({"text": e, "link": None})
            else:
                st = c.strategies[e.strategy]
                items.append({"text": st.title, "link": f"strategies/{e.strategy}", "summary": st.summary,
                              "note": e.note})
    return {"id": aspect.id.replace("_", "-"), "title": aspect.title, "kind": aspect.kind, "entries": items}


def phase_short(c: Content, phase: str) -> str:
    return c.framework.phase(phase).title


def need_view(c: Content, nid: str) -> dict:
    need, fw = c.needs[nid], c.framework
    phases: dict[str, dict] = {}
    for cell in fwk.walk(fw, need, gaps=True):
        p, lv = cell.phase, cell.level
        phase = phases.setdefault(p.id, {"id": p.id, "title": fw.phase_label(p.id), "short": p.title, "levels": []})
        g = cell.guidance
        phase["levels"].append({
            "id": lv.id, "title": lv.title, "anchor": cell.anchor,
            "gap": None if g is not None else f"This guidance does not describe this level for {p.people} "
                                               f"aged {p.ages}.",
            "aspects": [_aspect_view(c, a, g.aspect(a.id)) for a in fw.aspects] if g is not None else [],
        })
    return {
        "id": nid, "title": need.title, "summary": need.summary, "also_known_as": need.also_known_as,
        "area": {"id": need.area, "title": c.areas[need.area].title}, "phases": list(phases.values()),
        "level_count": len(fw.levels),
        "sources": _source_lines(c, need.sources),
        "plans": [{"id": p, "title": c.plans[p].title} for p in c.derived.need_plans.get(nid, [])],
    }


def strategy_view(c: Content, sid: str) -> dict:
    st, fw = c.strategies[sid], c.framework
    uses: dict[str, list] = {}
    for nid, phase, level in c.derived.strategy_uses.get(sid, []):
        uses.setdefault(nid, []).append({"anchor": fwk.anchor(phase, level),
                                         "label": f"{fw.phase(phase).title}, {fw.level(level).title}"})
    return {
        "id": sid, "title": st.title, "summary": st.summary, "steps": st.steps, "type": m.TYPE_TITLES[st.type],
        "levels": [{"id": lv.id, "title": lv.title} for lv in fw.levels if lv.id in st.levels],
        "phases": [fw.phase_label(p.id) for p in fw.phases if p.id in st.phases],
        "roles": _roles(c, st.delivered_by),
        "uses": [{"id": n, "title": c.needs[n].title, "places": places}
                 for n, places in sorted(uses.items(), key=lambda kv: c.needs[kv[0]].title.lower())],
        "plans": [{"id": p, "title": c.plans[p].title} for p in c.derived.strategy_plans.get(sid, [])],
        "sources": _source_lines(c, st.sources),
        **_strategy_details(c, st),
    }


def _times(n: float) -> str:
    """3 -> 'three times a week', 7 -> 'every day', 0.5 -> 'once a fortnight' (plain words for a dose)."""
    words = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times"}
    if n == 7:
        return "every day"
    if n >= 1 and n == int(n):
        return f"{words.get(int(n), f'{int(n)} times')} a week"
    every = round(1 / n)
    return "once a fortnight" if every == 2 else f"once every {every} weeks"


def _duration(minutes: int) -> str:
    """45 -> '45 minutes', 90 -> '1 hour 30 minutes', 300 -> '5 hours'."""
    hours, mins = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []) + ([f"{mins} minutes"] if mins else [])
    return " ".join(parts)


def _strategy_details(c: Content, st: m.Strategy) -> dict:
    """The issue-15 fields of a strategy as plain lines: kind, stages, dose, start and stop, training, evidence."""
    dose = None
    if st.dose:
        d = st.dose
        dose = [("How often", _times(d.times_a_week)), ("How long", f"{_duration(d.minutes)} a session"),
                ("For how many weeks", f"{d.weeks} weeks" if d.weeks else "It carries on, and is reviewed each term"),
                ("Group size", d.group_size)]
        if d.note:
            dose.append(("Note", d.note))
    evidence = None
    if st.evidence:
        evidence = {"strength": m.STRENGTH_TITLES[st.evidence.strength], "summary": st.evidence.summary,
                    "sources": _source_lines(c, st.evidence.sources)}
    return {
        "kind": m.KIND_TITLES[st.kind] if st.kind != "approach" else None,
        "stages": [m.STAGE_TITLES[s] for s in m.STAGE_TITLES if s in st.stages],
        "dose": dose, "start_when": st.start_when, "stop_when": st.stop_when, "training": st.training,
        "evidence": evidence,
    }


def plan_view(c: Content, pid: str) -> dict:
    plan = c.plans[pid]
    return {
        "id": pid, "plan": plain(plan), "phase": c.framework.phase_label(plan.phase), "level": c.framework.level(plan.level).title,
        "level_id": plan.level, "next_level": c.framework.level(plan.review.next_level).title,
        "needs": [{"id": n, "title": c.needs[n].title} for n in plan.needs],
        "provision": [{"id": p.strategy, "title": c.strategies[p.strategy].title, "p": plain(p),
                       "who": ", ".join(c.roles[r].title for r in p.who)} for p in plan.provision],
    }


def _strategy_list(c: Content, ids) -> list[dict]:
    return [{"id": s, "title": c.strategies[s].title, "summary": c.strategies[s].summary}
            for s in sorted(ids, key=lambda s: c.strategies[s].title.lower())]


def _areas(c: Content) -> list[dict]:
    out = []
    for aid, area in sorted(c.areas.items(), key=lambda kv: (kv[1].order, kv[1].title)):
        needs = [{"id": n, "title": c.needs[n].title, "summary": c.needs[n].summary,
                  "also_known_as": c.needs[n].also_known_as} for n in c.derived.area_needs.get(aid, [])]
        strategies = {s for s, areas in c.derived.strategy_areas.items() if aid in areas}
        out.append({"id": aid, "title": area.title, "summary": area.summary, "description": area.description,
                    "needs": needs, "strategies": _strategy_list(c, strategies),
                    "sources": _source_lines(c, area.sources)})
    return out


# ---------------------------------------------------------------- pages


def abbreviations(c: Content) -> list[tuple[str, str]]:
    """(abbreviation, "full name: the definition's first sentence") for every glossary term that has one, longest
    first: the tooltip says what it means, not only what the letters stand for (extra.js links it to the glossary)."""
    pairs = [(t.abbreviation, f"{t.term}: {_first_sentence(t.definition)}") for t in c.glossary.terms if t.abbreviation]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", " ".join(str(text).split()), maxsplit=1)[0]


_WORD = re.compile(r"\w+")
_CAPITALISED = re.compile(r"\b[A-Z]\w*")


def _words_for(abbrs: list[tuple[str, str]]):
    """How to collect a page's words for these abbreviations: when every one starts with a capital letter, only the
    words that do (half the time of collecting every word)."""
    return _CAPITALISED.findall if all(_CAPITALISED.match(a) for a, _ in abbrs) else _WORD.findall


def _with_abbreviations(text: str, abbrs: list[tuple[str, str]], words_of) -> str:
    """Append Markdown abbreviation definitions for the abbreviations the page uses (`words_of`: _words_for(abbrs))."""
    words = set(words_of(text))  # one pass per page; Markdown's abbr matches whole words too
    used = [(a, t) for a, t in abbrs if (a in words if a.isalnum() else a in text)]
    if not used:
        return text
    lines = "\n".join(f"*[{a}]: {t.replace(']', ')')}" for a, t in used)
    return text.rstrip("\n") + "\n\n" + lines + "\n"


def render_pages(c: Content, history: editions.History | None = None, download: bool = False,
                 offline_copy: bool = False) -> dict[str, str]:
    """Relative path in the docs folder -> Markdown text, for every page of the site: a function of the content and
    its edition history (read once, before generation; the build, the preview and outputs() pass it in; without it,
    it is read here, with no date for uncommitted edits). `download`: link the offline copy's zip from the home
    page; `offline_copy`: the pages are for the offline copy itself."""
    if history is None:
        history = editions.read(c)
    areas = _areas(c)
    authority = c.authority
    common = {"authority": plain(authority), "levels": [{"id": lv.id, "title": lv.title, "summary": c.levels[lv.id].summary,
                                                  "meaning": lv.meaning} for lv in c.framework.levels]}
    common.update(contacts=la.contacts(authority), service=la.service(authority), offline_copy=offline_copy,
                  download=Markup(la.download_path(authority)) if download else None, site_url=Markup(authority.site_url or ""),
                  last_changed={f"{k}/{i}": v for (k, i), v in editions.last_changed(c, history).items()})
    guide_pages = sorted(c.pages.values(), key=lambda p: (p.order, p.title))
    guide = [plain(p) for p in guide_pages]
    pages: dict[str, str] = {}

    def put(path: str, template: str, **data) -> None:
        pages[path] = env().get_template(template).render(**common, **data)

    put("index.md", "home.md.j2", areas=areas, guide=guide, **_home_extras(c))
    put("needs/index.md", "needs-index.md.j2", areas=areas,
        needs=sorted(({"id": n, "title": need.title, "summary": need.summary, "also_known_as": need.also_known_as,
                       "area": c.areas[need.area].title} for n, need in c.needs.items()), key=lambda v: v["title"].lower()))
    for area in areas:
        put(f"areas/{area['id']}.md", "area.md.j2", area=area)
    for nid in c.needs:
        put(f"needs/{nid}.md", "need.md.j2", need=next_steps.need_extras(c, need_view(c, nid)))
    put("strategies/index.md", "strategies-index.md.j2", areas=areas, filters=finder.filters(c),
        needs_of=finder.needs_served(c),
        unused=_strategy_list(c, [s for s, a in c.derived.strategy_areas.items() if not a]),
        count=len(c.strategies), finder_json=Markup(plan_builder._json(finder.data(c))))
    for sid in c.strategies:
        put(f"strategies/{sid}.md", "strategy.md.j2", s=next_steps.strategy_extras(c, strategy_view(c, sid)))
    plans = [next_steps.plan_extras(c, plan_view(c, pid)) for pid in sorted(c.plans, key=lambda p: c.plans[p].title.lower())]
    put("plans/index.md", "plans-index.md.j2", plans=plans)
    for view in plans:
        put(f"plans/{view['id']}.md", "plan.md.j2", v=view)
    put("levels/index.md", "levels-index.md.j2", ladder=next_steps.ladder(c))
    for lv in c.framework.level_ids:
        level = c.levels[lv]
        needs = [{"id": n, "title": c.needs[n].title} for n in sorted(c.needs, key=lambda n: c.needs[n].title.lower())]
        strategies = _strategy_list(c, [s for s, st in c.strategies.items() if lv in st.levels])
        put(f"levels/{lv}.md", "level.md.j2", level={"title": c.framework.level(lv).title, "summary": level.summary,
                                                      "description": level.description}, level_id=lv,
            needs=needs, strategies=strategies, sources=_source_lines(c, level.sources),
            phases=[{"id": p.id, "title": c.framework.phase_label(p.id)} for p in c.framework.phases],
            here=pictures.you_are_here(next_steps.framework_levels(c), lv, pid=f"here-{lv}"),
            next=next_steps.links(c, lv, prefix="../"))
    roles = [{"id": r, "role": plain(role), "needs": [{"id": n, "title": c.needs[n].title} for n in c.derived.role_uses.get(r, [])],
              "strategies": _strategy_list(c, [s for s, st in c.strategies.items() if r in st.delivered_by]),
              "sources": _source_lines(c, role.sources)}
             for r, role in sorted(c.roles.items(), key=lambda kv: kv[1].title.lower())]
    put("roles/index.md", "roles-index.md.j2", roles=roles)
    for role in roles:
        put(f"roles/{role['id']}.md", "role.md.j2", r=role)
    terms = [{"anchor": term_anchor(t), "t": plain(t), "link": _term_link(t)}
             for t in sorted(c.glossary.terms, key=lambda t: (t.abbreviation or t.term).lower())]
    put("glossary.md", "glossary.md.j2", terms=terms, letters=_glossary_letters(terms))
    put("data/index.md", "data.md.j2", **opendata.page_view(c))
    put("guide/index.md", "guide-index.md.j2", guide=guide)
    for page in guide_pages:
        put(f"guide/{page.id}.md", "guide-page.md.j2", page=plain(page),
            body=Markup(pictures.place(page.id, la.fill(page.body, authority, f"{c.root.name}/pages/{page.id}.md"))))
    put("what-changed.md", "what-changed.md.j2", **editions.page_data(
        history.changes, history.why, authority, frozenset(fwk.anchor(p.id, lv.id) for p, lv in c.framework.cells())))
    abbrs = abbreviations(c)
    words_of = _words_for(abbrs)
    return search.tune(c, {path: _with_abbreviations(text, abbrs, words_of) for path, text in pages.items()})


def _glossary_letters(terms: list[dict]) -> list[dict]:
    """The glossary's A to Z: each first letter, its anchor and its terms (already sorted)."""
    out: list[dict] = []
    for x in terms:
        letter = (x["t"]["abbreviation"] or x["t"]["term"])[:1].upper()
        if not out or out[-1]["letter"] != letter:
            out.append({"letter": letter, "anchor": f"letter-{letter.lower()}", "terms": []})
        out[-1]["terms"].append(x)
    return out


def _home_extras(c: Content) -> dict:
    """Issue 16's home page keys: ways in by role, example searches and the ladder of levels."""
    return {"ways_in": next_steps.ways_in(c), "examples": next_steps.EXAMPLE_SEARCHES, "ladder": next_steps.ladder(c)}


def _term_link(t: m.Term) -> str | None:
    if not t.link:
        return None
    if t.link.startswith("https://"):
        return t.link
    kind, _, target = t.link.partition(":")
    return doc_path(kind, target)


# ---------------------------------------------------------------- writing


def write_tree(files: dict[str, str | bytes], out_dir: Path) -> int:
    """Make out_dir hold exactly `files`: unchanged files are not touched (so live preview stays quiet).
    Returns how many files were written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, data in files.items():
        path = out_dir / rel
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if path.is_file() and path.read_bytes() == raw:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        written += 1
    wanted = {out_dir / rel for rel in files}
    for path in sorted(out_dir.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def outputs(c: Content, history: editions.History | None = None, **options) -> dict[str, str | bytes]:
    """Every file of the generated docs folder. Options go to render_pages."""
    with collector_paused():
        return _outputs(c, editions.read(c) if history is None else history, **options)


def _outputs(c: Content, history: editions.History, **options) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = dict(render_pages(c, history, **options))
    files.update(la.assets(c.authority, c.root))
    files.update(opendata.files(c))  # data/*.json and their JSON Schemas
    files.update(finder.files(c))  # strategies/finder.json for the strategy finder's script
    # plans/downloads/<id>.docx and the blank template; unchanged documents come from the cache in build/
    files.update(docx_plans.plan_downloads(c, CACHE / "docx"))
    # keep last: the plan builder page links the blank Word template when an earlier line has added it
    files.update(plan_builder.files(c, env(), files, offline_copy=options.get("offline_copy", False)))
    return files


def load_site(content_dir: str | Path, authority: str | Path | None = None) -> Content:
    """Load and validate content_dir for one authority (`authority`: a config file instead of the content folder's
    authority.yml). Raises ContentErrors."""
    with collector_paused():  # scripts/memory.py: the collector's passes were over half of load's time
        c = load(content_dir)
        problems = rules.check(c)
    if problems:
        raise ContentErrors(problems)
    la.use(c, authority)
    return c


def generate(content_dir: str | Path, out_dir: str | Path, authority: str | Path | None = None,
             history: editions.History | None = None, edited_on: dt.date | None = None, **options) -> Content:
    """The pipeline in one call: load the content, read its history (unless given), make out_dir the generated
    Markdown site. `edited_on`: the date shown for files with uncommitted edits. Raises ContentErrors."""
    c = load_site(content_dir, authority)
    if history is None:
        history = editions.read(c, edited_on)
    write_tree(outputs(c, history, **options), Path(out_dir))
    return c


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    content_dir = args[0] if args else "content"
    out_dir = args[1] if len(args) > 1 else "build/docs"
    authority = args[2] if len(args) > 2 else None  # an authority config file, as `make site CONFIG=...` passes
    try:
        c = generate(content_dir, out_dir, authority, edited_on=dt.date.today())
    except ContentErrors as exc:
        print("\n".join(exc.errors), file=sys.stderr)
        return 2
    print(f"generated {out_dir} from {content_dir}: {len(c.needs)} needs, {len(c.strategies)} strategies")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
