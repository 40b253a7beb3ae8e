# Editions: the diff between two editions (folders, snapshots, git revisions), the "What changed" page, and when
# each need and strategy last changed (one git log; graceful without git or with a shallow clone).
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts import editions as ed
from scripts.editions import page
from scripts.content import authority as la
from scripts.site.generate import render_pages as _render
from scripts.content.load import load
from tests.conftest import MINIMAL


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def make_new_edition(folder: Path) -> None:
    """From the minimal content: reword a descriptor, add one and a need, remove the plan, add a strategy step."""
    def need(d):
        d["phases"]["school-age"]["sen-support"]["descriptors"] = [
            "Finds talking very hard, even after a term of help.", "Avoids answering in class."]
    edit_yaml(folder / "needs" / "talking.yml", need)
    listening = yaml.safe_load((folder / "needs" / "talking.yml").read_text())
    listening["title"] = "Listening difficulties"
    (folder / "needs" / "listening.yml").write_text(yaml.safe_dump(listening))
    (folder / "plans" / "sam.yml").unlink()
    edit_yaml(folder / "strategies" / "talk-group.yml", lambda d: d["steps"].append("Share progress with families."))
    edit_yaml(folder / "authority.yml", lambda d: d.update(edition="Test edition 2", edition_date=dt.date(2026, 6, 1)))


@pytest.fixture
def two_editions(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINIMAL, old)
    shutil.copytree(MINIMAL, new)
    make_new_edition(new)
    return old, new


def test_diff_lists_added_removed_and_changed_items(two_editions):
    old, new = (load(p) for p in two_editions)
    changes = ed.diff(old, new)
    assert changes.counts() == {"needs": {"added": 1, "removed": 0, "changed": 1},
                                "strategies": {"added": 0, "removed": 0, "changed": 1},
                                "plans": {"added": 0, "removed": 1, "changed": 0}}
    assert [(i.kind, i.id, i.status) for i in changes.items] == [
        ("needs", "listening", "added"), ("needs", "talking", "changed"),
        ("strategies", "talk-group", "changed"), ("plans", "sam", "removed")]
    (field,) = changes.of("needs", "changed")[0].fields
    assert field.path == "phases.school-age.sen-support.descriptors"
    assert field.label == "School age › SEN Support › what you might notice"
    assert field.rows == [("Finds talking hard.", "Finds talking very hard, even after a term of help."),
                          ("", "Avoids answering in class.")]
    assert (field.added, field.removed, field.reworded) == (1, 0, 1)
    # the added need brings its 9 descriptors (a copy of the new talking.yml); the changed one adds one, rewords one
    assert changes.descriptors() == {"added": 10, "removed": 0, "reworded": 1}
    assert changes.new_edition == "Test edition 2" and changes.old_date == "2026-01-01"
    assert not ed.diff(old, old) and ed.diff(old, old).counts() == {}


def test_page_shows_changed_wording_side_by_side(two_editions):
    old, new = (load(p) for p in two_editions)
    text = ed.render_page(ed.page_data(ed.diff(old, new), None, new.authority))
    assert "# What changed in this edition" in text
    assert "This is the Test edition 2, published on 1 June 2026." in text
    assert "It is compared with the Test edition, published on 1 January 2026." in text
    assert "| Needs | 1 | 0 | 1 |" in text and "| Example plans | 0 | 1 | 0 |" in text
    assert "- [Listening difficulties](needs/listening.md)" in text and "- Sam, Year 3" in text
    assert "**[School age › SEN Support › what you might notice](needs/talking.md#school-age-sen-support)**" in text
    assert "| Finds talking <ins>very</ins> hard<ins>, even after a term of help</ins>. |" in text
    assert "| *(new)* | Avoids answering in class. |" in text
    assert "| Track progress. | Track progress. |" not in text  # unchanged lines are left out


def test_plan_fields_are_labelled(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "new")
    edit_yaml(tmp_path / "new" / "plans" / "sam.yml", lambda d: d["outcomes"][0].update(progress="Sam answered often."))
    (item,) = ed.diff(load(MINIMAL), load(tmp_path / "new")).items
    assert [f.label for f in item.fields] == ["Outcomes › number 1 › progress"]


def test_highlight_escapes_markdown():
    left, right = page._highlight("Use a | pipe *here*", "Use a | pipe _there_")
    assert "\\|" in left and "<del>\\*here\\*</del>" in left and "<ins>\\_there\\_</ins>" in right


