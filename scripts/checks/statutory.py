# The law the guide states: statutory timescales and dates, the legal wording it must (and must not) use, and a checker.
# In: text (pages, level files) or a content folder. Out: the constants, and a list of wrong numbers or wrong law.
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from scripts.content import yamlsafe
from scripts.text import CACHE

# ---------------------------------------------------------------- the constants (change them here only)

WEEKS_TO_DECIDE_WHETHER_TO_ASSESS = 6  # SEND Regulations 2014, reg 4; Code of Practice 9.14 onwards
WEEKS_TO_NOTIFY_NOT_ISSUING_PLAN = 16  # SEND Regulations 2014, reg 10
DAYS_TO_COMMENT_ON_DRAFT_PLAN = 15  # Code of Practice 9.77
WEEKS_TO_FINAL_PLAN = 20  # SEND Regulations 2014, reg 13; Code of Practice 9.40
WEEKS_TO_DECIDE_AFTER_REVIEW = 4  # SEND Regulations 2014, reg 20; Code of Practice 9.176
MONTHS_BETWEEN_REVIEWS = 12  # Children and Families Act 2014, s 44; Code of Practice 9.166
MONTHS_BETWEEN_REVIEWS_UNDER_5 = 6  # Code of Practice 9.178 (a "should"): consider a review every 3 to 6 months
MONTHS_TO_APPEAL = 2  # Tribunal Procedure (HESC) Rules 2008, r 20: from the date of the decision
MONTHS_TO_APPEAL_AFTER_MEDIATION_CERTIFICATE = 1  # the same rule: or from the certificate, if later
MONTHS_TO_CLAIM_DISABILITY_DISCRIMINATION = 6  # Equality Act 2010, Schedule 17
PREPARING_FOR_ADULTHOOD_FROM_YEAR = 9  # Code of Practice 8.9
PARENT_MEETINGS_PER_YEAR = 3  # Code of Practice 6.65 (a "should")
WEEKS_NOTICE_OF_ANNUAL_REVIEW = 2  # SEND Regulations 2014, reg 20(3); Code of Practice 9.176 onwards: notice of the meeting
WEEKS_ADVICE_BEFORE_ANNUAL_REVIEW = 2  # SEND Regulations 2014, reg 20(4): advice circulated before the meeting
WEEKS_TO_SEND_REVIEW_REPORT = 2  # SEND Regulations 2014, reg 20(7): the report, after the meeting
SCHOOL_DAYS_TO_ASK_FOR_INDEPENDENT_REVIEW = 15  # School Discipline (Pupil Exclusions and Reviews) Regulations 2012, reg 7
SCHOOL_DAYS_OF_SUSPENSION_A_YEAR = 45  # Education Act 2002, s51A: at most, in one school year
SCHOOL_DAYS_OF_SUSPENSION_A_TERM_BEFORE_GOVERNORS_MUST_MEET = 15  # Exclusion Regulations 2012, reg 6: more than this
SCHOOL_DAYS_OF_SUSPENSION_A_TERM_BEFORE_GOVERNORS_MUST_MEET_IF_ASKED = 5  # the same regulation: more than this, if the parents ask
# Phase transfer (SEND Regulations 2014, reg 18; Code of Practice 9.179): the amended plan naming the new setting,
# written as month * 100 + day.
PHASE_TRANSFER_BETWEEN_SCHOOL_PHASES = 215  # 15 February in the year of the move
PHASE_TRANSFER_INTO_POST_16 = 331  # 31 March in the year of the move (secondary school to post-16)

# One definition of Enhanced SEN Support. It is this authority's funding route, not a legal category; the Code (9.14)
# and section 36(8) never make it a condition of an EHC needs assessment. The guide page states it word for word
# (once: the content allows no repeated sentence); the level file and the glossary say it in their own words, and
# must carry every element of it (ENHANCED_SEN_SUPPORT_ELEMENTS).
ENHANCED_SEN_SUPPORT = (
    "Enhanced SEN Support is funding from the local authority, agreed with the parents, that lets a school or "
    "early years setting give more help at SEN Support. It is an alternative to an EHC needs assessment, not a "
    "step before one, and it does not affect the right to ask for an EHC needs assessment at any time.")
