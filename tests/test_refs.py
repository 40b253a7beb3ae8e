"""Every reference an item holds is found: the walk that the resolver and the back-links share
(scripts/content/refs.py skips fields that cannot hold one) against the published JSON Schemas, which mark each
reference field with x-refers-to, read independently of that walk."""
from __future__ import annotations

import json
from pathlib import Path

from scripts.content.refs import references
from scripts.content.registry import KINDS

SCHEMAS = Path(__file__).resolve().parent.parent / "content" / "schema"


def _by_schema(node: dict, value, defs: dict, path: tuple = ()):
    """(path, kind, id) for every string the schema marks x-refers-to."""
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in node:
        members = [defs[m["$ref"].rsplit("/", 1)[-1]] if "$ref" in m else m for m in node["anyOf"]]
        wanted = "object" if isinstance(value, dict) else "array" if isinstance(value, list) else "string"
        for member in members:
            if member.get("type") == wanted or (wanted == "object" and "properties" in member):
                yield from _by_schema(member, value, defs, path)
                return
        return
    if isinstance(value, str) and "x-refers-to" in node:
        yield path, node["x-refers-to"], value
    elif isinstance(value, dict):
        for key, v in value.items():
            inner = node.get("properties", {}).get(key) or node.get("additionalProperties")
            if isinstance(inner, dict):
                yield from _by_schema(inner, v, defs, path + (key,))
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, v in enumerate(value):
            yield from _by_schema(node["items"], v, defs, path + (i,))


def test_the_walk_finds_every_reference_the_schemas_mark(content):
    checked = 0
    for kind in KINDS.values():
        schema_file = SCHEMAS / f"{kind.name}.schema.json"
        if kind.name == "page" or not schema_file.exists():
            continue
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        for item_id, item in getattr(content, kind.attr).items():
            data = item.model_dump(mode="json", by_alias=True)
            expected = sorted(_by_schema(schema, data, schema.get("$defs", {})))
            found = sorted((tuple(where), mark.kind, value) for where, mark, value in references(item))
            assert found == expected, f"{kind.folder}/{item_id}"
            checked += len(found)
    assert checked > 1000  # the real content has thousands: strategies, roles, sources, needs
