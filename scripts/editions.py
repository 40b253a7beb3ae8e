# Editions: what changed between two editions of the content, and when each need and strategy last changed.
# In: two editions (Content objects, content folders, git revisions or snapshot files). Out: Changes, a Markdown page, dates.
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Union

from markupsafe import Markup

from . import model as m
from . import authority as la
from .load import Content, ContentErrors, load

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_VERSION = 1

# (kind, heading, docs folder for links or None). Needs, strategies and plans come first: they are what people use.
KINDS = [("needs", "Needs", "needs"), ("strategies", "Strategies", "strategies"), ("plans", "Example plans", "plans"),
         ("areas", "Areas of need", "areas"), ("levels", "Levels of support", "levels"),
         ("roles", "Who's who", "roles"), ("pages", "Guidance pages", "guide"), ("glossary", "Glossary", None),
         ("sources", "Sources", None)]
KIND_TITLES = {k: t for k, t, _ in KINDS}
FIELD_LABELS = {
    "descriptors": "what you might notice", "assessment": "how it is assessed", "strategies": "what helps",
    "who_may_help": "who may help", "also_known_as": "also known as", "steps": "how to do it",
    "delivered_by": "who delivers it", "body": "text", "about_me": "about me", "what_matters": "what matters",
    "what_helps": "what helps", "what_does_not_help": "what does not help", "parents_views": "parents' views",
    "next_steps": "next steps", "next_level": "next level", "level_decision": "level decision",
    "how_often": "how often", "how_long": "how long", "group_size": "group size", "year_group": "year group",
}


class EditionError(Exception):
    """An edition that cannot be read: one clear line."""


# ---------------------------------------------------------------- snapshots: one edition as plain data

Snapshot = dict[str, Any]  # {"version", "edition", "date", "items": {kind: {id: {"title", "fields": {path: [lines]}}}}}


def _date(d) -> str:
    return d.isoformat() if isinstance(d, (dt.date, dt.datetime)) else str(d or "")


def _flatten(value: Any, path: str, out: dict[str, list[str]], render) -> None:
    """Fields as `path -> lines`: a text is one line, a list of texts one line each, nested records recurse."""
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, f"{path}.{k}" if path else k, out, render)
    elif isinstance(value, list):
        if any(isinstance(v, dict) and not render(v) for v in value):
            for i, v in enumerate(value, 1):
                _flatten(v, f"{path}.{i}", out, render)
        elif value:
            out[path] = [render(v) or str(v) if isinstance(v, dict) else str(v) for v in value]
    elif value is not None and value != "":
        out[path] = [str(value)]


