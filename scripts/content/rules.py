# Content rules beyond the schema, run by `make validate` and `make site` as well as the tests, so "valid" means
# what the tests check. In: a loaded Content. Out: one error line per problem (file:line: field: what (reason)).
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from scripts.content import content_gates
from scripts.checks import statutory
from scripts.content import framework as fwk
from scripts.content.load import FRONT_MATTER, Content, _fmt_path
from scripts.content.registry import BY_FOLDER

LINK = re.compile(r"\]\(([^)\s]+)\)")


def _at(c: Content, path: Path, where: list, what: str) -> str:
    line = c.line(path, where)
    rel = path.relative_to(c.root.parent) if path.is_relative_to(c.root.parent) else path
    return f"{rel}{f':{line}' if line else ''}: {_fmt_path(where)}: {what}"


def coverage_minimum(c: Content) -> list[str]:
    """Each described level has the fewest entries the authority's coverage policy asks for (authority.yml
    coverage.minimum): a level with one sentence is not yet guidance."""
    out = []
    policy = c.authority.coverage
    for nid, need in sorted(c.needs.items()):
        for cell in fwk.walk(c.framework, need):
            for a in c.framework.aspects:
                n, want = len(cell.guidance.aspect(a.id)), policy.minimum_for(cell.level.id, a.id)
                if n < want:
                    out.append(_at(c, c.files[("needs", nid)], cell.path + [a.id],
                                   f"{n} {'entry' if n == 1 else 'entries'}; the coverage policy asks for at least {want} "
                                   f"(authority.yml coverage.minimum)"))
    return out


def plan_provision(c: Content) -> list[str]:
    """An example plan only uses strategies meant for its phase, and none meant only for a higher level than the
    plan is at: a plan must show what that level really looks like."""
    out, order = [], c.framework.level_ids
    for pid, plan in sorted(c.plans.items()):
        for i, p in enumerate(plan.provision):
            st = c.strategies[p.strategy]
            where = ["provision", i, "strategy"]
            if plan.phase not in st.phases:
                out.append(_at(c, c.files[("plans", pid)], where, f"strategy {p.strategy!r} is not marked for the "
                               f"plan's phase {plan.phase!r} (a plan shows what its own age group gets)"))
            if not any(order.index(lv) <= order.index(plan.level) for lv in st.levels):
                out.append(_at(c, c.files[("plans", pid)], where, f"strategy {p.strategy!r} starts above the plan's "
                               f"level {plan.level!r} (a plan shows what its own level looks like)"))
    return out


def guide_links(c: Content) -> list[str]:
    """Links in hand-written pages point at items and level anchors that exist, so a reader never meets a dead end."""
    out = []
    anchors = {fwk.anchor(p.id, lv.id) for p, lv in c.framework.cells()}
    for pid, page in sorted(c.pages.items()):
        path = c.root / "pages" / f"{pid}.md"
        text = path.read_text(encoding="utf-8")
        offset = text[:FRONT_MATTER.match(text).end()].count("\n") if FRONT_MATTER.match(text) else 0
        for n, line in enumerate(page.body.splitlines(), start=offset + 1):
            for target in LINK.findall(line):
                target_path, _, anchor = target.partition("#")
                parts = target_path.removeprefix("../").removesuffix(".md").split("/")
                if not target_path.startswith("../") or len(parts) != 2 or parts[1] == "index":
                    continue
                section, item = parts
                kind = next((k for k in BY_FOLDER.values() if k.section == section), None)
                if kind is None:
                    continue
                rel = path.relative_to(c.root.parent)
                if item not in getattr(c, kind.attr):
                    out.append(f"{rel}:{n}: link {target}: no such {kind.title} (links must point at real pages)")
                elif kind.name == "need" and anchor and anchor not in anchors:
                    out.append(f"{rel}:{n}: link {target}: no level anchor #{anchor} (use #<phase>-<level>)")
    return out


def timescales(c: Content) -> list[str]:
    """Every statutory number agrees with scripts/checks/statutory.py, so no page states a wrong legal deadline."""
    return statutory.check_content(c.root, {path.resolve(): doc.data for path, doc in c.docs.items()})


# content_gates.check: no cost-based indicator, a dose where one is required, no school-only words after 16, every
# term the pages need in the glossary (each rule gives its reason).
RULES: list[Callable[[Content], list[str]]] = [coverage_minimum, plan_provision, guide_links, timescales,
                                               content_gates.check]


def check(c: Content) -> list[str]:
    """Every rule's problems, in order."""
    return [line for rule in RULES for line in rule(c)]