def test_text_report(two_editions):
    old, new = (load(p) for p in two_editions)
    text = ed.render_text(ed.diff(old, new))
    assert "needs: 1 added, 0 removed, 1 changed" in text
    assert "~ needs/talking  Talking difficulties" in text and "      - Finds talking hard." in text
    assert "+ needs/listening" in text and "- plans/sam" in text
    assert ed.render_text(ed.diff(old, old)).endswith("no changes\n")


def test_snapshot_round_trip_and_bad_snapshots(two_editions, tmp_path):
    old, new = two_editions
    snap = tmp_path / "snaps" / "old.json"
    assert ed.main(["snapshot", str(old), str(snap)]) == 0
    via_snapshot = ed.diff(ed.read_edition(str(snap)), ed.read_edition(str(new)))
    assert via_snapshot.counts() == ed.diff(load(old), load(new)).counts()
    (tmp_path / "bad.json").write_text("{}")
    for spec, message in [(tmp_path / "bad.json", "not an edition snapshot"), (tmp_path / "nope.json", "not found")]:
        with pytest.raises(ed.EditionError, match=message):
            ed.read_edition(str(spec))
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(ed.EditionError, match="cannot read snapshot"):
        ed.read_snapshot(tmp_path / "broken.json")


def test_diff_accepts_partial_content_like_objects(two_editions):
    """The extractor can diff staged items that are not a full Content (missing kinds count as empty)."""
    class Staged:
        def __init__(self, c):
            self.needs, self.strategies = c.needs, c.strategies
    old, new = (load(p) for p in two_editions)
    changes = ed.diff(Staged(old), Staged(new))
    assert {i.kind for i in changes.items} == {"needs", "strategies"}


def test_command_line(two_editions, tmp_path, capsys):
    old, new = two_editions
    out = tmp_path / "wc" / "what-changed.md"
    assert ed.main([str(old), str(new), "-o", str(out)]) == 0
    assert "<ins>very</ins>" in out.read_text()
    assert ed.main([str(old), str(new), "--text"]) == 0
    assert "~ needs/talking" in capsys.readouterr().out
    snap = tmp_path / "new.json"
    ed.write_snapshot(load(new), snap)
    assert ed.main([str(old), str(snap)]) == 0  # a snapshot as the new edition: its own label and date
    assert "This is the Test edition 2, published on 1 June 2026." in capsys.readouterr().out
    broken = tmp_path / "broken"
    shutil.copytree(MINIMAL, broken)
    (broken / "levels" / "ehc.yml").unlink()
    assert ed.main([str(broken), str(new)]) == 2
    assert "content does not load" in capsys.readouterr().err
    assert ed.main(["snapshot", "no-such-revision-xyz", str(tmp_path / "x.json")]) == 2


# ---------------------------------------------------------------- git


def render_pages(c):
    """Every page, with the history a build reads first."""
    return _render(c, ed.read(c, edited_on=dt.date(2026, 3, 5)))


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00Z", GIT_COMMITTER_DATE=f"{date}T12:00:00Z")
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path):
    """A repository whose content/ has two commits: the minimal content (2025-05-01), then a new edition
    (2026-02-01) whose authority.yml names the first edition as its previous one, by revision."""
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first edition", date="2025-05-01")
    git(repo, "tag", "first-edition")
    make_new_edition(repo / "content")
    edit_yaml(repo / "content" / "authority.yml", lambda d: d.update(previous_editions=[
        {"edition": "Test edition", "date": dt.date(2025, 9, 1), "revision": "first-edition"}]))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "second edition", date="2026-02-01")
    return repo


def test_revisions_compare_through_git(repo, capsys):
    old = ed.from_revision("HEAD~1", repo, "content")
    assert old.authority.edition == "Test edition" and "listening" not in old.needs
    assert ed.diff(old, load(repo / "content")).counts()["needs"] == {"added": 1, "removed": 0, "changed": 1}
    with pytest.raises(ed.EditionError, match=r"'HEAD~9' is not in this repository's history\.$"):
        ed.from_revision("HEAD~9", repo, "content")
    with pytest.raises(ed.EditionError, match="has no folder 'elsewhere'"):
        ed.from_revision("HEAD", repo, "elsewhere")
    # A revision committed half-written: the items that still read on their own are compared, with a warning.
    edit_yaml(repo / "content" / "needs" / "listening.yml", lambda d: d.update(area="nowhere"))
    git(repo, "commit", "-q", "-am", "half-written", date="2026-03-01")
    partial = ed.from_revision("HEAD", repo, "content")
    assert "1 file(s) that do not load under today's checks (needs/listening.yml)" in capsys.readouterr().err
    assert set(partial.needs) == {"talking"} and partial.authority.edition == "Test edition 2"
    assert ed.diff(partial, load(MINIMAL)).counts()["needs"] == {"added": 0, "removed": 0, "changed": 1}
    (repo / "content" / "authority.yml").write_text("name: [")
    git(repo, "commit", "-q", "-am", "broken", date="2026-03-02")
    with pytest.raises(ed.EditionError, match="cannot read its authority.yml"):
        ed.from_revision("HEAD", repo, "content")


