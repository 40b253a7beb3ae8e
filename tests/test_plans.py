# Example plans: enough of them, spread across areas, phases and year groups, with dated outcomes and the pupil's voice.
import datetime as dt
import re

from tests.conftest import CONTENT

FIRST_PERSON = re.compile(r"\b(I|I'm|I've|I'll|me|my|mine|myself)\b")


def _areas(content, plan):
    return {content.needs[n].area for n in plan.needs}


def test_at_least_ten_plans(content):
    assert len(content.plans) >= 10


def test_two_plans_in_each_broad_area(content):
    for area in content.areas:
        having = [pid for pid, plan in content.plans.items() if area in _areas(content, plan)]
        assert len(having) >= 2, f"{area}: {having}"


def test_post_16_plans_and_a_spread_of_year_groups(content):
    post16 = [pid for pid, plan in content.plans.items() if plan.phase == "post-16"]
    assert len(post16) >= 3, post16
    years = {plan.year_group for plan in content.plans.values()}
    assert len(years) >= 8, years
    primary = [p for p in content.plans.values() if re.match(r"Year [1-6]\b", p.year_group)]
    secondary = [p for p in content.plans.values() if re.match(r"Year (7|8|9|10|11)\b", p.year_group)]
    assert len(primary) >= 3 and len(secondary) >= 3


def test_some_plans_have_needs_in_more_than_one_area(content):
    mixed = [pid for pid, plan in content.plans.items() if len(_areas(content, plan)) > 1]
    assert len(mixed) >= 2, mixed


def test_outcomes_are_dated_and_measurable(content):
    for pid, plan in content.plans.items():
        assert 3 <= len(plan.outcomes) <= 4, pid
        for o in plan.outcomes:
            assert dt.date(2026, 1, 1) <= o.by <= dt.date(2027, 12, 31), (pid, o.outcome)
            assert o.measure and o.progress, (pid, o.outcome)
            # specific: the outcome or its measure names a number, a count or a target
            assert re.search(r"\d|\b(no|once|twice|one|two|three|four|five|six|seven|eight|nine|ten|all|every)\b",
                             f"{o.outcome} {o.measure}", re.I), (pid, o.outcome)
        assert dt.date(2026, 1, 1) <= plan.review.date <= dt.date(2027, 12, 31), pid


def test_about_me_is_in_the_pupils_own_voice(content):
    for pid, plan in content.plans.items():
        about = plan.about_me
        for field in ("strengths", "what_matters", "what_helps", "what_does_not_help"):
            items = getattr(about, field)
            assert any(FIRST_PERSON.search(i) for i in items), f"{pid}: {field} has no 'I', 'me' or 'my'"
        assert sum(bool(FIRST_PERSON.search(i)) for i in about.strengths) == len(about.strengths), pid


def test_plans_have_enough_provision_and_name_their_pupil(content):
    for pid, plan in content.plans.items():
        assert len(plan.provision) >= 3, pid
        assert plan.pupil in plan.title, pid
        assert (CONTENT / "plans" / f"{pid}.yml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_need_and_strategy_pages_can_link_back_to_plans(content):
    linked_needs = {n for n, plans in content.derived.need_plans.items() if plans}
    linked_strategies = {s for s, plans in content.derived.strategy_plans.items() if plans}
    assert len(linked_needs) >= 12
    assert len(linked_strategies) >= 40


def test_provision_suits_the_plans_phase_and_level(content):
    from scripts.content import model as m

    for pid, plan in content.plans.items():
        for p in plan.provision:
            st = content.strategies[p.strategy]
            assert plan.phase in st.phases, (pid, p.strategy)
            order = content.framework.level_ids
            assert any(order.index(lv) <= order.index(plan.level) for lv in st.levels), (pid, p.strategy)
