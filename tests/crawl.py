# Visits every page of a built site once in Debian's chromium (a few browsers in parallel) for the site-wide checks.
# In: a site folder and the URL it is served on. Out: per page, the requests it made, CSP violations, console
# errors and (optionally) axe-core's WCAG violations in the light and the dark colour scheme; and the cookies set.
from __future__ import annotations

import contextlib
import json
import os
import queue
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from scripts.browser import CHROMIUM, FLAGS, serve

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme name
WORKERS = int(os.environ.get("CRAWL_WORKERS", "1"))  # browsers per crawl
# The site's pages are crawled in this many parts, each its own xdist group (an a11y and a privacy test per part),
# so `make test`'s workers share the crawl between them and the other tests.
SHARDS = int(os.environ.get("CRAWL_SHARDS", "4"))
# Chromium lowers the priority of tabs it thinks are in the background (all of them, headless): on a busy machine
# the crawl then crawls. These keep every tab at normal priority and its timers at full speed.
FOREGROUND = ["--disable-renderer-backgrounding", "--disable-background-timer-throttling",
              "--disable-backgrounding-occluded-windows"]

# Runs before any page script: records CSP violations (the CSP is checked in test_privacy).
_RECORD = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline code")));"""

# In the light scheme every WCAG A/AA rule runs; in the dark one only the rules that depend on colour ("cat.color":
# color-contrast, link-in-text-block), as nothing else on the page changes with the scheme.
_AXE_RUN = """([tags, colourOnly]) => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    rules: colourOnly ? Object.fromEntries(axe.getRules(tags).filter(r => !r.tags.includes("cat.color"))
                                           .map(r => [r.ruleId, {enabled: false}])) : {}})
  .then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(n => ({
      target: n.target.join(" "), html: n.html.slice(0, 160), summary: n.failureSummary}))})))"""

# Material applies the saved or media-matched palette once its script has started: it then shows one toggle.
_PALETTE_READY = "document.querySelector('form[data-md-component=palette] label:not([hidden])') !== null"


@dataclass
class Visit:
    path: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    axe: dict[str, list[dict]] = field(default_factory=dict)  # scheme -> violations


@dataclass
class Crawl:
    visits: dict[str, Visit]
    cookies: list[dict]
    base: str = ""  # the address the pages were served on


def site_pages(site: Path) -> list[str]:
    """Site-relative URL of every HTML page (redirect stubs left out: they only send the browser on)."""
    out = []
    for p in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")[:2000]:
            continue
        rel = p.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def set_scheme(page, scheme: str) -> None:
    """Switch the colour scheme the way a visitor does (Material's palette toggle), without reloading."""
    page.emulate_media(color_scheme=scheme)
    page.evaluate("s => document.querySelector(`input[name=__palette][data-md-color-media*='${s}']`).click()", scheme)
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])
    page.evaluate("document.getAnimations().forEach(a => a.finish())")  # colours fade: axe must see the end


def visit(page, base: str, path: str, run_axe: bool) -> Visit:
    """Load one page (in a tab that may have shown other pages: the V8 code cache then makes axe start faster)."""
    v = Visit(path)
    page.current = v  # the tab's listeners write to the visit in progress
    response = page.goto(base + path, wait_until="load")
    v.status = response.status if response else None
    page.wait_for_function(_PALETTE_READY)
    if run_axe:
        for scheme in SCHEMES:
            set_scheme(page, scheme)
            v.axe[scheme] = page.evaluate(_AXE_RUN, [WCAG_TAGS, scheme != "light"])
    v.csp_violations = page.evaluate("window.__cspViolations")
    return v


def new_tab(ctx):
    page = ctx.new_page()
    page.current = Visit("")
    page.on("request", lambda r: page.current.requests.append(r.url))
    page.on("console", lambda m: page.current.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.current.errors.append(str(e)))
    return page


@contextlib.contextmanager
def browser_context():
    """Like scripts.browser.browser_context, with every tab kept in the foreground."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                   args=FLAGS + FOREGROUND)
        try:
            yield ctx
        finally:
            ctx.close()


def _empty_index(site: Path) -> bytes | None:
    """The site's search index with no documents. The index loads when someone starts to search
    (search-lazy.js); should the crawl's pages ask for it, building the whole index (1.5 MB for 270 pages) costs
    more than axe, so they get this one instead. Search itself is tested on its own (test_search*.py)."""
    try:
        return json.dumps({**json.loads((site / "search" / "search_index.json").read_bytes()), "docs": []}).encode()
    except (OSError, ValueError):
        return None


def in_parallel(paths: list[str], work, setup=None, finish=None, workers: int = WORKERS) -> dict:
    """work(tab, path) for every path, shared by `workers` browsers with one tab each (tabs are reused: the V8 code
    cache then makes page scripts start faster). setup(context) prepares each browser and finish(context) runs
    before it closes. Returns {path: result}."""
    todo: queue.Queue[str] = queue.Queue()
    for p in paths:
        todo.put(p)
    results: dict = {}
    lock = threading.Lock()

    def worker() -> None:
        with browser_context() as ctx:
            if setup:
                setup(ctx)
            tab = new_tab(ctx)
            while True:
                try:
                    path = todo.get_nowait()
                except queue.Empty:
                    break
                result = work(tab, path)
                with lock:
                    results[path] = result
            if finish:
                with lock:
                    finish(ctx)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for f in [pool.submit(worker) for _ in range(max(1, min(workers, len(paths))))]:
            f.result()
    return results


def crawl(base: str, paths: list[str], run_axe: bool = True, workers: int = WORKERS) -> Crawl:
    """Load each page once, in parallel browsers; with run_axe, check it in both colour schemes."""
    cookies: list[dict] = []

    def setup(ctx) -> None:
        ctx.add_init_script(_RECORD)
        if run_axe:
            ctx.add_init_script(path=str(AXE))  # injected by the browser, so the page's CSP does not apply

    visits = in_parallel(paths, lambda tab, path: visit(tab, base, path, run_axe), setup,
                         lambda ctx: cookies.extend(ctx.cookies()), workers)
    return Crawl(visits, cookies, base)


def shard_pages(site: Path, shard: int) -> list[str]:
    """Part `shard` (0 to SHARDS - 1) of the site's pages: every SHARDS-th page, so each part has some of each kind."""
    return site_pages(site)[shard::SHARDS]


_CACHE: dict[tuple[str, int], Crawl] = {}


def crawl_site(site: Path, shard: int) -> Crawl:
    """One part of the crawl of a built site, done once per test session: the accessibility and privacy checks share
    one load of every page, with axe in both schemes. The site is served as a static host serves it (scripts,
    styles and images cached; no request intercepted, which would turn the browser's cache off)."""
    key = (str(site), shard)
    if key not in _CACHE:
        index = _empty_index(site)
        replace = {"search/search_index.json": index} if index else {}
        with serve(site, replace=replace, cache_assets=True) as base:
            _CACHE[key] = crawl(base, shard_pages(site, shard))
    return _CACHE[key]


def report(visits, problems) -> str:
    """Readable failure text: one line per (page, problem), at most 60 lines."""
    lines = [f"/{v.path}: {p}" for v in visits for p in problems(v)]
    return "\n".join(lines[:60] + ([f"... and {len(lines) - 60} more"] if len(lines) > 60 else []))


def shards():
    """The crawl's parts as test parameters, each in its own xdist group (its a11y and privacy tests share a worker
    and one crawl of the part)."""
    import pytest

    return [pytest.param(k, marks=pytest.mark.xdist_group(f"site-crawl-{k}"), id=f"part{k + 1}of{SHARDS}")
            for k in range(SHARDS)]
