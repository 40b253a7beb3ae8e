# Threshold tables into need records: headings, "also known as", summaries and table cells, page by page.
# In: page dicts in page order and a threshold profile. Out: NeedRecords (raw item texts with page numbers) + report notes.
"""Assembling threshold needs.

Pages are read in parallel, but assembled here in page order, so state carries across page breaks:
the current area, need and phase, which column holds which level (levels-as-columns) or field
(levels-as-rows), and the last labelled row. Header rows repeated on each page just set the same
state again. A row whose label cell is empty, or ends with the profile's "(continued)" marker,
continues the row above - usually a cell split over a page break - so its lines are added to the
same cell. Cell lines are split into items on the bullet glyph at the bullet indent, never on line
breaks, so a wrapped bullet stays one item and a bullet split across pages is joined again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .profiles import Profile, norm
from .report import Report

FIELDS = ("descriptors", "assessment", "strategies", "who_may_help")


@dataclass
class NeedRecord:
    title: str
    area: str | None
    area_label: str | None
    first_page: int  # physical page number of the heading
    pages: set[int] = field(default_factory=set)  # page numbers as printed (or physical)
    aka: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str, str], list[list]] = field(default_factory=dict)  # (phase, level, field) -> [x0, text]
    cell_pages: dict[tuple[str, str, str], set[int]] = field(default_factory=dict)
    tables: int = 0

    def add(self, key: tuple[str, str, str], lines: list, page: int) -> None:
        self.cells.setdefault(key, []).extend(lines)
        self.cell_pages.setdefault(key, set()).add(page)


def cell_text(cell: dict | None) -> str:
    return " ".join(t for _, t in cell["lines"]).strip() if cell else ""


def bullet_of(text: str, bullets: list[str]) -> str | None:
    """The bullet glyph a line starts with ("•" may touch the text; "-" and "*" need a space after)."""
    for b in bullets:
        if text.startswith(b) and (b not in "-*" or text[len(b):len(b) + 1] in (" ", "")):
            return b
    return None


HYPHEN_END = re.compile(r"\w-$")
ENDS_SENTENCE = re.compile(r"[.!?:)\]\"”’]$")


def join_lines(parts: list[str]) -> str:
    """Lines into one text: a space between them, except after a word broken at its hyphen ("self-" + "harm")."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        out = out + part if not out or HYPHEN_END.search(out) else out + " " + part
    return " ".join(out.split())


def split_aka(text: str) -> list[str]:
    """'Also known as' names: split on semicolons if there are any (names may hold commas), else on commas."""
    sep = ";" if ";" in text else ","
    return [a.strip() for a in text.split(sep) if a.strip()]


def split_items(lines: list[list], bullets: list[str]) -> list[str]:
    """Cell lines [x0, text] into items: a new item starts at a bullet at the bullet indent; other lines continue it."""
    marks = [x for x, t in lines if bullet_of(t, bullets)]
    indent = min(marks) if marks else None
    items: list[list[str]] = []
    for x, text in lines:
        b = bullet_of(text, bullets)
        if b is not None and x <= indent + 2:
            items.append([text[len(b):].strip()])
        elif items:
            items[-1].append(text)
        else:
            items.append([text])
    return [text for text in (join_lines(parts) for parts in items) if text]


def printed_number(page: dict, profile: Profile) -> int | None:
    """The page number printed in the footer (or header), if the profile's pattern finds one."""
    for text in (page.get("footer", ""), page.get("header", "")):
        m = re.search(profile.page_number, text)
        if m:
            try:
                return int(m.group(1))
            except (IndexError, ValueError):
                pass
    return None


def page_label(page: dict, profile: Profile) -> int:
    """The page number a reader sees: the printed one, else the physical one."""
    number = printed_number(page, profile)
    return page["number"] if number is None else number


