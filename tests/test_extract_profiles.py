# Bad layout profiles: each case in tests/broken_profiles/ is one profile with one mistake (a misspelt key, a word
# where a number goes, an invalid regex, ...) and must give the one line in its expected.txt, exit 2, no traceback.
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from scripts.extract.errors import ExtractError
from scripts.extract.profiles import check, load_profile
from tests import extract_fixtures as fx
from tests.conftest import ROOT

BROKEN = ROOT / "tests" / "broken_profiles"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def test_corpus_has_a_case_for_each_kind_of_mistake():
    assert {"misspelt-key", "unknown-top-key", "word-for-number", "list-for-number", "invalid-regex",
            "unknown-layout", "missing-page", "bad-yaml", "not-a-mapping", "unknown-phase"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_broken_profile_gives_its_one_line(case, tmp_path):
    path = tmp_path / "profile.yml"
    shutil.copy(BROKEN / case / "profile.yml", path)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").strip().replace("{profile}", str(path))
    with pytest.raises(ExtractError) as exc:
        load_profile(path)
    assert exc.value.message == expected
    assert "\n" not in exc.value.message


def test_shipped_profiles_load():
    for name in ("threshold-columns", "threshold-rows", "binder-chapter"):
        assert load_profile(name).name == name


def test_a_bad_profile_on_the_command_line_is_one_line_and_exit_2(tmp_path):
    fx.threshold(tmp_path / "good.pdf")
    shutil.copy(BROKEN / "word-for-number" / "profile.yml", tmp_path / "p.yml")
    run = subprocess.run([sys.executable, "-m", "scripts.extract", str(tmp_path / "good.pdf"), "--profile",
                          str(tmp_path / "p.yml"), "--out", str(tmp_path / "staging"), "--content",
                          str(fx.make_content(tmp_path / "content"))], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [f"error: {tmp_path / 'p.yml'}:13: page.header_band: input should be a valid "
                                       "number, unable to parse string as a number (got 'forty')"]
    assert not (tmp_path / "staging").exists()


def test_check_lists_every_bad_profile_in_a_folder(tmp_path):
    shutil.copy(ROOT / "scripts" / "profiles" / "_labels.yml", tmp_path / "_labels.yml")
    shutil.copy(ROOT / "scripts" / "profiles" / "threshold-rows.yml", tmp_path / "good.yml")
    for case in ("misspelt-key", "invalid-regex"):
        shutil.copy(BROKEN / case / "profile.yml", tmp_path / f"{case}.yml")
    assert check(tmp_path) == [
        (BROKEN / case / "expected.txt").read_text().strip().replace("{profile}", str(tmp_path / f"{case}.yml"))
        for case in ("invalid-regex", "misspelt-key")]
    assert check() == []  # the shipped profiles
