# Named interventions and assessments (issue 15): enough of them, each complete, each used by a need in the right
# aspect, and a dose on every small-group, individual and specialist strategy. In: the real content. Out: pass/fail.
from __future__ import annotations

import re

from scripts.content import framework as fwk
from scripts.site.generate import render_pages

NAMED = ("intervention", "assessment")
DOSED_TYPES = ("small-group", "individual", "specialist")


def _named(content):
    return {sid: st for sid, st in content.strategies.items() if st.kind in NAMED}


def _aspects_using(content) -> dict[str, set[str]]:
    """Strategy id -> the aspect ids (strategies, assessment, ...) of the need levels that reference it."""
    out: dict[str, set[str]] = {}
    for need in content.needs.values():
        for cell in fwk.walk(content.framework, need):
            for aspect, _, ref in fwk.strategy_refs(content.framework, cell.guidance):
                out.setdefault(ref.strategy, set()).add(aspect)
    return out


def test_at_least_sixty_named_items_across_all_four_areas(content):
    named = _named(content)
    assert len(named) >= 60, f"only {len(named)} named interventions and assessments"
    assert sum(st.kind == "assessment" for st in named.values()) >= 20
    areas = {a for sid in named for a in content.derived.strategy_areas.get(sid, [])}
    assert areas == set(content.areas), f"no named item for {set(content.areas) - areas}"


def test_each_named_item_says_what_who_dose_start_stop_training_evidence(content):
    problems = []
    for sid, st in _named(content).items():
        missing = [name for name, ok in [
            ("summary", len(st.summary.split()) >= 15), ("delivered_by", st.delivered_by), ("dose", st.dose),
            ("start_when", st.start_when), ("stop_when", st.stop_when), ("training", st.training),
            ("evidence", st.evidence and len(st.evidence.summary.split()) >= 12)] if not ok]
        if missing:
            problems.append(f"{sid}: {', '.join(missing)}")
    assert not problems, problems


def test_thin_evidence_is_said_plainly(content):
    """An item rated thin or none-yet must not sound stronger in its own words."""
    for sid, st in _named(content).items():
        if st.evidence.strength in ("thin", "none-yet"):
            text = st.evidence.summary.lower()
            assert re.search(r"\b(thin|little|few|small|limited|no good|no large|not been|lacking|not well tested)\b", text), sid


def test_each_named_item_is_used_by_a_need_in_the_right_aspect(content):
    used = _aspects_using(content)
    text_aspects = {a.id for a in content.framework.aspects_of("text")}
    problems = []
    for sid, st in _named(content).items():
        aspects = used.get(sid, set())
        if not aspects:
            problems.append(f"{sid}: no need uses it")
        elif st.kind == "assessment" and not aspects & text_aspects:
            problems.append(f"{sid}: an assessment, but listed only under {sorted(aspects)}")
        elif st.kind == "intervention" and "strategies" not in aspects:
            problems.append(f"{sid}: an intervention, but not listed under strategies")
    assert not problems, problems


def test_every_small_group_individual_and_specialist_strategy_states_its_dose(content):
    missing = sorted(sid for sid, st in content.strategies.items() if st.type in DOSED_TYPES and st.dose is None)
    assert not missing, f"{len(missing)} without a dose: {missing}"


def test_strategy_page_shows_dose_start_stop_training_and_evidence(content):
    page = render_pages(content)["strategies/catch-up-literacy.md"]
    dose = page.split("## How much and how often", 1)[1].split("\n## ", 1)[0]
    assert "**How often:** twice a week" in dose and "**How long:** 15 minutes a session" in dose
    assert "**For how many weeks:** 30 weeks" in dose and "**Group size:** one to one" in dose
    assert "## When to start and stop" in page and "## Training" in page
    evidence = page.split("## What the evidence says", 1)[1]
    assert "Mixed: good studies disagree" in evidence and "did no better in reading" in evidence
    assert "not an endorsement" in page
    approach = render_pages(content)["strategies/calm-space.md"]
    assert "not an endorsement" not in approach and "## What the evidence says" not in approach


def test_strategies_used_after_16_avoid_school_only_words(content):
    """A strategy marked for post-16 is read by students and tutors: no pupil, classroom or class teacher."""
    school_only = re.compile(r"\b(pupils?|classrooms?|class teachers?)\b", re.I)
    problems = []
    for sid, st in content.strategies.items():
        if "post-16" not in st.phases:
            continue
        texts = [st.title, st.summary, *st.steps, *st.start_when, *st.stop_when, st.training or ""]
        texts += [st.evidence.summary] if st.evidence else []
        texts += [st.dose.note or "", st.dose.group_size] if st.dose else []
        problems += [f"{sid}: {w}" for t in texts for w in school_only.findall(t)]
    assert not problems, problems


def test_doses_read_as_plain_words(content):
    pages = render_pages(content)
    assert "**How often:** once a fortnight" in pages["strategies/sensory-support-teacher-visits.md"]
    assert "**How long:** 5 hours a session" in pages["strategies/intervener.md"]
    assert "**How often:** every day" in pages["strategies/lidcombe-program.md"]
    assert "**For how many weeks:** It carries on, and is reviewed each term" in pages["strategies/braille.md"]
