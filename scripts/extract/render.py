# Fixture PDFs for tests and the benchmark: threshold documents (either layout) and binder chapters.
# In: needs as content-model data (or Markdown chapters) and a profile. Out: a PDF and the page each need/chapter starts on.
"""Drawing documents the way local authorities lay them out, from the same labels the profiles read.

Threshold documents: a running header (title, "Edition: ...") and footer ("Page N"), an optional
title page, an area heading whenever the area changes, then per need a heading, "Also known as: ...",
the summary and the table(s) of the profile's layout, drawn with reportlab's Table: ruled, header
rows repeated on each page (repeatRows), rows split across page breaks (splitInRow), merged header
cells (SPAN), bulleted cell text that wraps. Strategies are printed as their title, plus " – note".
With font="helvetica" the text uses reportlab's built-in Helvetica, whose bullet comes back from
pdfplumber as (cid:127); with "dejavu" it uses embedded DejaVu Sans, which round-trips exactly.
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import fwids as fw
from .profiles import Profile

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
MARGIN = 36
FIELD_ORDER = ("descriptors", "assessment", "strategies", "who_may_help")


def fonts(font: str) -> tuple[str, str]:
    if font == "helvetica":
        return "Helvetica", "Helvetica-Bold"
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(DEJAVU / "DejaVuSans-Bold.ttf")))
    return "DejaVu", "DejaVu-Bold"


class _Doc(SimpleDocTemplate):
    """Records the page of every flowable carrying a `mark` attribute (need or chapter id)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.marks: dict[str, int] = {}

    def afterFlowable(self, flowable):
        mark = getattr(flowable, "mark", None)
        if mark and mark not in self.marks:
            self.marks[mark] = self.page


def _para(text: str, style: ParagraphStyle, mark: str | None = None, bullet: str | None = None) -> Paragraph:
    p = Paragraph(escape(text), style, bulletText=bullet)
    if mark:
        p.mark = mark
    return p


def _styles(font: str, bold: str) -> dict[str, ParagraphStyle]:
    """Text breaks at spaces and at hyphens inside words (embeddedHyphenation), as word processors do."""
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=24, leading=30, spaceAfter=12),
        "area": ParagraphStyle("area", fontName=bold, fontSize=18, leading=22, spaceBefore=4, spaceAfter=8),
        "need": ParagraphStyle("need", fontName=bold, fontSize=14.5, leading=18, spaceBefore=6, spaceAfter=6),
        "chapter": ParagraphStyle("chapter", fontName=bold, fontSize=16, leading=20, spaceAfter=10),
        "section": ParagraphStyle("section", fontName=bold, fontSize=12.5, leading=16, spaceBefore=6, spaceAfter=6),
        "subsection": ParagraphStyle("subsection", fontName=bold, fontSize=11.6, leading=15, spaceBefore=4,
                                     spaceAfter=6),
        "body": ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=7),
        "item": ParagraphStyle("item", fontName=font, fontSize=10, leading=13, leftIndent=14, bulletIndent=0,
                               bulletFontName=font, spaceAfter=2),
        "last": ParagraphStyle("last", fontName=font, fontSize=10, leading=13, leftIndent=14, bulletIndent=0,
                               bulletFontName=font, spaceAfter=8),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, leftIndent=8, bulletIndent=0,
                               bulletFontName=font, spaceAfter=1.5),
        "plain": ParagraphStyle("plain", fontName=font, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10.5),
    }
    for style in styles.values():
        style.embeddedHyphenation = 1
    return styles


def _page_decor(title: str, edition: str, first_number: int, font: str):
    def draw(canvas, doc):
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(MARGIN, height - 24, title)
        canvas.drawRightString(width - MARGIN, height - 24, f"Edition: {edition}")
        canvas.drawCentredString(width / 2, 18, f"Page {doc.page + first_number - 1}")
        canvas.restoreState()
    return draw


