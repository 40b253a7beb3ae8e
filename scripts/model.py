# The content model: one pydantic class per kind of YAML item, and the fixed levels and phases.
# In: nothing (imported by load, generate, schema export). Out: the models and their constants.
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Optional, Union, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

# The fixed, ordered levels and phases. Everything else (titles, JSON Schema enums) derives from these.
Level = Literal["universal", "sen-support", "enhanced-sen-support", "ehc"]
Phase = Literal["school-age", "post-16"]
StrategyType = Literal["environment", "teaching", "small-group", "individual", "specialist", "assistive-technology"]
LEVELS: tuple[str, ...] = get_args(Level)
PHASES: tuple[str, ...] = get_args(Phase)
STRATEGY_TYPES: tuple[str, ...] = get_args(StrategyType)

LEVEL_TITLES = {
    "universal": "Ordinarily available (universal)",
    "sen-support": "SEN Support",
    "enhanced-sen-support": "Enhanced SEN Support",
    "ehc": "EHC needs assessment and plan",
}
PHASE_TITLES = {"school-age": "School age (Year 1 to Year 11)", "post-16": "Post-16 (16 to 25)"}
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


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class SourceRef(Model):
    """Where a fact comes from: a source id from sources.yml and, optionally, paragraphs or pages."""

    source: Id
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
    strategy: Id
    note: Optional[Text] = None


class LevelGuidance(Model):
    """What one level looks like for one need in one phase."""

    descriptors: list[Text] = Field(min_length=1, description="What you might notice")
    assessment: list[Text] = Field(min_length=1, description="How the need is assessed at this level")
    strategies: list[Union[Id, StrategyRef]] = Field(min_length=1, description="Strategy ids, or {strategy, note}")
    who_may_help: list[Id] = Field(min_length=1, description="Role ids")

    @field_validator("strategies")
    @classmethod
    def _plain_ids(cls, value):
        return [StrategyRef(strategy=v) if isinstance(v, str) else v for v in value]


class PhaseGuidance(Model):
    universal: LevelGuidance
    sen_support: LevelGuidance = Field(alias="sen-support")
    enhanced_sen_support: LevelGuidance = Field(alias="enhanced-sen-support")
    ehc: LevelGuidance

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def level(self, level: str) -> LevelGuidance:
        return getattr(self, level.replace("-", "_"))


class NeedPhases(Model):
    school_age: PhaseGuidance = Field(alias="school-age")
    post_16: PhaseGuidance = Field(alias="post-16")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def phase(self, phase: str) -> PhaseGuidance:
        return getattr(self, phase.replace("-", "_"))


class Need(Model):
    area: Id
    title: Text
    also_known_as: list[Text] = Field(default_factory=list, description="Words people type: abbreviations, everyday and older names")
    summary: Text
    phases: NeedPhases
    sources: list[SourceRef] = Field(default_factory=list)


class Strategy(Model):
    title: Text
    summary: Text
    steps: list[Text] = Field(min_length=1, description="How to do it")
    delivered_by: list[Id] = Field(min_length=1, description="Role ids of who delivers it")
    type: StrategyType
    levels: list[Level] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    sources: list[SourceRef] = Field(default_factory=list)

    @field_validator("levels", "phases")
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
    measure: Text = Field(description="How progress will be measured")
    by: dt.date = Field(description="Date the outcome should be met by")
    progress: Text = Field(description="Progress found at the review")


class Provision(Model):
    strategy: Id
    how_often: Text
    how_long: Text
    group_size: Text
    who: list[Id] = Field(min_length=1, description="Role ids")


class Review(Model):
    date: dt.date
    next_steps: list[Text] = Field(min_length=1)
    next_level: Level = Field(description="The level of support after the review")
    level_decision: Text = Field(description="Why the pupil stays at, or moves, level")


class Plan(Model):
    title: Text
    pupil: Text = Field(description="The fictional pupil's first name")
    phase: Phase
    year_group: Text
    level: Level
    needs: list[Id] = Field(min_length=1)
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
    """content/levels/<level>.yml: what a level means. The ids are fixed by Level."""

    title: Text
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


# Folder name -> model, for the one-file-per-item kinds.
ITEM_KINDS: dict[str, type[Model]] = {
    "areas": Area,
    "needs": Need,
    "strategies": Strategy,
    "plans": Plan,
    "roles": Role,
    "levels": Level_,
}
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
