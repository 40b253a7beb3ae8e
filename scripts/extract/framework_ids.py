# The authority's framework as the extractor sees it: level, phase and aspect ids and titles, and its models.
# In: <content>/framework.yml (the bundled content's when the folder has none). Out: lists of {id, title, ...}.
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scripts.content import model as m
from scripts.content.framework import Framework
from scripts.content.schema import read_framework

BUNDLED = Path(__file__).resolve().parents[2] / "content"
ASPECT_IDS = ("descriptors", "assessment", "strategies", "who_may_help")  # the aspects the table labels name


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> Framework:
    return read_framework(Path(path))


def _framework(content: Path | str) -> Framework:
    root = Path(content) if (Path(content) / "framework.yml").is_file() else BUNDLED
    return _read(str(root), (root / "framework.yml").stat().st_mtime)


def framework(content: Path | str = "content") -> dict[str, list[dict]]:
    """{"levels": [...], "phases": [...], "aspects": [...]}: each entry a dict with at least an id and a title."""
    fw = _framework(content)
    return {kind: [e.model_dump() for e in getattr(fw, kind)] for kind in ("levels", "phases", "aspects")}


def ids(kind: str, content: Path | str = "content") -> tuple[str, ...]:
    """The ids of one kind ("levels", "phases" or "aspects") in framework order."""
    return tuple(e["id"] for e in framework(content)[kind])


def models(content: Path | str = "content") -> m.Models:
    """The content models (Need, Strategy, ...) for the content's framework."""
    return m.models_for(_framework(content))
