# Load and validate: reads every YAML item and Markdown page under a content folder.
# In: a content directory. Out: a Content object (models + derived back-links), or ContentErrors listing every problem.
from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scripts.content import framework as fwk
from scripts.content import model as m
from scripts.content import yamlsafe
from scripts.content.refs import references
from scripts.content.registry import KINDS

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is present in the pinned wheel
    _Loader = yaml.SafeLoader

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
LINK_KINDS = tuple(KINDS)


class ContentErrors(Exception):
    """Every problem found in a content folder, one line each."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Page:
    """A hand-written Markdown page from content/pages/."""

    id: str
    title: str
    description: str
    body: str
    order: int = 100
    meta: dict = field(default_factory=dict)


@dataclass
class Derived:
    """Computed at load time, never typed in YAML."""

    strategy_uses: dict[str, list[tuple[str, str, str]]]  # strategy -> [(need, phase, level)], assessments too
    strategy_plans: dict[str, list[str]]
    need_plans: dict[str, list[str]]
    area_needs: dict[str, list[str]]
    role_uses: dict[str, list[str]]  # role -> needs or strategies that name it
    strategy_areas: dict[str, list[str]]
    strategy_needs: dict[str, list[str]]


@dataclass
class Content:
    root: Path
    areas: dict[str, m.Area]
    needs: dict[str, m.Need]
    strategies: dict[str, m.Strategy]
    plans: dict[str, m.Plan]
    roles: dict[str, m.Role]
    levels: dict[str, m.Level_]
    glossary: m.Glossary
    sources: dict[str, m.Source]
    authority: m.Authority
    pages: dict[str, Page]
    derived: Derived
    files: dict[tuple[str, str], Path]  # (kind, id) -> file
    framework: fwk.Framework = None  # type: ignore[assignment]
    docs: dict[Path, Any] = field(default_factory=dict)  # each YAML file's node tree, parsed once, for line numbers

    def line(self, path: Path, where: list[Any]) -> int | None:
        """1-based line of the YAML node at `where` in one of the content's files (for rules run after loading)."""
        return _line_of(self.docs.get(path), where)


# ---------------------------------------------------------------- reading files


def _line_of(doc: yamlsafe.Doc | None, path: list[Any]) -> int | None:
    """1-based line of the YAML node at `path` (or of its nearest existing parent), from the file's node tree
    parsed once by read_yaml (no re-parse per error)."""
    return doc.line(path) if doc is not None else None


