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

from .framework_ids import ASPECT_IDS as FIELDS  # noqa: F401 - the four aspect ids, in order (build uses them)
from .pagedata import JOIN
from .profiles import Profile, norm
from .report import Report


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
    source: str = ""  # the source id of the document it came from
    edition: str | None = None
    refs: dict[str, set[int]] = field(default_factory=dict)  # source -> pages, once merged with other documents
    source_doc: str = ""  # the file it came from

    def merge(self, other: "NeedRecord") -> None:
        """The same need from another document of the edition (another phase, say): join its cells."""
        self.refs.setdefault(self.source, set()).update(self.pages)
        self.refs.setdefault(other.source, set()).update(other.pages)
        self.aka += [a for a in other.aka if a not in self.aka]
        self.summary = self.summary or other.summary
        self.area, self.area_label = self.area or other.area, self.area_label or other.area_label
        self.tables += other.tables
        for key, lines in other.cells.items():
            self.cells.setdefault(key, []).extend(lines)
            self.cell_pages.setdefault(key, set()).update(other.cell_pages.get(key, set()))

    def add(self, key: tuple[str, str, str], lines: list, page: int) -> None:
        self.cells.setdefault(key, []).extend(lines)
        self.cell_pages.setdefault(key, set()).add(page)


def merge(records: list[NeedRecord]) -> list[NeedRecord]:
    """Records of several documents as one list: records with the same title from different documents joined."""
    out: dict[tuple[str, str], NeedRecord] = {}
    merged: list[NeedRecord] = []
    for rec in records:
        first = out.get(("title", norm(rec.title)))
        if first is not None and first.source_doc != rec.source_doc:
            first.merge(rec)
            continue
        out.setdefault(("title", norm(rec.title)), rec)
        merged.append(rec)
    return merged


def cell_text(cell: dict | None) -> str:
    return " ".join(t.lstrip(JOIN) for _, t in cell["lines"]).strip() if cell else ""


WORD = re.compile(r"\w+")


def vocabulary(cells) -> set[str]:
    """The words of a document's cells (lower case), leaving out the pieces of words a column may have broken."""
    words: set[str] = set()
    for lines in cells:
        for i, (_, text) in enumerate(lines):
            tokens = WORD.findall(text.lower())
            if text.startswith(JOIN):
                tokens = tokens[1:]
            if i + 1 < len(lines) and lines[i + 1][1].startswith(JOIN):
                tokens = tokens[:-1]
            words.update(tokens)
    return words


def bullet_of(text: str, bullets: list[str]) -> str | None:
    """The bullet glyph a line starts with ("•" may touch the text; "-" and "*" need a space after)."""
    for b in bullets:
        if text.startswith(b) and (b not in SPACED or text[len(b):len(b) + 1] in (" ", "")):
            return b
    return None


SPACED = ("-", "*", "o", "–")  # glyphs that are bullets only with a space after them ("o Text", not "often")
HYPHEN_END = re.compile(r"\w-$")
ENDS_SENTENCE = re.compile(r"[.!?:)\]\"”’]$")


def join_lines(parts: list[str], vocab: set[str] | None = None) -> str:
    """Lines into one text: a space between them, except after a word broken at its hyphen ("self-" + "harm"), and
    between the pieces of a word a narrow column broke (a line marked JOIN) when the document's words (`vocab`)
    have the whole word, or have neither piece."""
    out = ""
    for part in parts:
        broken = part.startswith(JOIN)
        part = part.strip().lstrip(JOIN).strip()
        if not part:
            continue
        if broken and out and vocab is not None:
            last, first = WORD.findall(out.lower())[-1:] or [""], WORD.findall(part.lower())[:1] or [""]
            last, first = last[0], first[0]
            if (last + first) in vocab or (last not in vocab and first not in vocab):
                out += part
                continue
        out = out + part if not out or HYPHEN_END.search(out) else out + " " + part
    return " ".join(out.split())


def split_aka(text: str) -> list[str]:
    """'Also known as' names: split on semicolons if there are any (names may hold commas), else on commas."""
    sep = ";" if ";" in text else ","
    return [a.strip() for a in text.split(sep) if a.strip()]


