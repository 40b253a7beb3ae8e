# The real content: valid, complete and readable. Counts are the bars set for the guidance (issue 3).
import re

import pytest

from scripts.checks import coverage, quality
from scripts.content import framework as fwk
from scripts.content import model as m
from tests.conftest import CONTENT

NEEDS = {
    "communication-and-interaction": ["speech-language-and-communication-needs", "stammering", "selective-mutism", "autism"],
    "cognition-and-learning": ["moderate-learning-difficulties", "severe-learning-difficulties",
                               "profound-and-multiple-learning-difficulties", "dyslexia", "dyscalculia",
                               "developmental-coordination-disorder"],
    "social-emotional-and-mental-health": ["social-emotional-and-mental-health", "anxiety-and-school-non-attendance",
                                           "adhd", "attachment-and-trauma"],
    "sensory-and-physical": ["hearing-impairment", "visual-impairment", "multi-sensory-impairment",
                             "physical-disability", "medical-conditions", "sensory-processing-differences"],
}
ROLES = ["senco", "class-teacher", "teaching-assistant", "headteacher", "governors", "parents-and-carers", "pupil",
         "educational-psychologist", "speech-and-language-therapist", "occupational-therapist", "physiotherapist",
         "teacher-of-the-deaf", "qualified-teacher-vision-impairment", "camhs", "school-nurse", "la-sen-team"]


@pytest.mark.parametrize("area", NEEDS)
def test_every_named_need_is_in_its_area(content, area):
    for nid in NEEDS[area]:
        assert nid in content.needs, nid
        assert content.needs[nid].area == area, nid


def test_every_need_has_names_people_type(content):
    for nid, need in content.needs.items():
        assert len(need.also_known_as) >= 2, nid


def test_coverage_has_no_gaps(content):
    text, gaps = coverage.table(content)
    assert gaps == 0, text


def test_every_level_has_assessment_and_who_may_help(content):
    for nid, need in content.needs.items():
        for cell in fwk.walk(content.framework, need):
            assert cell.guidance.assessment and cell.guidance.who_may_help, (nid, cell.anchor)


def test_every_strategy_is_used(content):
    used = set(content.derived.strategy_uses) | set(content.derived.strategy_plans)
    assert set(content.strategies) - used == set()


def test_strategy_counts(content):
    assert len(content.strategies) >= 150
    for sid, st in content.strategies.items():
        assert len(st.steps) >= 3, sid
    assert {st.type for st in content.strategies.values()} == set(m.STRATEGY_TYPES)


def test_no_near_duplicate_strategy_titles(content):
    titles = {}
    for sid, st in content.strategies.items():
        key = " ".join(sorted(re.findall(r"[a-z]+", st.title.lower())))
        assert key not in titles, f"{sid} and {titles.get(key)} have the same title"
        titles[key] = sid


def test_roles_and_glossary(content):
    assert len(content.roles) >= 12
    assert set(ROLES) <= set(content.roles)
    assert len(content.glossary.terms) >= 60


def test_reading_ease_per_need_page(content):
    scores = quality.need_scores(content)
    low = {n: round(s, 1) for n, s in scores.items() if s < quality.MIN_READING_EASE}
    assert not low, f"need pages below Flesch {quality.MIN_READING_EASE}: {low}"


def test_no_sentence_of_twelve_words_appears_twice(content):
    assert quality.repeated_sentences(content) == {}
