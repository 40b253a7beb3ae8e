# Content gates: rules about what the guidance says (not its shape), each with the reason it exists.
# In: a loaded Content (scripts.content.load.load). Out: check(content) -> error lines `file:line: field: what (reason)`.
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from scripts.content import framework as fwk
from scripts.content.load import Content

# ---------------------------------------------------------------- the rules and their reasons

# Wording that makes money an indicator of a need or a level. The EHC needs assessment test (Children and Families
# Act 2014, s36(8)) is whether the child may have SEN and may need provision through an EHC plan: cost is no part of
# it, so a need's descriptors ("what you might notice") must never say that help costs too much.
COST_INDICATOR = re.compile("|".join((
    r"\bcosts? (?:more|too much|beyond)",
    r"\bthe cost\b[^.]*\bbeyond",
    r"\b(?:beyond|more than) (?:what )?(?:the|a|its|their) (?:school|setting|college)[^.]{0,40}\bcan\b[^.]{0,12}"
    r"\b(?:fund|afford|pay|give|provide|offer)",
    r"beyond (?:the|a|its|their) (?:school|setting|college)'?s?'? (?:own )?(?:budget|funding|resources|means)",
    r"\bcan(?:not|'t) (?:be )?(?:fund|afford|pa(?:y|id) for)",
    r"\bcan fund\b",
    r"\b(?:notional SEN|normal|usual|own) (?:support )?(?:budget|funds?|funding|resources)\b",
    r"£ ?\d", r"\bexpensive\b", r"\baffordab",
)), re.I)
COST_REASON = ("cost is no part of the test for an EHC needs assessment or of any level: the test is need "
               "(Children and Families Act 2014, s36(8))")

# Strategy types that are delivered in sessions, so a school and a parent need to know how much of it to expect.
DOSE_TYPES = ("small-group", "individual", "specialist")
DOSE_REASON = ("small-group, individual and specialist help must say how often, how long, for how many weeks and "
               "in what group size, so it can be planned and checked (issue 15; Code of Practice 6.72, 9.69)")

# Words for people and places that belong to school. Post-16 students are at college, in a sixth form, at work or
# in training, so the post-16 phase must use their words (student, tutor, session, course, college).
# The words and roles each phase avoids are declared in the framework (framework.yml: avoid_words, avoid_roles).
SCHOOL_WORDS_REASON = ("the {phase} phase is for {people}: {words} are allowed only inside quotation marks "
                       "(framework.yml avoid_words)")


def _avoid_pattern(words: list[str]) -> re.Pattern | None:
    """A word-boundary pattern for the words and their plurals, or None."""
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) + "s?" for w in words) + r")\b", re.I)
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’")

# Terms the pages, needs and plans use that a parent may not know. Each must have a plain definition in the
# glossary so that the site's hover definitions and the glossary page explain it.
GLOSSARY_REQUIRED = (
    "normal way of working", "Functional Skills", "Entry Level", "audiology", "Access to Work",
    "Disabled Students' Allowance", "Care Act assessment", "study programme", "supported internship",
    "16-19 Bursary", "high needs funding", "top-up funding", "notional SEN budget", "early years inclusion fund",
    "Disability Access Fund", "EYFS", "progress check at age two", "area SENCO", "key person", "Portage",
    "independent review panel", "suspension", "permanent exclusion", "part-time timetable", "section 19 education",
    "personal budget", "direct payment", "mediation certificate", "disagreement resolution", "county court",
    "transfer of rights", "preparing for adulthood", "persistent absence", "EBSA", "job coach",
)
GLOSSARY_REASON = "every term a page uses must be explained in plain words in the glossary (reading age 11-12)"


# ---------------------------------------------------------------- helpers


@dataclass
class _Where:
    content: Content

    def yaml(self, kind: str, item: str, path: list[Any]) -> str:
        """`file:line: field` for a node inside an item's YAML file."""
        file = self.content.files.get((kind, item))
        if file is None:  # pragma: no cover - every loaded item has a file
            return f"{kind}/{item}: {_field(path)}"
        line = self.content.line(file, path)
        return f"{self._rel(file)}:{line}: {_field(path)}" if line else f"{self._rel(file)}: {_field(path)}"

    def _rel(self, file: Path) -> str:
        try:
            return str(file.relative_to(self.content.root.parent))
        except ValueError:  # pragma: no cover
            return str(file)

    def text(self, file: Path, needle: str) -> str:
        """`file:line` of the first line of a text file that contains needle (case-insensitive)."""
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if needle.lower() in line.lower():
                return f"{self._rel(file)}:{n}"
        return self._rel(file)


