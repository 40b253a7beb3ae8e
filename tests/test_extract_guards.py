# Hostile extraction input: --out pointed at content/, a repository or any folder the extractor did not make is
# refused with one line (nothing deleted). In: a good generated PDF and folders to aim --out at. Out: assertions.
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import extract_fixtures as fx


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("guards")
    fx.make_content(root / "content")
    fx.threshold(root / "good.pdf")
    return root


@pytest.fixture
def work(base, tmp_path) -> Path:
    shutil.copytree(base / "content", tmp_path / "content")
    shutil.copy(base / "good.pdf", tmp_path / "good.pdf")
    return tmp_path


def refused(work: Path, out: Path | str, phrase: str, cwd: Path | None = None) -> None:
    """Extract into `out`: exit 2, one error line holding `phrase`, and `out` and content/ left exactly as they were."""
    target = Path(cwd or work) / out
    before = fx.tree(target), fx.tree(work / "content"), sorted(os.listdir(target)) if target.is_dir() else None
    here = os.getcwd()
    os.chdir(cwd or work)
    try:
        code, out_text, err = fx.run(work / "good.pdf", "--out", out, "--content", work / "content")
    finally:
        os.chdir(here)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, (code, err)
    assert len(lines) == 1 and lines[0].startswith("error: ") and phrase in lines[0], err
    assert "Traceback" not in err
    after = fx.tree(target), fx.tree(work / "content"), sorted(os.listdir(target)) if target.is_dir() else None
    assert after == before
    assert "Staged in" not in out_text


def test_out_content_folder_is_refused(work):
    refused(work, work / "content", "is the content folder")


def test_out_inside_content_folder_is_refused(work):
    refused(work, work / "content" / "needs", "not a staging folder this tool made")


def test_out_git_repository_is_refused(work):
    repo = work / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "notes.txt").write_text("mine\n")
    refused(work, repo, "holds a .git folder")


def test_out_dot_in_a_repository_gives_one_line(work):
    repo = work / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    refused(work, ".", "holds a .git folder", cwd=repo)


def test_out_non_empty_folder_without_marker_is_refused(work):
    mine = work / "photos"
    mine.mkdir()
    (mine / "holiday.jpg").write_bytes(b"\xff\xd8 not really")
    refused(work, mine, "not a staging folder this tool made")


def test_out_folder_above_the_content_is_refused(work):
    refused(work, work, "holds the content folder")


def test_staging_folder_it_made_is_replaced_and_empty_folder_is_used(work):
    empty = work / "fresh"
    empty.mkdir()
    code, out, err = fx.run(work / "good.pdf", "--out", empty, "--content", work / "content")
    assert code == 0, err
    assert (empty / "needs").is_dir() and "Staged in" in out
    # a second extraction into the folder it made replaces it
    code, out, err = fx.run(work / "good.pdf", "--out", empty, "--content", work / "content")
    assert code == 0, err
    assert (empty / "extraction.yml").is_file()
