# Open data: the whole content published with the site as JSON, with a JSON Schema beside each file.
# In: a loaded Content. Out: data/<name>.json and data/<name>.schema.json texts, and the view for the data page.
from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from typing import Any, Optional

from markupsafe import Markup
from pydantic import Field, create_model

from scripts.content import model as m
from scripts.content.framework import Framework
from scripts.content.load import Content
from scripts.content.schema import export
from scripts.text import plain, slug

LICENCE = {"name": "Open Government Licence v3.0",
           "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}


class About(m.Model):
    """Who published the data, which edition it is, and the licence it is under."""

    publisher: str = Field(description="The local authority that publishes the guidance")
    title: str = Field(description="The name of the guide")
    edition: str = Field(description="The edition of the guidance this data comes from")
    edition_date: dt.date = Field(description="The date of that edition")
    licence: str = Field(description="The licence the data is under")
    licence_url: str = Field(description="Where to read the licence")
    attribution: str = Field(description="The statement to include when you reuse the data")


def _with_id(cls: type[m.Model]) -> type[m.Model]:
    """The model with an `id` field first: in YAML the id is the file name, in JSON it is a field."""
    fields: dict[str, Any] = {"id": (m.Id, Field(description="The item's id: its file name in content/, and its address on the site"))}
    return create_model(cls.__name__, __base__=cls, __doc__=cls.__doc__, **fields)


_SCHEMA = Field(alias="$schema", description="The JSON Schema this file follows (a file beside it)")


def _file_model(name: str, doc: str, **lists) -> type[m.Model]:
    fields: dict[str, Any] = {"schema_": (Optional[str], _SCHEMA), "about": (About, ...)}
    fields.update({key: (list[cls], Field(description=text)) for key, (cls, text) in lists.items()})
    return create_model(name, __base__=m.Model, __doc__=doc, **fields)


# File stem -> what it holds. The order is the order on the data page.
WHAT = {
    "needs": "Every need: its names, and for each age group and level what you might notice, how it "
             "is assessed, the strategies that help and who may help",
    "strategies": "Every strategy: how to do it, who delivers it, its type, levels and age groups",
    "plans": "The example SEN support plans for fictional pupils",
    "glossary": "Every term and abbreviation with its plain-English meaning",
    "all": "All of the above in one file, with the areas, levels, roles and sources",
}


@dataclass(frozen=True)
class Published:
    """The open-data models of one framework: item models with an id, the file models, the data page's tables."""

    items: dict[str, type[m.Model]]
    files: dict[str, type[m.Model]]
    tables: list[tuple[type[m.Model], str]]


def published(fw: Framework) -> Published:
    return _published(fw.model_dump_json())


@functools.lru_cache(maxsize=8)
def _published(fw_json: str) -> Published:
    models = m.models_for(Framework.model_validate_json(fw_json))
    need, strategy, plan = (_with_id(models[k]) for k in ("needs", "strategies", "plans"))
    area, role, level = _with_id(m.Area), _with_id(m.Role), _with_id(m.Level_)
    files = {
        "needs": _file_model("NeedsFile", "Every need in the guide.", needs=(need, "The needs, by id")),
        "strategies": _file_model("StrategiesFile", "Every strategy in the guide.",
                                  strategies=(strategy, "The strategies, by id")),
        "plans": _file_model("PlansFile", "Every example support plan (the pupils are fictional).",
                             plans=(plan, "The example plans, by id")),
        "glossary": _file_model("GlossaryFile", "Every glossary term.", terms=(m.Term, "The terms, by term")),
        "all": _file_model(
            "AllFile", "The whole guide in one file.",
            areas=(area, "The broad areas of need"), levels=(level, "The levels of support, in order"),
            needs=(need, "The needs, by id"), strategies=(strategy, "The strategies, by id"),
            plans=(plan, "The example plans, by id"), roles=(role, "Who does what, by id"),
            terms=(m.Term, "The glossary terms, by term"), sources=(m.Source, "The documents the guidance rests on")),
    }
    # Model -> heading on the data page (and the name types use); nested models follow the item that holds them.
    review = plan.model_fields["review"].annotation
    tables = [(need, "Need"), (models.guidance, "Level guidance"), (m.StrategyRef, "Strategy reference"),
              (strategy, "Strategy"), (m.Dose, "Dose"), (m.Evidence, "Evidence"), (plan, "Example plan"),
              (m.AboutMe, "About me"), (m.Outcome, "Outcome"),
              (m.Provision, "Provision"), (review, "Review"), (m.Term, "Glossary term"), (area, "Area"),
              (level, "Level"), (role, "Role"), (m.Source, "Source"), (m.SourceRef, "Source reference"),
              (About, "About")]
    return Published({"needs": need, "strategies": strategy, "plans": plan, "areas": area, "roles": role,
                      "levels": level}, files, tables)


def about(c: Content) -> About:
    a = c.authority
    return About(publisher=a.name, title=a.site_name, edition=a.edition, edition_date=a.edition_date,
                 licence=LICENCE["name"], licence_url=LICENCE["url"],
                 attribution=f"Contains public sector information from {a.name}, licensed under the "
                             f"{LICENCE['name']}.")


def _items(cls: type[m.Model], items: dict[str, m.Model]) -> list:
    return [cls(id=i, **item.model_dump(by_alias=True)) for i, item in sorted(items.items())]


def datasets(c: Content) -> dict[str, m.Model]:
    """File stem -> the data, as the file models."""
    pub = published(c.framework)
    common = {"about": about(c)}
    needs, strategies, plans = (_items(pub.items[k], getattr(c, k)) for k in ("needs", "strategies", "plans"))
    terms = sorted(c.glossary.terms, key=lambda t: t.term.lower())
    levels = [pub.items["levels"](id=lv, **c.levels[lv].model_dump(by_alias=True)) for lv in c.framework.level_ids]
    areas = sorted(_items(pub.items["areas"], c.areas), key=lambda a: (a.order, a.title))
    f = pub.files
    return {
        "needs": f["needs"](**{"$schema": "needs.schema.json"}, **common, needs=needs),
        "strategies": f["strategies"](**{"$schema": "strategies.schema.json"}, **common, strategies=strategies),
        "plans": f["plans"](**{"$schema": "plans.schema.json"}, **common, plans=plans),
        "glossary": f["glossary"](**{"$schema": "glossary.schema.json"}, **common, terms=terms),
        "all": f["all"](**{"$schema": "all.schema.json"}, **common, areas=areas, levels=levels, needs=needs,
                        strategies=strategies, plans=plans, roles=_items(pub.items["roles"], c.roles), terms=terms,
                        sources=sorted(c.sources.values(), key=lambda s: s.id)),
    }


def _id_first(data: Any) -> Any:
    """Put each item's `id` first, where a reader looks for it."""
    if isinstance(data, list):
        return [_id_first(x) for x in data]
    if isinstance(data, dict):
        return {k: _id_first(v) for k, v in sorted(data.items(), key=lambda kv: kv[0] != "id")}
    return data


def _items_id_first(data: dict) -> dict:
    """A data file with each listed item's `id` first (the only place an `id` is not already first)."""
    return {k: [{"id": x["id"], **x} if isinstance(x, dict) and "id" in x else x for x in v]
            if isinstance(v, list) else v for k, v in data.items()}


def files(c: Content) -> dict[str, str]:
    """data/<stem>.json (compact: Python's fast encoder does not indent; 20% smaller) and data/<stem>.schema.json
    (indented, for people to read) for every published file."""
    out = {}
    for stem, model in datasets(c).items():
        data = _items_id_first(model.model_dump(mode="json", by_alias=True, exclude_none=True))
        out[f"data/{stem}.json"] = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        out[f"data/{stem}.schema.json"] = _schema_json(published(c.framework).files[stem], stem)
    return out


@functools.lru_cache(maxsize=None)  # a schema depends only on the model: exported once per process
def _schema_json(model: type[m.Model], stem: str) -> str:
    return json.dumps(_id_first(export(model, f"{stem}.json")), indent=1, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- the data page

# Plain words for fields whose model has no description (a test checks every published field is explained).
NOTES = {
    "title": "The name, as shown on the site",
    "summary": "One or two plain sentences",
    "sources": "The documents a fact rests on: {source, paragraphs, pages, note}",
    "Area.description": "Paragraphs shown on the area page",
    "Need.area": "The id of the broad area of need it belongs to",
    "StrategyRef.strategy": "The strategy's id",
    "StrategyRef.note": "How to use the strategy for this need",
    "Strategy.type": "One of: " + ", ".join(m.STRATEGY_TYPES),
    "SourceRef.source": "The source's id (see sources in all.json)",
    "SourceRef.note": "What the source supports",
    "Plan.title": "The plan's name: the pupil, year group and main needs",
    "Plan.phase": "The age group: a phase id of the framework",
    "Plan.year_group": "The pupil's year group (or age, after 16)",
    "Plan.level": "The level of support the plan is at: a level id of the framework",
    "Plan.needs": "The ids of the needs it addresses",
    "Plan.about_me": "The pupil's own view: strengths, what matters, what helps and what does not",
    "Plan.outcomes": "What the pupil should achieve, and by when",
    "Plan.provision": "The support: which strategy, how often, for how long, group size and who",
    "Plan.review": "The review: its date, next steps and the level after it",
    "AboutMe.strengths": "What the pupil is good at",
    "AboutMe.what_helps": "What helps the pupil",
    "AboutMe.what_does_not_help": "What does not help",
    "Provision.strategy": "The strategy's id",
    "Provision.how_often": "How often it happens",
    "Provision.how_long": "How long each session lasts",
    "Provision.group_size": "One to one, a small group, or the whole class",
    "Review.date": "The date of the review",
    "Review.next_steps": "What happens next",
    "Role.abbreviation": "The short form people use, if any",
    "Level_.description": "Paragraphs explaining the level",
    "Term.term": "The word or phrase",
    "Term.abbreviation": "Its abbreviation, if it has one",
    "Term.definition": "What it means, in plain English",
    "Source.id": "The source's id, used in sources lists",
    "Source.publisher": "Who published it",
    "Source.edition": "The edition used",
    "Source.date": "When it was published (a date or a year)",
    "Source.url": "Where to read it",
    "Source.licence": "The licence of the source document",
}

# Model -> heading on the data page (and the name types use); nested models follow the item that holds them.
_NAMES = {"Need": "need", "LevelGuidance": "level guidance", "StrategyRef": "strategy reference",
          "Strategy": "strategy", "Dose": "dose", "Evidence": "evidence", "Plan": "example plan", "AboutMe": "about me",
          "Outcome": "outcome",
          "Provision": "provision", "Review": "review", "Term": "glossary term", "Area": "area", "Level_": "level",
          "Role": "role", "Source": "source", "SourceRef": "source reference", "About": "about"}


def _type(schema: dict) -> str:
    """A short, readable type for a JSON Schema property."""
    if "$ref" in schema:
        return _NAMES[schema["$ref"].rsplit("/", 1)[-1]]
    if schema.get("type") == "object" and isinstance(schema.get("additionalProperties"), dict):
        keys = schema.get("propertyNames", {}).get("enum")
        inner = _type(schema["additionalProperties"])
        return f"object: {' / '.join(keys)} -> {inner}" if keys else f"object of {inner}"
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return "text: " + " / ".join(schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return "list of " + _type(schema.get("items", {}))
    if schema.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return {"string": "text", "integer": "whole number", "object": "object"}.get(kind, kind)


def explain(cls: type[m.Model], name: str, field) -> str | None:
    return NOTES.get(f"{cls.__name__}.{name}") or field.description or NOTES.get(name)


@functools.lru_cache(maxsize=None)  # depends only on the model
def field_rows(cls: type[m.Model]) -> list[dict]:
    props = cls.model_json_schema(by_alias=True)["properties"]
    rows = []
    for name, field in cls.model_fields.items():
        key = field.alias or name
        rows.append({"name": Markup(key), "type": _type(props[key]), "required": field.is_required(),
                     "meaning": explain(cls, name, field) or ""})
    rows.sort(key=lambda r: r["name"] != "id")
    return rows


def page_view(c: Content) -> dict:
    counts = {"needs": len(c.needs), "strategies": len(c.strategies), "plans": len(c.plans),
              "glossary": len(c.glossary.terms), "all": None}
    return {
        "about": plain(about(c)), "licence": LICENCE,
        "files": [{"stem": stem, "what": what, "count": counts[stem]} for stem, what in WHAT.items()],
        "tables": [{"title": title, "anchor": slug(title), "rows": field_rows(cls)}
                   for cls, title in published(c.framework).tables],
        "level_ids": c.framework.level_ids, "phase_ids": c.framework.phase_ids, "type_ids": m.STRATEGY_TYPES,
    }