def _field(path: list[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unquoted(text: str) -> str:
    return QUOTED.sub(" ", text)


def _need_levels(content: Content) -> Iterator[tuple[str, str, str, Any]]:
    """(need id, phase id, level id, level guidance) for every level a need describes, in framework order."""
    for nid, need in sorted(content.needs.items()):
        for cell in fwk.walk(content.framework, need):
            yield nid, cell.phase.id, cell.level.id, cell.guidance


def _strings(node: Any, path: list[Any]) -> Iterator[tuple[list[Any], str]]:
    """Every string inside plain data, with its path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, path + [k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, path + [i])


# ---------------------------------------------------------------- the gates


def cost_indicators(content: Content) -> list[str]:
    """No need's descriptors give cost as a sign of a need or a level."""
    w, out = _Where(content), []
    for nid, phase, level, lg in _need_levels(content):
        for i, text in enumerate(getattr(lg, "descriptors", None) or []):
            m = COST_INDICATOR.search(text)
            if m:
                out.append(f"{w.yaml('needs', nid, ['phases', phase, level, 'descriptors', i])}: "
                           f"{m.group(0)!r} is a cost-based indicator ({COST_REASON})")
    return out


def doses(content: Content) -> list[str]:
    """Every small-group, individual and specialist strategy states its dose."""
    w, out = _Where(content), []
    for sid, strategy in sorted(content.strategies.items()):
        if strategy.type in DOSE_TYPES and not getattr(strategy, "dose", None):
            out.append(f"{w.yaml('strategies', sid, ['type'])}: a {strategy.type} strategy has no dose "
                       f"({DOSE_REASON})")
    return out


def school_words_after_16(content: Content) -> list[str]:
    """The phases that declare words to avoid (ours: post-16, for students, tutors and colleges) use none of them
    in a need's levels or in a plan of that phase, outside quotation marks."""
    w, out = _Where(content), []

    def scan(kind: str, item: str, data: Any, base: list[Any], phase) -> None:
        pattern = _avoid_pattern(phase.avoid_words)
        reason = SCHOOL_WORDS_REASON.format(phase=phase.title, people=phase.people,
                                            words=", ".join(phase.avoid_words) or "none")
        for path, text in _strings(data, base):
            if path[-1:] == ["strategy"] or path[-2:-1] == ["needs"]:
                continue  # ids, not words
            if isinstance(path[-1], int) and path[-2:-1] and path[-2] in ("who", *(
                    a.id for a in content.framework.aspects_of("roles"))):
                if text in phase.avoid_roles:
                    out.append(f"{w.yaml(kind, item, path)}: the role {text!r} does not belong in this phase ({reason})")
                    continue
            m = pattern.search(_unquoted(text)) if pattern else None
            if m:
                out.append(f"{w.yaml(kind, item, path)}: {m.group(0)!r} does not belong in this phase ({reason})")

    phases = {p.id: p for p in content.framework.phases if p.avoid_words or p.avoid_roles}
    for nid, phase, level, lg in _need_levels(content):
        if phase in phases:
            scan("needs", nid, lg.model_dump(mode="json", exclude_none=True), ["phases", phase, level], phases[phase])
    for pid, plan in sorted(content.plans.items()):
        if plan.phase in phases:
            raw = plan.model_dump(mode="json", exclude_none=True)
            for key in ("phase", "level", "year_group"):
                raw.pop(key, None)
            scan("plans", pid, raw, [], phases[plan.phase])
    return out


def glossary_terms(content: Content) -> list[str]:
    """Every term on the list that the guidance uses (in a page, or in a need, strategy, plan or level file) is in
    the glossary (as a term or an abbreviation). A term the guidance never uses is not required."""
    known = {t.term.lower() for t in content.glossary.terms} | {
        (t.abbreviation or "").lower() for t in content.glossary.terms}
    w, out = _Where(content), []
    glossary = content.root / "glossary.yml"
    files = sorted((content.root / "pages").glob("*.md")) + [
        content.files[(kind, item)] for kind, item in sorted(content.files) if kind in ("needs", "strategies", "plans", "levels")]
    texts = [(f, f.read_text(encoding="utf-8").lower()) for f in files]
    for term in GLOSSARY_REQUIRED:
        if term.lower() in known:
            continue
        pattern = re.compile(r"(?<![\w-])" + re.escape(term.lower()) + r"(?![\w-])")
        used = next((f for f, text in texts if pattern.search(text)), None)
        if used is None:
            continue
        out.append(f"{w._rel(glossary)}: terms: {term!r} is used but not in the glossary (first at "
                   f"{w.text(used, term)}) ({GLOSSARY_REASON})")
    return out


GATES = (cost_indicators, doses, school_words_after_16, glossary_terms)


def check(content: Content) -> list[str]:
    """Every content gate, in order; one line per problem."""
    return [line for gate in GATES for line in gate(content)]


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.content.content_gates [content]`: print each problem and a count per gate; exit 2 if any."""
    from scripts.content.load import ContentErrors, load

    args = sys.argv[1:] if argv is None else argv
    root = args[0] if args else "content"
    try:
        content = load(root)
    except ContentErrors as exc:
        for line in exc.errors:
            print(line, file=sys.stderr)
        return 2
    total = 0
    for gate in GATES:
        lines = gate(content)
        total += len(lines)
        for line in lines:
            print(line, file=sys.stderr)
        print(f"{gate.__name__}: {len(lines)}")
    return 2 if total else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
