# --apply: staged items merge into content/ field by field; a field a person edited is never overwritten (a conflict);
# removals, deletions and invalid merges are handled safely. In: three "editions" of a generated threshold PDF.
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from scripts.content.load import load
from tests import extract_fixtures as fx


def edition2() -> list[tuple[str, dict]]:
    """The next edition: a new autism summary and name, new dyslexia descriptors everywhere."""
    data = copy.deepcopy(fx.needs())
    autism, dyslexia = data[0][1], data[1][1]
    autism["summary"] = "Autism is a difference in how people think, talk and feel. Routines often help."
    autism["also_known_as"] = autism["also_known_as"] + ["autism spectrum"]
    for phase in dyslexia["phases"].values():
        for level in phase.values():
            level["descriptors"] = ["Mixes up letters such as b and d.", "Finds copying from the board slow."]
    return data


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> dict[str, Path]:
    """Each edition drawn and extracted once (against fresh fixture content): name -> its staging folder."""
    base = tmp_path_factory.mktemp("editions")
    chapters = fx.chapters()
    chapters[1][1]["body"] = chapters[1][1]["body"].replace("Good health", "Good health and a GP")
    editions = {"ed1": (fx.threshold, {}), "ed2": (fx.threshold, {"data": edition2(), "edition": "January 2027"}),
                "ed3": (fx.threshold, {"data": edition2()[:1], "edition": "June 2027"}),
                "binder": (fx.binder, {}), "binder2": (fx.binder, {"data": chapters, "edition": "May 2027"})}
    out = {}
    for name, (draw, kw) in editions.items():
        draw(base / f"{name}.pdf", **kw)
        for bare in (False, True):
            if bare and name not in ("ed1", "ed3"):
                continue
            key = name + ("-bare" if bare else "")
            content = fx.make_content(base / f"content-{key}", with_strategies=not bare)
            code, _, err = fx.run(base / f"{name}.pdf", "--out", base / key, "--content", content)
            assert code == 0, err
            out[key] = base / key
    return out


@pytest.fixture
def content(tmp_path) -> Path:
    return fx.make_content(tmp_path / "content")


def apply(content: Path, staging: Path | None = None, dry: bool = False) -> tuple[int, str, str]:
    """Apply an edition's staged extraction (copied in as the staging folder) to `content`; dry: only the diff."""
    target = content.parent / "staging"
    if staging is not None:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(staging, target)
    return fx.run("--diff" if dry else "--apply", "--out", target, "--content", content)


def read(content: Path, kind: str, item_id: str) -> dict:
    return yaml.safe_load((content / kind / f"{item_id}.yml").read_text())


def edit(content: Path, kind: str, item_id: str, change) -> None:
    path = content / kind / f"{item_id}.yml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_first_apply_writes_needs_grows_strategies_and_records_a_snapshot(staged, content):
    code, out, _ = apply(content, staged["ed1"])
    assert code == 0, out
    assert "added needs/autism.yml" in out and "0 conflicts" in out
    autism = read(content, "needs", "autism")
    assert fx.without_sources(autism) == fx.without_sources(dict(fx.needs())["autism"])
    assert (content / "needs" / "autism.yml").read_text().startswith("# yaml-language-server: $schema=")
    assert read(content, "strategies", "reading-pen")["levels"] == ["universal", "sen-support",
                                                                   "enhanced-sen-support", "ehc"]
    assert read(content, "strategies", "reading-pen")["summary"] == "A curated summary."
    snap = yaml.safe_load((content / ".extracted" / "needs" / "autism.yml").read_text())
    assert snap["created"] is True and snap["edition"] == "September 2026" and "summary" in snap["fields"]
    c = load(content)  # the merged content is valid, cross-references and all
    assert {"autism", "dyslexia", "talking"} <= set(c.needs)


def test_extracting_the_same_edition_again_changes_nothing(staged, content):
    assert apply(content, staged["ed1"])[0] == 0
    before = fx.tree(content)
    code, out, _ = apply(content, staged["ed1"])
    assert code == 0 and "Summary: 0 added, 0 changed, 0 removed" in out
    assert fx.tree(content) == before


