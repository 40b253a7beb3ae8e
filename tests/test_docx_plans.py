# Word downloads: every real plan's .docx opens, has the plan headings, and its tables match the YAML.
import zipfile

import docx
import pytest

from scripts.site import docx_plans as dp
from scripts.content import model as m
from scripts.content.load import load
from scripts.text import long_date
from tests.conftest import CONTENT, MINIMAL

PLAN_IDS = sorted(p.stem for p in (CONTENT / "plans").glob("*.yml"))


def headings(doc) -> list[tuple[int, str]]:
    out = []
    for p in doc.paragraphs:
        name = p.style.name
        if name.startswith("Heading "):
            out.append((int(name.split()[1]), p.text))
    return out


def table_text(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def is_header_row(row) -> bool:
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(docx.oxml.ns.qn("w:tblHeader")) is not None


def check_plan_document(content, plan_id, path):
    plan = content.plans[plan_id]
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[0].text == plan.title
    assert headings(doc) == list(dp.HEADINGS)
    details, outcomes, provision, progress = doc.tables
    assert table_text(details) == [
        ["Name", plan.pupil], ["Year group", plan.year_group], ["Age group", content.framework.phase_label(plan.phase)],
        ["Level of support", content.framework.level(plan.level).title],
        ["Needs", ", ".join(content.needs[n].title for n in plan.needs)],
        ["Review date", long_date(plan.review.date)]]
    assert table_text(outcomes) == [list(dp.OUTCOME_COLUMNS)] + [
        [o.outcome, o.measure, long_date(o.by)] for o in plan.outcomes]
    # the provision table, cell by cell, against the YAML: strategy titles, how often, how long, group size, who
    expected = [[content.strategies[p.strategy].title, p.how_often, p.how_long, p.group_size,
                 ", ".join(content.roles[r].title for r in p.who)] for p in plan.provision]
    assert table_text(provision) == [list(dp.PROVISION_COLUMNS)] + expected
    assert table_text(progress) == [list(dp.PROGRESS_COLUMNS)] + [[o.outcome, o.progress] for o in plan.outcomes]
    for table in (outcomes, provision, progress):
        assert is_header_row(table.rows[0])
    text = "\n".join(p.text for p in doc.paragraphs)
    for item in (plan.summary, *plan.about_me.strengths, *plan.about_me.what_matters, *plan.about_me.what_helps,
                 *plan.about_me.what_does_not_help, *plan.parents_views, *plan.review.next_steps,
                 plan.review.level_decision):
        assert item in text
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert doc.core_properties.title == plan.title


# ---------------------------------------------------------------- every real plan


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_real_plan_docx_matches_yaml(content, plan_id, tmp_path):
    path = dp.write_plan_docx(content, plan_id, tmp_path / f"{plan_id}.docx")
    check_plan_document(content, plan_id, path)


def test_there_are_enough_plans_to_download(content):
    files = dp.plan_downloads(content)
    assert len(PLAN_IDS) >= 10
    assert set(files) == {f"plans/downloads/{pid}.docx" for pid in PLAN_IDS} | {"plans/downloads/blank-sen-support-plan.docx"}


# ---------------------------------------------------------------- the module itself, on the small fixture


@pytest.fixture(scope="module")
def small():
    return load(MINIMAL)


def test_fixture_plan(small, tmp_path):
    check_plan_document(small, "sam", dp.write_plan_docx(small, "sam", tmp_path / "deep" / "sam.docx"))


def test_blank_template_has_the_same_headings_and_empty_tables(tmp_path):
    path = dp.write_blank_template(tmp_path / "blank.docx")
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].text == dp.BLANK_TITLE
    assert headings(doc) == list(dp.HEADINGS)
    details, outcomes, provision, progress = doc.tables
    assert [row[0] for row in table_text(details)] == list(dp.DETAILS)
    assert all(row[1] == "" for row in table_text(details))
    for table, columns, rows in ((outcomes, dp.OUTCOME_COLUMNS, dp.BLANK_ROWS["outcomes"]),
                                 (provision, dp.PROVISION_COLUMNS, dp.BLANK_ROWS["provision"]),
                                 (progress, dp.PROGRESS_COLUMNS, dp.BLANK_ROWS["outcomes"])):
        text = table_text(table)
        assert text[0] == list(columns)
        assert text[1:] == [[""] * len(columns)] * rows
        assert is_header_row(table.rows[0])
    assert doc.core_properties.author == "SEN Support Guide"


def test_same_plan_gives_the_same_bytes(small):
    first = dp.docx_bytes(dp.plan_document(small, "sam"))
    assert first == dp.docx_bytes(dp.plan_document(small, "sam"))
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {dp.FIXED_TIME}


def test_unknown_plan_is_a_clear_error(small):
    with pytest.raises(KeyError, match="unknown plan 'nobody'.*sam"):
        dp.plan_document(small, "nobody")


def test_downloads_for_the_build(small):
    files = dp.plan_downloads(small)
    assert sorted(files) == ["plans/downloads/blank-sen-support-plan.docx", "plans/downloads/sam.docx"]
    assert all(data[:2] == b"PK" for data in files.values())


def test_command_line(tmp_path, capsys):
    assert dp.main([str(MINIMAL), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["blank-sen-support-plan.docx", "sam.docx"]
    assert "1 plans" in capsys.readouterr().out


def test_command_line_reports_broken_content(minimal, tmp_path, capsys):
    (minimal / "plans" / "sam.yml").write_text("title: [not, text]\n")
    assert dp.main([str(minimal), str(tmp_path / "out")]) == 2
    assert "sam.yml" in capsys.readouterr().err


def test_cached_documents_are_identical_and_reused(content, tmp_path):
    from scripts.site.docx_plans import plan_downloads

    fresh = plan_downloads(content)
    first = plan_downloads(content, tmp_path)
    assert first == fresh
    cached = sorted(tmp_path.iterdir())
    assert len(cached) == len(content.plans) + 1
    for path in cached:  # a reused file is read back, not made again
        path.write_bytes(b"cached")
    assert set(plan_downloads(content, tmp_path).values()) == {b"cached"}
