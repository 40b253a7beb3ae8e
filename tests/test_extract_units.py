# The extractor's parts on their own: glyphs, items, roles, profiles, awkward table and chapter layouts (as page data,
# no PDF), the parallel reader, the report and the diff. In: synthetic pages and small PDFs. Out: assertions.
from __future__ import annotations

import runpy
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from scripts.extract import binder, build, cli, pagedata, reader, staging, threshold
from scripts.extract.errors import ExtractError
from scripts.extract.glyphs import clean
from scripts.extract.profiles import all_profiles, detect, load_profile, norm
from scripts.extract.report import Report
from tests import extract_fixtures as fx

BULLETS = load_profile("threshold-rows").bullets


# ---------------------------------------------------------------- text


def test_cid_glyphs_are_mapped_or_counted_and_dropped():
    unknown = Counter()
    assert clean("(cid:127) Visual timetable", {127: "•"}, unknown) == "• Visual timetable"
    assert clean("A(cid:200)B (cid:200)", {}, unknown) == "AB "
    assert unknown == Counter({200: 2})
    assert clean("\ufb01sh of\ufb02ine", {}, unknown) == "fish offline"


def test_bullets_split_items_and_wrapped_lines_stay_in_their_item():
    lines = [[0, "• First item that"], [8, "wraps onto a second line"], [0, "• Second – with a note"],
             [8, "– that starts a line"], [0, "•Touching bullet"], [0, "- Dash bullet"], [8, "-not a bullet"]]
    assert threshold.split_items(lines, BULLETS) == [
        "First item that wraps onto a second line", "Second – with a note – that starts a line", "Touching bullet",
        "Dash bullet -not a bullet"]
    assert threshold.split_items([[0, "No bullets at all,"], [0, "just text"]], BULLETS) == ["No bullets at all, just text"]
    assert threshold.split_items([], BULLETS) == []
    assert threshold.join_lines(["low self-", "esteem and", "", "more"]) == "low self-esteem and more"
    assert threshold.split_aka(" ASD; autism spectrum disorder, ASC") == ["ASD", "autism spectrum disorder, ASC"]
    assert threshold.split_aka("ASD, ASC") == ["ASD", "ASC"]


def test_roles_are_matched_by_name_inside_text_and_unknown_ones_reported():
    prof = load_profile("threshold-rows")
    found, unknown = build.roles(["SENCo", "Class teacher and Teaching assistant", "EP / SALT",
                                  "Parents and carers", "Dog handler", "the school nurse if needed"], prof)
    assert found == ["senco", "class-teacher", "teaching-assistant", "educational-psychologist",
                     "speech-and-language-therapist", "parents-and-carers", "school-nurse"]
    assert unknown == ["Dog handler"]
    assert build.slug("1:1 support – Café") == "1-1-support-cafe" and build.slug("!!!") == "item"
    assert build.split_note("Title – note", " – ") == ("Title", "note")
    assert build.split_note("Title – ", " – ") == ("Title –", None)


def test_strategy_type_words():
    b = build.Builder(load_profile("threshold-rows"), Report(), None, "x", None)
    assert b._type("Laptop with spell checker", ["ehc"]) == "assistive-technology"
    assert b._type("Speech and language therapy programme", ["universal"]) == "specialist"
    assert b._type("Nurture group at lunchtime", ["universal"]) == "small-group"
    assert b._type("A key adult to check in each morning", ["universal"]) == "individual"
    assert b._type("Quiet room for tests", ["universal"]) == "environment"
    assert b._type("Approach changes calmly", ["enhanced-sen-support"]) == "individual"  # "app" is a whole word only
    assert b._type("Plan ahead", []) == "teaching"


# ---------------------------------------------------------------- profiles


def test_profiles_load_match_and_detect(tmp_path):
    names = [p.name for p in all_profiles()]
    assert names == ["binder-chapter", "threshold-columns", "threshold-rows"]
    prof = load_profile("threshold-columns")
    assert prof.match("levels", "EHC needs assessment and plan") == "ehc"
    assert prof.match("levels", "sen  SUPPORT") == "sen-support" and prof.match("levels", "Other") is None
    assert prof.match("areas", "Sensory and/or physical needs") == "sensory-and-physical"
    assert norm("Social, Emotional & Mental-Health") == "social emotional and mental health"
    prof.add_labels("roles", "senco", ["Inclusion lead"])
    assert prof.match("roles", "inclusion lead") == "senco"
    assert load_profile("threshold-columns").match("roles", "inclusion lead") is None  # a fresh copy
    custom = tmp_path / "mine.yml"
    custom.write_text((Path(prof.path)).read_text().replace("name: threshold-columns", "name: mine")
                      + "cid_map: {127: null}\nlabels:\n  levels:\n    universal: [Everyone]\n")
    mine = load_profile(custom)
    assert mine.name == "mine" and 127 not in mine.cid_map and mine.match("levels", "Everyone") == "universal"
    assert detect([{"width": 100, "height": 200, "tables": [], "lines": []}], all_profiles())[0] is None


