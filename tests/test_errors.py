# The broken-content corpus: each case in tests/broken/ overlays one bad file on the minimal content and must
# give its expected one-line messages (tests/broken/<case>/expected.txt), exit status 2 and no traceback. Cases that
# break a file only the build reads (the address manifest, the redirects) are checked by a build, which must also
# leave no folder behind.
import shutil
import subprocess
import sys

import pytest

from scripts.content import load as loader
from scripts.site.build import build
from tests.conftest import BROKEN, CONFIG, MINIMAL, ROOT

CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
BUILD_FILES = {"published-urls.txt", "redirects.yml"}  # read by the build, not by scripts.content.load
BUILD_CASES = [c for c in CASES if any((BROKEN / c / f).exists() for f in BUILD_FILES)]
LOAD_CASES = [c for c in CASES if c not in BUILD_CASES]


def overlay(case: str, dest):
    shutil.copytree(MINIMAL, dest)
    for path in (BROKEN / case).rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = dest / path.relative_to(BROKEN / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return dest


def test_corpus_has_one_case_per_error_kind():
    for kind in ["bad-yaml-syntax", "wrong-type", "unknown-field", "unknown-id", "duplicate-id", "id-not-file-name",
                 "missing-level", "missing-phase", "impossible-date", "bad-front-matter", "order-not-integer",
                 "non-utf8-page", "sources-as-list", "duplicate-key", "alias-bomb", "unreadable-manifest",
                 "unreadable-redirects"]:
        assert kind in CASES


def test_minimal_content_is_valid(capsys):
    assert loader.main([str(MINIMAL)]) == 0
    assert "all valid" in capsys.readouterr().out


@pytest.mark.parametrize("case", LOAD_CASES)
def test_broken_case_gives_expected_lines(case, tmp_path, capsys):
    content = overlay(case, tmp_path / "content")
    assert loader.main([str(content)]) == 2
    err = capsys.readouterr().err
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    assert err == expected
    assert "Traceback" not in err


@pytest.mark.parametrize("case", BUILD_CASES)
def test_broken_build_case_gives_expected_lines_and_leaves_nothing(case, tmp_path, capsys):
    content = overlay(case, tmp_path / "content")
    site = tmp_path / "site"
    assert build(content, site, tmp_path / "docs", CONFIG) == 2
    err = capsys.readouterr().err
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    assert err == expected + f"build stopped: {site} is unchanged\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]  # no site, site.new-* or docs made


def test_command_line_exit_status_and_no_traceback(tmp_path):
    content = overlay("unknown-id", tmp_path / "content")
    run = subprocess.run([sys.executable, "-m", "scripts.content.load", str(content)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "content/needs/talking.yml:15: phases.school-age.sen-support.strategies[1]: unknown strategy 'talk-groups'"]
    assert "Traceback" not in run.stderr


def test_many_errors_are_collected_before_failing(tmp_path, capsys):
    content = overlay("unknown-field", tmp_path / "content")
    (content / "areas" / "communication.yml").write_text("title: [unclosed\n")
    (content / "strategies" / "talk-group.yml").unlink()
    assert loader.main([str(content)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert "content/areas/communication.yml:2: bad YAML syntax: did not find expected ',' or ']'" in lines
    assert "content/roles/senco.yml:5: colour: unknown field" in lines
    # cross-references are still checked: the deleted strategy is reported wherever it is used
    assert "content/plans/sam.yml:20: provision[0].strategy: unknown strategy 'talk-group'" in lines
    assert len([x for x in lines if "unknown strategy 'talk-group'" in x]) == 9
    # but a reference to a file that exists and failed to read is not called unknown
    assert not any("unknown role 'senco'" in x for x in lines)


def test_missing_folder_and_files(tmp_path, capsys):
    assert loader.main([str(tmp_path / "nowhere")]) == 2
    assert "content folder not found" in capsys.readouterr().err
    content = overlay("unknown-field", tmp_path / "content")
    (content / "levels" / "ehc.yml").unlink()
    (content / "glossary.yml").unlink()
    assert loader.main([str(content)]) == 2
    err = capsys.readouterr().err
    assert "content/glossary.yml: file is missing" in err


def test_unknown_level_file_and_bad_glossary_link(tmp_path, capsys):
    content = overlay("unknown-field", tmp_path / "content")
    (content / "roles" / "senco.yml").write_text((MINIMAL / "roles" / "senco.yml").read_text())
    shutil.copy(content / "levels" / "ehc.yml", content / "levels" / "extra.yml")
    (content / "levels" / "ehc.yml").unlink()
    g = (content / "glossary.yml").read_text().replace("link: role:senco", "link: person:senco")
    (content / "glossary.yml").write_text(g)
    assert loader.main([str(content)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "content/levels/ehc.yml: file is missing (every level needs one)" in err
    assert "content/levels/extra.yml: 'extra' is not a level of the framework: use one of universal, sen-support, enhanced-sen-support, ehc" in err
    assert any("terms[0].link: link 'person:senco' should be 'kind:id'" in x for x in err)


def test_non_mapping_and_non_utf8(tmp_path, capsys):
    content = overlay("unknown-field", tmp_path / "content")
    (content / "roles" / "senco.yml").write_text("- just\n- a list\n")
    (content / "areas" / "communication.yml").write_bytes(b"title: \xff\xfe\n")
    assert loader.main([str(content)]) == 2
    err = capsys.readouterr().err
    assert "content/roles/senco.yml: should be a mapping of fields, not list" in err
    assert "content/areas/communication.yml: is not UTF-8 text" in err
