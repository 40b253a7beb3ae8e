# The benchmark (`make bench`): build scaling, overhead against a plain build, live preview, page weight, search,
# extraction and the Zensical successor, each measured in one run. In: the content. Out: BENCHMARKS.md.
from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BENCH = ROOT / "build" / "bench"
PY = sys.executable
ZENSICAL = ROOT / ".venv-bench" / "bin" / "zensical"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
RESULTS = BENCH / "results.json"  # the last run's figures, for --report-only
NOTES = ROOT / "scripts" / "bench" / "notes.md"  # the history of missed budgets and fixes, added to the report

# Budgets (issue 8).
BUDGET_OVERHEAD = 1.25
BUDGET_PREVIEW_S = 2.0
BUDGET_NEED_HTML_KB = 30
BUDGET_FIRST_VISIT_KB = 350
BUDGET_SEARCH_MS = 150


def run(cmd: list[str], **kw) -> float:
    """Run a command; return its wall time in seconds (fails loudly on a non-zero exit)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, **kw)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed:\n{proc.stderr[-2000:]}")
    return took


def median_of(n: int, fn) -> float:
    return statistics.median(fn() for _ in range(n))


# ---------------------------------------------------------------- 1, 2, 7: build scaling, overhead, Zensical


PLAIN = """
import sys
from mkdocs.config import load_config
from mkdocs.commands.build import build
cfg = load_config(config_file=sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3], hooks=[])
build(cfg)
"""


ZENSICAL_REFUSED: list[str] = []  # options Zensical refused, removed so the rest can still be timed


def zensical_config(docs: Path, folder: Path, drop: list[tuple[str, str]] = (), overrides: bool = True) -> Path:
    """scripts/site/zensical.py's config, keeping every option so the benchmark can report the ones Zensical refuses."""
    from scripts.site import zensical

    return zensical.config(docs, folder, drop, overrides, site_dir="zsite")


def zensical_build(docs: Path, folder: Path) -> float:
    """Time a Zensical build; options it refuses are noted and dropped, then it is tried again."""
    import re

    drop: list[tuple[str, str]] = []
    overrides = True
    for _ in range(10):
        cfg = zensical_config(docs, folder, drop, overrides)
        start = time.perf_counter()
        proc = subprocess.run([str(ZENSICAL), "build", "-c", "-f", str(cfg)], cwd=folder, env=ENV,
                              capture_output=True, text=True)
        took = time.perf_counter() - start
        if proc.returncode == 0:
            return took
        output = re.sub(r"\x1b\[[0-9;]*m", "", proc.stderr + proc.stdout)
        match = re.search(r"unknown (\w+) option: (\w+)", output)
        if not match and overrides:
            # our theme overrides do not render under Zensical: say why, then time it with its own theme
            last = [line for line in output.splitlines() if "Error" in line][-1:] or output.splitlines()[-1:]
            note = f"Our theme overrides (overrides/) do not render: `{last[0].strip()[:300]}`; timed without them."
            if note not in ZENSICAL_REFUSED:
                ZENSICAL_REFUSED.append(note)
            overrides = False
            continue
        if not match:
            raise SystemExit(f"bench: zensical failed:\n{output[-2000:]}")
        note = f"`plugins.{match.group(1)}.{match.group(2)}` is refused (\"{match.group(0)}\")"
        if note not in ZENSICAL_REFUSED:
            ZENSICAL_REFUSED.append(note)
        drop.append((match.group(1), match.group(2)))
    raise SystemExit("bench: zensical kept refusing options")


