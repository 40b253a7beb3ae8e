# Layout profiles: how a document is laid out (bands to drop, heading sizes, labels), and picking one.
# In: scripts/profiles/*.yml (and _labels.yml), sampled pages. Out: Profile objects; the best match with its reasons.
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import yaml

from .errors import ExtractError

PROFILE_DIR = Path(__file__).resolve().parent.parent / "profiles"
LABEL_KINDS = ("levels", "phases", "fields", "areas", "roles")
KINDS = {"threshold": ("levels-as-columns", "levels-as-rows"), "binder": ("prose",)}


def norm(text: str) -> str:
    """Compare labels ignoring case, punctuation, '&' versus 'and', and spacing."""
    text = text.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass
class Profile:
    name: str
    description: str
    kind: str
    layout: str
    source: str
    orientation: str
    header_band: float
    footer_band: float
    page_number: str
    edition: str
    text: dict[str, Any]
    table_settings: dict[str, Any]
    continued: str
    note_separator: str
    bullets: list[str]
    cid_map: dict[int, str]
    labels: dict[str, dict[str, list[str]]]
    strategy_types: dict[str, list[str]]
    default_type_by_level: dict[str, str]
    path: Path | None = None
    _index: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self._index = {kind: {norm(alias): key for key, aliases in self.labels.get(kind, {}).items()
                              for alias in aliases} for kind in LABEL_KINDS}

    def add_labels(self, kind: str, key: str, aliases: list[str]) -> None:
        """Extra labels (e.g. role titles from content/roles) that also match `key`."""
        known = self.labels.setdefault(kind, {}).setdefault(key, [])
        known.extend(a for a in aliases if a and a not in known)
        self.reindex()

    def match(self, kind: str, text: str) -> str | None:
        """The id a label means (e.g. 'SEN Support' -> 'sen-support'), or None."""
        return self._index[kind].get(norm(text))

    def label(self, kind: str, key: str) -> str:
        """The label the renderer prints for an id (the first one listed)."""
        return self.labels[kind][key][0]

    def settings(self) -> dict[str, Any]:
        """What a page reader needs (plain data, so it can go to worker processes)."""
        return {"header_band": self.header_band, "footer_band": self.footer_band,
                "table_settings": self.table_settings, "cid_map": self.cid_map}


_CACHE: dict[tuple[str, float], Any] = {}


def _read(path: Path) -> dict:
    """A profile file's data (parsed once per file version; a fresh copy each time, as profiles get labels added)."""
    try:
        key = (str(path.resolve()), path.stat().st_mtime)
        if key not in _CACHE:
            _CACHE[key] = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise ExtractError(f"profile {path}: cannot be read ({str(exc).splitlines()[0]}); fix the YAML") from None
    data = copy.deepcopy(_CACHE[key])
    if not isinstance(data, dict):
        raise ExtractError(f"profile {path}: should be a mapping of settings; see scripts/profiles/ for examples")
    return data


def load_profile(name_or_path: str | Path, profile_dir: Path = PROFILE_DIR) -> Profile:
    """A shipped profile by name (e.g. 'threshold-rows') or a profile YAML file by path."""
    path = Path(name_or_path)
    if path.suffix not in (".yml", ".yaml"):
        path = profile_dir / f"{name_or_path}.yml"
    if not path.is_file():
        names = ", ".join(p.stem for p in shipped(profile_dir))
        raise ExtractError(f"profile {name_or_path!r} not found; use one of: {names}, or a path to a profile .yml")
    shared = _read(profile_dir / "_labels.yml") if (profile_dir / "_labels.yml").is_file() else {}
    data = _read(path)
    try:
        kind, layout = data["kind"], data["layout"]
        if kind not in KINDS or layout not in KINDS[kind]:
            raise ExtractError(f"profile {path}: kind/layout {kind}/{layout} is not supported; use "
                               + ", ".join(f"{k}/{v}" for k, vs in KINDS.items() for v in vs))
        page = data["page"]
        labels = {k: dict(shared.get(k, {})) for k in LABEL_KINDS}
        for k, v in (data.get("labels") or {}).items():
            labels.setdefault(k, {}).update(v)
        # A profile may map more codes, or unmap a shared one with null (so it is reported, not guessed).
        cid_map = {int(k): str(v) for k, v in {**shared.get("cid_map", {}), **(data.get("cid_map") or {})}.items()
                   if v is not None}
        return Profile(
            name=data.get("name", path.stem), description=data.get("description", ""), kind=kind, layout=layout,
            source=data["source"], orientation=page["orientation"],
            header_band=float(page.get("header_band", 0)), footer_band=float(page.get("footer_band", 0)),
            page_number=page.get("page_number", r"(\d+)"), edition=page.get("edition", r"Edition:?\s*(.+)"),
            text=dict(data.get("text") or {}), table_settings=dict((data.get("table") or {}).get("settings") or {}),
            continued=(data.get("table") or {}).get("continued", "(continued)"),
            note_separator=data.get("note_separator", " – "),
            bullets=list(data.get("bullets") or shared.get("bullets") or ["•"]),
            cid_map=cid_map, labels=labels,
            strategy_types=dict(data.get("strategy_types") or shared.get("strategy_types") or {}),
            default_type_by_level=dict(data.get("default_type_by_level") or shared.get("default_type_by_level") or {}),
            path=path,
        )
    except KeyError as exc:
        raise ExtractError(f"profile {path}: missing setting {exc.args[0]!r}; compare with scripts/profiles/") from None


