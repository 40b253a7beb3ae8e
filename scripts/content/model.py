# The content model: one pydantic class per kind of YAML item, refined for one authority's framework.
# In: a Framework (scripts/content/framework.py) for the framework-shaped parts. Out: the models, and models_for(framework).
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Optional, Union, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

from scripts.content.framework import Coverage, Framework

StrategyType = Literal["environment", "teaching", "small-group", "individual", "specialist", "assistive-technology"]
STRATEGY_TYPES: tuple[str, ...] = get_args(StrategyType)
TYPE_TITLES = {
    "environment": "Environment",
    "teaching": "Teaching",
    "small-group": "Small group",
    "individual": "Individual",
    "specialist": "Specialist",
    "assistive-technology": "Assistive technology",
}

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _clean(text: str) -> str:
    """Fold runs of white space (YAML line wrapping) into single spaces."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise ValueError("must not be empty")
    return text


Text = Annotated[str, AfterValidator(_clean)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to an item of another kind (a registry kind name, or 'source'). The resolver,
    the back-links, the JSON Schema and the diffs all read references from these marks. `free_text`: an entry that
    is not written as an id is plain text (as in "who may help")."""

    kind: str
    free_text: bool = False


def ref(kind: str) -> Any:
    """The type of a reference by id to one item of `kind`."""
    return Annotated[str, Field(pattern=ID_PATTERN, json_schema_extra={"x-refers-to": kind}), Ref(kind)]