ENHANCED_SEN_SUPPORT_POST_16 = (
    "For a student aged 16 to 25 at a college or sixth form, the college asks the local authority for the same "
    "kind of funding (high needs top-up funding), and the young person agrees to it themselves.")
ENHANCED_SEN_SUPPORT_PAGE = "pages/enhanced-sen-support.md"
ENHANCED_SEN_SUPPORT_DEFINED_IN = (ENHANCED_SEN_SUPPORT_PAGE, "levels/enhanced-sen-support.yml", "glossary.yml")
ENHANCED_SEN_SUPPORT_ELEMENTS = (  # (what, regular expression) that every definition carries
    ("local-authority funding", r"funding from the local authority|local authority funding|local-authority funding"),
    ("agreed with parents", r"agreed with (?:the )?parents"),
    ("an alternative to an EHC needs assessment", r"alternative to an EHC needs assessment"),
    ("the right to ask for one is not affected", r"(?:not|never) affects? the right to ask"),
    ("the post-16 route: high needs top-up funding the young person agrees to",
     r"high needs top-up funding.{0,120}young person agrees|young person agrees.{0,120}high needs top-up funding"),
)


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
              (r"review meeting", r"after the (?:annual )?review", r"keep(?:s|ing)? the plan", r"decides? whether to keep"),
              "weeks after an annual review meeting for the local authority to decide what happens to the plan"),
    Timescale("months_between_reviews", MONTHS_BETWEEN_REVIEWS, "months",
              (r"review", r"annual"),
              "months at most between reviews of an EHC plan"),
    Timescale("months_between_reviews_under_5", MONTHS_BETWEEN_REVIEWS_UNDER_5, "months",
              (r"\b(?:3|three) to\b",),  # "every 3 to 6 months": the cue sits just before the number
              "months at most between the reviews the local authority should consider for a child under 5"),
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
    Timescale("weeks_notice_of_annual_review", WEEKS_NOTICE_OF_ANNUAL_REVIEW, "weeks",
              (r"notice of the (?:annual review )?meeting", r"weeks' notice", r"\binvit"),
              "weeks' notice of an annual review meeting, at least"),
    Timescale("weeks_advice_before_annual_review", WEEKS_ADVICE_BEFORE_ANNUAL_REVIEW, "weeks",
              (r"\badvice\b", r"circulat"),
              "weeks before an annual review meeting that the advice must be sent out, at least"),
    Timescale("weeks_to_send_review_report", WEEKS_TO_SEND_REVIEW_REPORT, "weeks",
              (r"\breport\b",),
              "weeks after an annual review meeting to send out its report"),
    Timescale("school_days_to_ask_for_independent_review", SCHOOL_DAYS_TO_ASK_FOR_INDEPENDENT_REVIEW, "days",
              (r"independent review", r"review panel"),
              "school days after the governors' decision to ask for an independent review panel"),
    Timescale("school_days_of_suspension_a_year", SCHOOL_DAYS_OF_SUSPENSION_A_YEAR, "days",
              (r"suspen[^.]{0,60}\byear",),
              "school days of suspension a pupil can have in one school year, at most"),
    Timescale("school_days_of_suspension_a_term_before_governors_must_meet",
              SCHOOL_DAYS_OF_SUSPENSION_A_TERM_BEFORE_GOVERNORS_MUST_MEET, "days",
              (r"in a term", r"governors must meet"),
              "school days of suspension in a term, more than which the governors must meet"),
    Timescale("school_days_of_suspension_a_term_before_governors_must_meet_if_asked",
              SCHOOL_DAYS_OF_SUSPENSION_A_TERM_BEFORE_GOVERNORS_MUST_MEET_IF_ASKED, "days",
              (r"\bif (?:you|the parents?) asks?\b",),
              "school days of suspension in a term, more than which the governors must meet if the parents ask"),
    Timescale("phase_transfer_between_school_phases", PHASE_TRANSFER_BETWEEN_SCHOOL_PHASES, "date",
              (r"between school phases", r"primary to secondary", r"infant to junior", r"nursery to school",
               r"school phases?"),
              "the date by which a plan is amended for a move between school phases"),
    Timescale("phase_transfer_into_post_16", PHASE_TRANSFER_INTO_POST_16, "date",
              (r"post-16", r"sixth form", r"\bcolleges?\b", r"further education"),
              "the date by which a plan is amended for a move from secondary school into post-16"),
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
    ("date", re.compile(r"\b(?P<n>\d{1,2}) (?P<month>January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)\b")),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# every pattern above needs one of these words, so a sentence without any is passed over at once