def test_a_field_a_person_edited_is_a_conflict_and_is_kept(staged, content):
    assert apply(content, staged["ed1"])[0] == 0
    mine = "Autistic children and young people experience the world in their own way."
    edit(content, "needs", "autism", lambda d: d.update(summary=mine))
    code, out, _ = apply(content, staged["ed2"], dry=True)
    assert code == 0
    assert "~ needs/autism.yml" in out and "! summary: edited by a person since the last extraction" in out
    assert "also_known_as:" in out and "+ autism spectrum" in out
    assert "phases.school-age.universal.descriptors:" in out and "+ Mixes up letters such as b and d." in out
    assert "Summary: 0 added, 9 changed, 0 removed, 0 unchanged, 1 conflicts" in out  # 2 needs, 7 strategies
    code, out, _ = apply(content)
    assert code == 1
    assert "conflict: needs/autism.yml: summary: edited by a person since the last extraction; kept their version" in out
    autism, dyslexia = read(content, "needs", "autism"), read(content, "needs", "dyslexia")
    assert autism["summary"] == mine  # the person's text survives
    assert autism["also_known_as"][-1] == "autism spectrum"  # untouched fields still update
    assert autism["sources"][0]["note"] == "Edition: January 2027"
    assert dyslexia["phases"]["post-16"]["ehc"]["descriptors"][0] == "Mixes up letters such as b and d."
    # The conflict stays until someone resolves it ...
    assert apply(content)[0] == 1
    # ... by taking the extracted value (or keeping theirs and editing the staged file).
    staged = fx.staged(content.parent / "staging", "needs", "autism")["summary"]
    edit(content, "needs", "autism", lambda d: d.update(summary=staged))
    code, out, _ = apply(content)
    assert code == 0 and "0 conflicts" in out
    assert load(content).needs["autism"].summary == staged


def test_hand_written_need_with_the_same_title_is_never_overwritten(staged, content):
    need = dict(fx.needs())["autism"]
    need["summary"] = "Written by hand before any extraction."
    (content / "needs" / "autism.yml").write_text(yaml.safe_dump(need, sort_keys=False))
    before = (content / "needs" / "autism.yml").read_text()
    code, out, _ = apply(content, staged["ed1"])
    assert code == 1
    assert "conflict: needs/autism.yml: summary" in out
    assert "conflict: needs/autism.yml: sources" not in out  # a missing field is simply added
    after = read(content, "needs", "autism")
    assert after["summary"] == need["summary"] and after["sources"][0]["source"] == "local-threshold-guidance"
    assert before != (content / "needs" / "autism.yml").read_text()


def test_a_need_dropped_from_the_pdf_is_removed_unless_edited(staged, content):
    assert apply(content, staged["ed1"])[0] == 0
    code, out, _ = apply(content, staged["ed3"], dry=True)
    assert "- needs/dyslexia.yml  (no longer in the PDF)" in out
    assert "! strategies/coloured-overlays.yml: no longer in the PDF, but a person wrote it before extraction" in out
    code, out, _ = apply(content)
    assert code == 0 and "removed needs/dyslexia.yml" in out
    assert not (content / "needs" / "dyslexia.yml").exists()
    assert not (content / ".extracted" / "needs" / "dyslexia.yml").exists()
    assert (content / "strategies" / "coloured-overlays.yml").exists()  # curated, so kept
    load(content)


def test_an_edited_need_dropped_from_the_pdf_is_kept(staged, content):
    assert apply(content, staged["ed1"])[0] == 0
    edit(content, "needs", "dyslexia", lambda d: d.update(title="Dyslexia (reading and spelling)"))
    code, out, _ = apply(content, staged["ed3"])
    assert code == 0
    assert "! needs/dyslexia.yml: no longer in the PDF, but edited by a person (title); kept" in out
    assert (content / "needs" / "dyslexia.yml").exists()
    assert not (content / ".extracted" / "needs" / "dyslexia.yml").exists()


