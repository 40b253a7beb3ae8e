# The JSON Schemas are exported from the models, never hand-written; content files point editors at them.
import json
import re

from scripts.content import model as m
from scripts.content import schema
from tests.conftest import CONTENT


def test_committed_schemas_match_the_models():
    for name, text in schema.schemas().items():
        committed = (schema.SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"content/schema/{name} is out of date: run `make schema`"


def test_schema_enums_come_from_the_model():
    need = json.loads(schema.schemas()["strategy.schema.json"])
    assert need["properties"]["type"]["enum"] == list(m.STRATEGY_TYPES)
    fw = schema.read_framework(CONTENT)
    assert json.loads(schema.schemas()["plan.schema.json"])["properties"]["level"]["enum"] == list(fw.level_ids)
    need = json.loads(schema.schemas()["need.schema.json"])
    assert need["properties"]["phases"]["propertyNames"]["enum"] == list(fw.phase_ids)


def test_every_content_file_names_its_schema():
    for folder, stem in schema.FOLDER_SCHEMA.items():
        path = CONTENT / folder
        files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
        assert files, folder
        for f in files:
            first = f.read_text(encoding="utf-8").splitlines()[0]
            match = re.match(r"# yaml-language-server: \$schema=(\S+)$", first)
            assert match, f"{f.relative_to(CONTENT.parent)}: first line should be the yaml-language-server comment"
            assert (f.parent / match.group(1)).resolve() == schema.SCHEMA_DIR / f"{stem}.schema.json", f


def test_schema_main_writes_files(tmp_path, monkeypatch):
    monkeypatch.setattr(schema, "SCHEMA_DIR", tmp_path / "content" / "schema")
    assert schema.main() == 0
    assert (tmp_path / "content" / "schema" / "need.schema.json").exists()
