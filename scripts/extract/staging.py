# Staging, diff and apply: extracted items go to a staging folder; --apply merges them into content/ field by field.
# In: staged items, the content folder and its .extracted/ snapshot. Out: staged files, a printed diff, merged content.
"""Never losing curated content.

Extraction writes only to the staging folder (default build/staging/, git-ignored), replaced as a whole
once extraction has succeeded (profiles proposed there by make extract-profile, *.profile.yml, are kept). The diff compares staged items with content/ field by field.

`--apply` merges per field, using a snapshot of what the last extraction put there
(content/.extracted/<kind>/<id>.yml, committed with the content):
- content equals the new extraction: nothing to do;
- the new extraction equals the snapshot (the PDF did not change it): content is kept, edited or not;
- content equals the snapshot (nobody edited it): the new extracted value is written;
- otherwise a person edited the field since the last extraction: it is a conflict, their version is
  kept, and the snapshot keeps the old value so the conflict shows again until someone resolves it
  (by copying the staged value in, or by editing the staged file and applying again).
An item in content/ with no snapshot was written by a person, so every field that differs conflicts.
Only the fields extraction owns (OWNED) are compared; a strategy's levels and phases only grow (UNION);
fields a person is meant to write (a strategy's summary, steps, delivered_by, type) are seeded once, when
the item is new. An item a person deleted is not added again. An item dropped from a new edition is
removed only if extraction created it, nobody edited it and no need still uses it; otherwise it is kept
and no longer tracked. Before writing, the merged content is loaded with scripts.content.load in a temporary
copy; if that adds validation errors, nothing is written.
"""
from __future__ import annotations

import copy
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..fielddiff import blocks
from . import fwids as fw
from scripts.content.load import ContentErrors, load
from . import guards
from .errors import ExtractError
from .profiles import norm

KINDS = ("needs", "strategies", "pages")
EXT = {"needs": ".yml", "strategies": ".yml", "pages": ".md"}
SCHEMA = {"needs": "need", "strategies": "strategy"}
SNAPSHOT = ".extracted"
MANIFEST = "extraction.yml"
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
NEED_FIELDS = ["area", "title", "also_known_as", "summary"] + [
    f"phases.{p}.{lv}.{f}" for p in fw.ALL_PHASES for lv in fw.LEVELS
    for f in ("descriptors", "assessment", "strategies", "who_may_help")]
OWNED = {"needs": NEED_FIELDS + ["sources[*]"], "strategies": ["title", "sources[*]"],
         "pages": ["title", "description", "sources[*]", "body"]}
# applied strategies keep every level and phase they had (early years too) and gain the document's
UNION = {"strategies": {"levels": fw.LEVELS, "phases": fw.ALL_PHASES}}


class _Missing:
    def __repr__(self) -> str:
        return "(none)"


MISSING: Any = _Missing()


# ---------------------------------------------------------------- reading and writing items


def _safe_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def read_item(path: Path, kind: str) -> dict | None:
    """A content or staged item as plain data (a page: its front matter plus 'body'); None if missing or unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if kind == "pages":
        match = FRONT.match(text)
        meta = _safe_yaml(match.group(1)) if match else None
        if not isinstance(meta, dict):
            return None
        return {**meta, "body": text[match.end():].lstrip("\n")}
    data = _safe_yaml(text)
    return data if isinstance(data, dict) else None


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: several times faster
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def render_item(kind: str, data: dict, header: list[str] | None = None) -> str:
    """The file text for an item; `header` keeps an existing file's leading comment lines."""
    if kind == "pages":
        front = {k: v for k, v in data.items() if k != "body"}
        return "---\n" + _dump(front) + "---\n\n" + data.get("body", "").lstrip("\n")
    lines = header if header else [f"# yaml-language-server: $schema=../schema/{SCHEMA[kind]}.schema.json"]
    return "\n".join(lines) + "\n" + _dump(data)


