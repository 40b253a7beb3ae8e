# Binder prose chapters into Markdown: numbered headings, paragraphs, bulleted and numbered lists, tables.
# In: page dicts in page order and a binder profile. Out: ChapterRecords (title, Markdown body, page numbers) + report notes.
"""Assembling binder chapters.

A chapter starts at a numbered heading ("3 Requesting an assessment") in the chapter font size; its
numbered sections become "##" (and deeper ones "###") headings without their numbers, which the
site adds back in its own way. A list item starts at a bullet glyph or a number ("1.") at the left
margin; lines indented past the margin continue it. A paragraph or list item cut by a page break
is joined to the first line of the next page when its last line runs to the right margin or does
not end a sentence. A ruled table becomes a Markdown table (its header row repeated on later pages
is dropped, and a row split over a page break is joined).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .profiles import Profile
from .report import Report
from .threshold import ENDS_SENTENCE, bullet_of, join_lines, page_label, split_items


@dataclass
class ChapterRecord:
    title: str
    first_page: int
    pages: set[int] = field(default_factory=set)
    blocks: list[dict] = field(default_factory=list)  # {"kind": heading|para|bullet|number|table, ...}

    def markdown(self) -> str:
        out: list[str] = []
        prev = None
        for b in self.blocks:
            kind = b["kind"]
            if kind == "heading":
                text = "#" * min(b["depth"], 3) + " " + b["text"]
            elif kind == "para":
                text = b["text"]
            elif kind == "bullet":
                text = "- " + b["text"]
            elif kind == "number":
                text = f"{b['n']}. " + b["text"]
            else:
                text = _table_md(b["rows"])
            same_list = prev is not None and kind in ("bullet", "number") and prev == kind
            out.append(("\n" if same_list else "\n\n") + text if out else text)
            prev = kind
        return "".join(out).strip() + "\n"

    def description(self) -> str:
        first = next((b["text"] for b in self.blocks if b["kind"] == "para"), self.title)
        m = re.match(r"(.+?[.!?])(\s|$)", first)
        return (m.group(1) if m else first)[:200]


def _table_md(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    esc = lambda t: t.replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(esc(c) for c in rows[0]) + " |", "| " + " | ".join(["---"] * width) + " |"]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows[1:]]
    return "\n".join(lines)


class Assembler:
    def __init__(self, profile: Profile, report: Report, margin: float, right: float):
        self.p, self.report = profile, report
        self.margin, self.right = margin, right
        self.chapters: list[ChapterRecord] = []
        self.chapter: ChapterRecord | None = None
        self.heading = re.compile(profile.text.get("heading_number", r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$"))
        self.numbered = re.compile(profile.text.get("numbered_item", r"^(\d+)[.)]\s+(.*)$"))
        self.gap = profile.text.get("paragraph_gap", 0.6)
        self.open: dict | None = None  # the block the next line may continue
        self.last_line: dict | None = None
        self.page_start = False

    def _add(self, block: dict) -> None:
        self.chapter.blocks.append(block)
        self.open = block if block["kind"] in ("para", "bullet", "number", "heading") else None

    def line(self, ln: dict, page: int, physical: int) -> None:
        text, size = ln["text"].strip(), ln["size"]
        head = self.heading.match(text)
        section_size = self.p.text.get("section_heading_size", 11.5)
        chapter_size = self.p.text.get("chapter_heading_size", 15)
        prev, self.last_line = self.last_line, ln
        page_start, self.page_start = self.page_start, False
        if size >= section_size:
            if head and size >= chapter_size and "." not in head.group(1):
                self.chapter = ChapterRecord(title=head.group(2).strip(), first_page=physical, pages={page})
                self.chapters.append(self.chapter)
                self.open = {"kind": "title", "size": size}
                return
            if head and self.chapter:
                self._add({"kind": "heading", "depth": head.group(1).count(".") + 1, "text": head.group(2).strip(),
                           "size": size})
                return
            if self.open and self.open["kind"] in ("heading", "title") and abs(self.open["size"] - size) < 0.3:
                if self.open["kind"] == "title":
                    self.chapter.title = join_lines([self.chapter.title, text])
                else:
                    self.open["text"] = join_lines([self.open["text"], text])
                return
        if self.chapter is None:
            self.report.skip(page, f"text before the first chapter heading: {text[:60]!r}")
            return
        self.chapter.pages.add(page)
        indented = ln["x0"] > self.margin + 2
        bullet = bullet_of(text, self.p.bullets) if not indented else None
        number = self.numbered.match(text) if not indented else None
        if bullet is not None:
            self._add({"kind": "bullet", "text": text[len(bullet):].strip()})
        elif number:
            self._add({"kind": "number", "n": int(number.group(1)), "text": number.group(2).strip()})
        elif self.open and self.open["kind"] in ("bullet", "number") and indented and self._follows(prev, ln, page_start):
            self.open["text"] = join_lines([self.open["text"], text])
        elif self.open and self.open["kind"] == "para" and not indented and self._follows(prev, ln, page_start):
            self.open["text"] = join_lines([self.open["text"], text])
        else:
            self._add({"kind": "para", "text": text})

    def _follows(self, prev: dict | None, ln: dict, page_start: bool) -> bool:
        """Does this line continue the open paragraph or item (same page: small gap; new page: no sentence end)?"""
        if prev is None:
            return False
        if page_start:
            return not ENDS_SENTENCE.search(prev["text"].strip()) or prev["x1"] >= self.right * 0.85 + self.margin * 0.15
        return ln["top"] - prev["bottom"] <= self.gap * ln["size"]

    def table(self, table: dict, page: int) -> None:
        self.report.tables += 1
        rows = [["; ".join(split_items(c["lines"], self.p.bullets)) if c else "" for c in row] for row in table["rows"]]
        rows = [r for r in rows if any(r)]
        if self.chapter is None or not rows:
            self.report.skip(page, "a table before the first chapter heading" if rows else "an empty table")
            return
        self.chapter.pages.add(page)
        self.report.tables_mapped += 1
        self.report.cells_mapped += sum(1 for r in rows for c in r if c)
        last = self.chapter.blocks[-1] if self.chapter.blocks else None
        repeated = bool(last) and last["kind"] == "table" and rows[0] == last["rows"][0]
        split_row = bool(last) and last["kind"] == "table" and not rows[0][0] and len(rows[0]) == len(last["rows"][-1])
        if self.page_start and (repeated or split_row):  # the same table, carried over to a new page
            if repeated:
                rows = rows[1:]  # the header row repeated on the new page
            if rows and not rows[0][0] and len(rows[0]) == len(last["rows"][-1]):
                last["rows"][-1] = [join_lines([a, b]) for a, b in zip(last["rows"][-1], rows[0])]
                rows = rows[1:]
            last["rows"].extend(rows)
        else:
            self._add({"kind": "table", "rows": rows})
        self.page_start = False
        self.open = None


def assemble(pages: list[dict], profile: Profile, report: Report) -> list[ChapterRecord]:
    body = [ln for p in pages for ln in p["lines"]]
    margin = min((ln["x0"] for ln in body), default=0)
    right = max((ln["x1"] for ln in body), default=0)
    asm = Assembler(profile, report, margin, right)
    for page in pages:
        label = page_label(page, profile)
        blocks = [("text", ln) for ln in page["lines"]] + [("table", t) for t in page["tables"]]
        blocks.sort(key=lambda b: b[1]["top"])
        asm.page_start = True
        for kind, block in blocks:
            if kind == "text":
                asm.line(block, label, page["number"])
            else:
                asm.table(block, label)
    return asm.chapters
