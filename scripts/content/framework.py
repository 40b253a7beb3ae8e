# The framework as data: an authority's levels, phases and the aspects of a level, and the one walker over them.
# In: content/framework.yml (already parsed). Out: a Framework, its (phase, level) cells and the coverage policy.
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ASPECT_ID = r"^[a-z][a-z0-9_]*$"
AspectKind = Literal["text", "strategies", "roles"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LevelDef(_Model):
    """One level of support, lowest first."""

    id: str = Field(pattern=ID_PATTERN, description="Used in addresses: /levels/<id>/ and #<phase>-<id>")
    title: str = Field(min_length=1, description="As shown on the site, e.g. 'SEN Support'")
    meaning: str = Field(min_length=1, description="One line: what the level means")


class PhaseDef(_Model):
    """One age phase, youngest first."""

    id: str = Field(pattern=ID_PATTERN, description="Used in addresses: #<id>-<level>")
    title: str = Field(min_length=1, description="As shown on the tab, e.g. 'School age'")
    ages: str = Field(min_length=1, description="The age range in words, e.g. '16 to 25' or 'Year 1 to Year 11'")
    people: str = Field("children", min_length=1, description="Who the phase is about, in the plural, as in "
                        "'this level for young people aged 16 to 25' (e.g. children, pupils, young people)")
    avoid_words: list[str] = Field(default_factory=list, description="Words for people and places that do not "
                                   "belong in this phase (post-16: pupil, classroom, class teacher, lessons): a "
                                   "content gate refuses them, except inside quotation marks")
    avoid_roles: list[str] = Field(default_factory=list, description="Role ids that do not belong in this phase's "
                                   "'who may help' (post-16: pupil, class-teacher)")


class AspectDef(_Model):
    """One part of what a need says at a level: its key in the need files, its heading and what it holds."""

    id: str = Field(pattern=ASPECT_ID, description="The key in a need file, e.g. descriptors")
    title: str = Field(min_length=1, description="The heading shown, e.g. 'What you might notice'")
    kind: AspectKind = Field(description="text: sentences (or {strategy, note} references to named assessments); "
                             "strategies: strategy ids or {strategy, note}; roles: role ids or free text")
    required: bool = Field(True, description="Whether every described level must have at least one entry")


class Framework(_Model):
    """framework.yml: the levels, phases and aspects of one authority's guidance."""

    levels: list[LevelDef] = Field(min_length=1, description="Lowest first")
    phases: list[PhaseDef] = Field(min_length=1, description="Youngest first")
    aspects: list[AspectDef] = Field(min_length=1, description="In the order they are shown")

    @model_validator(mode="after")
    def _unique(self):
        for name in ("levels", "phases", "aspects"):
            ids = [x.id for x in getattr(self, name)]
            dup = sorted({i for i in ids if ids.count(i) > 1})
            if dup:
                raise ValueError(f"{name}: id {dup[0]!r} is listed twice")
        return self

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(lv.id for lv in self.levels)

    @property
    def phase_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.phases)

    def level(self, lid: str) -> LevelDef:
        return next(lv for lv in self.levels if lv.id == lid)

    def phase(self, pid: str) -> PhaseDef:
        return next(p for p in self.phases if p.id == pid)

    def aspects_of(self, kind: str) -> list[AspectDef]:
        return [a for a in self.aspects if a.kind == kind]

    def cells(self) -> list[tuple[PhaseDef, LevelDef]]:
        """Every (phase, level), phases outermost, both in framework order."""
        return [(p, lv) for p in self.phases for lv in self.levels]

    def phase_label(self, pid: str) -> str:
        """'Post-16 (16 to 25)': the phase with its ages."""
        p = self.phase(pid)
        return f"{p.title} ({p.ages})"


def anchor(phase: str, level: str) -> str:
    """The permanent anchor of one level of one need: #<phase>-<level>."""
    return f"{phase}-{level}"


class Coverage(_Model):
    """authority.yml `coverage`: which phases and levels every need must describe. 'all' means every one the
    framework declares; a list names them. A need may describe more; what it leaves out is a gap shown as a gap."""

    phases: Union[Literal["all"], list[str]] = "all"
    levels: Union[Literal["all"], list[str]] = "all"
    minimum: dict[str, int] = Field(default_factory=dict, description="Aspect id -> the fewest entries a described "
                                    "level must have to count as covered (default 1 for a required aspect)")
    minimum_at: dict[str, dict[str, int]] = Field(default_factory=dict, description="Level id -> aspect id -> a "
                                                  "different minimum at that level")

    def minimum_for(self, level: str, aspect: str) -> int:
        return self.minimum_at.get(level, {}).get(aspect, self.minimum.get(aspect, 0))

    def required(self, fw: Framework) -> list[tuple[str, str]]:
        phases = fw.phase_ids if self.phases == "all" else tuple(p for p in self.phases if p in fw.phase_ids)
        levels = fw.level_ids if self.levels == "all" else tuple(lv for lv in self.levels if lv in fw.level_ids)
        return [(p, lv) for p in phases for lv in levels]


@dataclass(frozen=True)
class Cell:
    """One level of one need in one phase. `guidance` is None where the need leaves it out (a gap)."""

    phase: PhaseDef
    level: LevelDef
    guidance: Optional[Any]

    @property
    def anchor(self) -> str:
        return anchor(self.phase.id, self.level.id)

    @property
    def path(self) -> list[str]:
        """Where the cell is in the need's YAML, for error messages."""
        return ["phases", self.phase.id, self.level.id]


def walk(fw: Framework, need: Any, gaps: bool = False) -> Iterator[Cell]:
    """The one walk over a need's phases and levels, in framework order. With gaps=True the cells a need leaves
    out are yielded too, with guidance None."""
    for phase, level in fw.cells():
        g = need.phases.get(phase.id, {}).get(level.id)
        if g is not None or gaps:
            yield Cell(phase, level, g)


def refs(fw: Framework, guidance: Any, kind: str) -> Iterator[tuple[str, int, Any]]:
    """(aspect id, index, entry) for every entry of the aspects of one kind in one cell."""
    for a in fw.aspects_of(kind):
        for i, entry in enumerate(guidance.aspect(a.id)):
            yield a.id, i, entry


def strategy_refs(fw: Framework, guidance: Any) -> Iterator[tuple[str, int, Any]]:
    """Every reference to a strategy item in one cell: the strategies aspects, and the references to named
    assessments that text aspects may hold."""
    for aid, i, entry in refs(fw, guidance, "strategies"):
        yield aid, i, entry
    for aid, i, entry in refs(fw, guidance, "text"):
        if not isinstance(entry, str):
            yield aid, i, entry