def paragraphs(lines: list[dict], gap: float) -> list[dict]:
    """Consecutive lines of the same size with a small gap become one paragraph."""
    out: list[dict] = []
    for ln in lines:
        last = out[-1] if out else None
        if last and abs(last["size"] - ln["size"]) < 0.3 and ln["top"] - last["bottom"] <= gap * ln["size"]:
            last["text"] = join_lines([last["text"], ln["text"]])
            last["bottom"], last["x1"] = ln["bottom"], ln["x1"]
        else:
            out.append(dict(ln))
    return out


class Assembler:
    def __init__(self, profile: Profile, report: Report):
        self.p, self.report = profile, report
        self.needs: list[NeedRecord] = []
        self.need: NeedRecord | None = None
        self.area: str | None = None
        self.area_label: str | None = None
        self.phase: str | None = None
        self.columns: dict[int, str] = {}  # column -> level (columns layout) or field (rows layout)
        self.last_key: str | None = None  # last labelled row: a field (columns) or a level (rows)
        self.last_label = ""  # and its label as printed
        self.sizes = profile.text

    # ---------------------------------------------------------------- text

    def text(self, para: dict, page: int, physical: int, also: int | None = None) -> None:
        """A paragraph (`also`: the page it runs on to, when it crosses a page break)."""
        self._text(para, page, physical)
        if also is not None and self.need is not None:
            self.need.pages.add(also)

    def _text(self, para: dict, page: int, physical: int) -> None:
        size, text = para["size"], para["text"].strip()
        area_size = self.sizes.get("area_heading_size", 16.5)
        need_size = self.sizes.get("need_heading_size", 13)
        phase_size = self.sizes.get("phase_heading_size", 0)
        if size >= area_size:
            self.area, self.area_label = self.p.match("areas", text), text
            if self.area is None:
                self.report.skip(page, f"heading {text!r} is not a known area")
            self.need = None
            return
        if size >= need_size:
            self.need = NeedRecord(title=text, area=self.area, area_label=self.area_label, first_page=physical)
            self.need.pages.add(page)
            self.needs.append(self.need)
            self.phase, self.columns, self.last_key = None, {}, None
            return
        if phase_size and size >= phase_size and self.p.match("phases", text):
            self.phase = self.p.match("phases", text)
            return
        if self.need is None:
            self.report.skip(page, f"text before the first need: {text[:60]!r}")
            return
        prefix = self.sizes.get("also_known_as", "Also known as:")
        if text.lower().startswith(prefix.lower()):
            self.need.aka += split_aka(text[len(prefix):])
        elif not self.need.tables:
            self.need.summary.append(text)
        else:
            self.report.skip(page, f"text after the tables of {self.need.title!r}: {text[:60]!r}")
        self.need.pages.add(page)

    # ---------------------------------------------------------------- tables

    def table(self, table: dict, page: int) -> None:
        self.report.tables += 1
        if self.need is None:
            self.report.skip(page, "a table before the first need heading")
            self.report.cells_skipped += sum(1 for row in table["rows"] for c in row if cell_text(c))
            return
        self.need.tables += 1
        self.need.pages.add(page)
        mapped = 0
        for row in table["rows"]:
            mapped += self._row(row, page)
        self.report.tables_mapped += bool(mapped)

    def _label(self, text: str, kind: str) -> tuple[str | None, bool]:
        """(id, is a continuation) for a row label cell: empty or ending "(continued)" continues the row above."""
        cont, label = norm(self.p.continued or ""), norm(text)
        is_cont = not label
        if cont and label.endswith(cont):
            is_cont, label = True, label[: -len(cont)].strip()
        key = self.p.match(kind, label) if label else None
        if key is None and label and self.last_key and self.p.match(kind, self.last_label + " " + label) == self.last_key:
            return self.last_key, True  # the rest of a label split over a page break ("and plan")
        return (key if key or not is_cont else self.last_key), is_cont

    def _row(self, row: list, page: int) -> int:
        texts = [cell_text(c) for c in row]
        columns_layout = self.p.layout == "levels-as-columns"
        header_kind = "levels" if columns_layout else "fields"
        header = {j: self.p.match(header_kind, t) for j, t in enumerate(texts) if j and self.p.match(header_kind, t)}
        if len(header) >= 2:
            self.columns = header
            return 0
        filled = [(j, t) for j, t in enumerate(texts) if t]
        if len(filled) == 1 and self.p.match("phases", filled[0][1]):
            self.phase = self.p.match("phases", filled[0][1])
            return 0
        if not filled:
            return 0
        label_kind = "fields" if columns_layout else "levels"
        key, is_cont = self._label(texts[0], label_kind)
        cells = [(j, c) for j, c in enumerate(row) if j and cell_text(c)]
        if key is None:
            why = (f"row {texts[0][:40]!r} is not a known {label_kind[:-1]}" if texts[0]
                   else "a continued row with no row above it")
            self.report.skip(page, f"{why} ({len(cells)} cells, {self.need.title!r})")
            self.report.cells_skipped += len(cells)
            return 0
        if self.phase is None:
            self.report.skip(page, f"table cells before any phase is named ({self.need.title!r})")
            self.report.cells_skipped += len(cells)
            return 0
        if not is_cont:
            self.last_label = texts[0]
        self.last_key = key
        mapped = 0
        for j, cell in cells:
            other = self.columns.get(j)
            if other is None:
                self.report.skip(page, f"a cell in column {j + 1} has no {header_kind[:-1]} heading "
                                       f"({self.need.title!r})")
                self.report.cells_skipped += 1
                continue
            level, fld = (other, key) if columns_layout else (key, other)
            self.need.add((self.phase, level, fld), cell["lines"], page)
            self.report.cells_mapped += 1
            mapped += 1
        return mapped