def ref_or_text(kind: str) -> Any:
    """A reference by id, or free text shown as it is."""
    return Annotated[str, AfterValidator(_clean),
                     Field(json_schema_extra={"x-refers-to": kind, "x-or-free-text": True}), Ref(kind, True)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class SourceRef(Model):
    """Where a fact comes from: a source id from sources.yml and, optionally, paragraphs or pages."""

    source: ref("source")
    paragraphs: Optional[str] = Field(None, description="Paragraph numbers, e.g. '6.44-6.56'")
    pages: list[int] = Field(default_factory=list, description="Page numbers in the source document")
    note: Optional[Text] = None


class Area(Model):
    title: Text
    summary: Text
    description: list[Text] = Field(default_factory=list, description="Paragraphs shown on the area page")
    order: int = Field(0, description="Position on the home page (smallest first)")
    sources: list[SourceRef] = Field(default_factory=list)


class StrategyRef(Model):
    strategy: ref("strategy")
    note: Optional[Text] = None


class LevelGuidance(Model):
    """What one level looks like for one need in one phase: one field per aspect of the framework (added by
    models_for). Strategy ids written plainly become {strategy: id}."""

    def aspect(self, aspect_id: str) -> list:
        return getattr(self, aspect_id)

    @model_validator(mode="before")
    @classmethod
    def _plain_ids(cls, data):
        if isinstance(data, dict):
            for name in getattr(cls, "_strategy_aspects", ()):
                if isinstance(data.get(name), list):
                    data = {**data, name: [{"strategy": v} if isinstance(v, str) else v for v in data[name]]}
        return data


class Need(Model):
    area: ref("area")
    title: Text
    also_known_as: list[Text] = Field(default_factory=list, description="Words people type: abbreviations, everyday and older names")
    search_terms: list[Text] = Field(default_factory=list, description="Misspellings and everyday phrases people "
                                     "search with: used by search only, never shown")
    summary: Text
    phases: dict[str, dict[str, LevelGuidance]] = Field(description="Per phase, per level: what the guidance says")
    sources: list[SourceRef] = Field(default_factory=list)


# ---- Strategy: an approach, a named intervention or a named assessment tool (issue 15).
StrategyKind = Literal["approach", "intervention", "assessment"]
KIND_TITLES = {"approach": "Approach", "intervention": "Named intervention", "assessment": "Named assessment"}
EvidenceStrength = Literal["strong", "moderate", "emerging", "mixed", "thin", "none-yet"]
STRENGTH_TITLES = {
    "strong": "Strong: several good trials agree",
    "moderate": "Moderate: some good studies, with gaps",
    "emerging": "Emerging: early studies look promising",
    "mixed": "Mixed: good studies disagree, or found no clear gain",
    "thin": "Thin: little research, mostly small or by the makers",
    "none-yet": "None yet: not properly studied",
}
Stage = Literal["primary", "secondary"]
STAGE_TITLES = {"primary": "Primary", "secondary": "Secondary"}


class Dose(Model):
    """How much of a strategy a pupil or student gets."""

    times_a_week: float = Field(gt=0, description="Sessions a week (0.5 means every two weeks)")
    minutes: int = Field(gt=0, description="Minutes a session")
    weeks: Optional[int] = Field(None, gt=0, description="How many weeks it runs; leave out when it carries on "
                                 "and is reviewed each term")
    group_size: Text = Field(description="Who is in a session, e.g. 'one to one' or '3 to 6'")
    note: Optional[Text] = Field(None, description="Anything the numbers cannot say")


class Evidence(Model):
    """What research says about a strategy, in our own words."""

    strength: EvidenceStrength = Field(description="How strong the research is: " + ", ".join(get_args(EvidenceStrength)))
    summary: Text = Field(description="What the research says, plainly, including when it is thin")
    sources: list[SourceRef] = Field(default_factory=list, description="Where the research summary comes from")


class Strategy(Model):
    title: Text
    summary: Text
    steps: list[Text] = Field(min_length=1, description="How to do it")
    delivered_by: list[ref("role")] = Field(min_length=1, description="Role ids of who delivers it")
    type: StrategyType
    levels: list[str] = Field(min_length=1)
    phases: list[str] = Field(min_length=1)
    kind: StrategyKind = Field("approach", description="approach, intervention (a named programme) or assessment "
                               "(a named assessment tool, listed under 'How it is assessed')")
    stages: list[Stage] = Field(default_factory=list, description="School stages where it fits, when primary and "
                                "secondary differ: primary, secondary")
    dose: Optional[Dose] = Field(None, description="How often, how long, for how many weeks and in what group size")
    start_when: list[Text] = Field(default_factory=list, description="Signs that it is worth starting")
    stop_when: list[Text] = Field(default_factory=list, description="Signs that it can stop, or should change")
    training: Optional[Text] = Field(None, description="The training staff need to deliver it")
    evidence: Optional[Evidence] = Field(None, description="What the research says")
    sources: list[SourceRef] = Field(default_factory=list)

    @field_validator("levels", "phases", "stages")
    @classmethod
    def _no_repeats(cls, value):
        if len(set(value)) != len(value):
            raise ValueError("lists a value twice")
        return value


class AboutMe(Model):
    strengths: list[Text] = Field(min_length=1)
    what_matters: list[Text] = Field(min_length=1, description="What matters to me")
    what_helps: list[Text] = Field(min_length=1)
    what_does_not_help: list[Text] = Field(min_length=1)


class Outcome(Model):
    outcome: Text = Field(description="Specific and measurable: what the pupil will be able to do")
    baseline: Optional[Text] = Field(None, description="Where the pupil starts, measured the same way as the target")
    measure: Text = Field(description="How progress will be measured")
    by: dt.date = Field(description="Date the outcome should be met by")
    progress: Text = Field(description="Progress found at the review")


class Provision(Model):
    strategy: ref("strategy")
    how_often: Text
    how_long: Text
    group_size: Text
    who: list[ref("role")] = Field(min_length=1, description="Role ids")


class Review(Model):
    date: dt.date
    next_steps: list[Text] = Field(min_length=1)
    next_level: str = Field(description="The level of support after the review")
    level_decision: Text = Field(description="Why the pupil stays at, or moves, level")


class Plan(Model):
    title: Text
    pupil: Text = Field(description="The fictional pupil's first name")
    phase: str
    year_group: Text
    level: str
    needs: list[ref("need")] = Field(min_length=1)
    summary: Text
    about_me: AboutMe
    parents_views: list[Text] = Field(min_length=1, description="Parents' or carers' views, in paragraphs")
    outcomes: list[Outcome] = Field(min_length=1)
    provision: list[Provision] = Field(min_length=1)
    review: Review


class Role(Model):
    title: Text
    abbreviation: Optional[str] = None
    summary: Text
    responsibilities: list[Text] = Field(min_length=1, description="Who does what")
    why: Text = Field(description="Why this role matters to the pupil")
    sources: list[SourceRef] = Field(default_factory=list)


class Level_(Model):
    """content/levels/<level>.yml: the page about a level. Its id and title come from the framework."""

    summary: Text
    description: list[Text] = Field(min_length=1)
    sources: list[SourceRef] = Field(default_factory=list)


class Term(Model):
    term: Text
    abbreviation: Optional[str] = None
    definition: Text
    link: Optional[str] = Field(None, description="'kind:id' (need:autism, role:senco, page:graduated-approach, strategy:…) or an https:// address")


class Glossary(Model):
    terms: list[Term] = Field(min_length=1)


class Source(Model):
    id: Id
    title: Text
    publisher: Text
    edition: Optional[Text] = None
    date: Optional[Union[dt.date, int]] = None
    url: Optional[str] = None
    licence: Optional[Text] = None


class Sources(Model):
    sources: list[Source] = Field(min_length=1)


# ---- The authority configuration (authority.yml) and the small types only it uses.
HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
HTTPS_URL = r"^https://[^\s()<>\"']+$"
EMAIL = r"^[^@\s()<>\"']+@[^@\s()<>\"']+\.[^@\s()<>\"']+$"
PHONE = r"^\+?[0-9][0-9 ]{5,20}$"


def contrast_with_white(hex_colour: str) -> float:
    """WCAG 2.2 contrast ratio of a #rrggbb colour against white."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


class Colours(Model):
    """Brand colours. White header text sits on `primary`, and links use `primary` (and `accent` on hover) on a
    white page, so each must reach the WCAG 2.2 AA contrast of 4.5:1 against white."""

    primary: str = Field(pattern=HEX_COLOUR, description="Header and link colour, #rrggbb")
    accent: Optional[str] = Field(None, pattern=HEX_COLOUR, description="Hover and highlight colour, #rrggbb")

    @field_validator("primary", "accent")
    @classmethod
    def _contrast(cls, value):
        if value is not None and re.fullmatch(HEX_COLOUR, value) and contrast_with_white(value) < 4.5:
            raise ValueError(f"{value} has a contrast of {contrast_with_white(value):.1f}:1 with white; "
                             "it needs at least 4.5:1 (use a darker colour)")
        return value


class ServiceContact(Model):
    """A service people are sent to, with the ways to reach it."""

    name: Text
    phone: Optional[str] = Field(None, pattern=PHONE)
    email: Optional[str] = Field(None, pattern=EMAIL)
    url: Optional[str] = Field(None, pattern=HTTPS_URL)


class PastEdition(Model):
    """An earlier published edition, for the "What changed in this edition" page."""

    edition: Text
    date: dt.date
    revision: Optional[str] = Field(None, description="The git commit or tag the edition was published from")
    snapshot: Optional[str] = Field(None, description="A snapshot file (python -m scripts.editions snapshot), "
                                    "relative to this file; used first, so the page builds without git history")


class Authority(Model):
    """authority.yml: everything specific to one local authority and one edition of its guidance. The build reads
    it from the content folder, or from the file given with `make site CONFIG=...`."""

    name: Text = Field(description="The local authority's name")
    site_name: Text
    site_url: Optional[str] = Field(None, pattern=HTTPS_URL, description="Where the site is published")
    edition: Text
    edition_date: dt.date
    previous_editions: list[PastEdition] = Field(default_factory=list, description="Earlier editions, oldest first")
    contact_email: Optional[str] = Field(None, pattern=EMAIL)
    contact_phone: Optional[str] = Field(None, pattern=PHONE)
    contact_url: Optional[str] = Field(None, pattern=HTTPS_URL, description="A contact page on the authority's website")
    local_offer_url: Optional[str] = Field(None, pattern=HTTPS_URL)
    disagreement_service: Optional[ServiceContact] = Field(None, description="The local disagreement resolution service")
    logo: Optional[str] = Field(None, description="Logo image (.svg or .png), relative to this file")
    colours: Optional[Colours] = None
    framework: str = Field("framework.yml", description="The framework file (levels, phases, aspects), relative to "
                           "the content folder")
    coverage: Coverage = Field(default_factory=Coverage, description="The phases and levels every need must "
                               "describe: 'all' (the default) or lists of ids")
    sources: list[Source] = Field(default_factory=list, description="This authority's own documents (threshold "
                                  "guidance, process binder): each replaces the sources.yml entry with the same id")

    @field_validator("disagreement_service", mode="before")
    @classmethod
    def _service_name_only(cls, value):
        return {"name": value} if isinstance(value, str) else value

    @field_validator("logo")
    @classmethod
    def _logo_type(cls, value):
        if value is not None and not value.lower().endswith((".svg", ".png")):
            raise ValueError("use an .svg or .png file")
        return value


# ---- One authority's models: the framework-shaped fields take its ids, and a level has one field per aspect.
_ASPECT_TYPES = {
    "text": list[Union[StrategyRef, Text]],  # sentences, or {strategy, note} naming an assessment item
    "strategies": list[StrategyRef],
    "roles": list[ref_or_text("role")],  # a role id, or free text (linked when it is a role's title)
}


@dataclass(frozen=True)
class Models:
    """The item models of one framework, by content folder, and the level guidance model."""

    framework: Framework
    guidance: type[LevelGuidance]
    items: dict[str, type[Model]]

    def __getitem__(self, folder: str) -> type[Model]:
        return self.items[folder]


def models_for(fw: Framework) -> Models:
    return _models(fw.model_dump_json())


@functools.lru_cache(maxsize=8)
def _models(fw_json: str) -> Models:
    fw = Framework.model_validate_json(fw_json)
    level_id = Literal[fw.level_ids]  # type: ignore[valid-type]
    phase_id = Literal[fw.phase_ids]  # type: ignore[valid-type]
    aspects: dict[str, Any] = {
        a.id: (_ASPECT_TYPES[a.kind], Field(min_length=1, description=a.title) if a.required
               else Field(default_factory=list, description=a.title))
        for a in fw.aspects}
    guidance = create_model("LevelGuidance", __base__=LevelGuidance, __doc__=LevelGuidance.__doc__, **aspects)
    guidance._strategy_aspects = tuple(a.id for a in fw.aspects_of("strategies"))
    levels_doc = ", ".join(fw.level_ids)
    phases_doc = ", ".join(fw.phase_ids)
    need = create_model("Need", __base__=Need, __doc__=Need.__doc__, phases=(
        dict[phase_id, dict[level_id, guidance]],
        Field(description=f"Per phase ({phases_doc}), per level ({levels_doc}): what the guidance says")))
    strategy = create_model("Strategy", __base__=Strategy, __doc__=Strategy.__doc__,
                            levels=(list[level_id], Field(min_length=1, description=f"Levels: {levels_doc}")),
                            phases=(list[phase_id], Field(min_length=1, description=f"Phases: {phases_doc}")))
    review = create_model("Review", __base__=Review, __doc__=Review.__doc__, next_level=(
        level_id, Field(description="The level of support after the review")))
    plan = create_model("Plan", __base__=Plan, __doc__=Plan.__doc__, phase=(phase_id, ...), level=(level_id, ...),
                        review=(review, ...))
    return Models(fw, guidance, {"areas": Area, "needs": need, "strategies": strategy, "plans": plan,
                                 "roles": Role, "levels": Level_})


# Single-file kinds.
FILE_KINDS: dict[str, type[Model]] = {
    "glossary.yml": Glossary,
    "sources.yml": Sources,
    "authority.yml": Authority,
}


class PageMeta(BaseModel):
    """The front matter of a hand-written page in content/pages/ (other keys are passed on to MkDocs)."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    order: int = 100
