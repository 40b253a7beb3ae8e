# Open data: the published JSON validates against the published JSON Schemas, the schemas come from the models,
# and the data matches the YAML it was made from, item by item.
import json
import re

import jsonschema
import pytest
import yaml

from scripts.content import model as m
from scripts.site import opendata
from scripts.content.schema import export
from scripts.content.load import load
from tests.conftest import CONTENT

STEMS = list(opendata.WHAT)
PUB = opendata.published(load(CONTENT).framework)


@pytest.fixture(scope="module")
def published(site):
    """stem -> (data, schema), read from the built site."""
    out = {}
    for stem in STEMS:
        data = json.loads((site / "data" / f"{stem}.json").read_text(encoding="utf-8"))
        schema = json.loads((site / "data" / f"{stem}.schema.json").read_text(encoding="utf-8"))
        out[stem] = (data, schema)
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_published_json_validates_against_its_schema(published, stem):
    data, schema = published[stem]
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(data)]
    assert errors == []
    assert data["$schema"] == f"{stem}.schema.json"


@pytest.mark.parametrize("stem", STEMS)
def test_schemas_are_exported_from_the_models(published, stem):
    assert published[stem][1] == export(PUB.files[stem], f"{stem}.json")


def test_schema_rejects_wrong_data(published):
    data, schema = published["strategies"]
    bad = json.loads(json.dumps(data))
    bad["strategies"][0]["type"] = "magic"
    del bad["strategies"][1]["title"]
    bad["strategies"][2]["colour"] = "red"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert len(errors) == 3


MODELS = m.models_for(load(CONTENT).framework)
KINDS = [("needs", "needs", "needs", MODELS["needs"]), ("strategies", "strategies", "strategies", MODELS["strategies"]),
         ("plans", "plans", "plans", MODELS["plans"])]


@pytest.mark.parametrize("stem, key, folder, cls", KINDS)
def test_items_match_the_yaml(published, content, stem, key, folder, cls):
    items = published[stem][0][key]
    files = sorted(p.stem for p in (CONTENT / folder).glob("*.yml"))
    assert [i["id"] for i in items] == files
    assert items == published["all"][0][key]
    for item in items:
        raw = yaml.safe_load((CONTENT / folder / f"{item['id']}.yml").read_text(encoding="utf-8"))
        # Same model as the YAML gives, and the same text (YAML line wrapping folded to single spaces).
        assert cls.model_validate({k: v for k, v in item.items() if k != "id"}) == cls.model_validate(raw)
        assert item["title"] == re.sub(r"\s+", " ", raw["title"]).strip()
        if "also_known_as" in raw:
            assert item["also_known_as"] == [re.sub(r"\s+", " ", w).strip() for w in raw["also_known_as"]]


def test_glossary_and_the_rest_match_the_yaml(published, content):
    raw = yaml.safe_load((CONTENT / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    terms = published["glossary"][0]["terms"]
    assert sorted(t["term"] for t in terms) == sorted(re.sub(r"\s+", " ", t["term"]).strip() for t in raw)
    assert [m.Term.model_validate(t) for t in terms] == sorted(content.glossary.terms, key=lambda t: t.term.lower())
    everything = published["all"][0]
    assert [a["id"] for a in everything["levels"]] == list(content.framework.level_ids)
    assert {a["id"] for a in everything["areas"]} == set(content.areas)
    assert {r["id"] for r in everything["roles"]} == set(content.roles)
    assert {s["id"] for s in everything["sources"]} == set(content.sources)
    assert everything["about"]["publisher"] == content.authority.name
    assert everything["about"]["licence"] == opendata.LICENCE["name"]


def test_data_page_links_every_file_and_explains_every_field(site):
    html = (site / "data" / "index.html").read_text(encoding="utf-8")
    for stem in STEMS:
        assert f'href="{stem}.json"' in html and f'href="{stem}.schema.json"' in html
    assert opendata.LICENCE["url"] in html
    for cls, _ in PUB.tables:
        for name, field in cls.model_fields.items():
            assert opendata.explain(cls, name, field), f"{cls.__name__}.{name} needs an explanation in opendata.NOTES"
            assert f"<code>{field.alias or name}</code>" in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/"' in home


def test_every_published_model_is_explained():
    documented = {cls.__name__ for cls, _ in PUB.tables}
    for cls in PUB.files.values():
        nested = set(cls.model_json_schema(by_alias=True)["$defs"])
        assert nested - documented == set()