def continues(prev: dict, nxt: dict, left: float, right: float, aka: str) -> bool:
    """Is `nxt`, the first paragraph on a page, the rest of `prev`, the last one on the page before? Only if the
    same size; an 'also known as' list runs on into text that does not end a sentence (a summary does); other
    text runs on if it reached the right margin or did not end a sentence."""
    if abs(prev["size"] - nxt["size"]) >= 0.3:
        return False
    if prev["text"].lower().startswith(aka.lower()):
        return not ENDS_SENTENCE.search(nxt["text"])
    full = right > left and prev["x1"] - left >= 0.85 * (right - left)
    return full or not ENDS_SENTENCE.search(prev["text"])


def assemble(pages: list[dict], profile: Profile, report: Report) -> list[NeedRecord]:
    """Walk the pages in order and collect one NeedRecord per need heading."""
    asm = Assembler(profile, report)
    gap = profile.text.get("paragraph_gap", 0.6)
    aka = profile.text.get("also_known_as", "Also known as:")
    lines = [ln for p in pages for ln in p["lines"]]
    left, right = min((ln["x0"] for ln in lines), default=0), max((ln["x1"] for ln in lines), default=0)
    pending = None  # the last paragraph of the page before, which may run on
    for page in pages:
        label = page_label(page, profile)
        blocks = [("text", ln) for ln in page["lines"]] + [("table", t) for t in page["tables"]]
        blocks.sort(key=lambda b: b[1]["top"])
        items: list[tuple[str, dict]] = []
        run: list[dict] = []
        for kind, block in blocks + [("end", {})]:
            if kind == "text":
                run.append(block)
                continue
            items += [("para", para) for para in paragraphs(run, gap)]
            run = []
            if kind == "table":
                items.append(("table", block))
        if pending is not None:
            para, plabel, pnumber = pending
            pending = None
            if items and items[0][0] == "para" and continues(para, items[0][1], left, right, aka):
                para = {**para, "text": join_lines([para["text"], items[0][1]["text"]])}
                items = items[1:]
                asm.text(para, plabel, pnumber, also=label)
            else:
                asm.text(para, plabel, pnumber)
        for i, (kind, block) in enumerate(items):
            if kind == "table":
                asm.table(block, label)
            elif i == len(items) - 1:
                pending = (block, label, page["number"])
            else:
                asm.text(block, label, page["number"])
    if pending is not None:
        asm.text(*pending)
    return asm.needs
