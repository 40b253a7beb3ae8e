# One page into plain data: parse it once, crop to header band, body and footer band, find ruled tables.
# In: an open pdfplumber PDF, a page index and reader settings. Out: a dict of text lines, tables of cell lines, counts.
"""Reading one page.

pdfplumber turns every character pdfminer lays out into a dict with about 20 resolved attributes
(colours, graphic state, marked-content ids); on table documents that conversion costs about as much
as parsing the page. `_lean_objects` keeps pdfplumber's page (its layout pass, cropping, table finder
and word extractor all still run) but fills the page's object cache with the few attributes those
steps use, so each page is parsed once and converted once, cheaply.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from pdfplumber.page import CroppedPage

from .glyphs import clean

BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
JOIN = "\u2060"  # WORD JOINER: this line may finish the word the line above broke
BULLET_GLYPHS = "\u2022\uf0b7\uf0a7\u25aa\u25cf\u25a0\u2013-o*"


def _lean_objects(page) -> None:
    """Parse the page (pdfplumber's layout pass) and cache chars, lines, rects, curves and images, lean."""
    height, (mb_x0, mb_top) = page.height, page.mediabox[:2]
    doctop0, number = page.initial_doctop, page.page_number
    chars: list[dict] = []
    shapes: dict[str, list[dict]] = {"line": [], "rect": [], "curve": []}
    images: list[dict] = []

    def walk(objs) -> None:
        for o in objs:
            if isinstance(o, LTChar):
                top = height - o.y1 + mb_top
                chars.append({"object_type": "char", "page_number": number, "text": o.get_text(),
                              "fontname": o.fontname, "size": o.size, "upright": o.upright, "matrix": o.matrix,
                              "x0": o.x0 + mb_x0, "x1": o.x1 + mb_x0, "y0": o.y0, "y1": o.y1, "top": top,
                              "bottom": height - o.y0 + mb_top, "doctop": doctop0 + top,
                              "width": o.width, "height": o.height})
            elif isinstance(o, LTContainer):
                walk(o._objs)
            elif isinstance(o, (LTLine, LTRect, LTCurve)):
                kind = "line" if isinstance(o, LTLine) else "rect" if isinstance(o, LTRect) else "curve"
                top = height - o.y1 + mb_top
                shapes[kind].append({"object_type": kind, "page_number": number, "x0": o.x0 + mb_x0,
                                     "x1": o.x1 + mb_x0, "y0": o.y0, "y1": o.y1, "top": top,
                                     "bottom": height - o.y0 + mb_top, "doctop": doctop0 + top,
                                     "width": o.width, "height": o.height, "stroke": o.stroke, "fill": o.fill,
                                     "linewidth": o.linewidth, "pts": [page.point2coord(p) for p in o.pts]})
            elif isinstance(o, LTImage):
                images.append({"object_type": "image", "x0": o.x0, "x1": o.x1, "top": height - o.y1,
                               "bottom": height - o.y0, "width": o.width, "height": o.height})

    walk(page.layout._objs)
    page._objects = {"char": chars, "image": images, **shapes}


def _overlapping(objs: list[dict], bbox) -> list[dict]:
    """pdfplumber's crop keeps the objects that overlap the region, clipping each one to it; clipping every
    character costs as much as finding the tables, and a region's edge never cuts a glyph we read, so keep
    overlapping objects whole."""
    x0, top, x1, bottom = bbox
    return [o for o in objs if o["x0"] < x1 and o["x1"] > x0 and o["top"] < bottom and o["bottom"] > top]


def crop(page, bbox) -> CroppedPage:
    """page.crop(bbox), with objects that overlap the region kept whole (see _overlapping)."""
    return CroppedPage(page, bbox, crop_fn=_overlapping)


def _words(region, cid_map: dict[int, str], unknown: Counter) -> list[dict]:
    out = []
    for w in region.extract_words(extra_attrs=["size", "fontname"]):
        text = clean(w["text"], cid_map, unknown)
        if text.strip():
            out.append({"text": text, "x0": w["x0"], "x1": w["x1"], "top": w["top"], "bottom": w["bottom"],
                        "size": w["size"], "bold": bool(BOLD.search(w["fontname"]))})
    return out


def group_lines(words: list[dict]) -> list[dict]:
    """Words into lines: a word joins the line above when its middle lies within that line's height."""
    lines: list[dict] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        mid = (w["top"] + w["bottom"]) / 2
        if lines and lines[-1]["top"] <= mid <= lines[-1]["bottom"]:
            line = lines[-1]
            line["words"].append(w)
            line["bottom"] = max(line["bottom"], w["bottom"])
        else:
            lines.append({"top": w["top"], "bottom": w["bottom"], "words": [w]})
    out = []
    for line in lines:
        ws = sorted(line.pop("words"), key=lambda w: w["x0"])
        out.append({"text": " ".join(w["text"] for w in ws), "size": round(max(w["size"] for w in ws), 2),
                    "first_w": ws[0]["x1"] - ws[0]["x0"], "last_w": ws[-1]["x1"] - ws[-1]["x0"],
                    "bold": all(w.get("bold") for w in ws if w["text"].strip(BULLET_GLYPHS)),
                    "x0": ws[0]["x0"], "x1": ws[-1]["x1"], "top": line["top"], "bottom": line["bottom"]})
    return out


def _open_ends(body) -> list[dict]:
    """Horizontal rules closing tables whose vertical rules stop with no rule across them (a row cut by a page break)."""
    edges = body.edges
    horizontal = [e for e in edges if e["orientation"] == "h"]
    ends: dict[float, list[float]] = {}
    for e in edges:
        if e["orientation"] != "v":
            continue
        for y in (e["top"], e["bottom"]):
            if not any(abs(h["top"] - y) <= 1 and h["x0"] - 1 <= e["x0"] <= h["x1"] + 1 for h in horizontal):
                ends.setdefault(round(y, 1), []).append(e["x0"])
    return [{"object_type": "line", "x0": min(xs), "x1": max(xs), "top": y, "bottom": y, "width": max(xs) - min(xs),
             "height": 0} for y, xs in ends.items() if len(xs) >= 2]


def _tables(body, settings: dict, words: list[dict]) -> tuple[list[dict], list[dict]]:
    """Ruled tables with each cell's lines; returns (tables, words outside every table)."""
    if settings is not None:
        extra = _open_ends(body)
        if extra:
            settings = {**settings, "explicit_horizontal_lines": list(settings.get("explicit_horizontal_lines", []))
                        + extra}
    found = body.find_tables(settings) if settings is not None else []
    tables, cells = [], []
    for t_index, table in enumerate(found):
        rows = [list(r.cells) for r in table.rows]
        tables.append({"top": table.bbox[1], "bottom": table.bbox[3], "x0": table.bbox[0], "x1": table.bbox[2],
                       "rows": [[None if c is None else [] for c in row] for row in rows]})
        for r, row in enumerate(rows):
            for c, bbox in enumerate(row):
                if bbox is not None:
                    cells.append((bbox, t_index, r, c))
    outside = []
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        for (x0, top, x1, bottom), t, r, c in cells:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                tables[t]["rows"][r][c].append(w)
                break
        else:
            outside.append(w)
    for bbox, t, r, c in cells:
        ws = tables[t]["rows"][r][c]
        tables[t]["rows"][r][c] = {"lines": [[round(ln["x0"] - bbox[0], 2), ln["text"]]
                                             for ln in join_broken_words(group_lines(ws), bbox)]}
    return tables, outside


def join_broken_words(lines: list[dict], bbox) -> list[dict]:
    """Mark a line that may finish a word a narrow column broke with no hyphen ("Educationa" / "l"): the line above
    is one word cut at the column's edge (within a character; a word too wide for the column starts a line of its
    own) and the two pieces together are wider than the column. The mark (JOIN) goes before the line's text; the
    assembler joins the pieces only if the document's own words say so (threshold.join_lines)."""
    if len(lines) < 2:
        return lines
    pad = min(ln["x0"] for ln in lines) - bbox[0]
    right = bbox[2] - pad
    out = [dict(lines[0])]
    for ln in lines[1:]:
        prev, ln = out[-1], dict(ln)
        first = ln["text"].split(" ", 1)[0]
        char = ln["first_w"] / max(1, len(first))  # about the width of the character that did not fit
        alone = " " not in prev["text"].lstrip(BULLET_GLYPHS).strip()
        if (alone and ln["text"][:1].isalnum() and prev["text"][-1:].isalnum() and right - prev["x1"] < char
                and prev["last_w"] + ln["first_w"] > right - ln["x0"]):
            ln["text"] = JOIN + ln["text"]
        out.append(ln)
    return out


def page_data(page, settings: dict[str, Any]) -> dict:
    """Everything the assemblers need from one parsed page, as plain data (picklable, small)."""
    width, height = float(page.width), float(page.height)
    x0, top, x1, bottom = page.bbox
    head = min(settings.get("header_band", 0), height / 3)
    foot = min(settings.get("footer_band", 0), height / 3)
    cid_map = settings.get("cid_map", {})
    unknown: Counter = Counter()
    band = lambda upper, lower: " ".join(  # noqa: E731 - a one-line helper
        ln["text"] for ln in group_lines(_words(crop(page, (x0, upper, x1, lower)), cid_map, unknown)))
    header = band(top, top + head) if head else ""
    footer = band(bottom - foot, bottom) if foot else ""
    body = crop(page, (x0, top + head, x1, bottom - foot)) if head or foot else page
    words = _words(body, cid_map, unknown)
    tables, outside = _tables(body, settings.get("table_settings"), words)
    return {"number": page.page_number, "width": width, "height": height, "header": header, "footer": footer,
            "lines": group_lines(outside), "tables": tables, "chars": len(page.objects["char"]),
            "images": len(page.objects["image"]), "cids": dict(unknown)}


def read_page(pdf, index: int, settings: dict[str, Any]) -> dict:
    """Parse page `index` once, read it with `settings`, and free it."""
    page = pdf.pages[index]
    try:
        _lean_objects(page)
        return page_data(page, settings)
    finally:
        page.close()
