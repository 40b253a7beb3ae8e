# A proposed layout profile for a PDF the extractor has never seen (make extract-profile PDF=file.pdf).
# In: a PDF and the shared labels. Out: build/staging/<pdf-stem>.profile.yml, its comments saying what was seen.
"""Proposing a profile.

The first pages are read whole (no bands dropped). From them:
- running header and footer: lines near the top or bottom edge that repeat on most pages (digits
  ignored); the bands are set just past them, and the page-number pattern from what the footer says
  ("Page 3 of 9", "Page 3", a bare "3");
- font sizes: the body size is the size most text outside tables has; a heading kind is a size (and
  weight) used for whole lines. Lines that name areas are area headings; the kind whose lines are
  followed by a table before the next heading is the need heading; lines naming phases are phase
  headings. The area is above the needs unless each area line sits just below a need heading;
- the table shape: level names across a header row (levels as columns), aspect names across a header
  row with levels down the first column (levels as rows), or a level alone in a full-width row
  followed by aspect rows (level bands). Header and first-column cells are matched against the shared
  labels (scripts/profiles/_labels.yml); those that do not match are guessed from their position among
  the levels or from their words, and written into `labels:` with a comment, or listed to be set;
- the phase: named in table rows or headings (nothing to set), else named in the title or running
  header (`phase:` set), else not named anywhere (the proposal says to set `phase:`);
- binder documents (numbered headings, prose, no threshold tables): the chapter and section sizes.
Where it cannot decide, the proposal says which key to set, and `make extract-profile` prints the same.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from .errors import ExtractError
from .framework_ids import framework
from .pagedata import _lean_objects, page_data
from .profiles import PROFILE_DIR, load_profile, norm
from .reader import check_file, open_pdf

SAMPLE = 14  # pages read
SHAPES = {"levels-as-columns": "level names across a header row, aspects down the first column",
          "levels-as-rows": "aspect names across a header row, levels down the first column",
          "level-bands": "a level alone in a full-width row, then 'aspect | bullets' rows"}
EDGE = 0.12  # running lines sit in this share of the page height from the top or bottom edge
WORDS = {  # a label no shared label matches: its kind guessed from its words (first match wins)
    "fields": [("who_may_help", r"\bwho\b|people|professional|involved|agenc"),
               ("assessment", r"assess|identif|evidence|measur|test|screen|diagnos|find out"),
               ("descriptors", r"notice|see|look|descri|present|indicat|signs?\b|characteristic|observ"),
               ("strategies", r"strateg|provision|help|support|intervention|approach|resource|do\b")],
    "levels": [("ehc", r"\behc|statutory|education,? health|plan\b"),
               ("enhanced-sen-support", r"enhanced|specialist|high|intensive|targeted plus|wave 3"),
               ("sen-support", r"sen support|targeted|additional|wave 2|school support"),
               ("universal", r"universal|ordinar|quality first|wave 1|inclusive|everyday")],
}


def _q(text: str) -> str:
    """A YAML scalar (quoted when needed), on one line."""
    return yaml.safe_dump(text, default_flow_style=True, allow_unicode=True, width=10_000).strip().removesuffix("...").strip()


def read_sample(path: Path, password: str | None, cid_map: dict[int, str]) -> list[dict]:
    check_file(path)
    pdf = open_pdf(path, password)
    pages = []
    try:
        for page in pdf.pages[:SAMPLE]:
            _lean_objects(page)
            pages.append(page_data(page, {"table_settings": {}, "cid_map": cid_map}))
            page.close()
    finally:
        pdf.close()
    if not any(p["chars"] for p in pages):
        raise ExtractError(f"{path.name}: no text layer in the first {len(pages)} pages; run OCR first "
                           "(e.g. ocrmypdf in.pdf out.pdf) and try again")
    return pages


def _digits(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def running(pages: list[dict]) -> tuple[list[dict], list[dict], float, float]:
    """(header lines, footer lines, header band, footer band): lines near an edge repeated on most pages."""
    if len(pages) < 2:
        return [], [], 0.0, 0.0
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for p in pages:
        for ln in p["lines"]:
            edge = "top" if ln["bottom"] < p["height"] * EDGE else "bottom" if ln["top"] > p["height"] * (1 - EDGE) else None
            if edge:
                seen[(edge, _digits(ln["text"]))].add(p["number"])
    need = max(2, int(len(pages) * 0.6))
    keys = {k for k, v in seen.items() if len(v) >= need}
    head, foot = [], []
    for p in pages:
        for ln in p["lines"]:
            edge = "top" if ln["bottom"] < p["height"] * EDGE else "bottom" if ln["top"] > p["height"] * (1 - EDGE) else None
            if edge and (edge, _digits(ln["text"])) in keys:
                (head if edge == "top" else foot).append({**ln, "page": p["number"], "height": p["height"]})
    hb = max((ln["bottom"] for ln in head), default=0)
    fb = max((ln["height"] - ln["top"] for ln in foot), default=0)
    return head, foot, float(round(hb + 3)) if head else 0.0, float(round(fb + 3)) if foot else 0.0


def page_number_pattern(texts: list[str]) -> tuple[str, str]:
    """(regex, what was seen) for the page numbers printed in running lines."""
    for pattern, what in ((r"Page\s+(\d+)\s+of\s+\d+", "'Page N of M'"), (r"Page\s+(\d+)", "'Page N'"),
                          (r"^\s*(\d+)\s*$", "a bare page number"), (r"(\d+)\s*$", "a number at the end")):
        if texts and sum(bool(re.search(pattern, t)) for t in texts) >= len(texts) * 0.6:
            return pattern, what
    return r"Page\s+(\d+)", "no page numbers"


class Proposal:
    def __init__(self, path: Path, pages: list[dict], content: Path | str = "content"):
        self.path, self.pages = path, pages
        self.base = load_profile("threshold-rows", PROFILE_DIR, content)  # the shared labels (+ framework titles)
        self.fw = framework(content)
        self.notes: list[str] = []  # comment lines: what was seen
        self.todo: list[str] = []  # keys a person must set
        self.labels: dict[str, dict[str, list[str]]] = defaultdict(dict)
        self.data: dict = {}

    # ---------------------------------------------------------------- helpers

    def match(self, kind: str, text: str) -> str | None:
        extra = {norm(a): k for k, names in self.labels.get(kind, {}).items() for a in names}
        return self.base.match(kind, text) or extra.get(norm(text))

    def guess(self, kind: str, text: str) -> str | None:
        low = text.casefold()
        return next((key for key, pattern in WORDS.get(kind, []) if re.search(pattern, low)), None)

    def label_like(self, kind: str, text: str) -> str | None:
        """A shared label's id, or (for a short cell, as header cells are) the id its words suggest."""
        return self.base.match(kind, text) or (self.guess(kind, text) if 0 < len(text.split()) <= 6 else None)

    def learn(self, kind: str, key: str, text: str, why: str) -> None:
        self.labels[kind].setdefault(key, []).append(text)
        self.notes.append(f"  {kind[:-1].replace('field', 'aspect')} label {text!r}: not a shared label; taken as "
                          f"{key} ({why}) - check it")

    # ---------------------------------------------------------------- the parts

    def bands(self) -> None:
        head, foot, hb, fb = running(self.pages)
        ptexts = [" ".join(ln["text"] for ln in foot if ln["page"] == p["number"]) for p in self.pages]
        htexts = [" ".join(ln["text"] for ln in head if ln["page"] == p["number"]) for p in self.pages]
        pattern, what = page_number_pattern([t for t in ptexts if t]) if foot else page_number_pattern(
            [t for t in htexts if t])
        self.running_keys = {_digits(ln["text"]) for ln in head + foot}
        sample = lambda lines: ", ".join(dict.fromkeys(repr(ln["text"]) for ln in lines[:6])) or "none"  # noqa: E731
        self.notes.append(f"Running header lines: {sample(head)}")
        self.notes.append(f"Running footer lines: {sample(foot)} (page numbers: {what})")
        edition = any("edition" in ln["text"].lower() for ln in head + foot)
        self.data["page"] = {"orientation": "landscape" if sum(p["width"] > p["height"] for p in self.pages) * 2 >
                             len(self.pages) else "portrait", "header_band": hb, "footer_band": fb,
                             "page_number": pattern, "edition": r"Edition:?\s*(.+?)\s*$"}
        if not edition:
            self.notes.append("No 'Edition' in the running lines: pass --edition, or set page.edition to a pattern")

    def body_lines(self) -> list[dict]:
        out = []
        for p in self.pages:
            for ln in p["lines"]:
                if _digits(ln["text"]) in self.running_keys:
                    continue
                out.append({**ln, "page": p["number"]})
        return out

    def shape(self) -> tuple[str | None, dict]:
        """The table layout, with the header cells and labels seen (matched or not)."""
        rows = [[" ".join(t for _, t in c["lines"]).strip() if c else "" for c in row]
                for p in self.pages for t in p["tables"] for row in t["rows"]]
        score: Counter = Counter()
        seen = {"levels": Counter(), "fields": Counter(), "unmatched": Counter(), "phases": Counter()}
        for r in rows:
            filled = [t for t in r if t]
            if not filled:
                continue
            lv = [self.label_like("levels", t) for t in r[1:]]
            fd = [self.label_like("fields", t) for t in r[1:]]
            if len(filled) == 1 and self.base.match("phases", filled[0]):
                seen["phases"][filled[0]] += 1
            elif len(filled) == 1 and not r[0] and not self.label_like("levels", filled[0]):
                seen.setdefault("spans", []).append(filled[0])
            elif len(filled) == 1 and r[0] and self.label_like("levels", r[0]):
                score["level-bands"] += 1
                seen["levels"][r[0]] += 1
            elif sum(map(bool, lv)) >= 2:
                score["levels-as-columns"] += 1
                seen["levels"].update(t for t, k in zip(r[1:], lv) if k)
                seen["unmatched-levels-header"] = r
            elif sum(map(bool, fd)) >= 2:
                score["levels-as-rows"] += 1
                seen["fields"].update(t for t, k in zip(r[1:], fd) if k)
                seen["unmatched-fields-header"] = r
        if not score:
            return None, seen
        layout = score.most_common(1)[0][0]
        seen["rows"] = rows
        return layout, seen

    def labels_for(self, layout: str, seen: dict) -> None:
        """Match header and first-column cells; guess the ones no shared label matches."""
        rows = seen["rows"]
        header_kind = "levels" if layout == "levels-as-columns" else "fields"
        label_kind = {"levels-as-columns": "fields", "levels-as-rows": "levels", "level-bands": "fields"}[layout]
        header = seen.get(f"unmatched-{header_kind}-header")
        if header and layout != "level-bands":
            self.notes.append(f"Header cells: {', '.join(repr(t) for t in header if t)}")
            ids = [e["id"] for e in self.fw[header_kind if header_kind == "levels" else "aspects"]]
            keys = [self.match(header_kind, t) if j else None for j, t in enumerate(header)]
            for j, t in enumerate(header):
                if not j or not t or keys[j]:
                    continue
                before = [ids.index(k) for k in keys[:j] if k in ids]
                after = [ids.index(k) for k in keys[j + 1:] if k in ids]
                lo, hi = (max(before) + 1 if before else 0), (min(after) if after else len(ids))
                free = [ids[i] for i in range(lo, hi) if ids[i] not in keys]
                if header_kind == "levels" and len(free) == 1:
                    self.learn(header_kind, free[0], t, "from its place between the other levels")
                elif self.guess(header_kind, t):
                    self.learn(header_kind, self.guess(header_kind, t), t, "from its words")
                else:
                    self.todo.append(f"labels.{header_kind}: say which "
                                     f"{header_kind[:-1].replace('field', 'aspect')} the column {t!r} is "
                                     f"(known: {', '.join(ids)})")
        if layout == "level-bands":
            for text in dict.fromkeys(r[0] for r in rows if r and r[0] and sum(bool(c) for c in r) == 1):
                key = self.label_like("levels", text)
                if key and not self.match("levels", text) and key not in self.labels["levels"]:
                    self.learn("levels", key, text, "from its words")
        headers = {tuple(r) for r in rows if sum(bool(self.label_like(header_kind, t)) for t in r[1:]) >= 2}
        firsts = Counter(r[0] for r in rows if r and r[0] and sum(bool(c) for c in r) >= 2 and tuple(r) not in headers)
        cont = norm("(continued)")
        unsure: list[tuple[str, str | None]] = []  # row labels with no shared label and no sure guess
        for text, _ in firsts.most_common():
            label = norm(text)
            if label.endswith(cont):
                label = label[: -len(cont)].strip()
            if not label or self.match(label_kind, label) or self.match(header_kind, text):
                continue
            if self.base.match("phases", text) or any(self.match(label_kind, f"{a} {text}") for a in firsts):
                continue
            key = self.guess(label_kind, text)
            taken = key in self.labels[label_kind] or any(self.base.match(label_kind, t) == key for t in firsts)
            if key and not taken:
                self.learn(label_kind, key, text, "from its words")
            else:
                unsure.append((text, key))
        what = label_kind[:-1].replace("field", "aspect")
        ids = [e["id"] for e in self.fw["levels" if label_kind == "levels" else "aspects"]]
        left = [i for i in ids if i not in self.labels[label_kind] and not any(self.match(label_kind, t) == i
                                                                                for t in firsts)]
        if len(unsure) == 1 and len(left) == 1:  # one row not named and one aspect (or level) not yet seen
            self.learn(label_kind, left[0], unsure[0][0], f"the only {what} no other row names")
            unsure = []
        for text, key in unsure:
            self.todo.append(f"labels.{label_kind}: the row {text!r} looks like {key}, but another row is {key} "
                             f"already; say which {what} it is" if key else
                             f"labels.{label_kind}: say which {what} the row {text!r} is (or ignore it if it is "
                             "not one)")
        matched = {kind: sorted({self.match(kind, t) for t in seen[kind]} - {None}) for kind in ("levels", "fields")}
        for r in rows:
            for t in r[:1]:
                if self.match("levels", t):
                    matched["levels"] = sorted(set(matched["levels"]) | {self.match("levels", t)})
                if self.match("fields", t):
                    matched["fields"] = sorted(set(matched["fields"]) | {self.match("fields", t)})
        self.notes.append(f"Levels matched: {', '.join(matched['levels']) or 'none'}; aspects matched: "
                          f"{', '.join(matched['fields']) or 'none'} (shared labels: scripts/profiles/_labels.yml)")
        self.levels_seen = matched["levels"]

    def headings(self, lines: list[dict]) -> None:
        """Heading rules from the sizes and weights of whole lines, and where the area line sits."""
        body = Counter()
        for ln in lines:
            body[round(ln["size"] * 2) / 2] += len(ln["text"])
        self.body = body.most_common(1)[0][0] if body else 10.0
        groups: dict[tuple[float, bool], list[dict]] = defaultdict(list)
        for ln in lines:
            size = round(ln["size"] * 2) / 2
            if size > self.body + 0.4 or (abs(size - self.body) <= 0.4 and ln.get("bold")):
                groups[(size, bool(ln.get("bold")) and size <= self.body + 0.4)].append(ln)
        tables = sorted((p["number"], t["top"]) for p in self.pages for t in p["tables"])
        order = sorted((ln for g in groups.values() for ln in g), key=lambda ln: (ln["page"], ln["top"]))
        kinds: dict[tuple, str] = {}
        for key, g in groups.items():
            areas = sum(bool(self.base.match("areas", ln["text"])) for ln in g)
            phases = sum(bool(self.base.match("phases", ln["text"])) for ln in g)
            if areas * 2 > len(g):
                kinds[key] = "area"
            elif phases * 2 > len(g):
                kinds[key] = "phase"
        group_of = {id(ln): key for key, g in groups.items() for ln in g}
        others = [ln for ln in order if group_of[id(ln)] not in kinds]  # area and phase lines do not end a need
        nxt = {id(a): b for a, b in zip(others, others[1:])}

        def between(a: dict, b: dict | None) -> bool:
            end = (b["page"], b["top"]) if b else (10**6, 0)
            return any((a["page"], a["top"]) < t < end for t in tables)

        def table_follows(ln: dict) -> bool:
            return between(ln, nxt.get(id(ln)))

        candidates = [(sum(table_follows(ln) for ln in g) / len(g), len(g), key) for key, g in groups.items()
                      if key not in kinds]
        candidates = [c for c in candidates if c[0] > 0]
        if not candidates:
            raise ExtractError(f"{self.path.name}: no heading is followed by a table, so the need headings cannot "
                               "be told apart; write the profile by hand (see scripts/profiles/)")
        need_key = max(candidates)[2]
        kinds[need_key] = "need"
        self.notes.append(f"Body text: {self.body:g} pt (most of the text outside tables)")
        for key, g in sorted(groups.items(), key=lambda kv: -kv[0][0]):
            sample = ", ".join(repr(ln["text"][:40]) for ln in g[:3])
            self.notes.append(f"  {key[0]:g} pt{' bold' if key[1] else ''}: {len(g)} lines, "
                              f"{kinds.get(key, 'not a heading the extractor uses')} (e.g. {sample})")
        rules: dict = {}
        for key, kind in kinds.items():
            size, bold = key
            rule = {"min_size": size - 0.25, "max_size": size + 0.25}
            if bold or any(k[0] == size and k != key for k in groups) or abs(size - self.body) <= 0.4:
                rule["bold"] = True
            rules[kind] = rule
        area_key = next((k for k, v in kinds.items() if v == "area"), None)
        position = "above"
        if area_key:
            areas = groups[area_key]
            prev = {id(b): a for a, b in zip(order, order[1:])}
            after_need = sum(1 for ln in areas if (a := prev.get(id(ln))) is not None
                             and group_of[id(a)] == need_key and not between(a, ln))
            if after_need * 2 > len(areas):
                position = "below"
            self.notes.append(f"Area lines sit {position} the need headings")
        else:
            titles = sorted({ln["text"] for ln in groups[need_key]})[:20]
            self.todo.append("area_of: no line names an area; give the area id of each need (known: "
                             + ", ".join(sorted(self.base.labels["areas"])) + "), e.g. area_of: {"
                             + ", ".join(f"{t!r}: AREA" for t in titles[:3]) + "}")
        self.data["headings"] = {"need": rules["need"], **({"area": rules["area"]} if "area" in rules else {}),
                                 **({"phase": rules["phase"]} if "phase" in rules else {}), "area_position": position}
        self.has_phase_headings = "phase" in rules
        self.need_size = need_key[0]
        aka = Counter(m.group(1) for ln in lines for m in [re.match(r"^((?:Also known as|Also called|Other names?)"
                                                                    r"\s*:?)", ln["text"], re.I)] if m)
        if aka:
            self.data["text"] = {"also_known_as": aka.most_common(1)[0][0]}
            self.notes.append(f"Other names follow {aka.most_common(1)[0][0]!r}")

    def phase(self, seen: dict, lines: list[dict]) -> None:
        if seen.get("phases") or self.has_phase_headings:
            named = sorted({self.base.match("phases", t) for t in seen.get("phases", {})} - {None})
            self.notes.append("Phase: named in the document (" + (", ".join(named) or "in headings") + "); no "
                              "phase key needed")
            return
        big: list[str] = []  # the large lines of page 1, a title wrapped over lines joined again
        last = None
        for ln in lines:
            if ln["page"] == self.pages[0]["number"] and ln["size"] >= self.need_size:
                if last is not None and abs(last["size"] - ln["size"]) < 0.3:
                    big[-1] += " " + ln["text"]
                else:
                    big.append(ln["text"])
                last = ln
            else:
                last = None
        header = [ln for p in self.pages[:5] for ln in p["lines"] if ln["bottom"] < p["height"] * EDGE]
        found: dict[str, str] = {}
        for text in big + [ln["text"] for ln in header]:
            for key in self.base.find("phases", text):
                found.setdefault(key, text)
        if len(found) == 1:
            key, text = next(iter(found.items()))
            self.data["phase"] = key
            self.notes.append(f"Phase: {key}, named in {text!r}")
        else:
            ids = ", ".join(p["id"] for p in self.fw["phases"])
            spans = list(dict.fromkeys(t for t in seen.get("spans", [])))[:3]
            hint = (f" (the full-width table row{'s' if len(spans) > 1 else ''} "
                    f"{', '.join(repr(t) for t in spans)} may name it)" if spans else "")
            self.todo.append(f"phase: no title, heading, running header or table names the phase this document "
                             f"covers{hint}; set phase: to one of {ids}")

    def binder(self, lines: list[dict]) -> None:
        number = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
        body = Counter()
        for ln in lines:
            body[round(ln["size"] * 2) / 2] += len(ln["text"])
        self.body = body.most_common(1)[0][0] if body else 10.0
        chapters = [ln["size"] for ln in lines if ln["size"] > self.body + 0.4 and (m := number.match(ln["text"]))
                    and "." not in m.group(1)]
        sections = [ln["size"] for ln in lines if ln["size"] > self.body + 0.4 and (m := number.match(ln["text"]))
                    and "." in m.group(1)]
        if not chapters:
            raise ExtractError(f"{self.path.name}: no threshold tables and no numbered chapter headings found; "
                               "this tool reads threshold tables and binder chapters only")
        self.data["text"] = {"chapter_heading_size": round(min(chapters) - 0.25, 2),
                             "section_heading_size": round(min(sections or chapters) - 0.25, 2)}
        self.notes.append(f"Body text: {self.body:g} pt; numbered chapter headings from {min(chapters):g} pt; "
                          f"numbered section headings from {min(sections or chapters):g} pt")

    # ---------------------------------------------------------------- all of it

    def build(self) -> str:
        self.bands()
        lines = self.body_lines()
        layout, seen = self.shape()
        stem = self.path.stem
        if layout is None:
            self.data = {"name": stem, "description": f"Proposed from {self.path.name}", "kind": "binder",
                         "layout": "prose", "source": "local-golden-binder", **self.data}
            self.notes.insert(0, "Table shape: no table names levels or aspects, so this is read as binder prose")
            self.binder(lines)
        else:
            self.data = {"name": stem, "description": f"Proposed from {self.path.name}", "kind": "threshold",
                         "layout": layout, "source": "local-threshold-guidance", **self.data}
            self.notes.insert(0, f"Table shape: {layout} ({SHAPES[layout]})")
            self.labels_for(layout, seen)
            self.headings(lines)
            self.phase(seen, lines)
        if self.labels:
            self.data["labels"] = {k: v for k, v in self.labels.items()}
        return self.render()

    def render(self) -> str:
        out = [f"# Proposed by make extract-profile from {self.path.name} ({len(self.pages)} pages read).",
               "# What was seen:"]
        out += [f"#   {n}" for n in self.notes]
        if self.todo:
            out.append("# NOT DECIDED - set these keys before extracting:")
            out += [f"#   {t}" for t in self.todo]
        else:
            out.append("# Nothing left undecided: this profile should work as it is.")
        out.append("# source: the id in content/sources.yml this document is cited as (change it if it is another).")
        out.append(yaml.safe_dump(self.data, sort_keys=False, allow_unicode=True, width=110).rstrip())
        return "\n".join(out) + "\n"


