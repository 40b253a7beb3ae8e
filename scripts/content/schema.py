# JSON Schema export: the pydantic models are the one source of truth; editors get the exported schemas.
# In: scripts.content.model and content/framework.yml. Out: content/schema/<kind>.schema.json (committed; a test checks them).
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from scripts.content import model as m
from scripts.content.framework import Framework

CONTENT_DIR = Path(__file__).resolve().parent.parent.parent / "content"
SCHEMA_DIR = CONTENT_DIR / "schema"
# Content folder (or file) -> schema stem, for the yaml-language-server comment.
FOLDER_SCHEMA = {"areas": "area", "needs": "need", "strategies": "strategy", "plans": "plan", "roles": "role",
                 "levels": "level", "glossary.yml": "glossary", "sources.yml": "sources", "authority.yml": "authority",
                 "framework.yml": "framework"}


def read_framework(content_dir: Path) -> Framework:
    """The content folder's framework, for exporting schemas (the loader reports problems with it)."""
    return Framework.model_validate(yaml.safe_load((content_dir / "framework.yml").read_text(encoding="utf-8")))


def kinds(fw: Framework) -> dict[str, type]:
    """File stem of each schema -> model. Item kinds are named in the singular."""
    models = m.models_for(fw)
    return {"area": m.Area, "need": models["needs"], "strategy": models["strategies"], "plan": models["plans"],
            "role": m.Role, "level": m.Level_, "glossary": m.Glossary, "sources": m.Sources,
            "authority": m.Authority, "framework": Framework}


def export(cls: type[m.Model], title: str) -> dict:
    """The JSON Schema of a model (used here for the content files and by scripts/site/opendata.py for the open data)."""
    schema = cls.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def schemas(fw: Framework | None = None) -> dict[str, str]:
    """Schema file name -> JSON text, for a framework (by default the one in content/)."""
    fw = fw or read_framework(CONTENT_DIR)
    items = set(m.models_for(fw).items.values())
    out = {}
    for stem, cls in kinds(fw).items():
        schema = export(cls, stem)
        if cls in items:
            schema["properties"] = {"id": {"type": "string", "description": "Optional; must equal the file name"},
                                    **schema["properties"]}
        out[f"{stem}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write(directory: Path | None = None) -> list[Path]:
    directory = directory or SCHEMA_DIR
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stamp(content_dir: Path) -> list[Path]:
    """Put the yaml-language-server comment on the first line of every content file that lacks it."""
    stamped = []
    for folder, stem in FOLDER_SCHEMA.items():
        path = content_dir / folder
        files = sorted(path.glob("*.yml")) if path.is_dir() else [path] if path.exists() else []
        prefix = "../schema/" if path.is_dir() else "schema/"
        for f in files:
            text = f.read_text(encoding="utf-8")
            line = f"# yaml-language-server: $schema={prefix}{stem}.schema.json\n"
            if not text.startswith(line):
                rest = text.split("\n", 1)[1] if text.startswith("# yaml-language-server:") else text
                f.write_text(line + rest, encoding="utf-8")
                stamped.append(f)
    return stamped


def main() -> int:
    for path in write():
        print(f"wrote {path.name}")
    for path in stamp(SCHEMA_DIR.parent):
        print(f"added the schema comment to {path.name}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
