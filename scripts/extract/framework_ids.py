# The authority's framework as the extractor sees it: level, phase and aspect ids and titles, in order.
# In: <content>/framework.yml when there is one (else the model's built-in ids). Out: lists of {id, title, ...}.
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .. import model as m

ASPECT_IDS = ("descriptors", "assessment", "strategies", "who_may_help")
_TITLES = {"universal": "Ordinarily available", "sen-support": "SEN Support",
           "enhanced-sen-support": "Enhanced SEN Support", "ehc": "EHC needs assessment and plan",
           "school-age": "School age", "post-16": "Post-16", "descriptors": "What you might notice",
           "assessment": "How it is assessed", "strategies": "What helps", "who_may_help": "Who may help"}


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def framework(content: Path | str = "content") -> dict[str, list[dict]]:
    """{"levels": [...], "phases": [...], "aspects": [...]}: each entry has at least an id and a title."""
    path = Path(content) / "framework.yml"
    data = _read(str(path), path.stat().st_mtime) if path.is_file() else {}
    fallback = {"levels": m.LEVELS, "phases": m.PHASES, "aspects": ASPECT_IDS}
    out = {}
    for kind, ids in fallback.items():
        entries = [e for e in (data.get(kind) or []) if isinstance(e, dict) and e.get("id")]
        out[kind] = entries or [{"id": i, "title": _TITLES[i]} for i in ids]
    return out


def ids(kind: str, content: Path | str = "content") -> tuple[str, ...]:
    """The ids of one kind ("levels", "phases" or "aspects") in framework order."""
    return tuple(e["id"] for e in framework(content)[kind])