def propose(pdf: Path, out_dir: Path = Path("build/staging"), password: str | None = None,
            content: Path | str = "content") -> tuple[Path, list[str]]:
    """Write <out_dir>/<pdf-stem>.profile.yml; returns its path and the keys still to set."""
    shared = load_profile("threshold-rows", PROFILE_DIR, content)
    pages = read_sample(Path(pdf), password, shared.cid_map)
    prop = Proposal(Path(pdf), pages, content)
    text = prop.build()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{Path(pdf).stem}.profile.yml"
    path.write_text(text, encoding="utf-8")
    load_profile(path, PROFILE_DIR, content)  # the proposal is itself a valid profile
    return path, prop.todo


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m scripts.extract.propose",
                                 description="Read a PDF and write a proposed layout profile, its comments saying "
                                             "what was seen and which keys (if any) to set.")
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--out", type=Path, default=Path("build/staging"), help="folder for <pdf-stem>.profile.yml")
    ap.add_argument("--content", type=Path, default=Path("content"))
    ap.add_argument("--password")
    args = ap.parse_args(argv)
    import logging
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        path, todo = propose(args.pdf, args.out, args.password, args.content)
    except ExtractError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except Exception as exc:  # a layout the proposer cannot read: one line, never a traceback
        print(f"error: {args.pdf.name}: could not propose a profile ({type(exc).__name__}: "
              f"{(str(exc).splitlines() or [''])[0][:100]}); write one by hand, starting from scripts/profiles/",
              file=sys.stderr)
        return 2
    print(path.read_text(encoding="utf-8"), end="")
    print(f"Wrote {path}", file=sys.stderr)
    for t in todo:
        print(f"set in {path}: {t}", file=sys.stderr)
    if not todo:
        print(f"Next: make extract PDF={args.pdf} PROFILE={path}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