def _fmt_path(path: list[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _data_path(data: Any, loc: tuple) -> list[Any]:
    """Keep the parts of a pydantic error location that exist in the data (drops union member tags)."""
    path, node = [], data
    for part in loc:
        if part == "[key]":  # a key that is not allowed: the path already ends at it
            break
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not path[-1:] == [part]:
            # a missing or unknown key: say it, then stop
            if part not in ("str", "StrategyRef", "function-after[_clean(), str]"):
                path.append(part)
            break
        else:
            break
    return path


def _message(err: dict) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "missing":
        return "is missing (required)"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_pattern_mismatch":
        return f"{err['input']!r} is not a valid id (lower-case words joined by hyphens)"
    if kind == "literal_error":
        return f"{err['input']!r} is not allowed: {msg.replace('Input should be ', 'use ')}"
    msg = msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else kind


class Reader:
    """Collects errors while reading one content folder."""

    def __init__(self, root: Path):
        self.root = root
        self.errors: list[str] = []
        self.texts: dict[Path, str] = {}
        self.raw: dict[Path, Any] = {}
        self.docs: dict[Path, yamlsafe.Doc] = {}  # each file's node tree, for line numbers

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:  # pragma: no cover - content outside its parent is impossible
            return str(path)

    def error(self, path: Path, where: list[Any] | None, what: str) -> None:
        line = _line_of(self.docs.get(path), where) if where is not None else None
        place = self.rel(path) + (f":{line}" if line else "")
        self.errors.append(f"{place}: {_fmt_path(where)}: {what}" if where else f"{place}: {what}")

    def read_text(self, path: Path) -> str | None:
        """The file's text, or None after one error line (not UTF-8, unreadable)."""
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.errors.append(f"{self.rel(path)}: is not UTF-8 text" + (" (save it as UTF-8)" if path.suffix == ".md"
                                                                         else ""))
        except OSError as exc:
            self.errors.append(f"{self.rel(path)}: cannot be read ({exc.strerror or exc})")
        return None

    def parse(self, path: Path, text: str, first_line: int = 1, what: str = "") -> yamlsafe.Doc | None:
        """Bounded YAML (scripts/content/yamlsafe.py); an error is one line, its line number counted from `first_line`."""
        try:
            return yamlsafe.load(text)
        except yamlsafe.YamlError as exc:
            line = f":{exc.line + first_line - 1}" if exc.line else ""
            what_ = exc.what.replace("bad YAML syntax", f"bad YAML syntax{what}", 1)
            self.errors.append(f"{self.rel(path)}{line}: {_fmt_path(exc.where)}: {what_}" if exc.where
                               else f"{self.rel(path)}{line}: {what_}")
            return None

    def read_yaml(self, path: Path) -> Any:
        text = self.read_text(path)
        if text is None:
            return None
        self.texts[path] = text
        doc = self.parse(path, text)
        if doc is None:
            return None
        self.docs[path] = doc
        self.raw[path] = doc.data
        return doc.data

    def validate(self, path: Path, cls: type[m.Model], data: Any):
        if not isinstance(data, dict):
            self.error(path, None, f"should be a mapping of fields, not {type(data).__name__}")
            return None
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                self.error(path, _data_path(data, err["loc"]), _message(err))
            return None


# ---------------------------------------------------------------- loading


def _item_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def _load_items(reader: Reader, root: Path, kind: str, cls: type[m.Model], files: dict) -> dict:
    """Every item of one folder, validated by its model."""
    items: dict[str, Any] = {}
    for path in _item_files(root / kind):
        item_id = path.stem
        if not re.match(m.ID_PATTERN, item_id):
            reader.errors.append(f"{reader.rel(path)}: file name {item_id!r} is not a valid id (lower-case words joined by hyphens)")
            continue
        if (kind, item_id) in files:
            reader.errors.append(f"{reader.rel(path)}: duplicate id {item_id!r} (also {reader.rel(files[(kind, item_id)])})")
            continue
        files[(kind, item_id)] = path
        data = reader.read_yaml(path)
        if data is None and path in reader.raw:
            reader.error(path, None, "is empty")
            continue
        if isinstance(data, dict) and "id" in data:
            if data["id"] != item_id:
                reader.error(path, ["id"], f"{data['id']!r} does not match the file name {item_id!r}")
            data = {k: v for k, v in data.items() if k != "id"}
        if data is None:
            continue
        item = reader.validate(path, cls, data)
        if item is not None:
            items[item_id] = item
    return items


def _failed(files: dict, items: dict) -> set[tuple[str, str]]:
    """(folder, id) of files that exist but could not be read: references to them are not 'unknown'."""
    return {(kind, i) for kind, i in files if i not in items.get(kind, {})}


def _load_pages(reader: Reader, folder: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(folder.glob("*.md")):
        text = reader.read_text(path)
        if text is None:
            continue
        reader.texts[path] = text
        if not re.match(m.ID_PATTERN, path.stem):
            reader.errors.append(f"{reader.rel(path)}: file name {path.stem!r} is not a valid id (lower-case words joined by hyphens)")
            continue
        match = FRONT_MATTER.match(text)
        doc = reader.parse(path, match.group(1), first_line=2, what=" in front matter") if match else None
        if match and doc is None:
            continue
        meta = doc.data if doc else None
        if not isinstance(meta, dict) or not meta.get("title") or not meta.get("description"):
            reader.errors.append(f"{reader.rel(path)}:1: front matter needs a title and a description")
            continue
        try:
            pm = m.PageMeta.model_validate(meta)
        except ValidationError as exc:
            for err in exc.errors():
                where = [p for p in err["loc"] if p in meta][:1]
                line = (doc.line(where) + 1) if where else 1  # the front matter starts on line 2
                what = (f"{err['input']!r} is not a whole number" if err["type"].startswith("int_") else _message(err))
                reader.errors.append(f"{reader.rel(path)}:{line}: {_fmt_path(where) or 'front matter'}: {what}")
            continue
        pages[path.stem] = Page(path.stem, pm.title, pm.description, text[match.end():], pm.order, meta)
    return pages


def _read_single(reader: Reader, path: Path, cls: type[m.Model]):
    if not path.exists():
        reader.errors.append(f"{reader.rel(path)}: file is missing")
        return None
    data = reader.read_yaml(path)
    return reader.validate(path, cls, data) if path in reader.raw else None


def load(root: str | Path) -> Content:
    """Read, validate and cross-check a content folder. Raises ContentErrors listing every problem."""
    root = Path(root).resolve()
    reader = Reader(root)
    if not root.is_dir():
        raise ContentErrors([f"{root}: content folder not found"])
    singles = {name: _read_single(reader, root / name, cls) for name, cls in m.FILE_KINDS.items()}
    authority = singles["authority.yml"]
    framework = _read_single(reader, root / (authority.framework if authority else "framework.yml"), fwk.Framework)
    if framework is None:  # nothing framework-shaped can be checked without it
        raise ContentErrors(reader.errors)
    models = m.models_for(framework)
    files: dict[tuple[str, str], Path] = {}
    items = {kind: _load_items(reader, root, kind, cls, files) for kind, cls in models.items.items()}
    pages = _load_pages(reader, root / "pages")
    sources = singles.get("sources.yml")
    content = Content(
        root=root, areas=items["areas"], needs=items["needs"], strategies=items["strategies"],
        plans=items["plans"], roles=items["roles"], levels=items["levels"],
        glossary=singles.get("glossary.yml"), sources={s.id: s for s in sources.sources} if sources else {},
        authority=authority, pages=pages, derived=None, files=files, framework=framework,  # type: ignore[arg-type]
        docs=reader.docs,
    )
    # Cross-references are checked even when some files failed, so one run reports everything.
    found = item_references(content)  # walked once, for the resolver and the back-links
    _check(reader, content, _failed(files, items), sources is None, found)
    if reader.errors:
        raise ContentErrors(reader.errors)
    content.derived = derive(content, found)
    return content


# ---------------------------------------------------------------- cross-references


def _items_by_folder(c: Content) -> dict[str, dict]:
    return {kind.folder: getattr(c, kind.attr) for kind in KINDS.values() if kind.name != "page"}


def item_references(c: Content) -> dict[tuple[str, str], list[tuple[list, m.Ref, str]]]:
    """(folder, id) -> every reference that item holds (refs.references), for every item of every kind."""
    return {(folder, item_id): list(references(item))
            for folder, items in _items_by_folder(c).items() for item_id, item in items.items()}


def _check(reader: Reader, c: Content, failed: set, no_sources: bool, found: dict) -> None:
    """Resolve every id reference (read from the models' Ref marks) and check meaning; one error per problem."""
    known = {**{k: getattr(c, kind.attr) for k, kind in KINDS.items()}, "source": c.sources}
    folder = {k: kind.folder for k, kind in KINDS.items()}

    def ref(kind: str, value: str, path: Path, where: list) -> bool:
        if value in known[kind]:
            return True
        if (folder.get(kind), value) not in failed and not (kind == "source" and no_sources):
            reader.error(path, where, f"unknown {kind} {value!r}")
        return False

    for kind_folder, items in _items_by_folder(c).items():
        for item_id, item in items.items():
            path = c.files[(kind_folder, item_id)]
            for where, mark, value in found[(kind_folder, item_id)]:
                if not (mark.free_text and not is_role_id(value)):
                    ref(mark.kind, value, path, _as_written(reader.raw.get(path), where))

    fw = c.framework
    for level in fw.level_ids:
        if level not in c.levels and ("levels", level) not in failed:
            reader.errors.append(f"{reader.rel(c.root / 'levels' / (level + '.yml'))}: file is missing (every level needs one)")
    for level_id in c.levels:
        if level_id not in fw.level_ids:
            reader.error(c.files[("levels", level_id)], None, f"{level_id!r} is not a level of the framework: use one of {', '.join(fw.level_ids)}")

    required = c.authority.coverage.required(fw) if c.authority else []
    for kind, wanted in (("phases", c.authority.coverage.phases if c.authority else "all"),
                         ("levels", c.authority.coverage.levels if c.authority else "all")):
        ids = fw.phase_ids if kind == "phases" else fw.level_ids
        for i, v in enumerate(wanted if isinstance(wanted, list) else []):
            if v not in ids:
                reader.error(c.root / "authority.yml", ["coverage", kind, i],
                             f"{v!r} is not one of the framework's {kind}: {', '.join(ids)}")
    strategy_aspects = {a.id for a in fw.aspects_of("strategies")}
    for nid, need in c.needs.items():
        path = c.files[("needs", nid)]
        missing_phases = set()
        for phase, level in required:
            if phase not in need.phases:
                if phase not in missing_phases:
                    reader.error(path, ["phases", phase], "is missing: the authority's coverage policy (authority.yml "
                                 "coverage) requires every need to describe this phase")
                missing_phases.add(phase)
            elif level not in need.phases[phase]:
                reader.error(path, ["phases", phase, level], "is missing: the authority's coverage policy "
                             "(authority.yml coverage) requires every need to describe this level")
        for cell in fwk.walk(fw, need):
            seen = set()
            for aspect, i, s in fwk.strategy_refs(fw, cell.guidance):
                where = cell.path + [aspect, i]
                if aspect in strategy_aspects:
                    if s.strategy in seen:
                        reader.error(path, where, f"duplicate strategy {s.strategy!r} at this level")
                    seen.add(s.strategy)
                st = c.strategies.get(s.strategy)
                if st is not None and cell.level.id not in st.levels:
                    reader.error(path, where, f"strategy {s.strategy!r} is not marked for level {cell.level.id!r} (add it to the strategy's levels)")
                if st is not None and cell.phase.id not in st.phases:
                    reader.error(path, where, f"strategy {s.strategy!r} is not marked for phase {cell.phase.id!r} (add it to the strategy's phases)")

    names: dict[str, str] = {}  # a role's title or abbreviation names one role only: free text is matched by them
    for rid, role in c.roles.items():
        for field_name in ("title", "abbreviation"):
            name = (getattr(role, field_name) or "").lower()
            if name and names.setdefault(name, rid) != rid:
                reader.error(c.files[("roles", rid)], [field_name], f"{getattr(role, field_name)!r} also names role "
                             f"{names[name]!r}: each role needs its own title and abbreviation")

    gpath = c.root / "glossary.yml"
    seen_terms: dict[str, int] = {}
    for i, t in enumerate(c.glossary.terms if c.glossary else []):
        for key in filter(None, (t.term.lower(), (t.abbreviation or "").lower())):
            if key in seen_terms:
                reader.error(gpath, ["terms", i], f"duplicate term {key!r} (also terms[{seen_terms[key]}])")
            seen_terms.setdefault(key, i)
        if t.link and not t.link.startswith("https://"):
            kind, _, target = t.link.partition(":")
            if kind not in LINK_KINDS:
                reader.error(gpath, ["terms", i, "link"], f"link {t.link!r} should be 'kind:id' with kind one of {', '.join(LINK_KINDS)}, or an https:// address")
            else:
                ref(kind, target, gpath, ["terms", i, "link"])

    spath = c.root / "sources.yml"
    seen_sources: set[str] = set()
    raw_sources = reader.raw.get(spath)
    for i, s in enumerate(raw_sources.get("sources") or [] if isinstance(raw_sources, dict) else []):
        sid = s.get("id") if isinstance(s, dict) else None
        if sid in seen_sources:
            reader.error(spath, ["sources", i, "id"], f"duplicate id {sid!r}")
        seen_sources.add(sid)


def _as_written(data: Any, where: list) -> list:
    """The path of a reference as the YAML has it: a plain id written for a {strategy: id} record ends one step up."""
    node = data
    for part in where[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return where
    return where[:-1] if isinstance(node, str) else where


def is_role_id(entry: str) -> bool:
    """A "who may help" entry written as an id (lower-case words joined by hyphens) must name a role; anything
    else is free text."""
    return re.fullmatch(m.ID_PATTERN, entry) is not None


def backlinks(c: Content, found: dict | None = None) -> dict[tuple[str, str], list[tuple[str, str, tuple]]]:
    """(kind, id) -> every (folder, id, path) that refers to it, from the models' Ref marks (`found`: the
    item_references already walked)."""
    found = item_references(c) if found is None else found
    known = {**{k: getattr(c, kind.attr) for k, kind in KINDS.items()}, "source": c.sources}
    links: dict[tuple[str, str], list] = defaultdict(list)
    for kind_folder, items in _items_by_folder(c).items():
        for item_id in items:
            for where, mark, value in found[(kind_folder, item_id)]:
                if value in known[mark.kind]:
                    links[(mark.kind, value)].append((kind_folder, item_id, tuple(where)))
    return links


def derive(c: Content, found: dict | None = None) -> Derived:
    """Back-links and indexes, computed from the validated content (`found`: its item_references, if walked)."""
    links = backlinks(c, found)
    fw = c.framework
    cell_order = {(p.id, lv.id): i for i, (p, lv) in enumerate(fw.cells())}
    need_order = {n: i for i, n in enumerate(c.needs)}

    def used_by(kind: str, item_id: str, folder: str, test=lambda where: True) -> list:
        return [(src, where) for f, src, where in links.get((kind, item_id), []) if f == folder and test(where)]

    uses = {}
    for sid in c.strategies:
        found = sorted({(src, where[1], where[2]) for src, where in used_by("strategy", sid, "needs")},
                       key=lambda u: (need_order[u[0]], cell_order[(u[1], u[2])]))
        if found:
            uses[sid] = found
    def unique(pairs) -> list:
        return list(dict.fromkeys(src for src, _ in pairs))

    strategy_plans = {sid: p for sid in c.strategies
                      if (p := unique(used_by("strategy", sid, "plans", lambda w: w[0] == "provision")))}
    need_plans = {nid: p for nid in c.needs if (p := unique(used_by("need", nid, "plans", lambda w: w[0] == "needs")))}
    role_uses = {rid: r for rid in c.roles if (r := unique(used_by("role", rid, "needs")))}
    area_needs: dict[str, list] = {a: [] for a in c.areas}
    for nid, need in sorted(c.needs.items(), key=lambda kv: kv[1].title.lower()):
        area_needs[need.area].append(nid)
    strategy_needs = {sid: sorted({n for n, _, _ in uses.get(sid, [])}, key=lambda n: c.needs[n].title.lower())
                      for sid in c.strategies}
    strategy_areas = {sid: sorted({c.needs[n].area for n in needs}, key=lambda a: c.areas[a].order)
                      for sid, needs in strategy_needs.items()}
    return Derived(uses, strategy_plans, need_plans, area_needs, role_uses, strategy_areas, strategy_needs)


def load_for_command(argv: list[str] | None) -> tuple[str, Content | None]:
    """For the command-line tools: the content folder named in argv (default content), loaded, or None after
    printing every problem to stderr (the caller then exits with status 2)."""
    args = sys.argv[1:] if argv is None else argv
    root = args[0] if args else "content"
    try:
        return root, load(root)
    except ContentErrors as exc:
        print("\n".join(exc.errors), file=sys.stderr)
        return root, None


def main(argv: list[str] | None = None) -> int:
    """Load and check a content folder's files and references: `python -m scripts.content.load [content]` (make validate
    also runs the content rules: scripts/content/validate.py)."""
    root, c = load_for_command(argv)
    if c is None:
        return 2
    print(summary(root, c))
    return 0


def summary(root: str, c: Content) -> str:
    """The one line a valid content folder gets: what it holds."""
    return (f"{root}: {len(c.needs)} needs, {len(c.strategies)} strategies, {len(c.plans)} plans, "
            f"{len(c.roles)} roles, {len(c.glossary.terms)} glossary terms: all valid")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