def snapshot(c: Any) -> Snapshot:
    """One edition as plain data for diffing or saving. `c` is a Content or anything with the same attributes
    (needs, strategies, plans, ...; missing ones count as empty), e.g. the extractor's staged items."""
    strategies = getattr(c, "strategies", {}) or {}
    sources = getattr(c, "sources", {}) or {}
    roles = getattr(c, "roles", {}) or {}
    areas = getattr(c, "areas", {}) or {}
    labels = framework_labels(getattr(c, "framework", None))

    def render(d: dict) -> str | None:
        """One-line text for small records that read as one item; None to recurse into the record."""
        if "strategy" in d and set(d) <= {"strategy", "note"}:
            title = strategies[d["strategy"]].title if d["strategy"] in strategies else d["strategy"]
            return title + (f" ({d['note']})" if d.get("note") else "")
        if "source" in d and set(d) <= {"source", "paragraphs", "pages", "note"}:
            src = sources[d["source"]].title if d["source"] in sources else d["source"]
            where = [f"paragraphs {d['paragraphs']}" if d.get("paragraphs") else "",
                     ("pages " + ", ".join(map(str, d["pages"]))) if d.get("pages") else "", d.get("note") or ""]
            return ", ".join([src] + [w for w in where if w])
        return None

    def names(ids: list[str], table: dict) -> list[str]:
        return [table[i].title if i in table else i for i in ids]

    items: dict[str, dict] = {}

    def add(kind: str, item_id: str, title: str, data: dict) -> None:
        fields: dict[str, list[str]] = {}
        _flatten(data, "", fields, render)
        items.setdefault(kind, {})[item_id] = {"title": title, "fields": fields}

    for nid, need in (getattr(c, "needs", {}) or {}).items():
        data = need.model_dump(mode="json", by_alias=True, exclude_defaults=False)
        data["area"] = areas[need.area].title if need.area in areas else need.area
        role_aspects = [a.id for a in c.framework.aspects_of("roles")] if getattr(c, "framework", None) else []
        for phase in data["phases"].values():
            for level in phase.values():
                for aspect in role_aspects:
                    level[aspect] = names(level.get(aspect, []), roles)
        add("needs", nid, need.title, data)
    for sid, st in strategies.items():
        data = st.model_dump(mode="json")
        data["delivered_by"] = names(st.delivered_by, roles)
        data["type"] = m.TYPE_TITLES.get(st.type, st.type)
        data["levels"] = [labels.get(lv, lv) for lv in st.levels]
        data["phases"] = [labels.get(p, p) for p in st.phases]
        add("strategies", sid, st.title, data)
    for kind in ("plans", "areas", "levels", "roles"):
        for item_id, item in (getattr(c, kind, {}) or {}).items():
            add(kind, item_id, labels.get(item_id, item_id) if kind == "levels" else item.title,
                item.model_dump(mode="json"))
    for pid, page in (getattr(c, "pages", {}) or {}).items():
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", page.body) if p.strip()]
        add("pages", pid, page.title, {"title": page.title, "description": page.description, "body": paragraphs})
    glossary = getattr(c, "glossary", None)
    for t in (glossary.terms if glossary else []):
        add("glossary", re.sub(r"[^a-z0-9]+", "-", t.term.lower()).strip("-"), t.term, t.model_dump(mode="json"))
    for sid, s in sources.items():
        add("sources", sid, s.title, s.model_dump(mode="json", exclude={"id"}))
    a = getattr(c, "authority", None)
    return {"version": SNAPSHOT_VERSION, "edition": a.edition if a else "", "date": _date(a.edition_date if a else ""),
            "labels": labels, "items": items}


def framework_labels(fw) -> dict[str, str]:
    """Phase and level id -> title, so a field path such as phases.post-16.ehc.descriptors reads as words."""
    if fw is None:
        return {}
    return {**{p.id: p.title for p in fw.phases}, **{lv.id: lv.title for lv in fw.levels}}