def _header(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    out = []
    for line in lines:
        if not line.startswith("#"):
            break
        out.append(line)
    return out


class ContentIndex:
    """The content folder as raw data, for matching titles to ids and for merging."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._items: dict[tuple[str, str], dict | None] = {}
        self._titles: dict[str, dict[str, str]] = {}

    def path(self, kind: str, item_id: str) -> Path:
        return self.root / kind / f"{item_id}{EXT.get(kind, '.yml')}"

    def ids(self, kind: str) -> list[str]:
        folder = self.root / kind
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*" + EXT.get(kind, ".yml")) if p.is_file())

    def item(self, kind: str, item_id: str) -> dict | None:
        key = (kind, item_id)
        if key not in self._items:
            self._items[key] = read_item(self.path(kind, item_id), kind)
        return self._items[key]

    def by_title(self, kind: str, title: str) -> str | None:
        if kind not in self._titles:
            self._titles[kind] = {}
            for item_id in self.ids(kind):
                data = self.item(kind, item_id)
                if data and data.get("title"):
                    self._titles[kind].setdefault(norm(str(data["title"])), item_id)
        return self._titles[kind].get(norm(title))

    def source_ids(self) -> set[str]:
        data = read_item(self.root / "sources.yml", "sources") or {}
        return {s.get("id") for s in data.get("sources") or [] if isinstance(s, dict)}

    def snapshot_path(self, kind: str, item_id: str) -> Path:
        return self.root / SNAPSHOT / kind / f"{item_id}.yml"

    def snapshot(self, kind: str, item_id: str) -> dict | None:
        data = read_item(self.snapshot_path(kind, item_id), kind="snapshot")
        return data if data and isinstance(data.get("fields"), dict) else None

    def snapshots(self, source: str) -> list[tuple[str, str]]:
        out = []
        for kind in KINDS:
            for p in sorted((self.root / SNAPSHOT / kind).glob("*.yml")):
                snap = self.snapshot(kind, p.stem)
                if snap and snap.get("source") == source:
                    out.append((kind, p.stem))
        return out


# ---------------------------------------------------------------- fields


def canon(value: Any) -> Any:
    """A value as compared: white space folded, a strategy {strategy: id} with no note written as just the id."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [canon(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"strategy"} or (set(value) == {"strategy", "note"} and not value.get("note")):
            return canon(value["strategy"])
        return {k: canon(v) for k, v in value.items() if v is not None}
    return value


def _body(value: Any) -> Any:
    return value.strip() + "\n" if isinstance(value, str) else value


def get_field(data: dict | None, path: str, source: str) -> Any:
    if data is None:
        return MISSING
    if path == "sources[*]":
        refs = [s for s in (data.get("sources") or []) if isinstance(s, dict) and s.get("source") == source]
        return refs[0] if refs else MISSING
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return MISSING
        node = node[part]
    return node


def set_field(data: dict, path: str, value: Any, source: str) -> None:
    if path == "sources[*]":
        refs = [s for s in (data.get("sources") or []) if not (isinstance(s, dict) and s.get("source") == source)]
        data["sources"] = refs + ([value] if value is not MISSING else [])
        return
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    if value is MISSING:
        node.pop(last, None)
    else:
        node[last] = value


def same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return canon(_body(a)) == canon(_body(b))


def field_name(path: str, source: str) -> str:
    return path.replace("[*]", f"[{source}]")


# ---------------------------------------------------------------- the plan (shown as the diff, carried out by apply)


@dataclass
class Change:
    path: str
    old: Any
    new: Any
    action: str  # update | conflict | grow


@dataclass
class ItemPlan:
    kind: str
    id: str
    status: str  # added | changed | unchanged | removed | kept | untrack | deleted-by-person
    changes: list[Change] = field(default_factory=list)
    data: dict | None = None  # what to write (None: nothing, or delete when removed)
    snapshot: dict | None = None  # the snapshot fields to record (for added, changed and unchanged items)
    note: str = ""
    created: bool = False  # extraction made this item (so it may remove it again)

    @property
    def rel(self) -> str:
        return f"{self.kind}/{self.id}{EXT[self.kind]}"

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.action == "conflict"]


def owned(kind: str) -> list[str]:
    return OWNED[kind]


def plan_item(kind: str, item_id: str, new: dict, content: ContentIndex, source: str) -> ItemPlan:
    current = content.item(kind, item_id)
    snap = content.snapshot(kind, item_id)
    fields_now = {p: get_field(new, p, source) for p in owned(kind)}
    if current is None:
        if snap is not None:
            return ItemPlan(kind, item_id, "deleted-by-person",
                            note="deleted by a person since the last extraction; --apply will not add it again "
                                 f"(delete {SNAPSHOT}/{kind}/{item_id}.yml to allow it)")
        return ItemPlan(kind, item_id, "added", data=new, snapshot=fields_now, created=True)
    before = (snap or {}).get("fields", {})
    created = bool((snap or {}).get("created"))
    merged = copy.deepcopy(current)
    merged.pop("id", None)
    snapshot: dict = {}
    changes: list[Change] = []
    for path in owned(kind):
        c, n = get_field(current, path, source), fields_now[path]
        s = before.get(path, MISSING)
        if same(c, n):
            snapshot[path] = n
        elif same(n, s):  # the PDF says what it said last time: the person's edit stands
            snapshot[path] = s
        elif same(c, s):
            set_field(merged, path, n, source)
            changes.append(Change(path, c, n, "update"))
            snapshot[path] = n
        else:
            changes.append(Change(path, c, n, "conflict"))
            if s is not MISSING:
                snapshot[path] = s
    for path, order in UNION.get(kind, {}).items():
        c = list(current.get(path) or [])
        grown = [v for v in order if v in set(c) | set(new.get(path) or [])]
        if set(grown) != set(c):
            merged[path] = grown
            changes.append(Change(path, c, grown, "grow"))
    status = "changed" if changes else "unchanged"
    return ItemPlan(kind, item_id, status, changes, merged if any(ch.action != "conflict" for ch in changes) else None,
                    snapshot, created=created)