# ---------------------------------------------------------------- awkward layouts, as page data


def line(text, size=10.0, top=100.0, x0=36.0, x1=400.0):
    return {"text": text, "size": size, "x0": x0, "x1": x1, "top": top, "bottom": top + size}


def cell(*texts, x=0):
    return {"lines": [[x, t] for t in texts]}


def page(number, lines=(), tables=(), footer=None):
    return {"number": number, "width": 842, "height": 595, "header": "", "footer": footer or f"Page {number}",
            "lines": list(lines), "tables": list(tables), "chars": 100, "images": 0, "cids": {}}


def table(rows, top=200.0):
    return {"top": top, "bottom": top + 100, "x0": 36, "x1": 800, "rows": rows}


def full_rows(phase="School age", skip_field=None):
    prof = load_profile("threshold-columns")
    rows = [[None, cell(phase), None, None, None],
            [cell(""), cell("Universal"), cell("SEN Support"), cell("Enhanced SEN Support"), cell("EHC")]]
    for f in ("descriptors", "assessment", "strategies", "who_may_help"):
        if f == skip_field:
            continue
        item = {"who_may_help": "• SENCO", "strategies": "• Visual timetable"}.get(f, f"• Some {f}.")
        rows.append([cell(prof.label("fields", f))] + [cell(item) for _ in range(4)])
    return rows


def assemble(pages, name="threshold-columns", content=None):
    prof = load_profile(name)
    report = Report()
    records = (threshold if prof.kind == "threshold" else binder).assemble(pages, prof, report)
    items = build.build(records, prof, report, content or staging.ContentIndex(Path("/nonexistent")),
                        prof.source, "2026")
    return items, report


def test_threshold_awkward_cases_are_mapped_or_reported_with_pages():
    rows = full_rows()
    rows.insert(2, [cell("Notes"), cell("• A note"), cell(""), cell(""), cell("")])  # not a field
    rows.append([cell("What you might notice (continued)"), cell("• More."), cell(""), cell(""), cell("")])
    rows.append([cell(""), cell("• Even more."), cell(""), cell(""), cell(""), cell("• Sixth column")])
    pages = [
        page(1, [line("Guidance", size=24, top=60), line("Front matter text.", top=100)],
             [table([[cell("Lonely"), cell("• table")]], top=150)]),
        page(2, [line("Communication and interaction", size=18, top=50), line("Talking", size=14.5, top=80),
                 line("Also known as: SLCN; speech, language and communication needs", top=100),
                 line("Some children find talking hard.", top=130)], [table(rows, top=160)]),
        page(3, [line("Text after the tables.", top=500)],
             [table(full_rows("Post-16"), top=100)]),
        page(4, [line("Unknown area", size=18, top=50), line("Lost need", size=14.5, top=80),
                 line("A need under an area the profile does not know.", top=100)], [table(full_rows(), top=150)]),
        page(5, [line("Cognition and learning", size=18, top=50), line("Talking", size=14.5, top=80)],
             [table([[cell("What you might notice"), cell("• Orphan cell")]], top=100),
              table(full_rows(skip_field="assessment"), top=150)]),
    ]
    items, report = assemble(pages)
    skipped = "\n".join(f"{p}: {w}" for p, w in report.skipped)
    assert "1: heading 'Guidance' is not a known area" in skipped
    assert "1: text before the first need: 'Front matter text.'" in skipped
    assert "1: a table before the first need heading" in skipped
    assert "2: row 'Notes' is not a known field" in skipped
    assert "2: a cell in column 6 has no level heading" in skipped
    assert "5: table cells before any phase is named ('Talking')" in skipped
    assert "3: text after the tables of 'Talking'" in skipped
    assert "4: heading 'Unknown area' is not a known area" in skipped
    assert "4: need 'Lost need' skipped: its area heading 'Unknown area' is not a known area" in skipped
    assert "5: a second need titled 'Talking': staged as talking-2" in skipped
    assert ("5: need 'Talking' skipped: phases.school-age.universal.assessment: list should have at least 1 item"
            in skipped)
    need = items[("needs", "talking")]
    assert need["also_known_as"] == ["SLCN", "speech, language and communication needs"]
    assert need["phases"]["school-age"]["universal"]["descriptors"] == ["Some descriptors.", "More.", "Even more."]
    assert need["sources"] == [{"source": "local-threshold-guidance", "pages": [2, 3], "note": "Edition: 2026"}]
    assert report.cells_skipped >= 4 and report.tables == 6


