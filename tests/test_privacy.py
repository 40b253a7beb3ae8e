# Privacy: no page asks any host but the site's own for anything, no cookie is set, and a Content-Security-Policy that
# names no third-party origin comes with every page (meta tag) and in _headers for static hosts; search works under it.
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.browser import serve
from tests.crawl import crawl, crawl_site, report, shards, site_pages

pytestmark = [pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(__import__("material").__file__).parent / "templates"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
# a source is a keyword ('self', 'none', ...) or a scheme of the page's own data (data:); never a host
OWN_SOURCE = re.compile(r"^(?:'(?:self|none|unsafe-inline)'|data:)$")


@pytest.fixture(params=shards())
def pages(site, request):
    """One part of the crawl, shared with the accessibility check of the same part (tests/crawl.py)."""
    return crawl_site(site, request.param)


def foreign(visit, base: str) -> list[str]:
    """Requests a page made to anywhere but the site (data: URLs are the page's own bytes)."""
    own = urlsplit(base).netloc
    return [u for u in visit.requests if not u.startswith("data:") and urlsplit(u).netloc != own]


def policy(text: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in text.split(";")) if d}


def test_pages_ask_only_the_site_for_anything(pages):
    assert len(pages.visits) > 1
    assert not any(foreign(v, pages.base) for v in pages.visits.values()), \
        report(pages.visits.values(), lambda v: foreign(v, pages.base))


def test_no_cookies(pages):
    assert pages.cookies == []


def test_nothing_is_blocked_and_no_script_fails(pages):
    problems = lambda v: v.csp_violations + v.errors  # noqa: E731
    assert not any(problems(v) for v in pages.visits.values()), report(pages.visits.values(), problems)


def test_every_page_carries_the_policy(site):
    headers = (site / "_headers").read_text(encoding="utf-8")
    header = re.search(r"^/\*\n  Content-Security-Policy: (.+)$", headers, re.M)
    assert header, "_headers has no Content-Security-Policy for /*"
    for path in site_pages(site):
        html = (site / (path + "index.html" if path == "" or path.endswith("/") else path)).read_text()
        meta = CSP_META.findall(html)
        assert len(meta) == 1, f"/{path}: no Content-Security-Policy meta tag"
        assert header.group(1) == meta[0] + "; frame-ancestors 'none'", f"/{path}"
    rules = policy(header.group(1))
    assert rules["default-src"] == ["'none'"]
    assert "'self'" in rules["script-src"] and "'self'" in rules["worker-src"]  # Material's search worker
    bad = [s for sources in rules.values() for s in sources if not OWN_SOURCE.match(s)]
    assert bad == [], "the policy names another origin"
    assert "'unsafe-inline'" not in rules["script-src"]


def test_search_works_under_the_policy(site_url, browser):
    page = browser.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").type("autism")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() > 0 and "autism" in results.first.inner_text().lower()
    assert violations == []
    page.close()


def test_inline_scripts_moved_to_files_are_materials():
    """Material's inline scripts run from overrides/assets/javascripts/md-*.js so that the policy needs no inline
    script: each file must still hold Material's code (after a Material upgrade, copy it again)."""
    js = ROOT / "overrides" / "assets" / "javascripts"

    def inline(partial: str) -> list[str]:
        return re.findall(r"<script>(.*?)</script>", (MATERIAL / "partials" / "javascripts" / partial).read_text())

    base = inline("base.html")[0].replace('new URL("{{ config.extra.scope | d(base_url) }}",location)',
                                          "new URL(document.currentScript.dataset.mdScope,location)")
    tabs, target = inline("content.html")
    for name, code in [("md-base.js", base), ("md-palette.js", inline("palette.html")[0]), ("md-tabs.js", tabs),
                       ("md-content.js", target)]:
        assert code in (js / name).read_text(), f"{name} no longer matches Material's inline script"


def test_the_checks_catch_leaks(site, tmp_path):
    """A page that loads an image from another host is caught twice: the policy blocks it (a violation is recorded,
    and the attempt too), and without the policy the request itself is recorded."""
    for folder in ["assets", "search"]:  # Material stops working if its search index is missing
        shutil.copytree(site / folder, tmp_path / folder)
    html = (site / "index.html").read_text(encoding="utf-8")
    leak = '<img src="http://tracker.invalid/pixel.gif" alt="">'
    html = html.replace('<article class="md-content__inner md-typeset">',
                        '<article class="md-content__inner md-typeset">' + leak, 1)
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "index.html").write_text(CSP_META.sub("", html).replace('="assets/', '="../assets/'))
    with serve(tmp_path) as url:
        visits = crawl(url, ["", "open/"], run_axe=False, workers=1).visits
    assert visits[""].csp_violations == ["img-src blocked http://tracker.invalid/pixel.gif"]
    assert foreign(visits[""], url) == ["http://tracker.invalid/pixel.gif"]
    assert foreign(visits["open/"], url) == ["http://tracker.invalid/pixel.gif"]