def read_snapshot(path: str | Path) -> Snapshot:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EditionError(f"{path}: cannot read snapshot: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != SNAPSHOT_VERSION or "items" not in data:
        raise EditionError(f"{path}: not an edition snapshot (make one with python -m scripts.editions snapshot)")
    return data


def write_snapshot(c: Any, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(snapshot(c), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- the diff


@dataclass
class FieldChange:
    path: str                      # e.g. phases.school-age.sen-support.descriptors
    label: str                     # e.g. School age › SEN Support › what you might notice
    rows: list[tuple[str, str]]    # changed lines side by side: (old, new); "" where a line was added or removed
    added: int = 0
    removed: int = 0
    reworded: int = 0


@dataclass
class ItemChange:
    kind: str
    id: str
    title: str
    status: str                    # added, removed or changed
    fields: list[FieldChange] = field(default_factory=list)
    lines: int = 0                 # for added or removed items: how many lines of text they hold


@dataclass
class Changes:
    """Everything that differs between two editions, item by item and field by field."""

    old_edition: str
    old_date: str
    new_edition: str
    new_date: str
    items: list[ItemChange]

    def of(self, kind: str, status: str | None = None) -> list[ItemChange]:
        return [i for i in self.items if i.kind == kind and (status is None or i.status == status)]

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for i in self.items:
            out.setdefault(i.kind, {"added": 0, "removed": 0, "changed": 0})[i.status] += 1
        return out

    def descriptors(self) -> dict[str, int]:
        """Descriptors ("what you might notice") added, removed and reworded, across all needs."""
        out = {"added": 0, "removed": 0, "reworded": 0}
        for i in self.of("needs"):
            for f in i.fields:
                if f.path.endswith(".descriptors"):
                    out["added"] += f.added
                    out["removed"] += f.removed
                    out["reworded"] += f.reworded
        return out

    def __bool__(self) -> bool:
        return bool(self.items)


def label(path: str, names: dict[str, str] | None = None) -> str:
    """A field path in words: phases.school-age.sen-support.descriptors -> School age › SEN Support › what you might
    notice. `names`: phase and level titles by id."""
    words, names = [], names or {}
    for part in path.split("."):
        if part in names:
            words.append(names[part])
        elif part.isdigit():
            words.append(f"number {part}")
        else:
            words.append(FIELD_LABELS.get(part, part.replace("_", " ")))
    text = " › ".join(w for w in words if w != "phases")
    return text[:1].upper() + text[1:]


def diff_lines(old: list[str], new: list[str]) -> tuple[list[tuple[str, str]], int, int, int]:
    """Changed lines side by side, and how many were added, removed and reworded."""
    rows, added, removed, reworded = [], 0, 0, 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for o, n in zip_longest(old[i1:i2], new[j1:j2], fillvalue=""):
            rows.append((o, n))
            if o and n:
                reworded += 1
            elif o:
                removed += 1
            else:
                added += 1
    return rows, added, removed, reworded


def _as_snapshot(edition: Union[Content, Snapshot, Any]) -> Snapshot:
    return edition if isinstance(edition, dict) else snapshot(edition)


def diff(old: Union[Content, Snapshot, Any], new: Union[Content, Snapshot, Any]) -> Changes:
    """Compare two editions (Content objects, snapshots, or Content-like objects) item by item and field by field."""
    a, b = _as_snapshot(old), _as_snapshot(new)
    names = {**a.get("labels", {}), **b.get("labels", {})}
    items: list[ItemChange] = []
    for kind, _, _ in KINDS:
        olds, news = a["items"].get(kind, {}), b["items"].get(kind, {})
        for item_id in sorted(set(olds) | set(news), key=lambda i: (news.get(i) or olds[i])["title"].lower()):
            o, n = olds.get(item_id), news.get(item_id)
            if o is None or n is None:
                item = o or n
                items.append(ItemChange(kind, item_id, item["title"], "removed" if n is None else "added",
                                        lines=sum(len(v) for v in item["fields"].values())))
                if kind == "needs":  # count their descriptors in the summary
                    items[-1].fields = [FieldChange(p, label(p, names), [], *( (len(v), 0) if o is None else (0, len(v)) ))
                                        for p, v in item["fields"].items() if p.endswith(".descriptors")]
                continue
            fields = []
            for path in list(n["fields"]) + [p for p in o["fields"] if p not in n["fields"]]:
                ov, nv = o["fields"].get(path, []), n["fields"].get(path, [])
                if ov != nv:
                    rows, added, removed, reworded = diff_lines(ov, nv)
                    fields.append(FieldChange(path, label(path, names), rows, added, removed, reworded))
            if fields:
                items.append(ItemChange(kind, item_id, n["title"], "changed", fields))
    return Changes(a.get("edition", ""), a.get("date", ""), b.get("edition", ""), b.get("date", ""), items)


# ---------------------------------------------------------------- reading an edition: folder, snapshot or git revision


def _git(args: list[str], cwd: Path, binary: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=not binary, check=False)


def _load(folder: Path) -> Content:
    """Load a content folder as the site sees it: with its authority's own source documents applied."""
    c = load(folder)
    la.use(c)
    return c


def _load_lenient(folder: Path, errors: list[str]) -> SimpleNamespace:
    """Every item that is valid on its own, ignoring broken cross-references: for old revisions committed while
    the content was half-written. A Content-like object that snapshot() accepts."""
    from .framework import Framework
    from .load import Reader, _load_items, _load_pages

    root = folder.resolve()
    reader, files = Reader(root), {}
    fw_path = root / "framework.yml"
    fw_data = reader.read_yaml(fw_path) if fw_path.is_file() else None
    fw = reader.validate(fw_path, Framework, fw_data) if fw_path in reader.raw else None
    if fw is None:
        raise EditionError(f"cannot read its framework.yml ({errors[0]})")
    items = {kind: _load_items(reader, root, kind, cls, files) for kind, cls in m.models_for(fw).items.items()}
    singles = {}
    for name, cls in m.FILE_KINDS.items():
        path = root / name
        data = reader.read_yaml(path) if path.is_file() else None
        singles[name] = reader.validate(path, cls, data) if path in reader.raw else None
    sources = singles["sources.yml"]
    if singles["authority.yml"] is None:
        raise EditionError(f"cannot read its authority.yml ({errors[0]})")
    return SimpleNamespace(**items, framework=fw, glossary=singles["glossary.yml"], authority=singles["authority.yml"],
                           sources={s.id: s for s in sources.sources} if sources else {},
                           pages=_load_pages(reader, root / "pages"))


def from_revision(revision: str, repo: Path = ROOT, path: str = "content") -> Content | SimpleNamespace:
    """Load the content folder `path` as it was at a git revision (via git archive into a temporary folder). If it
    does not pass today's checks, the items that can still be read are compared, with a warning."""
    try:
        found = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], repo)
    except OSError:
        raise EditionError(f"cannot read git revision {revision!r}: git is not installed") from None
    if found.returncode != 0:
        shallow = _git(["rev-parse", "--is-shallow-repository"], repo).stdout.strip() == "true"
        why = (" This clone is shallow, so older commits are missing: run `git fetch --unshallow`, or compare with "
               "a content folder or snapshot instead." if shallow else "")
        raise EditionError(f"git revision {revision!r} is not in this repository's history.{why}")
    archive = _git(["archive", "--format=tar", found.stdout.strip(), "--", path], repo, binary=True)
    if archive.returncode != 0:
        raise EditionError(f"git revision {revision!r} has no folder {path!r}")
    with tempfile.TemporaryDirectory(prefix="edition-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        old_fw, now_fw = Path(tmp) / path / "framework.yml", repo / path / "framework.yml"
        if not old_fw.exists() and now_fw.is_file():  # committed before the framework was data: today's applies
            old_fw.write_bytes(now_fw.read_bytes())
        try:
            return _load(Path(tmp) / path)
        except ContentErrors as exc:
            old = _load_lenient(Path(tmp) / path, exc.errors)
            print(f"editions: the content at {revision!r} has {len(exc.errors)} problem(s) under today's checks "
                  f"(first: {exc.errors[0]}); comparing the items that could be read", file=sys.stderr)
            return old


def read_edition(spec: str, repo: Path = ROOT, path: str = "content") -> Union[Content, Snapshot]:
    """A content folder, a snapshot .json file, or a git revision (such as HEAD~5 or a tag) of `path` in `repo`."""
    p = Path(spec)
    if p.is_dir():
        try:
            return _load(p)
        except ContentErrors as exc:
            raise EditionError(f"{spec}: content does not load ({len(exc.errors)} problem(s), first: "
                               f"{exc.errors[0]})") from None
    if p.suffix == ".json":
        if not p.is_file():
            raise EditionError(f"{spec}: snapshot file not found")
        return read_snapshot(p)
    return from_revision(spec, repo, path)


# ---------------------------------------------------------------- when each item last changed (one git log call)


def _pretty(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _edition_for(day: dt.date, a: m.Authority) -> str:
    """The first edition published on or after the day of a change (changes after the last one belong to it)."""
    for e in sorted(a.previous_editions, key=lambda e: e.date):
        if day <= e.date:
            return e.edition
    return a.edition


def git_dates(folder: Path) -> dict[str, dt.date] | None:
    """File (relative to folder) -> date of its last commit, from one `git log` over the whole folder. Files with
    uncommitted edits get today's date; files last touched by a shallow clone's cut-off commit get none.
    None when git or the repository is missing."""
    try:
        info = _git(["rev-parse", "--show-prefix", "--git-path", "shallow"], folder)
    except OSError:
        return None
    if info.returncode != 0:
        return None
    prefix, shallow_file = (info.stdout.splitlines() + ["", ""])[:2]
    shallow_path = folder / shallow_file
    cutoff = set(shallow_path.read_text().split()) if shallow_path.is_file() else set()
    log = _git(["log", "--format=%x00%H %cs", "--name-only", "--relative", "--no-renames", "--", "."], folder)
    dates: dict[str, dt.date] = {}
    unknown: set[str] = set()
    for entry in log.stdout.split("\x00")[1:]:
        head, *names = entry.strip("\n").split("\n")
        sha, day = head.split(" ")
        for name in filter(None, names):
            if name in dates or name in unknown:
                continue
            if sha in cutoff:
                unknown.add(name)
            else:
                dates[name] = dt.date.fromisoformat(day)
    status = _git(["status", "--porcelain", "-z", "--untracked-files=all", "--", "."], folder)
    today = dt.date.today()
    for record in status.stdout.split("\x00"):
        name = record[3:]
        if len(record) > 3 and name.startswith(prefix):
            dates[name[len(prefix):]] = today
    return dates


def last_changed(c: Content) -> dict[tuple[str, str], dict]:
    """(kind, id) -> {date, edition} for every need and strategy: when its file last changed, in which edition.
    Without git history the date is None and the edition is the current one."""
    dates = git_dates(c.root) or {}
    out = {}
    for kind in ("needs", "strategies"):
        for item_id in getattr(c, kind):
            path = c.files.get((kind, item_id))
            rel = str(path.relative_to(c.root)) if path else f"{kind}/{item_id}.yml"
            day = dates.get(rel)
            out[(kind, item_id)] = {"date": _pretty(day) if day else None,
                                    "edition": _edition_for(day, c.authority) if day else c.authority.edition}
    return out


# ---------------------------------------------------------------- the "What changed in this edition" page


def previous_changes(c: Content, warn=print) -> tuple[Changes | None, str | None]:
    """Compare c with the last of its authority's previous editions: (changes, None), or (None, why not)."""
    a = c.authority
    if not a.previous_editions:
        return None, "first"
    prev = a.previous_editions[-1]
    try:
        if prev.snapshot:
            old: Union[Content, Snapshot] = read_snapshot(prev.snapshot)
        elif prev.revision:
            top = _git(["rev-parse", "--show-toplevel", "--show-prefix"], c.root)
            if top.returncode != 0:
                raise EditionError("this copy of the content is not in a git repository")
            toplevel, prefix = (top.stdout.splitlines() + [""])[:2]
            old = from_revision(prev.revision, Path(toplevel), prefix.rstrip("/") or ".")
        else:
            raise EditionError(f"previous edition {prev.edition!r} has neither a snapshot nor a revision")
    except (EditionError, OSError) as exc:
        warn(f"editions: cannot list what changed since {prev.edition!r}: {exc}", file=sys.stderr)
        return None, str(exc)
    changes = diff(old, c)
    changes.old_edition, changes.old_date = prev.edition, prev.date.isoformat()
    return changes, None


def _highlight(old: str, new: str) -> tuple[Markup, Markup]:
    """Both lines escaped for Markdown, with removed words in <del> and added words in <ins>."""
    from .generate import md_escape

    words = re.compile(r"\s+|[\w'’]+\s*|[^\w\s]\s*")  # each word keeps its trailing space, so runs read as one
    a, b = words.findall(old), words.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        o, n = md_escape("".join(a[i1:i2])), md_escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(o)
            right.append(n)
            continue
        if o.strip():
            left.append(f"<del>{o.rstrip()}</del>{o[len(o.rstrip()):]}")
        if n.strip():
            right.append(f"<ins>{n.rstrip()}</ins>{n[len(n.rstrip()):]}")
    return Markup("".join(left)), Markup("".join(right))


def page_data(changes: Changes | None, why: str | None, current: m.Authority, anchors: frozenset | None = None) -> dict:
    """Plain data for what-changed.md.j2: links are relative to the docs root. `anchors`: the per-level anchors a need
    page has now (None: all); a change in a phase or level the framework no longer has links to the page itself."""
    data = {"edition": current.edition, "date": _pretty(current.edition_date), "why": why, "changes": None}
    if changes is None:
        return data
    folders = {k: f for k, _, f in KINDS}
    sections = []
    for kind, heading, folder in KINDS:
        items = changes.of(kind)
        if not items:
            continue

        def view(i: ItemChange) -> dict:
            rows = []
            for f in i.fields:
                anchor = None
                parts = f.path.split(".")
                if kind == "needs" and len(parts) > 2 and parts[0] == "phases" and (
                        anchors is None or f"{parts[1]}-{parts[2]}" in anchors):
                    anchor = f"{parts[1]}-{parts[2]}"
                lines = [_highlight(o, n) if o and n else (Markup(_md(o)), Markup(_md(n))) for o, n in f.rows]
                rows.append({"label": f.label, "anchor": anchor, "lines": lines})
            link = f"{folders[kind]}/{i.id}.md" if folders[kind] and i.status != "removed" else None
            return {"id": i.id, "title": i.title, "link": link, "fields": rows}

        sections.append({"kind": kind, "title": heading,
                         **{s: [view(i) for i in items if i.status == s] for s in ("added", "removed", "changed")}})
    counts = changes.counts()
    summary = [{"title": t, **counts[k]} for k, t, _ in KINDS if k in counts]
    data.update({"changes": changes, "old_edition": changes.old_edition,
                 "old_date": _pretty(dt.date.fromisoformat(changes.old_date)) if changes.old_date else "",
                 "sections": sections, "summary": summary, "descriptors": changes.descriptors()})
    return data


def _md(text: str) -> str:
    from .generate import md_escape
    return md_escape(text)


def render_page(data: dict) -> str:
    from .generate import _env
    return _env().get_template("what-changed.md.j2").render(**data)


def render_text(changes: Changes) -> str:
    """A plain-text report for the terminal (what the extractor shows before applying a new edition)."""
    out = [f"What changed: {changes.old_edition or 'old'} -> {changes.new_edition or 'new'}"]
    for kind, n in changes.counts().items():
        out.append(f"{kind}: {n['added']} added, {n['removed']} removed, {n['changed']} changed")
    mark = {"added": "+", "removed": "-", "changed": "~"}
    for i in changes.items:
        out.append(f"{mark[i.status]} {i.kind}/{i.id}  {i.title}")
        for f in i.fields if i.status == "changed" else []:
            out.append(f"    {f.label}")
            for o, n in f.rows:
                if o:
                    out.append(f"      - {o}")
                if n:
                    out.append(f"      + {n}")
    if not changes:
        out.append("no changes")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["snapshot"]:
        parser = argparse.ArgumentParser(prog="python -m scripts.editions snapshot",
                                         description="Save an edition as one JSON file, to compare with later.")
        parser.add_argument("edition", help="content folder or git revision")
        parser.add_argument("out", type=Path, help="snapshot file to write (.json)")
        parser.add_argument("--path", default="content", help="content folder inside the repository, for revisions")
        opts = parser.parse_args(args[1:])
        try:
            edition = read_edition(opts.edition, path=opts.path)
        except EditionError as exc:
            print(f"editions: {exc}", file=sys.stderr)
            return 2
        write_snapshot(edition, opts.out)
        print(f"wrote {opts.out}")
        return 0
    parser = argparse.ArgumentParser(
        prog="python -m scripts.editions",
        description="Compare two editions and write a 'What changed in this edition' page. Each edition is a "
                    "content folder, a snapshot .json file or a git revision (HEAD~5, a tag). "
                    "Also: python -m scripts.editions snapshot EDITION OUT.json")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("-o", "--out", type=Path, help="write the Markdown page here (default: print it)")
    parser.add_argument("--text", action="store_true", help="print a plain-text report instead of Markdown")
    parser.add_argument("--path", default="content", help="content folder inside the repository, for revisions")
    opts = parser.parse_args(args)
    try:
        old, new = read_edition(opts.old, path=opts.path), read_edition(opts.new, path=opts.path)
    except EditionError as exc:
        print(f"editions: {exc}", file=sys.stderr)
        return 2
    changes = diff(old, new)
    if opts.text:
        text = render_text(changes)
    else:
        current = new.authority if isinstance(new, Content) else None
        data = page_data(changes, None, current or m.Authority(
            name="-", site_name="-", edition=changes.new_edition or "new edition",
            edition_date=dt.date.fromisoformat(changes.new_date) if changes.new_date else dt.date.today()))
        text = render_page(data)
    if opts.out:
        opts.out.parent.mkdir(parents=True, exist_ok=True)
        opts.out.write_text(text, encoding="utf-8")
        print(f"wrote {opts.out}: {len(changes.items)} item(s) changed")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