def test_rows_layout_phase_heading_and_missing_summary():
    prof = load_profile("threshold-rows")
    header = [cell("Level")] + [cell(prof.label("fields", f)) for f in threshold.FIELDS]
    rows = [header] + [[cell(prof.label("levels", lv))] + [cell("• Visual timetable" if f == "strategies" else
                                                                "• SENCO" if f == "who_may_help" else "• Text.")
                                                           for f in threshold.FIELDS]
                       for lv in ("universal", "sen-support", "enhanced-sen-support", "ehc")]
    pages = [page(1, [line("Cognition and learning", size=18, top=40), line("Reading", size=14.5, top=70),
                      line("School age", size=12, top=100)], [table(rows, top=120)]),
             page(2, [line("Post-16", size=12, top=50)], [table(rows, top=80)], footer="no number here")]
    items, report = assemble(pages, "threshold-rows")
    need = items[("needs", "reading")]
    assert need["summary"].startswith("To be written") and "reading: no summary paragraph" in report.notes[0]
    assert need["sources"][0]["pages"] == [1, 2]  # page 2 has no printed number: its physical number
    assert items[("strategies", "visual-timetable")]["delivered_by"] == ["senco"]


def test_binder_awkward_cases():
    pages = [
        page(1, [line("SEN Golden Binder", size=24, top=50), line("1.1 Stray section", size=12.5, top=80)],
             [table([[cell("Who"), cell("What")]], top=120), table([[cell(""), cell("")]], top=200)]),
        page(2, [line("2 Requesting an EHC needs assessment and what happens", size=16, top=50),
                 line("after you ask", size=16, top=70),
                 line("2.1 Who can ask for an assessment and", size=12.5, top=100),
                 line("when", size=12.5, top=116),
                 line("2.1.1 Young people", size=11.6, top=140),
                 line("A paragraph that runs right across the page and on to", top=170, x1=559),
                 ], [table([[cell("Who"), cell("What they do")], [cell("SENCO"), cell("• Gathers evidence", "• Writes")]],
                           top=300)]),
        page(3, [], [table([[cell("Who"), cell("What they do")], [cell(""), cell("and the plan")],
                            [cell("Parent"), cell("Says what they see")]], top=60)]),
        page(4, [line("• A list item that is cut by the page", top=500, x1=300)]),
        page(5, [line("break and goes on here.", top=60, x0=50), line("A new paragraph.", top=100),
                 line("Still the same paragraph", top=113)]),
    ]
    items, report = assemble(pages, "binder-chapter")
    skipped = "\n".join(f"{p}: {w}" for p, w in report.skipped)
    assert "1: text before the first chapter heading: 'SEN Golden Binder'" in skipped
    assert "1: text before the first chapter heading: '1.1 Stray section'" in skipped
    assert "1: a table before the first chapter heading" in skipped and "1: an empty table" in skipped
    page_item = items[("pages", "requesting-an-ehc-needs-assessment-and-what-happens")]
    assert page_item["title"] == "Requesting an EHC needs assessment and what happens after you ask"
    assert page_item["body"] == (
        "## Who can ask for an assessment and when\n\n### Young people\n\n"
        "A paragraph that runs right across the page and on to\n\n"
        "| Who | What they do |\n| --- | --- |\n| SENCO | Gathers evidence; Writes and the plan |\n"
        "| Parent | Says what they see |\n\n"
        "- A list item that is cut by the page break and goes on here.\n\n"
        "A new paragraph. Still the same paragraph\n")
    assert page_item["description"] == "A paragraph that runs right across the page and on to"
    assert page_item["sources"][0]["pages"] == [2, 3, 4, 5]


# ---------------------------------------------------------------- reading


