# The extraction corpus: eight-plus document layouts drawn from one set of needs, each with its ground truth.
# In: the fictional needs below. Out: PDFs (reportlab, or Word files from python-docx exported by LibreOffice), cached.
"""A corpus of threshold and binder documents in the layouts local authorities publish.

Every layout is drawn from the same fictional needs (NEEDS), so the truth of a layout is what its
document printed: for each need, phase, level and aspect the list of bullets, as the staged need
should hold them (a strategy as "Title – note", a "who may help" role as its id, anything else as
text). Binder layouts' truth is every list item and table cell of each chapter.

reportlab layouts: today's two (levels as columns, levels as rows), a landscape grid (one table per
need, no phase named, odd heading sizes, a bare page number), level bands (need heading above a
smaller area line, shaded level rows then "aspect | bullets" rows, Helvetica, whose bullet is
(cid:127) and whose font is not embedded), and a binder chapter.

Word layouts (python-docx, then `soffice --headless --convert-to pdf`): a post-16 document (one
phase, two levels, aspects as header columns and levels as rows, Word's U+F0B7 bullets, "Page N of
M" footers, rows over page breaks), a document with bold need headings the size of the body text
and dash bullets, a binder chapter, and one with the authority's own names for levels and aspects
(first made unseen, to time an officer's run; README, "Extracting a PDF").

PDFs are cached in build/corpus/ under a hash of this file and the renderer, so the suite draws
(and LibreOffice converts) each layout once.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from . import render
from .profiles import load_profile

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "corpus"
LEVELS = ("universal", "sen-support", "enhanced-sen-support", "ehc")
PHASES = ("school-age", "post-16")
ASPECTS = ("descriptors", "assessment", "strategies", "who_may_help")
SEP = " – "

# ---------------------------------------------------------------- the needs every layout draws

NEEDS = [
    {"id": "autism", "title": "Autism", "area": "communication-and-interaction",
     "aka": ["ASD", "autism spectrum condition"],
     "summary": "Autistic children and young people see, hear and feel the world differently. They may find it "
                "hard to know what others think & feel.",
     "notice": ["Finds changes to the day hard, and may get upset when a lesson moves room without warning.",
                "Prefers to play alone or to follow their own interests.", "Covers their ears in noisy rooms.",
                "Takes words literally, so jokes and sarcasm can confuse them."],
     "assess": ["Staff watch the learner in lessons and at break.", "Parents say what they see at home.",
                "A sensory checklist is filled in with the family."],
     "helps": [("Visual timetable", None), ("Quiet space to calm down", "A calm corner works well for younger pupils."),
               ("Now and next board", None), ("Social stories written with the learner", None)],
     "extra": "Local autism outreach service"},
    {"id": "dyslexia", "title": "Dyslexia", "area": "cognition-and-learning",
     "aka": ["specific learning difficulty", "SpLD"],
     "summary": "Dyslexia makes reading and spelling hard. It is not about how clever someone is.",
     "notice": ["Reads slowly and loses their place on the page.",
                "Spells the same word in different ways in one piece of writing.",
                "Has low self-esteem about reading aloud in front of others.",
                "Finds copying from the board tiring, and falls behind with notes."],
     "assess": ["A reading and spelling check by the teacher.", "A specialist teacher's assessment.",
                "A check of eyesight and hearing first."],
     "helps": [("Coloured overlays", None), ("Reading pen", "The learner scans a line & hears it read aloud."),
               ("Small-group phonics sessions three times a week", None), ("Notes given on paper", None)],
     "extra": "Dyslexia support charity"},
    {"id": "hearing-impairment", "title": "Hearing impairment", "area": "sensory-and-physical",
     "aka": ["deafness", "hearing loss"],
     "summary": "A hearing impairment means a child or young person hears less than others, in one ear or both.",
     "notice": ["Watches faces closely and asks for things to be said again.",
                "Misses what is said when there is background noise.", "Seems tired at the end of the day.",
                "Speaks loudly or very quietly."],
     "assess": ["A hearing test by the audiology service.", "The teacher of the deaf observes in class."],
     "helps": [("Radio aid", "Check it every morning."), ("Seat near the teacher, away from noise", None),
               ("Subtitles on every video", None), ("Pre-teaching of new words", None)],
     "extra": "Audiology service"},
]
AREA_TITLES = {"communication-and-interaction": "Communication and interaction",
               "cognition-and-learning": "Cognition and learning", "sensory-and-physical": "Sensory and physical",
               "social-emotional-and-mental-health": "Social, emotional and mental health"}
LEVEL_PHRASE = {"universal": "Most of the day goes well with good everyday teaching",
                "sen-support": "Needs a written support plan that is reviewed each term",
                "enhanced-sen-support": "Needs extra help from a specialist most days",
                "ehc": "Needs help agreed in an education, health and care plan"}
PHASE_PHRASE = {"school-age": "at school", "post-16": "at college or in training"}
WHO = {"universal": ["Class teacher", "Parents and carers"], "sen-support": ["SENCO", "Class teacher"],
       "enhanced-sen-support": ["SENCO", "Specialist teacher", None],
       "ehc": ["Educational psychologist", "Local authority SEN team", None]}
ROLE_IDS = {"Class teacher": "class-teacher", "Parents and carers": "parents-and-carers", "SENCO": "senco",
            "Specialist teacher": "specialist-teacher", "Educational psychologist": "educational-psychologist",
            "Local authority SEN team": "la-sen-team", "College learning support": "college-learning-support"}
LONG = ("Some days go better than others, so staff keep a short diary of what happened before a hard moment "
        "and share it with the family at the end of each week.")


def printed(need: dict, phase: str, level: str, aspect: str) -> list[str]:
    """The bullets a document prints for one need, phase, level and aspect (different in every cell)."""
    i = LEVELS.index(level) + 2 * PHASES.index(phase)
    if aspect == "descriptors":
        items = [need["notice"][(i + k) % len(need["notice"])] for k in range(2)]
        items.append(f"{LEVEL_PHRASE[level]} {PHASE_PHRASE[phase]}.")
        if level == "sen-support":
            items.append(LONG)
        return items
    if aspect == "assessment":
        return [need["assess"][i % len(need["assess"])], f"Progress is checked {('every half term', 'each term', 'every six weeks', 'at the annual review')[LEVELS.index(level)]} {PHASE_PHRASE[phase]}."]
    if aspect == "strategies":
        picks = [need["helps"][(i + k) % len(need["helps"])] for k in range(2)]
        picks.append((f"{need['title']} review meeting {PHASE_PHRASE[phase]}", f"Level {LEVELS.index(level) + 1} of 4."))
        return [t + (SEP + n if n else "") for t, n in picks]
    who = [need["extra"] if w is None else w for w in WHO[level]]
    if phase == "post-16":
        who = ["College learning support" if w == "Class teacher" else w for w in who]
    return who


def expected(aspect: str, text: str) -> str:
    """A printed bullet as the staged need holds it (a known role as its id)."""
    return ROLE_IDS.get(text, text) if aspect == "who_may_help" else text


# ---------------------------------------------------------------- layouts


@dataclass
class Layout:
    name: str
    kind: str  # threshold | binder
    phases: tuple[str, ...] = PHASES
    levels: tuple[str, ...] = LEVELS
    draw: Callable[[Path, "Layout"], None] | None = None
    word: bool = False  # drawn in Word, exported by LibreOffice
    hand: dict = field(default_factory=dict)  # keys an officer sets in the proposed profile (the proposal says which)
    what: str = ""
    items: Callable[[dict, str, str, str], list[str]] | None = None  # what a cell prints, when not `printed`

    def truth(self) -> dict:
        """need id -> {(phase, level, aspect): [bullets]}; binder: chapter title -> [list items and table cells]."""
        if self.kind == "binder":
            return {ch["title"]: binder_items(ch["body"]) for ch in CHAPTERS}
        cell = self.items or printed
        return {n["id"]: {(ph, lv, a): [expected(a, t) for t in cell(n, ph, lv, a)]
                          for ph in self.phases for lv in self.levels for a in ASPECTS} for n in NEEDS}

    def pdf(self) -> Path:
        """The layout's PDF, drawn once and cached under build/corpus/."""
        key = hashlib.sha256((Path(__file__).read_bytes() + Path(render.__file__).read_bytes()
                              + self.name.encode())).hexdigest()[:12]
        path = CACHE / f"{self.name}-{key}.pdf"
        if not path.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            for old in CACHE.glob(f"{self.name}-*.pdf"):
                old.unlink()
            tmp = path.with_suffix(".tmp.pdf")
            self.draw(tmp, self)
            tmp.replace(path)
        return path