def split_items(lines: list[list], bullets: list[str], vocab: set[str] | None = None) -> list[str]:
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
    return [text for text in (join_lines(parts, vocab) for parts in items) if text]


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
        self.default_phase = profile.phase
        self.band: str | None = None  # the level of the current band (level-bands layout)
        self.area_of = {norm(k): v for k, v in profile.area_of.items()}

    # ---------------------------------------------------------------- text

    def text(self, para: dict, page: int, physical: int, also: int | None = None) -> None:
        """A paragraph (`also`: the page it runs on to, when it crosses a page break)."""
        self._text(para, page, physical)
        if also is not None and self.need is not None:
            self.need.pages.add(also)

    def _text(self, para: dict, page: int, physical: int) -> None:
        text, h = para["text"].strip(), self.p.headings
        if h.area and h.area.matches(para) and (self.p.match("areas", text) or not h.need.matches(para)):
            area = self.p.match("areas", text)
            if area is None:
                self.report.skip(page, f"heading {text!r} is not a known area (known areas: {self.p.known('areas')})")
            if h.area_position == "below":
                if self.need is not None and not self.need.tables and not self.need.summary:
                    self.need.area, self.need.area_label = area, text
                else:
                    self.report.skip(page, f"area line {text!r} is not just below a need heading")
                return
            self.area, self.area_label = area, text
            self.need = None
            return
        if h.need.matches(para):
            looked_up = self.area_of.get(norm(text))
            above = h.area_position == "above"
            self.need = NeedRecord(title=text, area=looked_up or (self.area if above else None),
                                   area_label=text if looked_up else (self.area_label if above else None),
                                   first_page=physical)
            self.need.pages.add(page)
            self.needs.append(self.need)
            self.phase, self.columns, self.last_key, self.band = self.default_phase, {}, None, None
            return
        if h.phase and h.phase.matches(para) and self.p.match("phases", text):
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
        filled = [(j, t) for j, t in enumerate(texts) if t]
        if not filled:
            return 0
        if len(filled) == 1 and self.p.match("phases", filled[0][1]):
            self.phase = self.p.match("phases", filled[0][1])
            return 0
        if len(filled) == 1 and any(c is None for c in row) and self.p.layout != "level-bands":
            # a merged full-width row (a title over the table, repeated on each page): never a cell's text
            self._unknown(page, f"full-width row {filled[0][1][:40]!r}", "phases", self.need.title)
            return 0
        if self.p.layout == "level-bands":
            return self._band_row(row, texts, filled, page)
        columns_layout = self.p.layout == "levels-as-columns"
        header_kind = "levels" if columns_layout else "fields"
        label_kind = "fields" if columns_layout else "levels"
        header = {j: self.p.match(header_kind, t) for j, t in enumerate(texts) if j and self.p.match(header_kind, t)}
        if len(header) >= 2 or (header and not self._label(texts[0], label_kind)[0]):
            self.columns = header
            for j, t in filled:
                if j and j not in header:
                    self._unknown(page, f"column heading {t!r}", header_kind)
            return 0
        key, is_cont = self._label(texts[0], label_kind)
        cells = [(j, c) for j, c in enumerate(row) if j and cell_text(c)]
        if key is None:
            if texts[0]:
                self._unknown(page, f"row {texts[0][:40]!r}", label_kind, f"{len(cells)} cells, {self.need.title!r}")
            else:
                self.report.skip(page, f"a continued row with no row above it ({len(cells)} cells, "
                                       f"{self.need.title!r})")
            self.report.cells_skipped += len(cells)
            return 0
        if not self._starts_row(page, texts[0], key, is_cont, len(cells)):
            return 0
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

    def _band_row(self, row: list, texts: list[str], filled: list, page: int) -> int:
        """Level bands: a full-width row naming a level, then rows of 'aspect | bullets'."""
        if len(filled) == 1 and filled[0][0] == 0:
            level = self.p.match("levels", filled[0][1])
            if level is None and self._label(filled[0][1], "fields")[0] is None:
                self._unknown(page, f"band row {filled[0][1][:40]!r}", "levels", self.need.title)
                self.band = None
                return 0
            if level is not None:
                self.band, self.last_key = level, None
                return 0
        key, is_cont = self._label(texts[0], "fields")
        cells = [c for j, c in enumerate(row) if j and cell_text(c)]
        if key is None:
            if texts[0] and all(self.p.match("fields", t) is None for _, t in filled[1:]):
                self._unknown(page, f"row {texts[0][:40]!r}", "fields", f"{len(cells)} cells, {self.need.title!r}")
            self.report.cells_skipped += len(cells) if texts[0] else 0
            return 0
        if self.band is None:
            self.report.skip(page, f"row {texts[0][:40]!r} comes before any level band row ({self.need.title!r})")
            self.report.cells_skipped += len(cells)
            return 0
        if not self._starts_row(page, texts[0], key, is_cont, len(cells)):
            return 0
        for cell in cells:
            self.need.add((self.phase, self.band, key), cell["lines"], page)
            self.report.cells_mapped += 1
        return len(cells)

    def _starts_row(self, page: int, label: str, key: str, is_cont: bool, cells: int) -> bool:
        """A labelled row's cells can be placed once a phase is known: remember its label (a continued row keeps
        the one above) and its key for rows that continue it. False, with the cells counted as skipped, if not."""
        if self.phase is None:
            self._no_phase(page, cells)
            return False
        if not is_cont:
            self.last_label = label
        self.last_key = key
        return True

    def _unknown(self, page: int, what: str, kind: str, where: str = "") -> None:
        self.report.skip(page, f"{what} is not a known {kind[:-1].replace('field', 'aspect')}"
                               + (f" ({where})" if where else "") + f"; known: {self.p.known(kind)}")

    def _no_phase(self, page: int, cells: int) -> None:
        self.report.skip(page, f"table cells before any phase is named ({self.need.title!r}); name the phase the "
                               "document covers with 'phase:' in the profile")
        self.report.cells_skipped += cells


def document_phase(pages: list[dict], profile: Profile) -> str | None:
    """The one phase a document covers when its running header or title (large lines on page 1) names just one."""
    if not pages:
        return None
    need = profile.headings.need.min_size if profile.headings else 0
    texts = [p.get("header", "") for p in pages[:5]] + [ln["text"] for ln in pages[0]["lines"] if ln["size"] >= need]
    found = set().union(*(profile.find("phases", t) for t in texts))
    return found.pop() if len(found) == 1 else None


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
    if asm.default_phase is None:
        asm.default_phase = document_phase(pages, profile)
        if asm.default_phase:
            report.notes.append(f"phase {asm.default_phase}: named in the title or running header")
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