UNIT_WORDS = re.compile(r"week|day|month|year|" + "|".join(MONTHS), re.I)


def show(value: int, unit: str) -> str:
    """A constant as a reader would write it: '15 February' for a date, '6 weeks' otherwise."""
    if unit == "date":
        return f"{value % 100} {MONTHS[value // 100 - 1]}"
    return f"{value} {unit}"



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
        if not UNIT_WORDS.search(sentence):
            continue
        spans = []
        for unit, pattern in PATTERNS:
            for m in pattern.finditer(sentence):
                raw = m.group("n") or (m.groupdict().get("m") or "")
                n = _number(raw)
                if n is None:
                    continue
                if unit == "date":
                    n = (MONTHS.index(m.group("month")) + 1) * 100 + n
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
                           f"(reword it, or add it to scripts/checks/statutory.py): {m.text!r}")
            continue
        t = BY_KEY[m.key]
        if m.number != t.value:
            said = show(m.number, t.unit) if t.unit == "date" else m.number
            out.append(f"says {said} but the law says {show(t.value, t.unit) if t.unit == 'date' else t.value} "
                       f"{t.label}: {m.text!r}")
    return out


# ---------------------------------------------------------------- wording the law rules out, and wording it needs


@dataclass(frozen=True)
class Rule:
    """A sentence matching `wrong` (and not `unless`) misstates the law; `reason` says what the law is."""

    key: str
    wrong: str  # regular expression, case-insensitive, tried on each sentence
    unless: str | None
    reason: str


RULES: tuple[Rule, ...] = (
    Rule("assessment_test_has_no_cost",
         r"(?=.*\b(?:needs assessment|assess(?:ed|es|ing|ment)?)\b)(?=.*(?:\bcosts?\b|\bafford|(?<!personal )(?<!needs )\bbudget|£ ?\d|"
         r"more than (?:the|a|its|their) (?:school|setting|college)s? can (?:normally )?(?:pay|fund|provide|give)|"
         r"own resources))",
         r"\b(?:no|not|never) part of\b|never depends?|(?:does|do) not depend|must not refuse|cost is no\b|how much the",
         "the test for an EHC needs assessment is whether the child may have SEN and may need provision through an "
         "EHC plan; cost is no part of it (Children and Families Act 2014, s36(8); Code of Practice 9.14)"),
    Rule("section_f_must",
         r"section F\b.*\bshould\b.*\b(?:clear|specific|detailed)|section F\b.*\b(?:clear|specific|detailed)\b.*\bshould\b",
         None,
         "the provision in section F must be detailed and specific (Code of Practice 9.69)"),
    Rule("enhanced_sen_support_one_definition",
         r"^(?:- )?Enhanced SEN Support\]? (?:is|means)\b|step within SEN Support|(?:another|a) route (?:in)?to an EHC|"
         r"Enhanced SEN Support[^.]*\bmay come with",
         r"^(?:- )?Enhanced SEN Support\]? is (?:funding from the local authority, agreed with the parents|"
         r"an alternative to an EHC needs assessment)",
         "Enhanced SEN Support has one definition: local-authority funding, agreed with parents, as an alternative "
         "to an EHC needs assessment that does not affect the right to ask for one (ENHANCED_SEN_SUPPORT)"),
    Rule("dates_not_vague",
         r"well before (?:the|a) (?:meeting|move|review)|(?:dates?|amend\w*|transfer|review\w*)\b[^.]*in the spring term|"
         r"in good time before the move",
         None,
         "the law sets the dates: notice and advice 2 weeks before an annual review, the report within 2 weeks, the "
         "decision within 4 weeks; a phase transfer by 15 February or 31 March (SEND Regulations 2014, regs 18 and 20)"),
    Rule("disagreement_resolution_does_not_pause_appeals",
         r"disagreement resolution[^.]*\b(?:pauses?|stops?|extends?|holds?)\b[^.]*(?:deadline|clock|time limit)",
         r"\b(?:not|never)\b",
         "only a mediation certificate moves the appeal deadline; the disagreement resolution service does not "
         "pause it (Tribunal Procedure Rules 2008, r20; Code of Practice 11.6-11.10)"),
    Rule("young_peoples_rights_from_end_of_year_11",
         r"(?=.*\b(?:from (?:age )?16|aged 16 or over|over (?:the age of )?16)\b)"
         r"(?=.*\b(?:rights|right to|appeal\w*|ask\w* for an? (?:EHC )?(?:needs )?assessment|"
         r"makes? (?:the|these|their own) (?:request|decisions?)|agrees? for themselves)\b)",
         r"end of the school year|finished Year 11|compulsory school age|aged 16 to 25",
         "a young person's own rights start at the end of the school year in which they turn 16, not on their 16th "
         "birthday (Children and Families Act 2014, s83; Code of Practice 8.13)"),
    Rule("college_discrimination_claims_go_to_county_court",
         r"(?=.*\bcolleges?\b)(?=.*discriminat)(?=.*Tribunal)",
         r"county court",
         "disability discrimination claims against schools go to the SEND Tribunal, against colleges to the county "
         "court (Equality Act 2010, s114 and Schedule 17)"),
)


