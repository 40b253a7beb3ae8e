# Word downloads: each example plan, and a blank plan template, as .docx files schools can fill in (python-docx).
# In: a loaded Content (scripts.content.load.load) and a plan id. Out: .docx files, or {path in docs folder: bytes} for the build.
from __future__ import annotations

import datetime as dt
import io
import os
import sys
import zipfile
from pathlib import Path

# python-docx is imported where a document is made: most builds take every document from the cache, and importing
# it was a fifth of the command-line start-up time.

from scripts.content import model as m
from scripts.text import long_date

DOWNLOADS = "plans/downloads"  # folder inside the generated docs folder
BLANK_NAME = "blank-sen-support-plan.docx"
BLANK_TITLE = "SEN Support plan"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # zip entry times, so the same plan always gives the same bytes

# The headings of every plan document, in order: (level, text). The blank template has exactly the same.
HEADINGS: tuple[tuple[int, str], ...] = (
    (1, "Pupil details"),
    (1, "Summary"),
    (1, "About me"),
    (2, "What I am good at"),
    (2, "What matters to me"),
    (2, "What helps me"),
    (2, "What does not help me"),
    (1, "What my parents or carers say"),
    (1, "Outcomes"),
    (1, "Provision"),
    (1, "Review"),
    (2, "Progress towards each outcome"),
    (2, "Next steps"),
    (2, "Level of support from now on"),
)
DETAILS = ("Name", "Year group", "Age group", "Level of support", "Needs", "Review date")
OUTCOME_COLUMNS = ("Outcome", "How we will measure it", "By")
PROVISION_COLUMNS = ("Strategy", "How often", "How long", "Group size", "Who")
PROGRESS_COLUMNS = ("Outcome", "Progress")
BLANK_ROWS = {"outcomes": 4, "provision": 6}



def provision_rows(content, plan_id: str) -> list[tuple[str, str, str, str, str]]:
    """The provision table of a plan as text: strategy title, how often, how long, group size, who (role titles)."""
    plan = content.plans[plan_id]
    return [(content.strategies[p.strategy].title, p.how_often, p.how_long, p.group_size,
             ", ".join(content.roles[r].title for r in p.who)) for p in plan.provision]


# ---------------------------------------------------------------- building blocks


def _new_document(title: str, authority: m.Authority | None):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().append(_element("w:lang", "en-GB"))
    props = doc.core_properties
    props.title = title[:255]  # Word's limit for a document property (python-docx refuses more)
    props.subject = "SEN Support plan"
    props.author = (authority.name if authority else "SEN Support Guide")[:255]
    props.last_modified_by = props.author
    props.language = "en-GB"
    when = dt.datetime.combine(authority.edition_date if authority else dt.date(*FIXED_TIME[:3]), dt.time())
    props.created = props.modified = when
    props.revision = 1
    doc.add_heading(title, level=0)
    return doc


def _repeat_header(row) -> None:
    """Mark a table row as a header row: read out as headings and repeated on each printed page."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        trpr.append(_element(tag, "true"))


def _keep_row_together(row) -> None:
    row._tr.get_or_add_trPr().append(_element("w:cantSplit", "true"))


def _element(tag: str, value: str):
    """A WordprocessingML element with a w:val attribute, e.g. <w:lang w:val="en-GB"/>."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    el.set(qn("w:val"), value)
    return el


def _table(doc, columns: tuple[str, ...], rows: list[tuple[str, ...]]):
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, columns):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        row = table.add_row()
        _keep_row_together(row)
        for cell, text in zip(row.cells, values):
            cell.text = text
    return table


def _details_table(doc, values: tuple[str, ...]):
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in zip(DETAILS, values):
        row = table.add_row()
        _keep_row_together(row)
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].text = value
    return table


def _bullets(doc, items: list[str]) -> None:
    for item in items or [""]:
        doc.add_paragraph(item, style="List Bullet")


def _heading(doc, index: int) -> None:
    level, text = HEADINGS[index]
    doc.add_heading(text, level=level)


# ---------------------------------------------------------------- documents


def plan_document(content, plan_id: str):
    """A python-docx Document for one example plan."""
    if plan_id not in content.plans:
        raise KeyError(f"unknown plan {plan_id!r}: use one of {', '.join(sorted(content.plans))}")
    plan = content.plans[plan_id]
    doc = _new_document(plan.title, content.authority)
    doc.add_paragraph(f"{plan.pupil} is a fictional pupil. This example shows what a good SEN Support plan can look "
                      f"like; change it to fit your own pupil.", style="Intense Quote")
    _heading(doc, 0)
    _details_table(doc, (plan.pupil, plan.year_group, content.framework.phase_label(plan.phase), content.framework.level(plan.level).title,
                         ", ".join(content.needs[n].title for n in plan.needs), long_date(plan.review.date)))
    _heading(doc, 1)
    doc.add_paragraph(plan.summary)
    _heading(doc, 2)
    for index, items in zip(range(3, 7), (plan.about_me.strengths, plan.about_me.what_matters,
                                          plan.about_me.what_helps, plan.about_me.what_does_not_help)):
        _heading(doc, index)
        _bullets(doc, items)
    _heading(doc, 7)
    for paragraph in plan.parents_views:
        doc.add_paragraph(paragraph)
    _heading(doc, 8)
    _table(doc, OUTCOME_COLUMNS, [(o.outcome, o.measure, long_date(o.by)) for o in plan.outcomes])
    _heading(doc, 9)
    _table(doc, PROVISION_COLUMNS, provision_rows(content, plan_id))
    _heading(doc, 10)
    doc.add_paragraph(f"Review date: {long_date(plan.review.date)}")
    _heading(doc, 11)
    _table(doc, PROGRESS_COLUMNS, [(o.outcome, o.progress) for o in plan.outcomes])
    _heading(doc, 12)
    _bullets(doc, plan.review.next_steps)
    _heading(doc, 13)
    paragraph = doc.add_paragraph()
    paragraph.add_run(content.framework.level(plan.review.next_level).title + ". ").bold = True
    paragraph.add_run(plan.review.level_decision)
    return doc


