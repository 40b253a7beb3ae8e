# "What happens next": the guide pages that fit a level, an age group or a need, for need, strategy and plan pages,
# and the extra view data of a need page (ladder, "you are here", copy links). In: a loaded Content and a page's
# view. Out: lists of links (only to pages and levels that exist) and the same view with these keys added.
from __future__ import annotations

from markupsafe import Markup

from scripts.site import pictures
from scripts.content.load import Content

# Level id -> (what comes next, in a sentence; the guide pages that explain it, most useful first).
LEVEL_NEXT = {
    "universal": ("If this everyday help is not enough, the school should talk to you about SEN Support.",
                  ["sen-support-in-school", "graduated-approach"]),
    "sen-support": ("If your child still struggles after a few rounds of assess, plan, do and review, ask about "
                    "Enhanced SEN Support or an EHC needs assessment.",
                    ["sen-support-in-school", "graduated-approach", "enhanced-sen-support"]),
    "enhanced-sen-support": ("You can still ask the local authority for an EHC needs assessment at any time.",
                             ["enhanced-sen-support", "requesting-an-ehc-needs-assessment"]),
    "ehc": ("You, the school, or a young person aged 16 or over can ask the local authority for an EHC needs "
            "assessment. If it says no, you can appeal.",
            ["requesting-an-ehc-needs-assessment", "if-you-disagree", "ehc-plans-and-annual-reviews"]),
}
# Age group -> guide pages for every level in that age group.
PHASE_NEXT = {"early-years": ["early-years-sen-support"], "post-16": ["post-16-and-preparing-for-adulthood"]}
# Need -> guide pages about problems that often come with it (shown at SEN Support and above).
NEED_NEXT = {
    "anxiety-and-school-non-attendance": ["attendance-and-school-non-attendance", "part-time-timetables"],
    "social-emotional-and-mental-health": ["exclusions-and-suspensions", "part-time-timetables"],
    "adhd": ["exclusions-and-suspensions"],
    "attachment-and-trauma": ["exclusions-and-suspensions"],
    "medical-conditions": ["attendance-and-school-non-attendance"],
}
ALWAYS = ["if-you-disagree"]  # every level: if you are not happy with the help


def framework_levels(c: Content) -> list[dict]:
    """The framework's levels, lowest first: id, title and a one-line meaning."""
    return [{"id": lv.id, "title": lv.title, "meaning": lv.meaning or ""} for lv in c.framework.levels]


def _page(c: Content, pid: str, prefix: str) -> dict | None:
    page = c.pages.get(pid)
    return {"href": f"{prefix}guide/{pid}.md", "title": page.title} if page else None


def links(c: Content, level: str, phase: str | None = None, need: str | None = None, prefix: str = "../") -> dict:
    """What happens next at `level` (in `phase`, for `need`): {lead, level: {href, title}, pages: [{href, title}]}."""
    lead, ids = LEVEL_NEXT.get(level, ("", []))
    ids = list(ids)
    if phase:
        ids = PHASE_NEXT.get(phase, []) + ids
    if need and level != "universal":
        ids += NEED_NEXT.get(need, [])
    ids += ALWAYS
    pages = [p for p in (_page(c, pid, prefix) for pid in dict.fromkeys(ids)) if p]
    titles = {lv["id"]: lv["title"] for lv in framework_levels(c)}
    return {"lead": lead, "level": {"href": f"{prefix}levels/{level}.md", "title": titles.get(level, level)},
            "pages": pages}


def need_extras(c: Content, view: dict) -> dict:
    """Add to a need's view: the ladder (top of the page), and for each level its "you are here" picture, its
    heading with the age group ("School age: SEN Support"), its jump list entry and what happens next."""
    levels = framework_levels(c)
    view["ladder"] = pictures.ladder(levels, pid=f"ladder-{view['id']}")
    for phase in view["phases"]:
        short = phase.get("short") or phase["title"].split(" (")[0]
        phase["jump"] = [{"anchor": lv["anchor"], "title": lv["title"]} for lv in phase["levels"]]
        for lv in phase["levels"]:
            lv["heading"] = f"{short}: {lv['title']}"
            lv["here"] = pictures.you_are_here(levels, lv["id"], pid=f"here-{lv['anchor']}")
            lv["next"] = links(c, lv["id"], phase["id"], view["id"])
    return view