# ---------------------------------------------------------------- reportlab layouts


def _model_needs(layout: Layout) -> tuple[list[tuple[str, dict]], dict[str, str]]:
    """The needs as content-model data for render.threshold_pdf (strategies by id, with their titles)."""
    titles: dict[str, str] = {}
    out = []
    for n in NEEDS:
        phases: dict = {}
        for ph in layout.phases:
            for lv in layout.levels:
                refs = []
                for text in printed(n, ph, lv, "strategies"):
                    title, _, note = text.partition(SEP)
                    sid = "-".join(title.lower().replace(",", "").split())
                    titles[sid] = title
                    refs.append({"strategy": sid, "note": note} if note else sid)
                phases.setdefault(ph, {})[lv] = {"descriptors": printed(n, ph, lv, "descriptors"),
                                                 "assessment": printed(n, ph, lv, "assessment"),
                                                 "strategies": refs, "who_may_help": printed(n, ph, lv, "who_may_help")}
        out.append((n["id"], {"area": n["area"], "title": n["title"], "also_known_as": n["aka"],
                              "summary": n["summary"], "phases": phases}))
    return out, titles


def _today(profile: str, font: str) -> Callable[[Path, Layout], None]:
    def draw(path: Path, layout: Layout) -> None:
        needs, titles = _model_needs(layout)
        render.threshold_pdf(path, needs, titles, load_profile(profile), font=font)
    return draw