def _build(path: Path, story: list, size, title: str, edition: str, first_number: int, font: str) -> dict[str, int]:
    doc = _Doc(str(path), pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=50, bottomMargin=46,
               title=title, author="Example Borough Council")
    decor = _page_decor(title, edition, first_number, font)
    doc.build(story, onFirstPage=decor, onLaterPages=decor)
    return doc.marks


def _strategy_text(ref, titles: dict[str, str], sep: str) -> str:
    sid, note = (ref, None) if isinstance(ref, str) else (ref["strategy"], ref.get("note"))
    title = titles.get(sid, sid)
    return f"{title}{sep}{note}" if note else title


def _cell(items: list[str], st: dict) -> list[Paragraph]:
    return [_para(t, st["cell"], bullet="•") for t in items]


def threshold_pdf(path: str | Path, needs: list[tuple[str, dict]], strategy_titles: dict[str, str], profile: Profile,
                  *, font: str = "dejavu", title: str = "Threshold guidance for special educational needs",
                  edition: str = "September 2026", title_page: bool = True, first_page_number: int = 1) -> dict[str, int]:
    """Draw needs (id, Need data) in the profile's table layout; returns need id -> physical page of its heading."""
    regular, bold = fonts(font)
    st = _styles(regular, bold)
    story: list = []
    if title_page:
        story += [_para(title, st["title"]), _para(f"Edition: {edition}", st["body"]),
                  _para("Example Borough Council. Fictional guidance made for testing.", st["body"]), PageBreak()]
    area = None
    rows_layout = profile.layout == "levels-as-rows"
    size = portrait(A4) if rows_layout else landscape(A4)
    width = size[0] - 2 * MARGIN
    for nid, need in needs:
        if need["area"] != area:
            area = need["area"]
            story.append(_para(profile.label("areas", area), st["area"]))
        story.append(_para(need["title"], st["need"], mark=nid))
        if need.get("also_known_as"):
            sep = "; " if any("," in a for a in need["also_known_as"]) else ", "
            story.append(_para(f"{profile.text.get('also_known_as', 'Also known as:')} "
                               + sep.join(need["also_known_as"]), st["body"]))
        story.append(_para(need["summary"], st["body"]))

        def cell(phase: str, level: str, fld: str) -> list[Paragraph]:
            g = need["phases"][phase][level]
            if fld == "strategies":
                items = [_strategy_text(r, strategy_titles, profile.note_separator) for r in g["strategies"]]
            elif fld == "who_may_help":
                items = [profile.label("roles", r) for r in g["who_may_help"]]
            else:
                items = g[fld]
            return _cell(items, st)

        grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
        if rows_layout:
            data = [[_para("Level", st["head"])] + [_para(profile.label("fields", f), st["head"]) for f in FIELD_ORDER]]
            style = grid + [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee"))]
            for phase in fw.PHASES:
                style += [("SPAN", (0, len(data)), (-1, len(data))),
                          ("BACKGROUND", (0, len(data)), (-1, len(data)), colors.HexColor("#eeeeee"))]
                data.append([_para(profile.label("phases", phase), st["head"]), "", "", "", ""])
                for level in fw.LEVELS:
                    data.append([_para(profile.label("levels", level), st["head"])]
                                + [cell(phase, level, f) for f in FIELD_ORDER])
            label_w = 78
            story.append(Table(data, colWidths=[label_w] + [(width - label_w) / 4] * 4, repeatRows=1,
                               splitInRow=1, style=TableStyle(style)))
        else:
            label_w = 104
            for phase in fw.PHASES:
                data = [["", _para(profile.label("phases", phase), st["head"]), "", "", ""],
                        [""] + [_para(profile.label("levels", lv), st["head"]) for lv in fw.LEVELS]]
                for f in FIELD_ORDER:
                    data.append([_para(profile.label("fields", f), st["head"])] + [cell(phase, lv, f) for lv in fw.LEVELS])
                style = grid + [("SPAN", (1, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#dde4ee"))]
                story += [Table(data, colWidths=[label_w] + [(width - label_w) / 4] * 4, repeatRows=2, splitInRow=1,
                                style=TableStyle(style)), Spacer(1, 10)]
    return _build(Path(path), story, size, title, edition, first_page_number, regular)


# ---------------------------------------------------------------- binder chapters


def parse_markdown(body: str) -> list[dict]:
    """The Markdown subset the binder extractor writes: ##/### headings, paragraphs, - and 1. lists, | tables."""
    blocks: list[dict] = []
    para: list[str] = []

    def end_para() -> None:
        if para:
            blocks.append({"kind": "para", "text": " ".join(para)})
            para.clear()

    in_table = False
    for line in body.splitlines():
        s = line.strip()
        heading = re.match(r"^(#{2,3})\s+(.*)$", s)
        number = re.match(r"^(\d+)\.\s+(.*)$", s)
        was_table, in_table = in_table, s.startswith("|")
        if not s:
            end_para()
        elif heading:
            end_para()
            blocks.append({"kind": "heading", "depth": len(heading.group(1)), "text": heading.group(2)})
        elif s.startswith("- "):
            end_para()
            blocks.append({"kind": "bullet", "text": s[2:]})
        elif number:
            end_para()
            blocks.append({"kind": "number", "n": int(number.group(1)), "text": number.group(2)})
        elif s.startswith("|"):
            end_para()
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s.strip("|"))]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if was_table:
                blocks[-1]["rows"].append(cells)
            else:
                blocks.append({"kind": "table", "rows": [cells]})
        else:
            para.append(s)
    end_para()
    return blocks


def binder_pdf(path: str | Path, chapters: list[tuple[str, dict]], profile: Profile, *, font: str = "dejavu",
               title: str = "SEN Golden Binder", edition: str = "September 2026", first_chapter: int = 1,
               title_page: bool = False, first_page_number: int = 1) -> dict[str, int]:
    """Draw chapters (id, {title, body}) as numbered binder chapters; returns chapter id -> physical first page."""
    regular, bold = fonts(font)
    st = _styles(regular, bold)
    story: list = []
    if title_page:
        story += [_para(title, st["title"]), _para(f"Edition: {edition}", st["body"]), PageBreak()]
    for n, (cid, ch) in enumerate(chapters, start=first_chapter):
        if story and not isinstance(story[-1], PageBreak):
            story.append(PageBreak())
        story.append(_para(f"{n} {ch['title']}", st["chapter"], mark=cid))
        section = sub = 0
        blocks = parse_markdown(ch["body"])
        for i, b in enumerate(blocks):
            nxt = blocks[i + 1]["kind"] if i + 1 < len(blocks) else None
            if b["kind"] == "heading" and b["depth"] == 2:
                section, sub = section + 1, 0
                story.append(_para(f"{n}.{section} {b['text']}", st["section"]))
            elif b["kind"] == "heading":
                sub += 1
                story.append(_para(f"{n}.{section}.{sub} {b['text']}", st["subsection"]))
            elif b["kind"] == "para":
                story.append(_para(b["text"], st["body"]))
            elif b["kind"] in ("bullet", "number"):
                mark = "•" if b["kind"] == "bullet" else f"{b['n']}."
                story.append(_para(b["text"], st["last"] if nxt != b["kind"] else st["item"], bullet=mark))
            else:
                rows = [[_para(c, st["head"] if r == 0 else st["plain"]) for c in row] for r, row in enumerate(b["rows"])]
                width = A4[0] - 2 * MARGIN
                story += [Table(rows, colWidths=[width / len(rows[0])] * len(rows[0]), repeatRows=1,
                                style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                  ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee"))])),
                          Spacer(1, 8)]
    return _build(Path(path), story, portrait(A4), title, edition, first_page_number, regular)