@pytest.fixture(scope="module")
def long_doc(tmp_path_factory) -> Path:
    """Seven portrait pages: a cell running over two page breaks, printed page numbers from 11."""
    path = tmp_path_factory.mktemp("long") / "doc.pdf"
    fx.threshold(path, layout="threshold-rows", data=fx.needs(long_cell=True), first_page_number=11)
    return path


def test_parallel_reading_gives_the_same_result_as_serial(long_doc, tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MIN_PARALLEL_PAGES", 2)  # the pool reads pages 4-7 (1-3 were read to detect)
    fx.make_content(tmp_path / "content")
    outs = []
    for jobs in ("1", "2"):
        code, out, err = fx.run(long_doc, "--out", tmp_path / f"st{jobs}", "--content", tmp_path / "content",
                                "--jobs", jobs)
        assert code == 0, err
        outs.append(out.replace(f"st{jobs}", "st"))
    assert outs[0] == outs[1] and "pages read: 7" in outs[0]
    one, two = fx.tree(tmp_path / "st1"), fx.tree(tmp_path / "st2")
    for name in ("report.txt", "extraction.yml", ".sen-staging"):  # the staging marker: scripts/extract/guards.py
        one.pop(name), two.pop(name)
    assert one == two and len(one) == 9
    assert reader.default_jobs() >= 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_page_that_fails_to_read_is_one_clear_error(long_doc, tmp_path, monkeypatch, jobs):
    shutil.copy(long_doc, tmp_path / "doc.pdf")
    real = pagedata.read_page

    def broken(pdf, index, settings):
        if index == 5:
            raise ValueError("bad content stream\nsecond line")
        return real(pdf, index, settings)

    monkeypatch.setattr(reader, "read_page", broken)
    monkeypatch.setattr(reader, "MIN_PARALLEL_PAGES", 2)
    code, out, err = fx.run(tmp_path / "doc.pdf", "--out", tmp_path / "st", "--content", tmp_path, "--jobs", jobs)
    assert code == 2 and out == "" and not (tmp_path / "st").exists()
    assert err.strip() == ("error: doc.pdf: the PDF is damaged on page 6 (bad content stream); download it again, "
                           "or repair it (e.g. qpdf damaged.pdf repaired.pdf) and try again")


def test_glyphs_without_a_map_are_reported_and_never_left_in_the_yaml(tmp_path):
    fx.threshold(tmp_path / "h.pdf", font="helvetica")
    prof = tmp_path / "no-bullet-map.yml"
    prof.write_text(Path(load_profile("threshold-columns").path).read_text() + "cid_map: {127: null}\n")
    code, out, err = fx.run(tmp_path / "h.pdf", "--out", tmp_path / "st", "--content", fx.make_content(tmp_path / "c"),
                            "--profile", prof)
    assert code == 0, err
    assert "glyph (cid:127) has no mapping; dropped" in out
    text = "".join(p.read_text() for p in (tmp_path / "st").rglob("*.yml"))
    assert "(cid:" not in text


def test_a_text_layer_of_unmapped_glyphs_is_refused(tmp_path, monkeypatch):
    fx.threshold(tmp_path / "doc.pdf")
    real = pagedata.page_data

    def garbled(page, settings):
        data = real(page, settings)
        data["cids"] = {300 + i: 10 for i in range(data["chars"] // 10 + 1)}
        return data

    monkeypatch.setattr(reader, "page_data", garbled)
    code, _, err = fx.run(tmp_path / "doc.pdf", "--out", tmp_path / "st", "--content", tmp_path)
    assert code == 2 and "no Unicode map ((cid:NNN) codes)" in err and "OCR" in err


# ---------------------------------------------------------------- command line, report, diff


def test_list_profiles_edition_and_source_options(tmp_path):
    code, out, _ = fx.run("--list-profiles")
    assert code == 0 and out.count("\n") == 3 and "threshold-rows: Threshold tables, levels as rows" in out
    fx.threshold(tmp_path / "doc.pdf")
    code, out, _ = fx.run(tmp_path / "doc.pdf", "--out", tmp_path / "st", "--content", fx.make_content(tmp_path / "c"),
                          "--edition", "Spring 2027", "--source", "my-guidance")
    assert code == 0
    assert "source: my-guidance, edition: Spring 2027" in out
    assert "note: source 'my-guidance' is not in" in out
    assert fx.staged(tmp_path / "st", "needs", "autism")["sources"][0] == {
        "source": "my-guidance", "pages": [2, 3], "note": "Edition: Spring 2027"}


def test_report_lists_skips_by_page_and_cuts_long_lists():
    r = Report(pdf="x.pdf", profile="p", how="given", source="s", pages=3, tables=2, tables_mapped=1,
               cells_mapped=5, cells_skipped=1, stubs=2)
    assert "skipped: nothing" in r.text() and "edition: unknown (pass --edition)" in r.text()
    for i in range(5):
        r.skip(5 - i, f"thing {i}")
    text = r.text(limit=3)
    assert "page 1: thing 4" in text and "page 5: thing 0" not in text and "... and 2 more" in text
    assert "2 new strategies are stubs" in text and "cells: 5 mapped, 1 skipped" in text


def test_field_helpers_and_value_diffs(tmp_path):
    data = {"title": "T", "sources": [{"source": "a", "pages": [1]}, {"source": "b"}]}
    assert staging.get_field(data, "sources[*]", "a") == {"source": "a", "pages": [1]}
    assert staging.get_field(data, "phases.x.y", "a") is staging.MISSING
    assert staging.get_field(None, "title", "a") is staging.MISSING
    staging.set_field(data, "sources[*]", staging.MISSING, "a")
    staging.set_field(data, "phases.school-age.universal.descriptors", ["d"], "a")
    staging.set_field(data, "title", staging.MISSING, "a")
    assert data == {"sources": [{"source": "b"}], "phases": {"school-age": {"universal": {"descriptors": ["d"]}}}}
    assert staging.canon({"strategy": "x", "note": None}) == "x" and staging.canon(" a\n b ") == "a b"
    assert staging.same("body\n", "body") and not staging.same(staging.MISSING, "x")
    lines = staging._value_diff(["a", {"strategy": "s", "note": "n"}], ["a", "b"], "")
    assert lines == ["- s (note: n)", "+ b"]
    assert staging._value_diff("one\ntwo\n", "one\nthree\n", "") == ["@@ -1,2 +1,2 @@", " one", "-two", "+three"]
    assert staging._value_diff(staging.MISSING, {"source": "a"}, "") == ["- (none)", "+ source: a"]
    (tmp_path / "p.md").write_text("no front matter")
    (tmp_path / "q.yml").write_text("- a list\n")
    assert staging.read_item(tmp_path / "p.md", "pages") is None and staging.read_item(tmp_path / "q.yml", "needs") is None
    assert staging.read_item(tmp_path / "missing.yml", "needs") is None
    assert staging.ContentIndex(tmp_path / "none").ids("needs") == []
    (tmp_path / "h.yml").write_text("# first\n# second\ntitle: x\n")
    assert staging._header(tmp_path / "h.yml") == ["# first", "# second"] and staging._header(tmp_path / "no") == []
    assert staging.render_item("needs", {"title": "a\nb"}, ["# mine"]) == "# mine\ntitle: |-\n  a\n  b\n"


def test_extract_error_is_one_line():
    assert ExtractError("two\n  lines").message == "two lines"
    with pytest.raises(ExtractError, match="profile 'nope' not found"):
        load_profile("nope")
    assert cli.parser().prog == "python -m scripts.extract"
    assert yaml.safe_load(Path(load_profile("binder-chapter").path).read_text())["kind"] == "binder"


def test_staging_is_replaced_whole_and_keeps_its_manifest_and_report(tmp_path):
    out = tmp_path / "staging"
    staging.write_staging(out, {("pages", "a"): {"title": "A", "body": "Text.\n"}}, {"source": "s"}, "report one")
    staging.write_staging(out, {("needs", "b"): {"title": "B"}}, {"source": "s", "profile": "p"}, "report two")
    assert sorted(fx.tree(out)) == [".sen-staging", "extraction.yml", "needs/b.yml", "report.txt"]
    assert (out / "report.txt").read_text() == "report two\n"
    manifest, items = staging.read_staging(out)
    assert manifest == {"source": "s", "profile": "p"} and items == {("needs", "b"): {"title": "B"}}
    assert not list(tmp_path.glob(".staging-*"))


def test_module_entry_point(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["python -m scripts.extract", "--list-profiles"])
    with pytest.raises(SystemExit) as exc:
        runpy.run_module("scripts.extract", run_name="__main__")
    assert exc.value.code == 0 and "binder-chapter:" in capsys.readouterr().out