@dataclass(frozen=True)
class Statement:
    """Something a file must say (`pattern`, tried on its whole text with whitespace collapsed), if the file is
    there and speaks of the topic (`topic`, case-sensitive; None: always)."""

    key: str
    where: str  # a glob under the content folder
    pattern: str
    reason: str
    topic: str | None = None


# The default framework's levels (DESIGN.md). Another authority's levels are its own, and so is its wording.
DEFAULT_LEVELS = ("universal", "sen-support", "enhanced-sen-support", "ehc")


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(w) for w in text.split())


STATEMENTS: tuple[Statement, ...] = (
    Statement("enhanced_sen_support_definition", ENHANCED_SEN_SUPPORT_PAGE, _literal(ENHANCED_SEN_SUPPORT),
              "the one definition of Enhanced SEN Support, word for word (scripts/checks/statutory.py ENHANCED_SEN_SUPPORT)",
              "Enhanced SEN Support"),
    Statement("enhanced_sen_support_post_16", ENHANCED_SEN_SUPPORT_PAGE, _literal(ENHANCED_SEN_SUPPORT_POST_16),
              "the post-16 route for Enhanced SEN Support, word for word (ENHANCED_SEN_SUPPORT_POST_16)",
              "Enhanced SEN Support"),
    *(Statement("enhanced_sen_support_definition", f, pattern,
                f"every definition of Enhanced SEN Support says: {what} (ENHANCED_SEN_SUPPORT)", "Enhanced SEN Support")
      for f in ENHANCED_SEN_SUPPORT_DEFINED_IN[1:] for what, pattern in ENHANCED_SEN_SUPPORT_ELEMENTS),
    *(Statement("section_19_at_every_level", f"levels/{level}.yml", r"section 19",
                "a child who cannot attend school gets suitable education from the local authority at any level "
                "(Education Act 1996, s19)", r"\bSEN\b|special educational|\bEHC\b")
      for level in DEFAULT_LEVELS),
    Statement("assessment_test_has_no_cost", "pages/requesting-an-ehc-needs-assessment.md",
              r"section 36\(8\).{0,400}Cost is no part",
              "the page must state the s36(8) test and that cost is no part of it"),
    Statement("section_f_must", "pages/ehc-plans-and-annual-reviews.md", r"section F must be detailed and specific",
              "Code of Practice 9.69: detailed and specific"),
    Statement("phase_transfer_dates", "pages/ehc-plans-and-annual-reviews.md", r"15 February.{0,600}31 March",
              "both phase-transfer dates (SEND Regulations 2014, reg 18)"),
    Statement("refusal_to_reassess_is_appealable", "pages/if-you-disagree.md", r"not to carry out a re-assessment",
              "a refusal to re-assess can be appealed (Children and Families Act 2014, s51; Code of Practice 11.45)", "Tribunal"),
    Statement("appeal_deadline_whichever_later", "pages/if-you-disagree.md", r"whichever of these two dates is later",
              "two months from the decision or one month from the certificate, whichever is later (HESC Rules r20)", "Tribunal"),
    Statement("disagreement_resolution_does_not_pause_appeals", "pages/if-you-disagree.md",
              r"does \*?\*?not\*?\*? pause the deadline",
              "the disagreement resolution service does not pause the appeal deadline", "Tribunal"),
    Statement("discrimination_claims_by_setting", "pages/if-you-disagree.md", r"college.{0,80}county court",
              "claims against colleges go to the county court (Equality Act 2010, s114)", "Tribunal"),
)