def shipped(profile_dir: Path = PROFILE_DIR) -> list[Path]:
    return sorted(p for p in profile_dir.glob("*.yml") if not p.name.startswith("_"))


def all_profiles(profile_dir: Path = PROFILE_DIR) -> list[Profile]:
    return [load_profile(p, profile_dir) for p in shipped(profile_dir)]


# ---------------------------------------------------------------- detection


def _cell_text(cell: dict | None) -> str:
    return " ".join(t for _, t in cell["lines"]) if cell else ""


def signals(profile: Profile, pages: list[dict]) -> list[tuple[str, bool]]:
    """The signs of this profile's layout on sampled pages (read without cropping), each found or not."""
    landscape = sum(p["width"] > p["height"] for p in pages) > len(pages) / 2
    found = [(f"{profile.orientation} pages", landscape == (profile.orientation == "landscape"))]
    rows = [[_cell_text(c) for c in row] for p in pages for t in p["tables"] for row in t["rows"]]
    first_col = [r[0] for r in rows if r]

    def count(kind: str, texts: list[str]) -> int:
        return len({profile.match(kind, t) for t in texts} - {None})

    level_header = any(count("levels", r[1:]) >= 3 for r in rows)
    field_header = any(count("fields", r[1:]) >= 2 for r in rows)
    if profile.layout == "levels-as-columns":
        found.append(("level names across a table header row", level_header))
        found.append(("field names down the first column", count("fields", first_col) >= 2))
    elif profile.layout == "levels-as-rows":
        found.append(("field names across a table header row", field_header))
        found.append(("level names down the first column", count("levels", first_col) >= 2))
    else:
        lines = [ln for p in pages for ln in p["lines"]]
        body = median([ln["size"] for ln in lines]) if lines else 0
        pattern = re.compile(profile.text.get("heading_number", r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$"))
        big = [ln for ln in lines if ln["size"] >= max(profile.text.get("section_heading_size", 11.5), body * 1.15)]
        found.append(("numbered headings in a larger font", any(pattern.match(ln["text"]) for ln in big)))
        found.append(("paragraphs of prose", sum(len(ln["text"].split()) >= 6 for ln in lines) >= 3))
        found.append(("no threshold tables", not (level_header or field_header)))
    return found


def detect(pages: list[dict], profiles: list[Profile]) -> tuple[Profile | None, str]:
    """The profile whose signs all appear on the sampled pages, and a sentence saying why (or what was closest)."""
    scored = []
    for prof in profiles:
        found = signals(prof, pages)
        scored.append((sum(ok for _, ok in found) / len(found), prof, found))
    scored.sort(key=lambda s: -s[0])
    score, prof, found = scored[0]
    if score == 1.0:
        return prof, "detected: " + "; ".join(name for name, _ in found)
    missing = [name for name, ok in found if not ok]
    have = sum(ok for _, ok in found)
    return None, f"closest is {prof.name} ({have} of {len(found)} signs; missing {', '.join(missing)})"
