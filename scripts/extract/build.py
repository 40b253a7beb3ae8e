# Records into content items: needs and strategies (validated by scripts.content.model) and Markdown pages.
# In: NeedRecords / ChapterRecords, the profile, the current content index. Out: {(kind, id): data} + report notes.
"""Building content items from what the PDF says.

Needs. A need's id is the id of the content need with the same title, else the slug of its title.
Each table cell is split into items on bullets. A "who may help" item that names a known role (through
the profile's role labels and the titles in content/roles) becomes its id; any other item is kept whole
as text and listed in the report, never dropped. A need covers only the phases and levels the document
describes (framework order, from content/framework.yml when there is one).
Every need gets one `sources` entry: {source: <profile or --source id>, pages: [page numbers as
printed, else physical], note: "Edition: <edition>"}. A need that fails the Need model (e.g. an
empty cell, so a level has no strategies) is skipped and each problem reported with its page.
Several documents of one edition (one per phase, say) give records for the same need: merge() joins
them by title before building, so the need is staged once with every phase.

Strategies. A threshold table has free-text strategy cells, while a need refers to strategies by id,
so every distinct strategy bullet becomes a strategy item:
- "Title – note" (the profile's note_separator) gives the strategy title and a note for this need;
  the need lists {strategy: id, note: ...}, or just the id when there is no note.
- Same title (ignoring case and punctuation) as a strategy in content/ -> that strategy's id (so a
  bullet links to the curated strategy); else the slug of the first 8 words of the title, made unique.
- levels and phases: every level and phase where a valid need uses it (for a curated strategy, added
  to the ones it has, never removed).
- type: the first of the profile's `strategy_types` whose word or phrase appears in the title; else by
  the lowest level using it (`default_type_by_level`: universal/sen-support -> teaching, enhanced ->
  individual, ehc -> specialist).
- delivered_by: the roles in "who may help" of the needs and levels that use it, in first-seen order.
- title, sources: from the PDF and kept up to date by later extractions. summary ("To be written: ..."),
  steps (the bullet itself) and delivered_by and type are seeded once when the strategy is new; after
  that they belong to people, and re-extraction never touches them (see staging.OWNED).
A stub is valid against the Strategy model but not up to the guide's bars (three or more steps, plain
summary); the report counts stubs so a reviewer writes them before publishing.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationError

from . import guards
from .binder import ChapterRecord
from .profiles import Profile, norm
from .report import Report
from .framework_ids import ids, models
from .threshold import FIELDS, NeedRecord, split_items, vocabulary

SLUG_WORDS = 8
FILLER = {"and", "or", "the", "a", "an", "with", "from", "their", "your", "if", "needed", "also"}


def slug(text: str, words: int = SLUG_WORDS) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]) or "item"


def unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def source_ref(source: str, pages: set[int] | list[int], edition: str | None) -> dict:
    ref: dict[str, Any] = {"source": source, "pages": sorted(set(pages))}
    if edition:
        ref["note"] = f"Edition: {edition}"
    return ref


def split_note(text: str, sep: str) -> tuple[str, str | None]:
    if sep and sep in text:
        title, note = text.split(sep, 1)
        if title.strip() and note.strip():
            return title.strip(), note.strip()
    return text.strip(), None


def roles(items: list[str], profile: Profile) -> tuple[list[str], list[str]]:
    """'Who may help' items as the need keeps them: an item made only of known role names ("SENCO", "EP / SALT",
    "the school nurse if needed") as their ids; anything else kept whole as text. Returns (entries, unknown)."""
    out: list[str] = []
    unknown: list[str] = []
    aliases = sorted(((norm(a).split(), key) for key, names in profile.labels.get("roles", {}).items()
                      for a in names), key=lambda x: -len(x[0]))
    for item in items:
        item = item.strip().rstrip(".;,").strip()
        if not item:
            continue
        key = profile.match("roles", item)
        if key:
            out.append(key)
            continue
        words, i, found, rest = norm(item).split(), 0, [], []
        while i < len(words):
            hit = next(((n, k) for n, k in aliases if words[i:i + len(n)] == n), None)
            if hit:
                found.append(hit[1])
                i += len(hit[0])
            else:
                rest.append(words[i])
                i += 1
        if found and not set(rest) - FILLER:
            out.extend(found)
        else:
            out.append(as_text(item))
            unknown.append(item)
    return list(dict.fromkeys(out)), unknown


def as_text(item: str) -> str:
    """Free text the model reads as text, not as a role id (it holds a space or a capital letter)."""
    return item if (" " in item or item != item.lower()) else item[:1].upper() + item[1:]


def _errors(exc: ValidationError, most: int = 4) -> list[str]:
    """Model errors as 'field.path: problem', at most `most` of them (then a count of the rest)."""
    out = [".".join(str(p) for p in e["loc"] if str(p) not in ("str", "StrategyRef")
                    and not str(p).startswith("function")) + ": " + e["msg"].lower() for e in exc.errors()]
    return out if len(out) <= most else out[:most - 1] + [f"and {len(out) - most + 1} more problems"]


class Builder:
    def __init__(self, profile: Profile, report: Report, content, source: str, edition: str | None):
        self.p, self.report, self.content = profile, report, content
        self.source, self.edition = source, edition
        self.items: dict[tuple[str, str], dict] = {}
        root = getattr(content, "root", "content")
        self.levels, self.phases = ids("levels", root), ids("phases", root)
        self.models = models(root)
        self.role_ids = set(profile.labels.get("roles", {}))

    # ---------------------------------------------------------------- needs and strategies

    def needs(self, records: list[NeedRecord]) -> None:
        taken_needs = set(self.content.ids("needs"))
        used_ids: set[str] = set()
        strategy_ids: dict[str, str] = {}  # norm(title) -> id
        taken_strategies = set(self.content.ids("strategies"))
        uses: dict[str, dict] = {}
        staged: list[tuple[str, NeedRecord, dict]] = []
        vocab = vocabulary(lines for rec in records for lines in rec.cells.values())
        for rec in records:
            page = min(rec.pages) if rec.pages else rec.first_page
            nid = self.content.by_title("needs", rec.title) or slug(rec.title)
            if nid in used_ids:
                nid = unique(nid, used_ids | taken_needs)
                self.report.skip(page, f"a second need titled {rec.title!r}: staged as {nid}")
            used_ids.add(nid)
            phases: dict[str, dict] = {}
            bullets: dict[tuple, list[tuple[str, str | None]]] = {}
            for phase in self.phases:
                for level in self.levels:
                    if not any((phase, level, fld) in rec.cells for fld in FIELDS):
                        continue  # the document does not describe this level for this phase
                    g: dict[str, list] = {}
                    for fld in FIELDS:
                        items = split_items(rec.cells.get((phase, level, fld), []), self.p.bullets, vocab)
                        if fld == "who_may_help":
                            items, unknown = roles(items, self.p)
                            for name in unknown:
                                self.report.notes.append(
                                    f"page {min(rec.cell_pages.get((phase, level, fld), {page}))}: who may help "
                                    f"{name!r} is not a known role; kept as text ({rec.title}, {phase}, {level})")
                        elif fld == "strategies":
                            bullets[(phase, level)] = [split_note(t, self.p.note_separator) for t in items]
                            items = []
                        g[fld] = items
                    phases.setdefault(phase, {})[level] = g
            for (phase, level), pairs in bullets.items():
                refs = []
                for title, note in pairs:
                    key = norm(title)
                    if key not in strategy_ids:
                        sid = self.content.by_title("strategies", title)
                        strategy_ids[key] = sid or unique(slug(title), taken_strategies)
                    sid = strategy_ids[key]
                    if any((r if isinstance(r, str) else r["strategy"]) == sid for r in refs):
                        continue
                    refs.append({"strategy": sid, "note": note} if note else sid)
                    uses.setdefault(sid, {"title": title, "uses": []})["uses"].append(
                        (nid, phase, level, rec.cell_pages.get((phase, level, "strategies"), set())))
                phases[phase][level]["strategies"] = refs
            if rec.area is None:
                self.report.skip(page, f"need {rec.title!r} skipped: its area heading {rec.area_label!r} is not a "
                                       "known area (add it to the profile's area labels)")
                continue
            summary = " ".join(rec.summary).strip()
            if not summary:
                summary = "To be written: a plain summary of this need."
                self.report.notes.append(f"{nid}: no summary paragraph on page {page}; a stub was staged")
            refs = rec.refs or {rec.source or self.source: rec.pages}
            data = {"area": rec.area, "title": rec.title, "also_known_as": rec.aka, "summary": summary,
                    "phases": phases, "sources": [source_ref(src, pages, rec.edition or self.edition)
                                                  for src, pages in refs.items()]}
            try:
                self.models['needs'].model_validate(data)
            except ValidationError as exc:
                for err in _errors(exc):
                    self.report.skip(page, f"need {rec.title!r} skipped: {err}")
                continue
            staged.append((nid, rec, data))
        valid = {nid for nid, _, _ in staged}
        for nid, rec, data in staged:
            self.items[("needs", nid)] = data
            self.report.items["needs"] += 1
        self._strategies(uses, valid, {nid: data for nid, _, data in staged})

    def _type(self, title: str, levels: list[str]) -> str:
        text = " " + " ".join(re.findall(r"[\w:-]+", title.lower())) + " "
        for kind, words in self.p.strategy_types.items():
            for w in words:
                pattern = r"(?<![\w-])" + re.escape(w.lower().rstrip("*")) + (r"" if w.endswith("*") else r"(?![\w-])")
                if re.search(pattern, text):
                    return kind
        return self.p.default_type_by_level.get(levels[0], "teaching") if levels else "teaching"

    def _strategies(self, uses: dict[str, dict], valid: set[str], needs: dict[str, dict]) -> None:
        for sid, info in uses.items():
            live = [u for u in info["uses"] if u[0] in valid]
            if not live:
                continue
            levels = [lv for lv in self.levels if any(u[2] == lv for u in live)]
            phases = [ph for ph in self.phases if any(u[1] == ph for u in live)]
            pages = set().union(*(u[3] for u in live))
            ref = source_ref(self.source, pages, self.edition)
            existing = self.content.item("strategies", sid)
            if existing is not None:
                data = {k: v for k, v in existing.items() if k != "id"}
                data["levels"] = [lv for lv in self.levels if lv in set(data.get("levels") or []) | set(levels)]
                data["phases"] = [ph for ph in self.phases if ph in set(data.get("phases") or []) | set(phases)]
                others = [s for s in (data.get("sources") or []) if not (isinstance(s, dict) and s.get("source") == self.source)]
                data["sources"] = others + [ref]
            else:
                delivered = list(dict.fromkeys(r for nid, ph, lv, _ in live
                                               for r in needs[nid]["phases"][ph][lv]["who_may_help"]
                                               if r in self.role_ids))
                if not delivered:  # every "who may help" entry was free text: seed the SENCO, and say so
                    delivered = ["senco"]
                    self.report.notes.append(f"strategy {sid}: no known role names who delivers it; delivered_by "
                                             "seeded as senco (check it)")
                title = info["title"]
                data = {"title": title,
                        "summary": f"To be written: named in the {self._short()} (page {min(ref['pages'])}).",
                        "steps": [title if re.search(r"[.!?]$", title) else title + "."],
                        "delivered_by": delivered, "type": self._type(title, levels),
                        "levels": levels, "phases": phases, "sources": [ref]}
                self.report.stubs += 1
            try:
                self.models['strategies'].model_validate(data)
            except ValidationError as exc:  # pragma: no cover - built from validated needs; kept as a guard
                for err in _errors(exc):
                    self.report.skip(min(pages) if pages else 0, f"strategy {sid} skipped: {err}")
                continue
            self.items[("strategies", sid)] = data
            self.report.items["strategies"] += 1

    def _short(self) -> str:
        return {"local-threshold-guidance": "threshold guidance", "local-golden-binder": "binder"}.get(
            self.source, self.source.replace("-", " "))

    # ---------------------------------------------------------------- pages

    def pages(self, chapters: list[ChapterRecord]) -> None:
        used: set[str] = set()
        for ch in chapters:
            pid = self.content.by_title("pages", ch.title) or slug(ch.title)
            if pid in used:
                pid = unique(pid, used | set(self.content.ids("pages")))
                self.report.skip(min(ch.pages), f"a second chapter titled {ch.title!r}: staged as {pid}")
            used.add(pid)
            body = guards.html_as_text(ch.markdown())  # raw HTML or links in the PDF's text stay text
            if not body.strip():
                self.report.skip(min(ch.pages), f"chapter {ch.title!r} has no text; skipped")
                continue
            self.items[("pages", pid)] = {"title": ch.title, "description": ch.description(),
                                           "sources": [source_ref(self.source, ch.pages, self.edition)],
                                           "body": body}
            self.report.items["pages"] += 1


def build(records: list, profile: Profile, report: Report, content, source: str,
          edition: str | None) -> dict[tuple[str, str], dict]:
    b = Builder(profile, report, content, source, edition)
    if profile.kind == "threshold":
        b.needs(records)
    else:
        b.pages(records)
    return b.items


def add_content_labels(profile: Profile, content) -> None:
    """Role and area titles (and role abbreviations) from content/ also match, besides the profile's labels."""
    for kind in ("roles", "areas"):
        for item_id in content.ids(kind):
            data = content.item(kind, item_id) or {}
            names = [str(data[k]) for k in ("title", "abbreviation") if data.get(k)]
            if names:
                profile.add_labels(kind, item_id, names)

