# Content rules beyond the schema run in `make validate` and `make site`, not only in the tests: each can fail,
# with one line naming the file and place, and exit 2.
import subprocess
import sys

from scripts.content import validate as loader
from tests.conftest import ROOT


def validate(content, capsys):
    code = loader.main([str(content)])
    return code, capsys.readouterr().err.splitlines()


def test_real_content_passes_every_rule(capsys):
    assert validate(ROOT / "content", capsys)[0] == 0


def test_coverage_minimum_is_a_validation_error(minimal, capsys):
    with open(minimal / "authority.yml", "a", encoding="utf-8") as f:
        f.write("coverage:\n  minimum: {descriptors: 2}\n")
    code, err = validate(minimal, capsys)
    assert code == 2
    assert err[0] == ("content/needs/talking.yml:8: phases.school-age.universal.descriptors: 1 entry; the coverage "
                      "policy asks for at least 2 (authority.yml coverage.minimum)")
    assert len(err) == 8  # every described level of the one need


def test_plan_provision_must_suit_its_phase(minimal, capsys):
    strategy = minimal / "strategies" / "talk-group.yml"
    strategy.write_text(strategy.read_text().replace("phases: [school-age, post-16]", "phases: [post-16]"))
    need = minimal / "needs" / "talking.yml"
    need.write_text(need.read_text().replace("[visual-timetable, talk-group]", "[visual-timetable]", 4))
    code, err = validate(minimal, capsys)
    assert code == 2, err
    assert any("plans/" in line and "is not marked for the plan's phase 'school-age'" in line for line in err), err


def test_guide_page_link_to_a_missing_need_or_anchor(minimal, capsys):
    page = next((minimal / "pages").glob("*.md"))
    page.write_text(page.read_text() + "\nSee [this](../needs/nothing.md) and [that](../needs/talking.md#year-9-ehc).\n")
    code, err = validate(minimal, capsys)
    assert code == 2
    assert any("link ../needs/nothing.md: no such need" in line for line in err)
    assert any("link ../needs/talking.md#year-9-ehc: no level anchor #year-9-ehc" in line for line in err)


def test_wrong_statutory_number_fails_make_validate(minimal):
    page = next((minimal / "pages").glob("*.md"))
    page.write_text(page.read_text() + "\nThe council must decide whether to assess within 8 weeks.\n")
    run = subprocess.run([sys.executable, "-m", "scripts.content.validate", str(minimal)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "8" in run.stderr and "6" in run.stderr


def test_missing_framework_file_is_one_line(minimal, capsys):
    (minimal / "framework.yml").unlink()
    code, err = validate(minimal, capsys)
    assert code == 2 and err == ["content/framework.yml: file is missing"]