def test_an_item_a_person_deleted_is_not_added_again(staged, content):
    assert apply(content, staged["ed1"])[0] == 0
    (content / "needs" / "dyslexia.yml").unlink()
    code, out, _ = apply(content, staged["ed2"])
    assert code == 0
    assert "! needs/dyslexia.yml: deleted by a person since the last extraction; --apply will not add it again" in out
    assert not (content / "needs" / "dyslexia.yml").exists()


def test_new_stub_strategies_and_an_extracted_strategy_dropped_later(staged, tmp_path):
    content = fx.make_content(tmp_path / "content", with_strategies=False)
    assert apply(content, staged["ed1-bare"])[0] == 0
    pen = read(content, "strategies", "reading-pen")
    assert pen["summary"].startswith("To be written") and pen["steps"] == ["Reading pen."]
    edit(content, "strategies", "reading-pen", lambda d: d.update(summary="A pen that reads text aloud."))
    code, out, _ = apply(content, staged["ed3-bare"])  # no dyslexia: reading pen and overlays unused
    assert code == 0
    assert "removed strategies/coloured-overlays.yml" in out
    assert not (content / "strategies" / "coloured-overlays.yml").exists()
    # A person's summary is not a field extraction owns, so the pen is still removed: it is unused.
    assert not (content / "strategies" / "reading-pen.yml").exists()
    load(content)


def test_apply_that_would_break_the_content_writes_nothing(staged, content):
    assert apply(content, staged["ed1"], dry=True)[0] == 0
    staged = content.parent / "staging" / "needs" / "autism.yml"
    staged.write_text(staged.read_text().replace("- visual-timetable", "- no-such-strategy", 1))
    before = fx.tree(content)
    code, out, err = apply(content)
    assert code == 2
    assert "error: applying would make the content invalid" in err and "unknown strategy 'no-such-strategy'" in err
    assert fx.tree(content) == before


def test_unreadable_staged_file_is_reported(staged, content):
    assert apply(content, staged["ed1"], dry=True)[0] == 0
    (content.parent / "staging" / "needs" / "autism.yml").write_text("area: [unclosed\n")
    code, _, err = apply(content)
    assert code == 2 and "cannot be read (bad YAML?)" in err


def test_binder_pages_apply_as_markdown(staged, content):
    code, out, _ = apply(content, staged["binder"])
    assert code == 0 and "added pages/annual-reviews.md" in out
    text = (content / "pages" / "annual-reviews.md").read_text()
    assert text.startswith("---\ntitle: Annual reviews\ndescription: An EHC plan is reviewed at least every 12 months.")
    assert "- Independent living\n" in text
    page = load(content).pages["annual-reviews"]
    assert page.meta["sources"][0]["source"] == "local-golden-binder"
    # A person edits the body: the same edition again leaves their edit alone (the PDF did not change) ...
    (content / "pages" / "annual-reviews.md").write_text(text.replace("Good health", "Good health and wellbeing"))
    code, out, _ = apply(content, staged["binder"])
    assert code == 0 and "0 conflicts" in out
    assert "Good health and wellbeing" in (content / "pages" / "annual-reviews.md").read_text()
    # ... while an edition that changes the same text is a conflict, shown line by line.
    code, out, _ = apply(content, staged["binder2"])
    assert code == 1 and "conflict: pages/annual-reviews.md: body" in out
    assert "- - Good health and wellbeing\n" in out and "+ - Good health and a GP\n" in out
    assert "Good health and wellbeing" in (content / "pages" / "annual-reviews.md").read_text()




def test_applying_keeps_an_early_years_phase_the_document_does_not_cover(staged, content):
    # the fixture PDFs describe school age and post-16 only; a curated strategy that is also for early years
    # keeps that phase when the document's strategies are merged in
    edit(content, "strategies", "reading-pen", lambda d: d.update(phases=["early-years", *d["phases"]]))
    code, out, _ = apply(content, staged["ed1"])
    assert code == 0, out
    assert read(content, "strategies", "reading-pen")["phases"][0] == "early-years"