def strategy_next(c: Content, level_ids: list[str]) -> list[dict]:
    """For a strategy page: each of its levels, with the guide page that explains it first."""
    out = []
    for lv in level_ids:
        nxt = links(c, lv)
        out.append({"level": nxt["level"], "lead": nxt["lead"], "page": nxt["pages"][0] if nxt["pages"] else None})
    return out


def plan_next(c: Content, level: str, phase: str) -> dict:
    return links(c, level, phase)


def ladder(c: Content, pid: str = "ladder") -> Markup:
    """The ladder of levels for the home and levels pages."""
    return pictures.ladder(framework_levels(c), pid=pid)


# Ways in from the home page, by who is reading: (id, title, lead, [(text, page in the docs folder)]). Guide pages
# that do not exist in this content are left out.
WAYS_IN = [
    ("parents", "Parent or carer", "Find out what help your child should get, and what to do if it is not enough.",
     [("Find your child's need, from A to Z", "needs/index.md"),
      ("How SEN Support works in school", "guide/sen-support-in-school.md"),
      ("How to ask for an EHC needs assessment", "guide/requesting-an-ehc-needs-assessment.md"),
      ("If you disagree", "guide/if-you-disagree.md"),
      ("Who pays for what", "guide/who-pays-for-what.md"),
      ("What the words mean", "glossary.md")]),
    ("staff", "School or college staff", "Strategies for each need and level, example plans, and a plan builder.",
     [("Strategy finder", "strategies/index.md"), ("Build a support plan", "plan-builder.md"),
      ("Example support plans", "plans/index.md"),
      ("The graduated approach: assess, plan, do, review", "guide/graduated-approach.md"),
      ("Linking from your SEN Information Report", "guide/linking-from-your-sen-information-report.md"),
      ("Post-16 and preparing for adulthood", "guide/post-16-and-preparing-for-adulthood.md")]),
    ("council", "Council staff", "The levels of support, the EHC process and its deadlines, and the guide as data.",
     [("The levels of support", "levels/index.md"),
      ("EHC needs assessments: the timeline", "guide/requesting-an-ehc-needs-assessment.md"),
      ("EHC plans and annual reviews", "guide/ehc-plans-and-annual-reviews.md"),
      ("Personal budgets", "guide/personal-budgets.md"),
      ("Open data: the guide as JSON", "data/index.md"), ("What changed in this edition", "what-changed.md")]),
]
EXAMPLE_SEARCHES = ["can't sit still", "won't go to school", "struggles with reading", "ask for an EHCP",
                    "excluded from school", "who pays"]


def ways_in(c: Content, pages: set[str] | None = None) -> list[dict]:
    """The home page's ways in by role, keeping only links to guide pages that exist."""
    have = set(c.pages)
    out = []
    for rid, title, lead, items in WAYS_IN:
        links_ = [{"text": t, "href": h} for t, h in items
                  if not h.startswith("guide/") or h[len("guide/"):-len(".md")] in have]
        out.append({"id": rid, "title": title, "lead": lead, "links": links_})
    return out


def strategy_extras(c: Content, view: dict) -> dict:
    """Add to a strategy's view: what happens next at each of its levels, and the plan builder's address query that
    pre-fills this strategy with the first need, age group and level that uses it."""
    view["next"] = strategy_next(c, [lv["id"] for lv in view["levels"]])
    uses = c.derived.strategy_uses.get(view["id"], [])
    query = f"strategy={view['id']}"
    if uses:
        need, phase, level = uses[0]
        query += f"&need={need}&phase={phase}&level={level}"
    view["plan_query"] = query
    return view


def plan_extras(c: Content, view: dict) -> dict:
    """Add to an example plan's view: what happens next at its level from now on."""
    plan = c.plans[view["id"]]
    view["next"] = links(c, plan.review.next_level, plan.phase)
    return view
