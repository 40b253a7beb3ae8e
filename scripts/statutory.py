# Statutory timescales: the one set of numbers the guidance pages may state, and a checker for them.
# In: text (pages, level files) or a content folder. Out: the constants, and a list of wrong or unexplained numbers.
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

# ---------------------------------------------------------------- the constants (change them here only)

WEEKS_TO_DECIDE_WHETHER_TO_ASSESS = 6  # SEND Regulations 2014, reg 4; Code of Practice 9.14 onwards
WEEKS_TO_NOTIFY_NOT_ISSUING_PLAN = 16  # SEND Regulations 2014, reg 10
DAYS_TO_COMMENT_ON_DRAFT_PLAN = 15  # Code of Practice 9.77
WEEKS_TO_FINAL_PLAN = 20  # SEND Regulations 2014, reg 13; Code of Practice 9.40
WEEKS_TO_DECIDE_AFTER_REVIEW = 4  # SEND Regulations 2014, reg 20; Code of Practice 9.176
MONTHS_BETWEEN_REVIEWS = 12  # Children and Families Act 2014, s 44; Code of Practice 9.166
MONTHS_TO_APPEAL = 2  # Tribunal Procedure (HESC) Rules 2008, r 20: from the date of the decision
MONTHS_TO_APPEAL_AFTER_MEDIATION_CERTIFICATE = 1  # the same rule: or from the certificate, if later
MONTHS_TO_CLAIM_DISABILITY_DISCRIMINATION = 6  # Equality Act 2010, Schedule 17
PREPARING_FOR_ADULTHOOD_FROM_YEAR = 9  # Code of Practice 8.9
PARENT_MEETINGS_PER_YEAR = 3  # Code of Practice 6.65 (a "should")


@dataclass(frozen=True)
class Timescale:
    """One statutory number, the unit it is written in, and the words that show a number means it."""

    key: str
    value: int
    unit: str  # weeks, days, months, year-group, times-a-year
    cues: tuple[str, ...]  # regular expressions (case-insensitive)
    label: str


TIMESCALES: tuple[Timescale, ...] = (
    Timescale("weeks_to_decide_whether_to_assess", WEEKS_TO_DECIDE_WHETHER_TO_ASSESS, "weeks",
              (r"whether to (?:\w+ ){0,4}assess", r"whether (?:an|the|to have an?) (?:EHC )?needs assessment",
               r"agrees? to (?:an? |the )?(?:EHC )?(?:needs )?assess", r"decision about (?:the|your) request"),
              "weeks for the local authority to decide whether to carry out an EHC needs assessment"),
    Timescale("weeks_to_notify_not_issuing_plan", WEEKS_TO_NOTIFY_NOT_ISSUING_PLAN, "weeks",
              (r"not to (?:issue|write|make)", r"(?:will|does) not (?:issue|write)", r"no plan", r"won't (?:issue|write)"),
              "weeks for the local authority to say it will not issue an EHC plan"),
    Timescale("days_to_comment_on_draft_plan", DAYS_TO_COMMENT_ON_DRAFT_PLAN, "days",
              (r"draft", r"comment"),
              "days to comment on a draft EHC plan"),
    Timescale("weeks_to_final_plan", WEEKS_TO_FINAL_PLAN, "weeks",
              (r"final (?:EHC )?plan", r"whole process", r"start to finish", r"request to (?:the )?final"),
              "weeks from the request to the final EHC plan"),
    Timescale("weeks_to_decide_after_review", WEEKS_TO_DECIDE_AFTER_REVIEW, "weeks",
              (r"review meeting", r"after the (?:annual )?review", r"keep(?:s|ing)? the plan"),
              "weeks after an annual review meeting for the local authority to decide what happens to the plan"),
    Timescale("months_between_reviews", MONTHS_BETWEEN_REVIEWS, "months",
              (r"review", r"annual"),
              "months at most between reviews of an EHC plan"),
    Timescale("months_to_appeal", MONTHS_TO_APPEAL, "months",
              (r"appeal", r"decision letter"),
              "months from a decision to appeal to the tribunal"),
    Timescale("months_to_appeal_after_mediation_certificate", MONTHS_TO_APPEAL_AFTER_MEDIATION_CERTIFICATE, "months",
              (r"certificate",),
              "months from a mediation certificate to appeal, if that is later"),
    Timescale("months_to_claim_disability_discrimination", MONTHS_TO_CLAIM_DISABILITY_DISCRIMINATION, "months",
              (r"discriminat", r"make a claim"),
              "months to make a disability discrimination claim against a school"),
    Timescale("preparing_for_adulthood_from_year", PREPARING_FOR_ADULTHOOD_FROM_YEAR, "year-group",
              (r"adulthood", r"adult life"),
              "the year group from which reviews must look at preparing for adulthood"),
    Timescale("parent_meetings_per_year", PARENT_MEETINGS_PER_YEAR, "times-a-year",
              (r"\bmeet",),
              "meetings with parents each year at SEN Support"),
)

