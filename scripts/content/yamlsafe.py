# Bounded YAML: parse once into a node tree, refuse aliases, duplicate keys, impossible dates, deep nesting, huge files.
# In: YAML text. Out: a Doc (the data plus a line index over the same nodes), or a YamlError with its line and field.
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is present in the pinned wheel
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000  # the largest content file today is about 40 kB
MAX_DEPTH = 50  # content is never nested more than about 8 deep
TIMESTAMP = "tag:yaml.org,2002:timestamp"
ALIAS = "YAML aliases (*name) are not allowed in content; write the value out"


class YamlError(Exception):
    """One problem in one file: its 1-based line (or None), the field path, and what is wrong."""

    def __init__(self, line: int | None, where: list[Any], what: str):
        super().__init__(what)
        self.line, self.where, self.what = line, where, what


@dataclass
class Doc:
    data: Any
    node: yaml.Node | None

    def line(self, path: list[Any]) -> int | None:
        """1-based line of the node at `path` (or of its nearest existing parent)."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                match = next((v for k, v in node.value if k.value == str(part)), None)
                if match is None:
                    return line
                node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                break
            line = node.start_mark.line + 1
        return line


def _line(node) -> int:
    return node.start_mark.line + 1


def _check(root: yaml.Node, loader) -> None:
    """Walk every node once (no recursion): each node must appear once (no alias), keys once per mapping, dates
    real, nesting bounded."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, list[Any], yaml.Node | None]] = [(root, [], None)]
    while stack:
        node, where, parent = stack.pop()
        if id(node) in seen:
            raise YamlError(_line(parent or node), where[:-1], ALIAS)
        seen.add(id(node))
        if len(where) > MAX_DEPTH:
            raise YamlError(_line(node), [], f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise YamlError(_line(key), where, "a key must be a plain word")
                if key.value == "<<":
                    raise YamlError(_line(key), where, "YAML merge keys (<<) are not allowed in content")
                if key.value in first:
                    raise YamlError(_line(key), where + [key.value],
                                    f"duplicate key (also line {first[key.value]}); keep one")
                first[key.value] = _line(key)
                stack.append((value, where + [key.value], node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, where + [i], node) for i, child in enumerate(node.value))
        elif node.tag == TIMESTAMP:
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError as exc:
                raise YamlError(_line(node), where, f"{node.value} is not a real date ({exc})") from None


def _refuse_aliases(text: str) -> None:
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(_line(event), [], ALIAS)
    except yaml.YAMLError:
        return  # bad syntax: reported with its line when the text is composed


def load(text: str) -> Doc:
    """Parse `text`; raises YamlError for bad syntax, a file over MAX_BYTES, or anything _check refuses."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise YamlError(None, [], f"is {size:,} bytes; the limit for one content file is {MAX_BYTES:,} bytes "
                                  "(split it into smaller files)")
    if "&" in text and "*" in text:  # an alias needs an anchor; only then look for one, where it is used
        _refuse_aliases(text)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise YamlError(mark.line + 1 if mark else None, [], f"bad YAML syntax: {problem}") from None
        if node is None:
            return Doc(None, None)
        _check(node, loader)
        try:
            return Doc(loader.construct_document(node), node)
        except yaml.YAMLError as exc:  # e.g. a value the safe loader cannot build
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise YamlError(mark.line + 1 if mark else None, [], f"bad YAML value: {problem}") from None
    finally:
        loader.dispose()


def safe_load(text: str) -> Any:
    """The data alone, for files whose errors are reported elsewhere."""
    return load(text).data