def blank_document(authority: m.Authority | None = None):
    """A python-docx Document with the plan headings and empty tables, to fill in."""
    doc = _new_document(BLANK_TITLE, authority)
    doc.add_paragraph("Fill in each section with the pupil and their parents or carers. Write \"about me\" in the "
                      "pupil's own words. Make each outcome specific, measurable and dated.", style="Intense Quote")
    _heading(doc, 0)
    _details_table(doc, ("",) * len(DETAILS))
    _heading(doc, 1)
    doc.add_paragraph("")
    for index in range(2, 7):
        _heading(doc, index)
        if index > 2:
            _bullets(doc, [])
    _heading(doc, 7)
    doc.add_paragraph("")
    _heading(doc, 8)
    _table(doc, OUTCOME_COLUMNS, [("",) * len(OUTCOME_COLUMNS)] * BLANK_ROWS["outcomes"])
    _heading(doc, 9)
    _table(doc, PROVISION_COLUMNS, [("",) * len(PROVISION_COLUMNS)] * BLANK_ROWS["provision"])
    _heading(doc, 10)
    doc.add_paragraph("Review date: ")
    _heading(doc, 11)
    _table(doc, PROGRESS_COLUMNS, [("",) * len(PROGRESS_COLUMNS)] * BLANK_ROWS["outcomes"])
    _heading(doc, 12)
    _bullets(doc, [])
    _heading(doc, 13)
    doc.add_paragraph("")
    return doc


def docx_bytes(doc) -> bytes:
    """The document as bytes, with fixed zip entry times so an unchanged plan gives identical bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_plan_docx(content, plan_id: str, path: str | Path) -> Path:
    """Write one example plan as a Word document."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(plan_document(content, plan_id)))
    return path


def write_blank_template(path: str | Path, authority: m.Authority | None = None) -> Path:
    """Write the blank SEN Support plan template as a Word document."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(blank_document(authority)))
    return path


def _cache_key(content, pid: str | None, common: list[str]) -> str:
    """A hash of everything a document is made from: `common` (this code and the authority, the same for every
    document), then the plan and the titles it shows."""
    import hashlib
    import json

    parts = list(common)
    if pid is not None:
        plan = content.plans[pid]
        parts.append(plan.model_dump_json())
        parts += [content.needs[n].title for n in plan.needs]
        for p in plan.provision:
            parts.append(content.strategies[p.strategy].title)
            parts += [content.roles[r].title for r in p.who]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def plan_downloads(content, cache_dir: str | Path | None = None) -> dict[str, bytes]:
    """{path inside the docs folder: bytes} for every plan and the blank template, e.g. plans/downloads/<id>.docx.
    With cache_dir, a document whose inputs have not changed is read back instead of made again (python-docx
    takes about a quarter of a second a plan, most of the generation time)."""
    common = [Path(__file__).read_bytes().decode("utf-8"), content.authority.model_dump_json()] if cache_dir else []

    def made(pid: str | None, make) -> bytes:
        if cache_dir is None:
            return make()
        path = Path(cache_dir) / f"{_cache_key(content, pid, common)}.docx"
        if path.is_file():
            return path.read_bytes()
        data = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")  # whole or absent: parallel builds share the cache
        part.write_bytes(data)
        os.replace(part, path)
        return data

    files = {f"{DOWNLOADS}/{pid}.docx": made(pid, lambda pid=pid: docx_bytes(plan_document(content, pid)))
             for pid in sorted(content.plans)}
    files[f"{DOWNLOADS}/{BLANK_NAME}"] = made(None, lambda: docx_bytes(blank_document(content.authority)))
    return files


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.site.docx_plans [content] [out]`: write every plan and the blank template into out."""
    from scripts.content.load import ContentErrors, load

    args = sys.argv[1:] if argv is None else argv
    root = args[0] if args else "content"
    out = Path(args[1] if len(args) > 1 else "build/downloads")
    try:
        content = load(root)
    except ContentErrors as exc:
        print("\n".join(exc.errors), file=sys.stderr)
        return 2
    for rel, data in plan_downloads(content).items():
        path = out / Path(rel).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(content.plans)} plans and the blank template to {out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