def _rl_doc(path: Path, story: list, size, footer: Callable, header: str | None, font: str) -> None:
    def decor(canvas, doc):
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(font, 8)
        if header:
            canvas.drawString(render.MARGIN, height - 24, header)
        canvas.drawCentredString(width / 2, 18, footer(doc.page))
        canvas.restoreState()
    doc = render._Doc(str(path), pagesize=size, leftMargin=render.MARGIN, rightMargin=render.MARGIN, topMargin=50,
                      bottomMargin=46, title="Guidance", author="Example Borough Council")
    doc.build(story, onFirstPage=decor, onLaterPages=decor)


def _cell(items: list[str], style, bullet: str = "•") -> list[Paragraph]:
    return [render._para(t, style, bullet=bullet) for t in items]


def draw_grid(path: Path, layout: Layout) -> None:
    """Landscape; area 15 pt above need 19 pt (the need is the larger); no phase named; one table per need with
    aspects as rows and levels as columns; the footer is a bare page number; no running header."""
    regular, bold = render.fonts("dejavu")
    st = render._styles(regular, bold)
    area_st = render.ParagraphStyle("a", parent=st["area"], fontSize=15, leading=19)
    need_st = render.ParagraphStyle("n", parent=st["need"], fontSize=19, leading=23)
    labels = {"descriptors": "What you may see", "assessment": "Assessment", "strategies": "Provision",
              "who_may_help": "Who can help"}
    story: list = [render._para("Meeting needs in our schools", st["title"]),
                   render._para("Example Borough Council. Fictional guidance made for testing.", st["body"])]
    size = landscape(A4)
    width = size[0] - 2 * render.MARGIN
    area = None
    for n in NEEDS:
        if n["area"] != area:
            area = n["area"]
            story.append(render._para(AREA_TITLES[area], area_st))
        story += [render._para(n["title"], need_st, mark=n["id"]),
                  render._para("Also known as: " + ", ".join(n["aka"]), st["body"]), render._para(n["summary"], st["body"])]
        names = {"universal": "Universal", "sen-support": "SEN Support", "enhanced-sen-support": "Enhanced support",
                 "ehc": "EHC plan"}
        data = [[render._para("", st["head"])] + [render._para(names[lv], st["head"]) for lv in layout.levels]]
        for a in ASPECTS:
            data.append([render._para(labels[a], st["head"])]
                        + [_cell(printed(n, "school-age", lv, a), st["cell"]) for lv in layout.levels])
        story += [Table(data, colWidths=[96] + [(width - 96) / 4] * 4, repeatRows=1, splitInRow=1,
                        style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                          ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e0f0"))])),
                  Spacer(1, 12)]
    _rl_doc(path, story, size, lambda page: str(page), None, regular)


def draw_bands(path: Path, layout: Layout) -> None:
    """Portrait, Helvetica (not embedded; its bullet reads back as (cid:127)); each need heading (16 pt) above a
    smaller area line (12 pt); one table per need: a shaded full-width row per level, then 'aspect | bullets'."""
    regular, bold = render.fonts("helvetica")
    st = render._styles(regular, bold)
    need_st = render.ParagraphStyle("n", parent=st["need"], fontSize=16, leading=20)
    area_st = render.ParagraphStyle("a", parent=st["body"], fontName=bold, fontSize=12, leading=15, spaceAfter=6)
    story: list = [render._para("Special educational needs: what schools provide", st["title"])]
    size = portrait(A4)
    width = size[0] - 2 * render.MARGIN
    for n in NEEDS:
        story += [render._para(n["title"], need_st, mark=n["id"]), render._para(AREA_TITLES[n["area"]], area_st),
                  render._para("Also known as: " + ", ".join(n["aka"]), st["body"]), render._para(n["summary"], st["body"])]
        data, style = [], [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        for lv in layout.levels:
            style += [("SPAN", (0, len(data)), (-1, len(data))),
                      ("BACKGROUND", (0, len(data)), (-1, len(data)), colors.HexColor("#cfe3d8"))]
            data.append([render._para(load_profile("threshold-rows").label("levels", lv), st["head"]), ""])
            for a in ASPECTS:
                data.append([render._para(load_profile("threshold-rows").label("fields", a), st["head"]),
                             _cell(printed(n, "school-age", lv, a), st["cell"])])
        story += [Table(data, colWidths=[120, width - 120], splitInRow=1, style=TableStyle(style)), Spacer(1, 12)]
    _rl_doc(path, story, size, lambda page: f"Page {page}", "Threshold guidance: school age (Years 1 to 11)", regular)


def draw_binder(path: Path, layout: Layout) -> None:
    render.binder_pdf(path, [(c["id"], c) for c in CHAPTERS], load_profile("binder-chapter"))


# ---------------------------------------------------------------- Word layouts (python-docx, then LibreOffice)


def _field(run, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in a run: begin, instruction, separate, a placeholder, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == code else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _word_doc(landscape_pages: bool = False, footer: str = "page-of"):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    sec = doc.sections[0]
    if landscape_pages:
        sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.LANDSCAPE, sec.page_height, sec.page_width
    para = sec.footer.paragraphs[0]
    para.alignment = 1
    if footer == "page-of":
        para.add_run("Page ")
        _field(para.add_run(), "PAGE")
        para.add_run(" of ")
        _field(para.add_run(), "NUMPAGES")
    return doc


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _bullets(cell, items: list[str], style: str = "List Bullet", prefix: str = "") -> None:
    first = cell.paragraphs[0]
    for k, text in enumerate(items):
        p = first if k == 0 else cell.add_paragraph()
        p.text = prefix + text
        if style:
            p.style = style


def _heading(doc, text: str, size: float, bold: bool = True) -> None:
    from docx.shared import Pt
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold, run.font.size = bold, Pt(size)


def _export(doc, path: Path) -> None:
    """Save as .docx and convert with LibreOffice headless (its own profile folder, so runs never clash)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is needed for the Word layouts: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (path.stem + ".docx")
        doc.save(src)
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        shutil.move(str(Path(tmp) / (path.stem + ".pdf")), path)


def draw_word_post16(path: Path, layout: Layout) -> None:
    """One phase (16 to 25) and two levels; aspects as header columns, levels as rows; Word bullets; 'Page N of M';
    long cells so rows run over page breaks (the header row repeats)."""
    doc = _word_doc()
    _heading(doc, "Support for young people aged 16 to 25", 20)
    doc.add_paragraph("Example Borough Council. Fictional guidance made for testing. Edition: March 2027")
    labels = {"sen-support": "SEN Support", "ehc": "EHC needs assessment"}
    heads = {"descriptors": "What you might notice", "assessment": "How it is assessed", "strategies": "What helps",
             "who_may_help": "Who may help"}
    area = None
    for n in NEEDS:
        if n["area"] != area:
            area = n["area"]
            _heading(doc, AREA_TITLES[area], 16)
        _heading(doc, n["title"], 13)
        doc.add_paragraph("Also known as: " + ", ".join(n["aka"]))
        doc.add_paragraph(n["summary"])
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for j, text in enumerate(["Level"] + [heads[a] for a in ASPECTS]):
            table.rows[0].cells[j].text = text
        _repeat_header(table.rows[0])
        for lv in layout.levels:
            row = table.add_row()
            row.cells[0].text = labels[lv]
            for j, a in enumerate(ASPECTS, start=1):
                _bullets(row.cells[j], long_cells(n, "post-16", lv, a))
    _export(doc, path)


def long_cells(need: dict, phase: str, level: str, aspect: str) -> list[str]:
    """`printed`, with descriptor cells long enough that a row runs over a page break."""
    items = printed(need, phase, level, aspect)
    if aspect == "descriptors":
        items = items + [f"{t} (seen {k} times this year)" for k, t in enumerate(need["notice"] * 2, start=2)]
    return items


def draw_word_columns(path: Path, layout: Layout) -> None:
    """Landscape Word document; both phases, a phase line (bold, 12 pt) above each table; need headings bold at the
    body size (found by weight); levels as columns, aspects as rows; bullets typed as '– '; a bare page number."""
    from docx.shared import Pt
    doc = _word_doc(landscape_pages=True, footer="none")
    para = doc.sections[0].footer.paragraphs[0]
    _field(para.add_run(), "PAGE")
    doc.sections[0].header.paragraphs[0].text = "Ordinarily available provision and beyond. Edition: 2027"
    _heading(doc, "What settings provide for children and young people with SEND", 18)
    phase_names = {"school-age": "School age", "post-16": "Post-16"}
    area = None
    for n in NEEDS:
        if n["area"] != area:
            area = n["area"]
            _heading(doc, AREA_TITLES[area], 14)
        _heading(doc, n["title"], 10)
        doc.add_paragraph("Also known as: " + ", ".join(n["aka"]))
        doc.add_paragraph(n["summary"])
        for ph in layout.phases:
            _heading(doc, phase_names[ph], 12)
            table = doc.add_table(rows=1, cols=5)
            table.style = "Table Grid"
            for j, lv in enumerate(layout.levels, start=1):
                table.rows[0].cells[j].text = load_profile("threshold-rows").label("levels", lv)
            _repeat_header(table.rows[0])
            for a in ASPECTS:
                row = table.add_row()
                row.cells[0].text = {"descriptors": "Descriptors", "assessment": "Assessment",
                                     "strategies": "Strategies", "who_may_help": "Who may help"}[a]
                for j, lv in enumerate(layout.levels, start=1):
                    _bullets(row.cells[j], printed(n, ph, lv, a), style="", prefix="– ")
                    for p in row.cells[j].paragraphs:
                        p.paragraph_format.left_indent = Pt(0)
    _export(doc, path)


def draw_word_graduated(path: Path, layout: Layout) -> None:
    """Portrait Word document with the authority's own names for levels and aspects (no shared label matches
    them), a need heading (14 pt bold) over a smaller italic area line, a running header without 'Edition'.
    First made as an unseen layout to time an officer's run (see README); kept as a regression case."""
    from docx.shared import Pt
    doc = _word_doc()
    doc.sections[0].header.paragraphs[0].text = "Graduated Response Toolkit (version 3)"
    _heading(doc, "Graduated response: what schools do for pupils in Years 1 to 11", 17)
    doc.add_paragraph("Example Borough Council. Fictional guidance made for testing.")
    levels = {"universal": "Universal offer", "sen-support": "Targeted support", "enhanced-sen-support": "Targeted plus",
              "ehc": "Statutory (EHC)"}
    aspects = {"descriptors": "Signs you may notice", "assessment": "Identifying the need",
               "strategies": "Support and interventions", "who_may_help": "People involved"}
    for n in NEEDS:
        _heading(doc, n["title"], 14)
        run = doc.add_paragraph().add_run(AREA_TITLES[n["area"]])
        run.italic, run.font.size = True, Pt(11.5)
        doc.add_paragraph("Also known as: " + ", ".join(n["aka"]))
        doc.add_paragraph(n["summary"])
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for j, lv in enumerate(layout.levels, start=1):
            table.rows[0].cells[j].text = levels[lv]
        _repeat_header(table.rows[0])
        for a in ASPECTS:
            row = table.add_row()
            row.cells[0].text = aspects[a]
            for j, lv in enumerate(layout.levels, start=1):
                _bullets(row.cells[j], printed(n, "school-age", lv, a))
    _export(doc, path)


def draw_word_waves(path: Path, layout: Layout) -> None:
    """Landscape Word document: levels as rows named as 'waves', aspects as header columns with the authority's
    own names, a merged phase row in each table, 'o' bullets typed as text, footer 'Inclusion toolkit - page N'.
    The second unseen layout (README, "Extracting a PDF"); kept as a regression case."""
    doc = _word_doc(landscape_pages=True, footer="none")
    para = doc.sections[0].footer.paragraphs[0]
    para.add_run("Inclusion toolkit - page ")
    _field(para.add_run(), "PAGE")
    doc.sections[0].header.paragraphs[0].text = "Inclusion Toolkit. Edition: 2 (2027)"
    _heading(doc, "Inclusion toolkit for mainstream schools", 20)
    doc.add_paragraph("Example Borough Council. Fictional guidance made for testing.")
    levels = {"universal": "Wave 1: quality first teaching", "sen-support": "Wave 2: targeted",
              "enhanced-sen-support": "Wave 3: specialist", "ehc": "EHC plan"}
    aspects = {"descriptors": "What we might see", "assessment": "How we find out more",
               "strategies": "What we will do", "who_may_help": "Who can support"}
    area = None
    for n in NEEDS:
        if n["area"] != area:
            area = n["area"]
            _heading(doc, AREA_TITLES[area], 16)
        _heading(doc, n["title"], 13)
        doc.add_paragraph("Also known as: " + ", ".join(n["aka"]))
        doc.add_paragraph(n["summary"])
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = "Wave"
        for j, a in enumerate(ASPECTS, start=1):
            table.rows[0].cells[j].text = aspects[a]
        _repeat_header(table.rows[0])
        band = table.add_row().cells
        band[0].merge(band[4]).text = "School age"
        for lv in layout.levels:
            row = table.add_row()
            row.cells[0].text = levels[lv]
            for j, a in enumerate(ASPECTS, start=1):
                _bullets(row.cells[j], printed(n, "school-age", lv, a), style="", prefix="o ")
    _export(doc, path)


def draw_word_binder(path: Path, layout: Layout) -> None:
    """Binder chapters written in Word: numbered headings, Word bullets and numbered lists, a ruled table."""
    doc = _word_doc()
    for n, ch in enumerate(CHAPTERS, start=1):
        if n > 1:
            doc.add_page_break()
        _heading(doc, f"{n} {ch['title']}", 18)
        section = sub = 0
        for b in render.parse_markdown(ch["body"]):
            if b["kind"] == "heading" and b["depth"] == 2:
                section, sub = section + 1, 0
                _heading(doc, f"{n}.{section} {b['text']}", 13)
            elif b["kind"] == "heading":
                sub += 1
                _heading(doc, f"{n}.{section}.{sub} {b['text']}", 12)
            elif b["kind"] == "para":
                doc.add_paragraph(b["text"])
            elif b["kind"] == "bullet":
                doc.add_paragraph(b["text"], style="List Bullet")
            elif b["kind"] == "number":
                doc.add_paragraph(f"{b['n']}. {b['text']}")
            else:
                table = doc.add_table(rows=0, cols=len(b["rows"][0]))
                table.style = "Table Grid"
                for r in b["rows"]:
                    cells = table.add_row().cells
                    for j, text in enumerate(r):
                        cells[j].text = text
                doc.add_paragraph("")
    _export(doc, path)


# ---------------------------------------------------------------- binder chapters and their truth

CHAPTERS = [
    {"id": "asking-for-an-assessment", "title": "Asking for an EHC needs assessment", "body": """\
An EHC needs assessment looks at what a child needs. Parents, schools and young people can ask for one.

## Who can ask

The local authority must decide within 6 weeks whether to assess.

- Parents and carers
- The school or college, after talking to the family
- A young person aged 16 to 25, for themselves

## What happens next

1. The local authority writes to you.
2. It asks for advice from the people who know your child & the school.
3. It decides whether to issue a plan.

### Who does what

| Who | What they do |
| --- | --- |
| SENCO | Gathers the school's evidence and the support plans. |
| Parents and carers | Say what they see at home and what they want for their child. |

If you disagree with a decision, you can ask for mediation first.
"""},
    {"id": "annual-reviews", "title": "Annual reviews", "body": """\
An EHC plan is reviewed at least every 12 months. From Year 9 the review looks at preparing for adulthood.

- Employment and further study
- Independent living
- Friends and community
- Good health
"""},
]


def binder_items(body: str) -> list[str]:
    """The list items and table cells of a chapter body, as the staged Markdown prints them."""
    out = []
    for b in render.parse_markdown(body):
        if b["kind"] == "bullet":
            out.append(b["text"])
        elif b["kind"] == "number":
            out.append(f"{b['n']}. {b['text']}")
        elif b["kind"] == "table":
            out += [c for row in b["rows"] for c in row]
    return out


LAYOUTS: dict[str, Layout] = {lay.name: lay for lay in [
    Layout("columns", "threshold", draw=_today("threshold-columns", "dejavu"),
           what="today's levels-as-columns tables (landscape, embedded DejaVu)"),
    Layout("rows-helvetica", "threshold", draw=_today("threshold-rows", "helvetica"),
           what="today's levels-as-rows tables (portrait, Helvetica not embedded, (cid:127) bullets)"),
    Layout("binder", "binder", draw=draw_binder, what="today's binder chapters (reportlab)"),
    Layout("landscape-grid", "threshold", phases=("school-age",), draw=draw_grid, hand={"phase": "school-age"},
           what="landscape grid, one table per need, no phase named, odd heading sizes, bare page number"),
    Layout("level-bands", "threshold", phases=("school-age",), draw=draw_bands,
           what="portrait level bands, need above a smaller area line, Helvetica (cid:127) bullets"),
    Layout("word-post16", "threshold", phases=("post-16",), levels=("sen-support", "ehc"), draw=draw_word_post16,
           word=True, items=long_cells, what="Word: 16 to 25 only, two levels, aspects as header columns, U+F0B7 bullets, "
                           "Page N of M, rows over page breaks"),
    Layout("word-columns", "threshold", draw=draw_word_columns, word=True,
           what="Word: landscape, need headings bold at body size, phase lines, '–' bullets, bare page number"),
    Layout("word-binder", "binder", draw=draw_word_binder, word=True, what="Word: binder chapters"),
    Layout("word-graduated", "threshold", phases=("school-age",), draw=draw_word_graduated, word=True,
           what="Word: the authority's own level and aspect names, area line below the need, no 'Edition'"),
    Layout("word-waves", "threshold", phases=("school-age",), draw=draw_word_waves, word=True,
           what="Word: levels as 'waves' in rows, own aspect names, a phase row, 'o' bullets"),
]}
