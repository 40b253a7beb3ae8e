# The one field-diff engine: which lines of a field were added, removed or reworded, and which words changed.
# In: two lists of lines (or two texts). Out: changed blocks, side-by-side rows with counts, word highlights.
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from itertools import zip_longest
from typing import Callable

_WORDS = re.compile(r"\s+|[\w'’]+\s*|[^\w\s]\s*")  # each word keeps its trailing space, so runs read as one


def blocks(old: list[str], new: list[str]) -> list[tuple[list[str], list[str]]]:
    """Each run of change between two sequences: (the old lines it replaces, the new lines)."""
    return [(old[i1:i2], new[j1:j2])
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
            if op != "equal"]


@dataclass
class FieldChange:
    path: str                      # e.g. phases.school-age.sen-support.descriptors
    label: str                     # e.g. School age › SEN Support › what you might notice
    rows: list[tuple[str, str]]    # changed lines side by side: (old, new); "" where a line was added or removed
    added: int = 0
    removed: int = 0
    reworded: int = 0


def field_change(path: str, label: str, old: list[str], new: list[str]) -> FieldChange:
    """The changed lines of one field side by side, counted: a line replaced by another counts as reworded."""
    change = FieldChange(path, label, [])
    for before, after in blocks(old, new):
        for o, n in zip_longest(before, after, fillvalue=""):
            change.rows.append((o, n))
            if o and n:
                change.reworded += 1
            elif o:
                change.removed += 1
            else:
                change.added += 1
    return change


def diff_fields(old: dict[str, list[str]], new: dict[str, list[str]],
                label: Callable[[str], str] = str) -> list[FieldChange]:
    """Every field (path -> lines) that differs, in the new record's order, then fields only the old one had."""
    out = []
    for path in list(new) + [p for p in old if p not in new]:
        o, n = old.get(path, []), new.get(path, [])
        if o != n:
            out.append(field_change(path, label(path), o, n))
    return out


def highlight(old: str, new: str, escape: Callable[[str], str]) -> tuple[str, str]:
    """Both texts through `escape`, with removed words in <del> and added words in <ins>."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        o, n = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(o)
            right.append(n)
            continue
        if o.strip():
            left.append(f"<del>{o.rstrip()}</del>{o[len(o.rstrip()):]}")
        if n.strip():
            right.append(f"<ins>{n.rstrip()}</ins>{n[len(n.rstrip()):]}")
    return "".join(left), "".join(right)