def _compiled(pattern: str | None) -> re.Pattern | None:
    """A rule's pattern, compiled once. Lookahead-only patterns ("(?=.*a)(?=.*b)": both somewhere in the sentence)
    are anchored at the start: a sentence is one line, so that finds the same sentences, and the search no longer
    re-tries the lookaheads at every character."""
    if pattern is None:
        return None
    return re.compile(("^" if pattern.startswith("(?=") else "") + pattern, re.I)


WRONG = {rule.key: (_compiled(rule.wrong), _compiled(rule.unless)) for rule in RULES}


def wording_problems(text: str, whole: bool = False) -> list[str]:
    """Sentences in a text (or, with whole, the text as one unit) that misstate the law, each with the rule's
    reason."""
    out = []
    for sentence in ([" ".join(text.split())] if whole else sentences(text)):
        for rule in RULES:
            wrong, unless = WRONG[rule.key]
            if wrong.search(sentence) and not (unless and unless.search(sentence)):
                out.append(f"{rule.key}: {sentence!r} ({rule.reason})")
    return out


def glossary_wording_problems(path: Path, data: Any = None) -> list[str]:
    """The wording rules on each glossary entry, read whole as 'term: definition' (`data`: the file already parsed)."""
    if data is None:
        data = yamlsafe.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for entry in data.get("terms", []) if isinstance(data, dict) else []:
        if isinstance(entry, dict) and isinstance(entry.get("definition"), str):
            out += wording_problems(f"{entry.get('term', '')}: {entry['definition']}", whole=True)
    return out


def missing_statements(root: Path, kept: _Kept | None = None) -> list[str]:
    """Each file that must state a point of law and does not (a file that is not there, or does not speak of the
    topic, is not checked). `kept`: earlier results for unchanged files."""
    out = []
    for s in STATEMENTS:
        for path in sorted(root.glob(s.where)):
            raw = path.read_bytes()
            found = (kept.problems(f"statement {s.key}", raw, lambda: _missing(s, path, raw)) if kept
                     else _missing(s, path, raw))
            out += [f"{path}: {p}" for p in found]
    return out


def _missing(s: Statement, path: Path, raw: bytes) -> list[str]:
    """[the problem] if the file at `path` (its bytes `raw`) should state `s` and does not, else []."""
    text = " ".join(raw.decode("utf-8").split())
    if path.name == "glossary.yml" and s.topic:  # the entry for the topic, not the whole glossary
        data = yamlsafe.safe_load(raw.decode("utf-8")) or {}
        text = " ".join(" ".join(str(e.get("definition", "")).split()) for e in data.get("terms", [])
                        if isinstance(e, dict) and e.get("term") == s.topic)
        if not text:
            return []
    elif s.topic and not re.search(s.topic, text):
        return []
    if not re.search(s.pattern, text, re.S | re.I):
        return [f"{s.key}: does not say it ({s.reason})"]
    return []