def build_command(content: Path, site: Path, docs: Path, *extra: str) -> list[str]:
    """Our full build (`python -m scripts.site.build`, as `make site` runs it) of a content folder."""
    return [PY, "-m", "scripts.site.build", "--content", str(content), "--site", str(site), "--docs", str(docs), *extra]


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def build_scaling(factors: list[int], runs: int) -> list[dict]:
    from scripts.bench.synth import clone

    rows = []
    for f in factors:
        folder = BENCH / f"x{f}"
        content, docs, site, plain_site = folder / "content", folder / "docs", folder / "site", folder / "plain"
        folder.mkdir(parents=True, exist_ok=True)
        clone(ROOT / "content", content, f)
        n = runs + 2 if f == 1 else runs if f <= 10 else max(1, runs - 2)  # small sizes are cheap and noisier

        def gen():
            shutil.rmtree(docs, ignore_errors=True)
            return run([PY, "-m", "scripts.site.generate", str(content), str(docs)])

        gen()  # untimed: fills the caches (Word downloads, compiled templates) as an editor's earlier build would
        t_gen = median_of(n, gen)
        # full and plain builds alternate, so a change in the machine's load falls on both alike
        fulls, plains = [], []
        for _ in range(n):
            fulls.append(run(build_command(content, site, docs)))
            plains.append(run([PY, "-c", PLAIN, str(ROOT / "mkdocs.yml"), str(docs), str(plain_site)]))
        t_full, t_plain = statistics.median(fulls), statistics.median(plains)
        row = {"factor": f, "runs": n, "pages": count_pages(site), "gen": t_gen, "full": t_full, "plain": t_plain,
               "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6}
        if ZENSICAL.exists():
            row["zensical"] = median_of(n, lambda: zensical_build(docs, folder))
            row["zensical_pages"] = count_pages(folder / "zsite")
        rows.append(row)
        print(f"  x{f}: {row['pages']} pages, generation {t_gen:.2f}s, full {t_full:.2f}s, plain {t_plain:.2f}s"
              + (f", zensical {row['zensical']:.2f}s" if "zensical" in row else ""), flush=True)
    return rows


def zensical_differences(folder: Path) -> list[str]:
    """Compare the MkDocs and Zensical builds of the same Markdown: what our site loses or changes."""
    ours, theirs = folder / "plain", folder / "zsite"
    if not theirs.exists():
        return ["Zensical was not run (its virtual environment is missing)."]
    notes = [r if r.startswith("Our theme") else f"Configuration: {r}; the option was removed to time the rest."
             for r in ZENSICAL_REFUSED]
    a = {str(p.relative_to(ours)) for p in ours.rglob("*") if p.is_file()}
    b = {str(p.relative_to(theirs)) for p in theirs.rglob("*") if p.is_file()}
    pages_a = {p for p in a if p.endswith("index.html")}
    pages_b = {p for p in b if p.endswith("index.html")}
    notes.append(f"Pages: MkDocs {len(pages_a)}, Zensical {len(pages_b)}; missing under Zensical: "
                 f"{sorted(pages_a - pages_b)[:5] or 'none'}")
    extra = sorted(p for p in a - b if not p.startswith("assets/") and not p.endswith("index.html"))
    notes.append(f"Files MkDocs writes that Zensical does not (outside assets/): {extra[:8] or 'none'}")
    need = next(iter(sorted((ours / "needs").glob("*/index.html"))), None)
    if need:
        rel = need.relative_to(ours)
        html_a = need.read_text(encoding="utf-8")
        html_b = (theirs / rel).read_text(encoding="utf-8") if (theirs / rel).exists() else ""
        for label, probe in [("abbreviation tooltips (<abbr>)", "<abbr"), ("content tabs", "tabbed-set"),
                             ("meta description", 'name="description"'), ("level anchors", 'id="school-age-sen-support"'),
                             ("Content-Security-Policy meta tag", "Content-Security-Policy"),
                             ("our extra.js", "extra.js"), ("our extra.css", "extra.css")]:
            if (probe in html_a) != (probe in html_b):
                notes.append(f"{label}: MkDocs {'has' if probe in html_a else 'lacks'} it, "
                             f"Zensical {'has' if probe in html_b else 'lacks'} it")
            else:
                notes.append(f"{label}: same in both ({'present' if probe in html_a else 'absent'})")
    search_b = sorted(p for p in b if "search" in p)[:3]
    notes.append(f"Search index: MkDocs search/search_index.json; Zensical writes {search_b or 'no search files'}")
    return notes


# ---------------------------------------------------------------- 3: live preview


def live_preview(factor: int, timeout: float = 600.0) -> float:
    """Seconds from saving a need's YAML to `make serve` serving the regenerated page."""
    content = BENCH / f"x{factor}" / "content"
    docs = BENCH / f"x{factor}" / "serve-docs"
    need = sorted((content / "needs").glob("*.yml"))[0]
    port = 8800 + factor
    proc = subprocess.Popen(  # as `make serve` runs it (scripts/site/serve.py generates first, then serves)
        [PY, "-m", "scripts.site.serve", "--content", str(content), "--docs", str(docs), "--addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/needs/{need.stem}/"
    try:
        _wait_for(url, None, timeout)
        marker = f"Preview marker {time.time_ns()}"
        text = need.read_text(encoding="utf-8")
        start = time.perf_counter()
        need.write_text(text.replace("\nsummary: ", f"\nsummary: {marker}. ", 1), encoding="utf-8")
        _wait_for(url, marker, timeout)
        took = time.perf_counter() - start
        need.write_text(text, encoding="utf-8")
        return took
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


def _wait_for(url: str, marker: str | None, timeout: float) -> None:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace")
            if marker is None or marker in body:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"bench: {url} did not show the change within {timeout:.0f}s")


# ---------------------------------------------------------------- 4, 6: page weight and search (browser)


def page_weight(site: Path) -> dict:
    """Compressed bytes (gzip -6 of each response, as a static host sends them) for first and warm visits."""
    sys.path.insert(0, str(ROOT))
    from scripts.browser import browser_context, serve

    need = sorted((site / "needs").glob("*/index.html"))[0].parent.name
    out = {"need": need}
    with serve(site) as url, browser_context() as ctx:
        for label, path in [("home", ""), ("need", f"needs/{need}/")]:
            sizes = {}
            page = ctx.new_page()
            page.on("response", lambda r: sizes.__setitem__(r.url, r))
            page.goto(url + path, wait_until="networkidle")
            total = 0
            for r in sizes.values():
                try:
                    total += len(gzip.compress(r.body(), 6)) if r.status == 200 else 0
                except Exception:  # noqa: BLE001 - a response without a body (redirect, 304) weighs nothing here
                    pass
            out[f"{label}_first_kb"] = total / 1024
            page.close()
        # warm cache: a second page after the need page, same browser profile
        sizes = {}
        page = ctx.new_page()
        page.on("response", lambda r: sizes.__setitem__(r.url, r))
        page.goto(url + "strategies/", wait_until="networkidle")
        out["second_visit_kb"] = sum(len(gzip.compress(r.body(), 6)) for r in sizes.values()
                                     if r.status == 200 and not r.from_service_worker and r.request.resource_type
                                     in ("document", "fetch", "xhr") or False) / 1024
        page.close()
    html = (site / "needs" / need / "index.html").read_bytes()
    out["need_html_kb"] = len(gzip.compress(html, 6)) / 1024
    index = site / "search" / "search_index.json"
    out["search_index_kb"] = index.stat().st_size / 1024
    out["search_index_per_page_kb"] = out["search_index_kb"] / count_pages(site)
    return out


def search_latency(site: Path, queries: list[str]) -> dict:
    """Keystroke-to-results time in headless chromium, per query (ms)."""
    sys.path.insert(0, str(ROOT))
    from scripts.browser import browser_context, serve

    times = []
    with serve(site) as url, browser_context() as ctx:
        page = ctx.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_function("() => document.querySelector('.md-search__input') !== null")
        # The index loads on first use (search-lazy.js): time from focusing the box to search being ready
        # (download and indexing), then time each query on the ready index.
        start = time.perf_counter()
        page.click(".md-search__input")
        page.wait_for_function("() => !/initializ/i.test(document.querySelector('.md-search-result__meta')"
                               ".textContent)", timeout=120_000)
        ready_ms = 1000 * (time.perf_counter() - start)
        for q in queries:
            page.click(".md-search__input")
            page.fill(".md-search__input", "")
            page.wait_for_timeout(50)
            ms = page.evaluate("""async (q) => {
                const input = document.querySelector('.md-search__input');
                const list = document.querySelector('.md-search-result__list');
                const meta = document.querySelector('.md-search-result__meta');
                return await new Promise(resolve => {
                    const start = performance.now();
                    const obs = new MutationObserver(() => {
                        if (list.children.length || /no matching/i.test(meta.textContent)) {
                            obs.disconnect(); resolve(performance.now() - start);
                        }
                    });
                    obs.observe(list, {childList: true, subtree: true});
                    obs.observe(meta, {childList: true, characterData: true, subtree: true});
                    input.value = q;
                    input.dispatchEvent(new KeyboardEvent('keyup', {key: q.slice(-1), bubbles: true}));
                    input.dispatchEvent(new Event('input', {bubbles: true}));
                    setTimeout(() => { obs.disconnect(); resolve(null); }, 5000);
                });
            }""", q)
            if ms is not None:
                times.append(ms)
        page.close()
    times.sort()
    if not times:
        return {"queries": len(queries), "answered": 0, "ready_ms": ready_ms}
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {"queries": len(queries), "answered": len(times), "median_ms": statistics.median(times), "p95_ms": p95,
            "ready_ms": ready_ms}


def search_queries() -> list[str]:
    path = ROOT / "tests" / "search_queries.yml"
    if path.exists():
        import yaml
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = data.get("queries", data) if isinstance(data, dict) else data
        return [q["q"] if isinstance(q, dict) else str(q) for q in items]
    return ["autism", "dyslexia", "ADHD", "can't sit still", "hearing aids", "EHC plan", "anxiety", "SENCO"]


# ---------------------------------------------------------------- scaling beyond one machine: many editions


def editions(count: int = 4) -> dict:
    """`count` editions of one authority's size (the bundled content, each built into its own folder as a separate
    authority's build would be), one after another and then two at a time, as independent CI jobs would build
    them; and the extra cost of `make site`'s offline copy."""
    jobs = [(ROOT / "content", BENCH / "editions" / f"edition-{i}") for i in range(count)]

    def build(content: Path, out: Path, *extra: str) -> list[str]:
        return build_command(content, out / "site", out / "docs", *extra)

    start = time.perf_counter()
    for content, out in jobs:
        run(build(content, out))
    one_by_one = time.perf_counter() - start
    start = time.perf_counter()
    for pair in (jobs[i:i + 2] for i in range(0, len(jobs), 2)):
        procs = [subprocess.Popen(build(c, o), cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True) for c, o in pair]
        for proc in procs:
            if proc.wait() != 0:
                raise SystemExit(f"bench: a parallel edition build failed:\n{proc.stderr.read()[-2000:]}")
    two_at_a_time = time.perf_counter() - start
    content, out = jobs[0]
    with_offline = run(build(content, out, "--offline"))
    without = run(build(content, out))
    return {"editions": len(jobs), "one_by_one": one_by_one, "two_at_a_time": two_at_a_time,
            "with_offline": with_offline, "without_offline": without}


# ---------------------------------------------------------------- 5: extraction


def extraction() -> str | None:
    """The extraction benchmark's own report (scripts/bench/extract.py), run in the same session."""
    if not (ROOT / "scripts" / "bench" / "extract.py").exists() or not shutil.which("pdftotext"):
        return None
    proc = subprocess.run([PY, "scripts/bench/extract.py"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else f"The extraction benchmark failed: {proc.stderr[-500:]}"


# ---------------------------------------------------------------- report


def machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB memory"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure build, preview, page weight, search and extraction.")
    parser.add_argument("--factors", default="1,10,50", help="content sizes to build (default 1,10,50)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement at 10x (median; 1x uses 2 more, 50x 2 fewer)")
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--report-only", action="store_true",
                        help="write the report again from the last run's figures (build/bench/results.json)")
    args = parser.parse_args(argv)
    if args.report_only:
        saved = json.loads(RESULTS.read_text(encoding="utf-8"))
        saved["preview"] = {int(k): v for k, v in saved["preview"].items()}
        Path(args.out).write_text(render(**saved), encoding="utf-8")
        return 0
    factors = [int(x) for x in args.factors.split(",")]
    print("bench: build scaling", flush=True)
    rows = build_scaling(factors, args.runs)
    print("bench: live preview", flush=True)
    preview = {f: live_preview(f) for f in factors if f <= 10}
    print("bench: page weight and search", flush=True)
    weight = page_weight(BENCH / f"x{factors[0]}" / "site")
    big = next((f for f in factors if f == 10), factors[-1])
    search = search_latency(BENCH / f"x{big}" / "site", search_queries())
    print("bench: extraction", flush=True)
    extract = extraction()
    print("bench: many editions", flush=True)
    many = editions()
    diffs = zensical_differences(BENCH / f"x{factors[0]}")
    figures = {"rows": rows, "preview": preview, "weight": weight, "search": search, "big": big, "extract": extract,
               "diffs": diffs, "many": many, "when": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": machine()}
    RESULTS.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    report = render(**figures)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)
    return 0


def _ok(flag: bool) -> str:
    return "met" if flag else "MISSED"


def render(rows, preview, weight, search, big, extract, diffs, when, machine, many=None) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {when}. Machine: {machine}.",
        "Every figure below comes from the same run; ratios compare measurements taken in that run.",
        "",
        "## 1-2. Build scaling and overhead against a plain MkDocs build",
        "",
        "Synthetic content is the real content cloned (needs, strategies and plans with new ids). "
        "*Generation* is `python -m scripts.site.generate`; *full* is `python -m scripts.site.build` (validate, generate, "
        "strict MkDocs build, swap into place); *plain* is a MkDocs build of the already-generated Markdown with no "
        "hooks. Times are medians.",
        "",
        "| size | runs | pages | generation (s) | full build (s) | plain build (s) | generation share | "
        "ms per page (full) | full / plain | budget 1.25x | Zensical (s) | site (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = r["full"] / r["plain"]
        lines.append(
            f"| {r['factor']}x | {r['runs']} | {r['pages']} | {r['gen']:.2f} | {r['full']:.2f} | {r['plain']:.2f} | "
            f"{r['gen'] / r['full']:.0%} | {1000 * r['full'] / r['pages']:.1f} | {ratio:.2f} | "
            f"{_ok(ratio <= BUDGET_OVERHEAD)} | {r.get('zensical', float('nan')):.2f} | {r['site_mb']:.1f} |")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        pages = b["pages"] / a["pages"]
        growth = (b["full"] / a["full"]) / pages
        plain = (b["plain"] / a["plain"]) / pages
        lines += ["", f"From {a['factor']}x to {b['factor']}x the page count grows {pages:.1f}x and "
                  f"the full build time {b['full'] / a['full']:.1f}x: time per page changes by a factor of "
                  f"{growth:.2f} (1.00 is exactly linear), so build time grows as pages to the power "
                  f"{math.log(b['full'] / a['full']) / math.log(pages):.2f}. For the plain MkDocs build of the same "
                  f"Markdown the factor is {plain:.2f}."]
    lines += ["", "## 3. Live preview", "",
              "Time from saving one need's YAML to `make serve` (mkdocs serve --dirty, with the hook regenerating "
              "changed pages only) serving the new text.", "",
              "| size | seconds | budget (1x) |", "|---|---|---|"]
    for f, t in preview.items():
        lines.append(f"| {f}x | {t:.2f} | {_ok(t < BUDGET_PREVIEW_S) if f == 1 else '-'} |")
    w = weight
    lines += ["", "## 4. Page weight", "",
              "Compressed bytes are each response gzipped at level 6, as a static host would send it.", "",
              "| what | KB | budget |", "|---|---|---|",
              f"| need page HTML ({w['need']}) | {w['need_html_kb']:.1f} | < {BUDGET_NEED_HTML_KB} KB: "
              f"{_ok(w['need_html_kb'] < BUDGET_NEED_HTML_KB)} |",
              f"| first visit, home page, all requests | {w['home_first_kb']:.1f} | < {BUDGET_FIRST_VISIT_KB} KB: "
              f"{_ok(w['home_first_kb'] < BUDGET_FIRST_VISIT_KB)} |",
              f"| first visit, need page, all requests | {w['need_first_kb']:.1f} | < {BUDGET_FIRST_VISIT_KB} KB: "
              f"{_ok(w['need_first_kb'] < BUDGET_FIRST_VISIT_KB)} |",
              f"| second page, warm cache (documents and data fetched) | {w['second_visit_kb']:.1f} | - |",
              f"| search index, whole site (uncompressed) | {w['search_index_kb']:.1f} | - |",
              f"| search index per page (uncompressed) | {w['search_index_per_page_kb']:.2f} | - |"]
    lines += ["", "## 5. Extraction", ""]
    if extract:
        lines += [extract if isinstance(extract, str) else "```\n" + json.dumps(extract, indent=2) + "\n```"]
    else:
        lines += ["Not measured in this run (needs scripts/bench/extract.py and pdftotext)."]
    if many:
        lines += ["", "## Many editions (scaling beyond one machine)", "",
                  f"{many['editions']} editions of one local authority's size (the bundled content, each into its own "
                  f"folder; full build, no offline copy): {many['one_by_one']:.1f} s one after another, {many['two_at_a_time']:.1f}"
                  f" s two at a time on this {os.cpu_count()}-core machine ({many['one_by_one'] / many['two_at_a_time']:.2f}x "
                  f"the throughput). Each build is independent, so N machines or CI jobs build N editions in the time "
                  f"of one. `make site` also builds the offline copy (a second MkDocs build and a zip): "
                  f"{many['with_offline']:.1f} s with it, {many['without_offline']:.1f} s without, for the main "
                  f"content."]
    lines += ["", f"## 6. Search (on the {big}x site)", ""]
    if search.get("answered"):
        lines += [f"{search['answered']} of {search['queries']} queries answered; keystroke to results: median "
                  f"{search['median_ms']:.0f} ms, 95th percentile {search['p95_ms']:.0f} ms (budget: median under "
                  f"{BUDGET_SEARCH_MS} ms: {_ok(search['median_ms'] < BUDGET_SEARCH_MS)}).",
                  "",
                  f"The index loads when someone first uses search (not on page load): from focusing the search box "
                  f"to search being ready (download and indexing) took {search['ready_ms']:.0f} ms on this site, "
                  f"served from the same machine."]
    else:
        lines += ["No query was answered within 5 s."]
    lines += ["", "## 7. The successor engine: Zensical", "",
              "The same generated Markdown built by Zensical (times in the table above). What differs:", ""]
    lines += [f"- {d}" for d in diffs]
    if NOTES.exists():  # budgets once missed: what cost the time, what was changed, before and after (by hand)
        lines += ["", NOTES.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