BY_KEY = {t.key: t for t in TIMESCALES}

# Units where any number the checker cannot explain is an error in pages (other units, such as
# "Year 11", are often not statutory, so only numbers with a cue are checked there).
STRICT_UNITS = ("weeks", "days", "months")

# ---------------------------------------------------------------- finding numbers in text

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "once": 1, "twice": 2}
_NUM = r"(?P<n>\d+|" + "|".join(WORDS) + r")"
PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("weeks", re.compile(_NUM + r"[- ](?:(?:full|school|working|calendar)[- ])?weeks?\b", re.I)),
    ("weeks", re.compile(r"\bweek (?P<n>\d+)\b", re.I)),  # "by week 20" on a timeline
    ("days", re.compile(_NUM + r"[- ](?:(?:full|school|working|calendar)[- ])?days?\b", re.I)),
    ("months", re.compile(_NUM + r"[- ](?:(?:full|calendar)[- ])?months?\b", re.I)),
    ("year-group", re.compile(r"\bYear (?P<n>\d+)\b")),
    ("times-a-year", re.compile(r"\b(?:(?P<n>\d+|[a-z]+) times|(?P<m>once|twice)) (?:a|each|per|every) (?:school )?year\b", re.I)),
)


@dataclass(frozen=True)
class Mention:
    unit: str
    number: int
    text: str  # the sentence it was found in
    key: str | None  # the timescale it was matched to, or None


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return WORDS.get(word)


def sentences(text: str) -> list[str]:
    """Split Markdown or plain text into sentences, list items and table rows."""
    text = re.sub(r"<svg\b.*?</svg>", "\n\n", text, flags=re.S | re.I)  # the timeline is checked on its own
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # keep link text, drop link targets
    text = re.sub(r"\*\*|__", "", text)  # bold marks would hide the start of a sentence
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        units: list[str] = []
        for ln in lines:
            starts_item = re.match(r"(?:[-*+]|\d+[.)]|\|)\s", ln) or ln.startswith(("|", "#", "!!!", "???"))
            if units and not starts_item and not units[-1].startswith("|"):
                units[-1] += " " + ln
            else:
                units.append(ln)
        for unit in units:
            out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])", unit) if s.strip())
    return out


def mentions(text: str) -> list[Mention]:
    """Every number written with a statutory unit, matched to the timescale whose cue is nearest."""
    found: list[Mention] = []
    for sentence in sentences(text):
        spans = []
        for unit, pattern in PATTERNS:
            for m in pattern.finditer(sentence):
                raw = m.group("n") or (m.groupdict().get("m") or "")
                n = _number(raw)
                if n is None:
                    continue
                spans.append((unit, n, m.start(), m.end()))
        for unit, n, start, end in spans:
            best, best_distance = None, None
            for t in TIMESCALES:
                if t.unit != unit:
                    continue
                for cue in t.cues:
                    for c in re.finditer(cue, sentence, re.I):
                        distance = max(c.start() - end, start - c.end(), 0)
                        if best_distance is None or distance < best_distance:
                            best, best_distance = t.key, distance
            found.append(Mention(unit, n, sentence, best))
    return found


def problems(text: str, strict: bool = True) -> list[str]:
    """Wrong statutory numbers in a text; with strict, also numbers in weeks, days or months it cannot explain."""
    out = []
    for m in mentions(text):
        if m.key is None:
            if strict and m.unit in STRICT_UNITS:
                out.append(f"{m.number} {m.unit} is not a statutory timescale this guide knows "
                           f"(reword it, or add it to scripts/statutory.py): {m.text!r}")
            continue
        t = BY_KEY[m.key]
        if m.number != t.value:
            out.append(f"says {m.number} but the law says {t.value} {t.label}: {m.text!r}")
    return out


def level_texts(path: Path) -> str:
    """All the text in a YAML file (e.g. content/levels/<level>.yml), one paragraph per string."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    strings: list[str] = []

    def walk(node):
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    return "\n\n".join(strings)


def check_content(root: str | Path) -> list[str]:
    """Check every guide page (strictly) and every YAML item and the glossary (numbers with a cue)."""
    root = Path(root)
    errors = []
    for path in sorted((root / "pages").glob("*.md")):
        errors += [f"{path}: {p}" for p in problems(path.read_text(encoding="utf-8"), strict=True)]
    yaml_files = [p for folder in ("levels", "needs", "strategies", "roles", "areas", "plans")
                  for p in sorted((root / folder).glob("*.yml"))] + [root / "glossary.yml"]
    for path in yaml_files:
        if path.exists():
            errors += [f"{path}: {p}" for p in problems(level_texts(path), strict=False)]
    return errors


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.statutory [content]`: print each wrong timescale and exit 2, or say all is well."""
    args = sys.argv[1:] if argv is None else argv
    root = args[0] if args else "content"
    errors = check_content(root)
    for line in errors:
        print(line, file=sys.stderr)
    if errors:
        return 2
    print(f"{root}: statutory timescales agree with scripts/statutory.py")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
