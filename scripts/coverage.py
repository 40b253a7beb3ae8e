# Content coverage: for each need x phase x level, how many descriptors and strategies it has, with gaps marked.
# In: a content folder. Out: a table on stdout; exit 1 if any cell is below the minimum, 2 if the content is invalid.
from __future__ import annotations

import sys

from . import model as m
from .load import Content, load_for_command

# The minimum a level must have to count as covered (issue: >=3 descriptors, >=4 strategies, >=5 at SEN Support).
MIN_DESCRIPTORS = 3
MIN_STRATEGIES = {"universal": 4, "sen-support": 5, "enhanced-sen-support": 4, "ehc": 4}
SHORT = {"universal": "U", "sen-support": "SS", "enhanced-sen-support": "ESS", "ehc": "EHC"}


def cells(c: Content):
    """(need, phase, level, descriptors, strategies, gap) for every cell."""
    for nid in sorted(c.needs):
        need = c.needs[nid]
        for phase in m.PHASES:
            for level in m.LEVELS:
                g = need.phases.phase(phase).level(level)
                d, s = len(g.descriptors), len(g.strategies)
                yield nid, phase, level, d, s, d < MIN_DESCRIPTORS or s < MIN_STRATEGIES[level]


def table(c: Content) -> tuple[str, int]:
    """The coverage table as text, and the number of gaps."""
    cols = [(p, lv) for p in m.PHASES for lv in m.LEVELS]
    head = ["need"] + [f"{'16+' if p == 'post-16' else '5-16'} {SHORT[lv]}" for p, lv in cols]
    rows, gaps = [], 0
    by_need: dict[str, list[str]] = {}
    for nid, _phase, _level, d, s, gap in cells(c):
        gaps += gap
        by_need.setdefault(nid, []).append(f"{d}d/{s}s" + (" GAP" if gap else ""))
    for nid, vals in by_need.items():
        rows.append([nid] + vals)
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(v).ljust(w) for v, w in zip(r, widths)) + " |"  # noqa: E731
    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows]
    out.append(f"{len(by_need)} needs x {len(m.PHASES)} phases x {len(m.LEVELS)} levels; "
               f"d = descriptors (min {MIN_DESCRIPTORS}), s = strategies (min 4, 5 at SEN Support); gaps: {gaps}")
    return "\n".join(out), gaps


def main(argv: list[str] | None = None) -> int:
    _root, c = load_for_command(argv)
    if c is None:
        return 2
    text, gaps = table(c)
    print("Content coverage")
    print(text)
    return 1 if gaps else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