def test_site_page_compares_with_the_previous_edition_revision(repo, capsys):
    c = load(repo / "content")
    la.use(c)
    changes, why = ed.previous_changes(c)
    assert why is None and changes.old_edition == "Test edition" and changes.old_date == "2025-09-01"
    page = render_pages(c)["what-changed.md"]
    assert "It is compared with the Test edition, published on 1 September 2025." in page


def test_last_changed_comes_from_one_git_log(repo):
    (repo / "content" / "strategies" / "visual-timetable.yml").write_text(
        (repo / "content" / "strategies" / "visual-timetable.yml").read_text() + "\n")  # an uncommitted edit
    c = load(repo / "content")
    la.use(c)
    history = ed.read(c, edited_on=dt.date(2026, 3, 5))
    assert history.uncommitted == ["strategies/visual-timetable.yml"]
    changed = ed.last_changed(c, history)
    assert changed[("needs", "talking")] == {"date": "1 February 2026", "edition": "Test edition 2"}
    # committed before the first edition's date: part of that edition
    assert changed[("strategies", "talk-group")]["edition"] == "Test edition 2"
    assert changed[("needs", "listening")]["date"] == "1 February 2026"
    # the uncommitted edit carries the date it was given, not a silent "today"; with none given it has no date
    assert changed[("strategies", "visual-timetable")]["date"] == "5 March 2026"
    assert ed.last_changed(c, ed.read(c))[("strategies", "visual-timetable")]["date"] is None
    pages = _render(c, history)
    assert "Last changed on 1 February 2026, in the Test edition 2." in pages["needs/talking.md"]


def test_first_edition_dates(repo):
    c = ed.from_revision("first-edition", repo, "content")  # loaded from a temporary folder: no git there
    assert ed.last_changed(c, ed.read(c))[("needs", "talking")] == {"date": None, "edition": "Test edition"}
    assert "Part of the Test edition." in render_pages(c)["needs/talking.md"]
    assert ed.edition_for(dt.date(2025, 5, 1), load(repo / "content").authority) == "Test edition"


def test_shallow_clone_is_handled(repo, tmp_path, capsys):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    with pytest.raises(ed.EditionError, match="shallow.*git fetch --unshallow"):
        ed.from_revision("HEAD~1", clone, "content")
    c = load(clone / "content")
    la.use(c)
    # every file's last commit is the cut-off commit, so no date is claimed
    assert ed.last_changed(c, ed.read(c))[("needs", "talking")] == {"date": None, "edition": "Test edition 2"}
    changes, why = ed.previous_changes(c)
    assert changes is None and "not in this repository's history" in why
    assert "editions: cannot list what changed since 'Test edition'" in capsys.readouterr().err
    page = render_pages(c)["what-changed.md"]
    assert "The list of changes could not be made for this copy of the guide." in page


def test_no_git_and_no_previous_edition(tmp_path, monkeypatch):
    shutil.copytree(MINIMAL, tmp_path / "content")
    c = load(tmp_path / "content")
    assert ed.git_dates(tmp_path / "content") is None  # not a repository
    monkeypatch.setenv("PATH", str(tmp_path))  # no git at all
    assert ed.git_dates(tmp_path / "content") is None
    with pytest.raises(ed.EditionError, match="git is not installed"):
        ed.from_revision("HEAD", tmp_path, "content")
    assert ed.previous_changes(c) == (None, "first")
    page = render_pages(c)["what-changed.md"]
    assert "This is the first edition of this guide" in page


def test_previous_edition_without_snapshot_or_revision(tmp_path, capsys):
    shutil.copytree(MINIMAL, tmp_path / "content")
    edit_yaml(tmp_path / "content" / "authority.yml", lambda d: d.update(previous_editions=[
        {"edition": "Old", "date": dt.date(2025, 1, 1)}]))
    c = load(tmp_path / "content")
    assert ed.previous_changes(c) == (None, "previous edition 'Old' has neither a snapshot nor a revision")
    edit_yaml(tmp_path / "content" / "authority.yml", lambda d: d.update(previous_editions=[
        {"edition": "Old", "date": dt.date(2025, 1, 1), "revision": "abc"}]))
    c = load(tmp_path / "content")
    assert ed.previous_changes(c) == (None, "this copy of the content is not in a git repository")
