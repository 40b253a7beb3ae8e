# make extract-eval: each corpus layout through extract-profile then extract, compared bullet by bullet with its truth.
# In: the corpus (scripts/extract/corpus.py), the content folder (read only). Out: a precision/recall table per layout.
"""Scoring a layout.

For each layout: `propose` writes build/eval/<layout>/<stem>.profile.yml; if it names keys it could
not decide, the layout's `hand` answers for exactly those keys are written into it (the only edit an
officer makes, and the table says so); then the extractor runs with that profile into
build/eval/<layout>/staging against the content folder, which is never written to.

A bullet is exact when the staged text equals the printed one (white space folded) in the same need,
phase, level and aspect. A staged strategy counts as its title (from the staged strategy, or the
curated one it matched) plus " – note"; a "who may help" entry as the role id or the text.
Binder layouts count each list item and table cell of each chapter.
Precision = exact / staged bullets; recall = exact / printed bullets.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from . import cli, corpus
from .errors import ExtractError
from .profiles import norm
from .propose import propose

OUT = corpus.ROOT / "build" / "eval"


def _load(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        _, front, body = text.split("---\n", 2)
        return {**yaml.safe_load(front), "body": body}
    return yaml.safe_load(text)


def staged_bullets(staging: Path, content: Path) -> dict:
    """What the staging folder holds, in the truth's shape (needs keyed by title, chapters by title)."""
    out: dict = {}
    titles = {}
    for folder in (content / "strategies", staging / "strategies"):
        for p in folder.glob("*.yml"):
            titles[p.stem] = (_load(p) or {}).get("title", p.stem)
    for p in sorted((staging / "needs").glob("*.yml")):
        need = _load(p)
        cells: dict = {}
        for phase, levels in (need.get("phases") or {}).items():
            for level, g in (levels or {}).items():
                for aspect, items in (g or {}).items():
                    got = []
                    for it in items or []:
                        if aspect == "strategies":
                            sid, note = (it, None) if isinstance(it, str) else (it["strategy"], it.get("note"))
                            it = titles.get(sid, sid) + (corpus.SEP + note if note else "")
                        got.append(" ".join(str(it).split()))
                    cells[(phase, level, aspect)] = got
        out[norm(need["title"])] = cells
    for p in sorted((staging / "pages").glob("*.md")):
        page = _load(p)
        out[norm(page["title"])] = [" ".join(t.split()) for t in corpus.binder_items(page["body"])]
    return out


def score(layout: corpus.Layout, got: dict) -> tuple[int, int, int]:
    """(exact, staged, printed) bullets."""
    truth = layout.truth()
    exact = staged = printed = 0
    names = {n["id"]: n["title"] for n in corpus.NEEDS}
    for key, want in truth.items():
        title = names.get(key, key)
        have = got.get(norm(title), {} if layout.kind == "threshold" else [])
        pairs = [(want[c], have.get(c, [])) for c in want] if isinstance(want, dict) else [(want, have)]
        if isinstance(want, dict):
            pairs += [([], v) for c, v in have.items() if c not in want]
        for w, h in pairs:
            w = [" ".join(t.split()) for t in w]
            exact += sum((Counter(w) & Counter(h)).values())
            staged += len(h)
            printed += len(w)
    for key, have in got.items():  # needs or chapters the document does not have
        if key not in {norm(names.get(k, k)) for k in truth}:
            staged += sum(len(v) for v in have.values()) if isinstance(have, dict) else len(have)
    return exact, staged, printed


def run_layout(layout: corpus.Layout, content: Path, out: Path = OUT) -> dict:
    pdf = layout.pdf()
    work = out / layout.name
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    profile, todo = propose(pdf, work, content=content)
    set_by_hand = []
    for line in todo:
        key = line.split(":", 1)[0]
        if key in layout.hand:
            with profile.open("a", encoding="utf-8") as f:
                f.write(f"{key}: {layout.hand[key]}  # set by hand, as the proposal asked\n")
            set_by_hand.append(key)
    t1 = time.perf_counter()
    buf_out, buf_err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buf_out), contextlib.redirect_stderr(buf_err):
        code = cli.main([str(pdf), "--profile", str(profile), "--out", str(work / "staging"), "--content",
                         str(content), "--jobs", "1", "--no-progress"])
    t2 = time.perf_counter()
    (work / "extract.log").write_text(buf_out.getvalue() + buf_err.getvalue(), encoding="utf-8")
    exact, staged, printed = score(layout, staged_bullets(work / "staging", content)) if code == 0 else (0, 0, 1)
    return {"layout": layout.name, "what": layout.what, "code": code, "exact": exact, "staged": staged,
            "printed": printed, "precision": exact / staged if staged else 0.0,
            "recall": exact / printed if printed else 0.0, "hand": set_by_hand,
            "todo": [t for t in todo if t.split(":", 1)[0] not in layout.hand],
            "propose_s": t1 - t0, "extract_s": t2 - t1, "error": buf_err.getvalue().strip().splitlines()[-1:]}


def table(rows: list[dict]) -> str:
    out = [f"{'layout':<16} {'precision':>9} {'recall':>7} {'exact':>6} {'staged':>6} {'printed':>7}  keys set by hand",
           "-" * 78]
    for r in rows:
        out.append(f"{r['layout']:<16} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['exact']:>6} {r['staged']:>6} "
                   f"{r['printed']:>7}  {', '.join(r['hand']) or 'none'}"
                   + (f"  (exit {r['code']}: {r['error'][0] if r['error'] else ''})" if r["code"] else ""))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scripts.extract.evaluate",
                                 description="Exact bullet precision and recall of extract-profile + extract on "
                                             "each corpus layout")
    ap.add_argument("layouts", nargs="*", help="layout names (default: all)")
    ap.add_argument("--content", type=Path, default=Path("content"))
    ap.add_argument("--min", type=float, default=0.98, help="exit 1 if any layout scores below this")
    args = ap.parse_args(argv)
    import logging
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    names = args.layouts or list(corpus.LAYOUTS)
    unknown = [n for n in names if n not in corpus.LAYOUTS]
    if unknown:
        print(f"error: unknown layout {unknown[0]!r}; layouts: {', '.join(corpus.LAYOUTS)}", file=sys.stderr)
        return 2
    try:
        rows = [run_layout(corpus.LAYOUTS[n], args.content) for n in names]
    except ExtractError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    print(table(rows))
    low = [r["layout"] for r in rows if min(r["precision"], r["recall"]) < args.min]
    if low:
        print(f"below {args.min}: {', '.join(low)} (logs in {OUT}/<layout>/extract.log)", file=sys.stderr)
    return 1 if low else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
