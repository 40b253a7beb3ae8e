# Content coverage: for each need, phase and level of the framework, how many entries each aspect has, gaps marked.
# In: a content folder. Out: a table and a per-need list of gaps on stdout; exit 1 if any gap, 2 if content is invalid.
from __future__ import annotations

import sys

from scripts.content import framework as fwk
from scripts.content.load import Content, load_for_command


def short(item_id: str) -> str:
    """A column label from an id: ehc -> EHC, universal -> U, sen-support -> SS, post-16 -> P16."""
    parts = item_id.split("-")
    if len(parts) == 1:
        return item_id.upper() if len(item_id) <= 4 else item_id[0].upper()
    return "".join(p if p.isdigit() else p[0].upper() for p in parts)


def cells(c: Content):
    """(need, phase, level, {aspect: count} or None, problems) for every cell of every need, in framework order.
    A cell the need leaves out has counts None; it is a gap only where the coverage policy requires it."""
    fw, policy = c.framework, c.authority.coverage
    required = set(policy.required(fw))
    for nid in sorted(c.needs):
        for cell in fwk.walk(fw, c.needs[nid], gaps=True):
            key = (cell.phase.id, cell.level.id)
            if cell.guidance is None:
                yield nid, *key, None, (["not described"] if key in required else [])
                continue
            counts = {a.id: len(cell.guidance.aspect(a.id)) for a in fw.aspects}
            problems = [f"{aid} {n} < {policy.minimum_for(cell.level.id, aid)}" for aid, n in counts.items()
                        if n < policy.minimum_for(cell.level.id, aid)]
            yield nid, *key, counts, problems


def table(c: Content) -> tuple[str, int]:
    """The coverage table as text (each cell: entries per aspect), the gaps listed per need, and the gap count."""
    fw = c.framework
    head = ["need"] + [f"{short(p.id)} {short(lv.id)}" for p, lv in fw.cells()]
    rows: dict[str, list[str]] = {}
    gaps: dict[str, list[str]] = {}
    for nid, phase, level, counts, problems in cells(c):
        if counts is None:
            val = "-"
        else:
            val = "/".join(str(counts[a.id]) for a in fw.aspects)
        if problems:
            val += " GAP"
            gaps.setdefault(nid, []).append(f"{phase} {level}: {', '.join(problems)}")
        rows.setdefault(nid, [nid]).append(val)
    body = list(rows.values())
    widths = [max(len(str(r[i])) for r in [head] + body) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(v).ljust(w) for v, w in zip(r, widths)) + " |"  # noqa: E731
    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in body]
    count = sum(len(v) for v in gaps.values())
    out.append(f"{len(rows)} needs x {len(fw.phases)} phases x {len(fw.levels)} levels; each cell: "
               f"{' / '.join(a.id for a in fw.aspects)} (- = not described); gaps: {count}")
    for nid, lines in gaps.items():
        out.append(f"{nid}: " + "; ".join(lines))
    return "\n".join(out), count


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