@dataclass
class Plan:
    source: str
    items: list[ItemPlan]

    def count(self, status: str) -> int:
        return sum(p.status == status for p in self.items)

    @property
    def conflicts(self) -> list[tuple[ItemPlan, Change]]:
        return [(p, c) for p in self.items for c in p.conflicts]


def make_plan(staged: dict[tuple[str, str], dict], content: ContentIndex, source: str) -> Plan:
    plans = [plan_item(kind, item_id, data, content, source) for (kind, item_id), data in sorted(staged.items())]
    # Items an earlier extraction of this source made that this one no longer has (needs first, so a strategy
    # used only by a need being removed can go too).
    used: dict[str, set[str]] | None = None
    for kind, item_id in content.snapshots(source):
        if kind == "strategies" and used is None:
            used = _used_strategies(content, plans)
        if (kind, item_id) in staged:
            continue
        current = content.item(kind, item_id)
        snap = content.snapshot(kind, item_id)
        if current is None:
            plans.append(ItemPlan(kind, item_id, "untrack"))  # gone from content and from the PDF
            continue
        edited = [p for p in owned(kind) if not same(get_field(current, p, source), snap["fields"].get(p, MISSING))]
        keep = "no longer in the PDF, but {}; kept, and no longer tracked"
        if not snap.get("created"):
            plans.append(ItemPlan(kind, item_id, "kept", note=keep.format("a person wrote it before extraction")))
        elif edited:
            plans.append(ItemPlan(kind, item_id, "kept", note=keep.format(
                f"edited by a person ({', '.join(field_name(p, source) for p in edited)})")))
        elif kind == "strategies" and item_id in (used or {}):
            plans.append(ItemPlan(kind, item_id, "kept", note=keep.format(
                f"still used by {', '.join(sorted((used or {})[item_id]))}")))
        else:
            plans.append(ItemPlan(kind, item_id, "removed", note="no longer in the PDF"))
    return Plan(source, plans)


def _used_strategies(content: ContentIndex, plans: list[ItemPlan]) -> dict[str, set[str]]:
    """Strategy id -> needs that will use it after applying (staged data for planned needs, content for the rest)."""
    planned = {p.id: p for p in plans if p.kind == "needs"}
    used: dict[str, set[str]] = {}
    for nid in set(content.ids("needs")) | set(planned):
        plan = planned.get(nid)
        if plan is not None and plan.status == "removed":
            continue
        data = (plan.data if plan and plan.data is not None else content.item("needs", nid)) or {}
        for phase in (data.get("phases") or {}).values():
            for level in (phase or {}).values():
                for ref in (level or {}).get("strategies") or []:
                    sid = ref.get("strategy") if isinstance(ref, dict) else ref
                    used.setdefault(str(sid), set()).add(nid)
    return used


# ---------------------------------------------------------------- showing the plan


def _show(value: Any) -> str:
    if value is MISSING:
        return "(none)"
    if isinstance(value, dict) and "strategy" in value:
        return f"{value['strategy']} (note: {value.get('note')})"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _lines(value: Any) -> list[str]:
    """A field's value as the lines the diff compares: a text's lines, a list's items, or one line."""
    if isinstance(value, str) and "\n" in value:
        return value.strip().splitlines()
    if isinstance(value, list):
        return [_show(v) for v in value]
    return [_show(value)]


def _value_diff(old: Any, new: Any, indent: str) -> list[str]:
    """What changed in a field, on the shared field-diff engine (scripts/fielddiff.py): each changed run of lines
    as its old lines (-) then its new ones (+)."""
    out = []
    for before, after in blocks(_lines(old), _lines(new)):
        out += [f"{indent}- {v}" for v in before] + [f"{indent}+ {v}" for v in after]
    return out


def diff_text(plan: Plan, content_root: Path, staging: Path) -> str:
    out = [f"Diff of {staging} against {content_root}:"]
    for p in plan.items:
        if p.status == "added":
            out.append(f"  + {p.rel}  (new)")
        elif p.status == "removed":
            out.append(f"  - {p.rel}  ({p.note})")
        elif p.status in ("kept", "deleted-by-person"):
            out.append(f"  ! {p.rel}: {p.note}")
        elif p.status == "changed":
            out.append(f"  ~ {p.rel}")
            for ch in p.changes:
                name = field_name(ch.path, plan.source)
                if ch.action == "conflict":
                    out.append(f"      ! {name}: edited by a person since the last extraction; "
                               "--apply keeps their version:")
                else:
                    out.append(f"      {name}:" + ("  (levels and phases only grow)" if ch.action == "grow" else ""))
                out += _value_diff(ch.old, ch.new, "          ")
    unchanged = plan.count("unchanged")
    out.append(f"  {unchanged} unchanged" if unchanged else "  (no unchanged items)")
    out.append(f"Summary: {plan.count('added')} added, {plan.count('changed')} changed, "
               f"{plan.count('removed')} removed, {unchanged} unchanged, {len(plan.conflicts)} conflicts")
    return "\n".join(out)


