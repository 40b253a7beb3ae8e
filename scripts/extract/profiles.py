# Layout profiles: how a document is laid out (bands to drop, headings, table shape, labels), and picking one.
# In: scripts/profiles/*.yml (and _labels.yml), checked by pydantic models; sampled pages. Out: Profile objects.
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Annotated, Any, Literal, Optional

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .errors import ExtractError

PROFILE_DIR = Path(__file__).resolve().parent.parent / "profiles"
LABEL_KINDS = ("levels", "phases", "fields", "areas", "roles")
# levels-as-rows and aspects-as-columns are one shape: aspects name the header columns, levels the rows.
LAYOUTS = {"threshold": ("levels-as-columns", "levels-as-rows", "aspects-as-columns", "level-bands"),
           "binder": ("prose",)}
KINDS = LAYOUTS


def norm(text: str) -> str:
    """Compare labels ignoring case, punctuation, '&' versus 'and', and spacing."""
    text = text.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# ---------------------------------------------------------------- the profile file, as a model


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return value


Regex = Annotated[str, AfterValidator(_regex)]
Size = Annotated[float, Field(ge=0, le=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PageSpec(_Strict):
    orientation: Literal["portrait", "landscape"]
    header_band: Size = 0  # points from the top edge: the running header, read for the edition, then dropped
    footer_band: Size = 0  # points from the bottom edge: the running footer, read for the page number, then dropped
    page_number: Regex = r"(\d+)"
    edition: Regex = r"Edition:?\s*(.+?)\s*$"


class TextSpec(_Strict):
    area_heading_size: Optional[Size] = None
    need_heading_size: Optional[Size] = None
    phase_heading_size: Optional[Size] = None
    also_known_as: str = "Also known as:"
    paragraph_gap: Annotated[float, Field(ge=0, le=10)] = 0.6
    chapter_heading_size: Size = 15
    section_heading_size: Size = 11.5
    heading_number: Regex = r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$"
    numbered_item: Regex = r"^(\d+)[.)]\s+(.*)$"


class HeadingRule(_Strict):
    """A line is this kind of heading when it meets every condition given."""
    min_size: Size = 0
    max_size: Size = 200  # below this size (so a smaller heading can sit under a larger one)
    bold: Optional[bool] = None
    regex: Optional[Regex] = None

    def matches(self, line: dict) -> bool:
        if not self.min_size <= line["size"] < self.max_size:
            return False
        if self.bold is not None and bool(line.get("bold")) != self.bold:
            return False
        return self.regex is None or re.search(self.regex, line["text"]) is not None


class HeadingsSpec(_Strict):
    need: HeadingRule
    area: Optional[HeadingRule] = None
    phase: Optional[HeadingRule] = None
    area_position: Literal["above", "below"] = "above"  # the area line sits above its needs, or just below each need


class TableSpec(_Strict):
    settings: dict[str, Any] = Field(default_factory=dict)
    continued: str = "(continued)"


Labels = dict[str, list[str]]


class ProfileFile(_Strict):
    name: Optional[str] = None
    description: str = ""
    kind: Literal["threshold", "binder"]
    layout: Literal["levels-as-columns", "levels-as-rows", "aspects-as-columns", "level-bands", "prose"]
    source: str = Field(min_length=1)
    phase: Optional[str] = None  # the one phase the whole document covers (else named in tables, headings or title)
    page: PageSpec
    text: TextSpec = Field(default_factory=TextSpec)
    headings: Optional[HeadingsSpec] = None
    area_of: dict[str, str] = Field(default_factory=dict)  # need title -> area id, when no area line is printed
    note_separator: str = " – "
    table: TableSpec = Field(default_factory=TableSpec)
    bullets: Optional[list[Annotated[str, Field(min_length=1)]]] = None
    cid_map: dict[int, Optional[str]] = Field(default_factory=dict)
    labels: dict[Literal["levels", "phases", "fields", "areas", "roles"], Labels] = Field(default_factory=dict)
    strategy_types: Optional[dict[str, list[str]]] = None
    default_type_by_level: Optional[dict[str, str]] = None


class SharedLabels(_Strict):
    levels: Labels = Field(default_factory=dict)
    phases: Labels = Field(default_factory=dict)
    fields: Labels = Field(default_factory=dict)
    areas: Labels = Field(default_factory=dict)
    roles: Labels = Field(default_factory=dict)
    strategy_types: dict[str, list[str]] = Field(default_factory=dict)
    default_type_by_level: dict[str, str] = Field(default_factory=dict)
    cid_map: dict[int, Optional[str]] = Field(default_factory=dict)
    bullets: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)


def _line_of(node: Any, loc: tuple) -> int:
    """The 1-based line of the YAML node at `loc` (keys and list indexes), or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            hit = next(((k, v) for k, v in node.value if str(k.value) == str(part)), None)
            if hit is None:
                break
            line, node = hit[0].start_mark.line + 1, hit[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _first_error(path: Path, text: str, exc: ValidationError) -> str:
    """One line for the first problem: 'file:line: key.path: what' (an unknown key also names the known ones)."""
    err = exc.errors()[0]
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p in ("function-after",))))
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None
    key = ".".join(str(p) for p in loc) or "(top)"
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        model = _model_at(ProfileFile, loc[:-1])
        known = ", ".join(model.model_fields) if model else ""
        msg = f"unknown setting (misspelt?); known here: {known}" if known else "unknown setting"
    elif err["type"] == "missing":
        msg = "missing setting; compare with scripts/profiles/"
    elif err["type"] == "literal_error":
        msg = f"{msg[0].lower()}{msg[1:]} (got {err.get('input')!r})"
    elif "input" in err and not isinstance(err["input"], (dict, list)):
        msg = f"{msg[0].lower()}{msg[1:]} (got {err['input']!r})"
    else:
        msg = msg[0].lower() + msg[1:]
    msg = msg.replace("Value error, ", "").replace("value error, ", "")
    return f"{path}:{_line_of(node, loc)}: {key}: {msg}"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The nested model a key path leads to (for listing the keys it knows)."""
    from typing import get_args, get_origin
    for part in loc:
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        ann = info.annotation
        for arg in (ann, *get_args(ann)):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                model = arg
                break
        else:
            return None
    return model


# ---------------------------------------------------------------- the profile in use


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
    phase: str | None = None
    headings: HeadingsSpec | None = None
    area_of: dict[str, str] = field(default_factory=dict)
    _index: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.layout == "aspects-as-columns":
            self.layout = "levels-as-rows"
        if self.headings is None and self.kind == "threshold":
            self.headings = headings_from_sizes(self.text)
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

    def find(self, kind: str, text: str) -> set[str]:
        """The ids whose labels appear inside `text` as whole words (e.g. a phase named in a title)."""
        words = f" {norm(text)} "
        return {key for alias, key in self._index[kind].items() if alias and f" {alias} " in words}

    def known(self, kind: str) -> str:
        """The labels this profile knows for a kind, for error messages."""
        return "; ".join(f"{key}: {', '.join(names[:3])}" for key, names in self.labels.get(kind, {}).items())

    def label(self, kind: str, key: str) -> str:
        """The label the renderer prints for an id (the first one listed)."""
        return self.labels[kind][key][0]

    def settings(self) -> dict[str, Any]:
        """What a page reader needs (plain data, so it can go to worker processes)."""
        return {"header_band": self.header_band, "footer_band": self.footer_band,
                "table_settings": self.table_settings, "cid_map": self.cid_map}


def headings_from_sizes(text: dict) -> HeadingsSpec:
    """The heading rules an older profile states as sizes: area from area_heading_size, need from need_heading_size
    up to it, a phase heading from phase_heading_size (0: none) up to the need size."""
    area = text.get("area_heading_size") or 16.5
    need = text.get("need_heading_size") or 13
    phase = text.get("phase_heading_size") or 0
    return HeadingsSpec(area=HeadingRule(min_size=area), need=HeadingRule(min_size=need, max_size=area),
                        phase=HeadingRule(min_size=phase, max_size=need) if phase else None)


_CACHE: dict[tuple[str, float], Any] = {}


def _read(path: Path) -> tuple[dict, str]:
    """A profile file's data and text (parsed once per file version; a fresh copy each time)."""
    try:
        key = (str(path.resolve()), path.stat().st_mtime)
        if key not in _CACHE:
            text = path.read_text(encoding="utf-8")
            _CACHE[key] = (yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ExtractError(f"{path}:{mark.line + 1 if mark else 1}: (file): cannot be read as YAML ({detail}); "
                           "fix it") from None
    data, text = _CACHE[key]
    if not isinstance(data, dict):
        raise ExtractError(f"{path}:1: (file): should be a mapping of settings; see scripts/profiles/ for "
                           "examples")
    return copy.deepcopy(data), text


def _validate(model: type[BaseModel], path: Path, data: dict, text: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ExtractError(_first_error(path, text, exc)) from None


def load_profile(name_or_path: str | Path, profile_dir: Path = PROFILE_DIR, content: Path | str = "content") -> Profile:
    """A shipped profile by name (e.g. 'threshold-rows') or a profile YAML file by path."""
    from .framework_ids import framework

    path = Path(name_or_path)
    if path.suffix not in (".yml", ".yaml"):
        path = profile_dir / f"{name_or_path}.yml"
    if not path.is_file():
        names = ", ".join(p.stem for p in shipped(profile_dir))
        raise ExtractError(f"profile {name_or_path!r} not found; use one of: {names}, or a path to a profile .yml")
    shared_path = profile_dir / "_labels.yml"
    shared = _validate(SharedLabels, shared_path, *_read(shared_path)) if shared_path.is_file() else SharedLabels()
    data, text = _read(path)
    spec: ProfileFile = _validate(ProfileFile, path, data, text)
    if spec.layout not in LAYOUTS[spec.kind]:
        raise ExtractError(f"{path}:{_line_of(yaml.compose(text, Loader=yaml.SafeLoader), ('layout',))}: layout: "
                           f"{spec.kind}/{spec.layout} is not supported; use "
                           + ", ".join(f"{k}/{v}" for k, vs in LAYOUTS.items() for v in vs))
    fw = framework(content)
    if spec.phase is not None and spec.phase not in [p["id"] for p in fw["phases"]]:
        raise ExtractError(f"{path}:{_line_of(yaml.compose(text, Loader=yaml.SafeLoader), ('phase',))}: phase: "
                           f"{spec.phase!r} is not a phase of the framework; use one of: "
                           + ", ".join(p["id"] for p in fw["phases"]))
    labels: dict[str, dict[str, list[str]]] = {k: {key: list(v) for key, v in getattr(shared, k).items()}
                                               for k in LABEL_KINDS}
    for kind, fkind in (("levels", "levels"), ("phases", "phases"), ("fields", "aspects")):
        for entry in fw[fkind]:  # the framework's own titles (and a phase's age range) are labels too
            names = labels[kind].setdefault(entry["id"], [])
            for name in (entry.get("title"), entry.get("ages")):
                if name and name not in names:
                    names.append(name)
    for kind, extra in spec.labels.items():
        labels[kind].update({key: list(v) for key, v in extra.items()})
    # A profile may map more codes, or unmap a shared one with null (so it is reported, not guessed).
    cid_map = {int(k): str(v) for k, v in {**shared.cid_map, **spec.cid_map}.items() if v is not None}
    return Profile(
        name=spec.name or path.stem, description=spec.description, kind=spec.kind, layout=spec.layout,
        source=spec.source, orientation=spec.page.orientation, header_band=spec.page.header_band,
        footer_band=spec.page.footer_band, page_number=spec.page.page_number, edition=spec.page.edition,
        text={k: v for k, v in spec.text.model_dump().items() if v is not None},
        table_settings=dict(spec.table.settings), continued=spec.table.continued,
        note_separator=spec.note_separator, bullets=list(spec.bullets or shared.bullets or ["•"]),
        cid_map=cid_map, labels=labels,
        strategy_types=dict(spec.strategy_types or shared.strategy_types),
        default_type_by_level=dict(spec.default_type_by_level or shared.default_type_by_level),
        path=path, phase=spec.phase, headings=spec.headings, area_of=dict(spec.area_of))


def shipped(profile_dir: Path = PROFILE_DIR) -> list[Path]:
    return sorted(p for p in profile_dir.glob("*.yml") if not p.name.startswith("_"))


def check(profile_dir: Path = PROFILE_DIR, content: Path | str = "content") -> list[str]:
    """One 'file:line: key: what' line per profile that does not load (for make validate); empty when all do."""
    errors = []
    for path in shipped(profile_dir):
        try:
            load_profile(path, profile_dir, content)
        except ExtractError as exc:
            errors.append(exc.message)
    return errors


def all_profiles(profile_dir: Path = PROFILE_DIR, content: Path | str = "content") -> list[Profile]:
    return [load_profile(p, profile_dir, content) for p in shipped(profile_dir)]


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
    elif profile.layout == "level-bands":
        bands = [r[0] for r in rows if r and sum(bool(c) for c in r) == 1]
        found.append(("level names alone in full-width band rows", count("levels", bands) >= 2))
        found.append(("field names down the first column", count("fields", first_col) >= 2))
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
