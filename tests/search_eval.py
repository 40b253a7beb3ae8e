# Search quality on a built site: types every query of tests/search_queries.yml into the real search box (chromium)
# and reports hit@1 and hit@5. In: a site folder. Out: one line per query and the totals (`python -m tests.search_eval
# site [--misses]`); `evaluate()` gives the same figures to tests/test_search.py.
from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from scripts.browser import browser_context, serve
from tests.test_search import COUNT_WORKER_MESSAGES, load_queries, search, wait_for_answers


def evaluate(browser, site_url: str, site: Path, queries: list[dict] | None = None) -> dict:
    """{rows: [{q, who, expect, found, rank}], hit1, hit5, scored, pending, seconds}. Queries whose expected page is
    not in this site (a guide page still being written) are `pending` and left out of the rates."""
    base = urlsplit(site_url).path
    page = browser.new_page()
    page.add_init_script(COUNT_WORKER_MESSAGES)
    page.goto(site_url)
    page.click("input.md-search__input")  # the index loads only now (search-lazy.js)
    wait_for_answers(page, started=True)
    rows, start = [], time.perf_counter()
    for q in queries or load_queries():
        if not (site / q["expect"] / "index.html").is_file():
            rows.append({**q, "found": [], "rank": None, "pending": True})
            continue
        found = [f[len(base):] for f in search(page, q["q"])]
        rank = found.index(q["expect"]) + 1 if q["expect"] in found else None
        rows.append({**q, "found": found, "rank": rank, "pending": False})
    seconds = time.perf_counter() - start
    page.close()
    scored = [r for r in rows if not r["pending"]]
    return {"rows": rows, "scored": len(scored), "pending": len(rows) - len(scored), "seconds": seconds,
            "hit1": sum(r["rank"] == 1 for r in scored), "hit5": sum(r["rank"] is not None for r in scored)}


def report(result: dict, misses_only: bool = False) -> str:
    lines = []
    for r in result["rows"]:
        if misses_only and r["rank"] == 1:
            continue
        mark = "pending" if r["pending"] else ("1" if r["rank"] == 1 else str(r["rank"] or "-"))
        got = "" if r["rank"] == 1 or r["pending"] else "  got: " + ", ".join(r["found"][:3])
        lines.append(f"{mark:>7}  {r['q']!r} ({r['who']}) -> {r['expect']}{got}")
    n = result["scored"] or 1
    lines.append(f"hit@1 {result['hit1']}/{result['scored']} ({result['hit1'] / n:.0%}), hit@5 {result['hit5']}/"
                 f"{result['scored']} ({result['hit5'] / n:.0%}); {result['pending']} pending (page not in this "
                 f"site); {result['seconds']:.1f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(next((a for a in args if not a.startswith("--")), "site"))
    with serve(site) as url, browser_context() as ctx:
        print(report(evaluate(ctx, url, site), misses_only="--misses" in args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