# ---------------------------------------------------------------- staging folder


def write_staging(staging: Path, items: dict[tuple[str, str], dict], manifest: dict, report: str) -> None:
    """Replace the staging folder as a whole (written beside it, then renamed), so a failure leaves it as it was."""
    staging = Path(staging).resolve()
    guards.check_out(staging)
    staging.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{staging.name}-", dir=staging.parent))
    try:
        for (kind, item_id), data in items.items():
            path = tmp / kind / f"{item_id}{EXT[kind]}"
            path.parent.mkdir(exist_ok=True)
            path.write_text(render_item(kind, data), encoding="utf-8")
        (tmp / MANIFEST).write_text(_dump(manifest), encoding="utf-8")
        (tmp / "report.txt").write_text(report + "\n", encoding="utf-8")
        guards.mark(tmp)
        for kept in staging.glob("*.profile.yml") if staging.is_dir() else []:  # proposed profiles stay
            shutil.copy2(kept, tmp / kept.name)
        old = staging.with_name(f".{staging.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if staging.exists():
            os.replace(staging, old)
        os.replace(tmp, staging)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def read_staging(staging: Path) -> tuple[dict, dict[tuple[str, str], dict]]:
    staging = Path(staging)
    manifest = read_item(staging / MANIFEST, "manifest") if (staging / MANIFEST).is_file() else None
    if not manifest or "source" not in manifest:
        raise ExtractError(f"{staging}: no staged extraction there; run the extraction first "
                           "(python -m scripts.extract FILE.pdf), then apply")
    items = {}
    for kind in KINDS:
        for path in sorted((staging / kind).glob("*" + EXT[kind])):
            data = read_item(path, kind)
            if data is None:
                raise ExtractError(f"{path}: cannot be read (bad YAML?); fix it or extract again")
            items[(kind, path.stem)] = data
    return manifest, items


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------- apply


def _errors(root: Path) -> set[str]:
    try:
        load(root)
    except ContentErrors as exc:
        return {re.sub(r"^[^/]*/", "", re.sub(r":\d+:", ":", e)) for e in exc.errors}
    return set()


def apply(plan: Plan, content: ContentIndex, manifest: dict) -> tuple[list[str], list[str]]:
    """Carry out the plan in content/; returns (what was done, conflicts). Raises ExtractError, writing nothing,
    if the merged content would have validation errors it did not have before."""
    writes: dict[Path, str | None] = {}
    for p in plan.items:
        path = content.path(p.kind, p.id)
        snap_path = content.snapshot_path(p.kind, p.id)
        if p.status == "removed":
            writes[path] = None
        if p.status in ("removed", "kept", "untrack"):
            writes[snap_path] = None  # no longer tracked
            continue
        if p.data is not None:
            writes[path] = render_item(p.kind, p.data, _header(path) if path.exists() else None)
        if p.snapshot is not None and p.status != "deleted-by-person":
            writes[snap_path] = _dump({"source": plan.source, "pdf": manifest.get("pdf"),
                                       "edition": manifest.get("edition"), "created": p.created,
                                       # a field neither side has (a level the document does not cover) is left out
                                       "fields": {k: v for k, v in p.snapshot.items() if v is not MISSING}})
    root = content.root
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / root.name
        if root.is_dir():
            shutil.copytree(root, trial)
        else:
            trial.mkdir()
        _write(writes, root, trial)
        added = sorted(_errors(trial) - _errors(root))
        if added:
            raise ExtractError(f"applying would make the content invalid ({len(added)} new problems, first: "
                               f"{added[0]}); nothing was written: fix the staged files or the content and apply again")
    _write(writes, root, root)
    done = [f"{p.status} {p.rel}" for p in plan.items if p.status in ("added", "removed")
            or (p.status == "changed" and p.data is not None)]
    conflicts = [f"{p.rel}: {field_name(c.path, plan.source)}: edited by a person since the last extraction; "
                 "kept their version" for p, c in plan.conflicts]
    return done, conflicts


def _write(writes: dict[Path, str | None], root: Path, into: Path) -> None:
    for path, text in writes.items():
        target = into / path.relative_to(root)
        if text is None:
            if target.exists():
                target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