def level_texts(path: Path, data: Any = None) -> str:
    """All the text in a YAML file (e.g. content/levels/<level>.yml), one paragraph per string (`data`: the file
    already parsed, e.g. by the loader)."""
    if data is None:
        data = yamlsafe.safe_load(path.read_text(encoding="utf-8"))
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


# The wording rules read the guide's own explanations of the law; needs and strategies are checked by
# scripts/content/content_gates.py (e.g. no cost-based indicator), which knows their fields.
WORDING_FOLDERS = ("levels", "roles", "areas", "plans")


class _Kept:
    """Each file's problems, kept in build/cache/statutory.json by a hash of this module's source (the rules) and
    the YAML reader's, how the file is checked, and the file's bytes: a build checks again only what changed."""

    PATH = CACHE / "statutory.json"
    RULES = hashlib.sha256(Path(__file__).read_bytes() + Path(yamlsafe.__file__).read_bytes()).hexdigest()
    LIMIT = 200_000  # entries; past it, only the last run's are kept

    def __init__(self):
        try:
            kept = json.loads(self.PATH.read_text(encoding="utf-8"))
            self.entries = kept["entries"] if kept.get("rules") == self.RULES else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}
        self.used: dict[str, list[str]] = {}

    def problems(self, how: str, raw: bytes, check: Callable[[], list[str]]) -> list[str]:
        key = hashlib.sha256(how.encode() + b"\0" + raw).hexdigest()
        found = self.entries.get(key)
        if not isinstance(found, list):
            found = check()
        self.used[key] = found
        return found

    def save(self) -> None:
        """Write the entries back if this run added any (atomically: two builds at once each leave a whole file)."""
        if all(k in self.entries for k in self.used):
            return
        entries = {**self.entries, **self.used} if len(self.entries) + len(self.used) <= self.LIMIT else self.used
        try:
            self.PATH.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.PATH.parent, prefix=".statutory-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"rules": self.RULES, "entries": entries}, out, separators=(",", ":"))
            os.replace(tmp, self.PATH)
        except OSError:
            pass  # a read-only or full disk costs the next build time, nothing else


def check_content(root: str | Path, parsed: dict[Path, Any] | None = None) -> list[str]:
    """Check every guide page (strictly) and every YAML item and the glossary (numbers with a cue), the wording of
    the law on pages, levels, roles, areas, plans and the glossary, and the statements the law needs. `parsed`: the
    YAML files' data by resolved path, when the loader has read them already (files not in it are read here).
    Unchanged files take their last result (_Kept)."""
    root = Path(root)
    parsed = parsed or {}
    kept = _Kept()
    errors = []
    for path in sorted((root / "pages").glob("*.md")):
        raw = path.read_bytes()

        def page(raw=raw):
            text = raw.decode("utf-8")
            return problems(text, strict=True) + wording_problems(text)
        errors += [f"{path}: {p}" for p in kept.problems("page", raw, page)]
    yaml_files = [p for folder in ("levels", "needs", "strategies", "roles", "areas", "plans")
                  for p in sorted((root / folder).glob("*.yml"))] + [root / "glossary.yml"]
    for path in yaml_files:
        if path.exists():
            how = ("wording" if path.parent.name in WORDING_FOLDERS else
                   "glossary" if path.name == "glossary.yml" else "numbers")

            def item(path=path, how=how):
                data = parsed.get(path.resolve())
                text = level_texts(path, data)
                found = problems(text, strict=False)
                if how == "wording":
                    found += wording_problems(text)
                elif how == "glossary":  # a definition is read with its term ("Section F: It should ...")
                    found += glossary_wording_problems(path, data)
                return found
            errors += [f"{path}: {p}" for p in kept.problems(how, path.read_bytes(), item)]
    errors += missing_statements(root, kept)
    kept.save()
    return errors


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.checks.statutory [content]`: print each wrong timescale and exit 2, or say all is well."""
    args = sys.argv[1:] if argv is None else argv
    root = args[0] if args else "content"
    errors = check_content(root)
    for line in errors:
        print(line, file=sys.stderr)
    if errors:
        return 2
    print(f"{root}: statutory timescales and the wording of the law agree with scripts/checks/statutory.py")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
