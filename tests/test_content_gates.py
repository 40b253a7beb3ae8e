# Content gates: each rule catches a bad case in a temporary copy of the real content, says where and why, and the
# command prints a count per gate. (The real content does not pass yet: other issue-15 work is fixing needs.)
import re
import shutil

import pytest
import yaml

from scripts.content import content_gates as gates
from scripts.content.load import load
from tests.conftest import CONTENT


@pytest.fixture
def copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def _edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def _new(before, after):
    """Lines in after that were not in before, ignoring line numbers (rewriting a file moves them)."""
    seen = {re.sub(r":\d+: ", ": ", line) for line in before}
    return [line for line in after if re.sub(r":\d+: ", ": ", line) not in seen]


def test_a_cost_based_descriptor_is_caught_with_its_place_and_reason(copy):
    before = gates.cost_indicators(load(copy))

    def change(d):
        d["phases"]["school-age"]["sen-support"]["descriptors"].append(
            "The help costs more than the school can fund.")
    _edit_yaml(copy / "needs" / "stammering.yml", change)
    new = _new(before, gates.cost_indicators(load(copy)))
    assert len(new) == 1
    place, field, what = new[0].split(": ", 2)
    assert place.startswith("content/needs/stammering.yml:") and place.split(":")[1].isdigit()
    assert field.startswith("phases.school-age.sen-support.descriptors[")
    assert "cost-based indicator" in what and "s36(8)" in what


@pytest.mark.parametrize("wording", ["It is beyond the school's budget.", "Support is beyond what the college can fund.",
                                     "Their needs can't be met from the college's usual support funds."])
def test_other_cost_wordings_are_caught(wording):
    assert gates.COST_INDICATOR.search(wording)


@pytest.mark.parametrize("wording", ["They find it hard to handle money on a placement.",
                                     "Working out costs on a course is hard.", "Resources need to be re-made."])
def test_money_as_a_life_skill_is_not_a_cost_indicator(wording):
    assert not gates.COST_INDICATOR.search(wording)


def test_a_small_group_strategy_without_a_dose_is_caught(copy, content):
    sid = next(s for s, st in sorted(content.strategies.items()) if st.type == "small-group")
    before = gates.doses(load(copy))
    assert any(f"strategies/{sid}.yml" in line for line in before) or getattr(content.strategies[sid], "dose", None)
    # a teaching strategy needs no dose: turning one into small-group work makes it need one
    tid = next(s for s, st in sorted(content.strategies.items()) if st.type == "teaching")
    _edit_yaml(copy / "strategies" / f"{tid}.yml", lambda d: d.update(type="small-group"))
    new = _new(before, gates.doses(load(copy)))
    assert len(new) == 1 and f"content/strategies/{tid}.yml:" in new[0] and ": type: " in new[0]
    assert "has no dose" in new[0] and "how often" in new[0]


def test_school_words_in_post_16_are_caught_but_not_in_quotes(copy):
    before = gates.school_words_after_16(load(copy))

    def change(d):
        d["phases"]["post-16"]["sen-support"]["descriptors"] += [
            "The pupil struggles in lessons.", 'Staff still say "pupil" by habit, and the student minds.']
    _edit_yaml(copy / "needs" / "stammering.yml", change)
    new = _new(before, gates.school_words_after_16(load(copy)))
    assert len(new) == 1, new
    assert "content/needs/stammering.yml:" in new[0] and "phases.post-16.sen-support.descriptors[" in new[0]
    assert "'pupil' does not belong in this phase" in new[0] and "quotation marks" in new[0]


def test_school_words_in_a_post_16_plan_are_caught(copy, content):
    pid = next(p for p, plan in sorted(content.plans.items()) if plan.phase == "post-16")
    before = gates.school_words_after_16(load(copy))
    _edit_yaml(copy / "plans" / f"{pid}.yml", lambda d: d["parents_views"].append("Sits at the front of the classroom."))
    new = _new(before, gates.school_words_after_16(load(copy)))
    assert len(new) == 1 and f"content/plans/{pid}.yml:" in new[0] and "'classroom' does not belong in this phase" in new[0]
    assert ": parents_views[" in new[0]


def test_school_words_in_a_school_age_plan_are_fine(copy, content):
    pid = next(p for p, plan in sorted(content.plans.items()) if plan.phase == "school-age")
    before = gates.school_words_after_16(load(copy))
    _edit_yaml(copy / "plans" / f"{pid}.yml", lambda d: d.update(summary=d["summary"] + " Pupil in the classroom."))
    assert _new(before, gates.school_words_after_16(load(copy))) == []


def test_a_required_glossary_term_that_is_missing_is_caught(copy, content):
    assert {t.term for t in content.glossary.terms} >= {"Care Act assessment", "Access to Work"}
    before = gates.glossary_terms(load(copy))
    _edit_yaml(copy / "glossary.yml",
               lambda d: d.update(terms=[t for t in d["terms"] if t["term"] != "Care Act assessment"]))
    new = _new(before, gates.glossary_terms(load(copy)))
    assert len(new) == 1 and new[0].startswith("content/glossary.yml: terms: 'Care Act assessment' is used but not in")
    assert "first at content/pages/post-16-and-preparing-for-adulthood.md:" in new[0]


def test_a_listed_term_the_guidance_never_uses_is_not_required(minimal):
    # the minimal content uses none of the listed terms, and its glossary has two entries: nothing is missing
    assert gates.glossary_terms(load(minimal)) == []
    page = next((minimal / "pages").glob("*.md"))
    page.write_text(page.read_text() + "\nThe council may offer a personal budget.\n")
    assert [line.split(" (")[0] for line in gates.glossary_terms(load(minimal))] == [
        "content/glossary.yml: terms: 'personal budget' is used but not in the glossary"]


def test_the_glossary_has_every_required_term(content):
    assert gates.glossary_terms(content) == []


def test_check_runs_every_gate_and_the_command_counts(copy, capsys):
    c = load(copy)
    assert gates.check(c) == [line for gate in gates.GATES for line in gate(c)]
    code = gates.main([str(copy)])
    out = capsys.readouterr().out
    assert all(f"{gate.__name__}: " in out for gate in gates.GATES)
    assert code == (2 if gates.check(c) else 0)


def test_the_command_reports_broken_content_without_a_traceback(copy, capsys):
    (copy / "needs" / "stammering.yml").write_text("area: [\n", encoding="utf-8")
    assert gates.main([str(copy)]) == 2
    err = capsys.readouterr().err
    assert "stammering.yml" in err and "Traceback" not in err
