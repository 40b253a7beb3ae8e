# The successor engine: the same generated Markdown built by Zensical (pinned in requirements-bench.txt) with our
# overrides and theme fixes. Checks its pages, links, level anchors, CSP meta tag, and axe on a sample of pages.
from __future__ import annotations

import re

import pytest

from scripts.checks import check_links
from scripts.site import theme
from scripts.content import framework as fwk
from scripts.site import zensical as z
from scripts.browser import serve
from tests.conftest import CONTENT
from tests.crawl import crawl, report

SAMPLE = ["", "needs/", "needs/autism/", "strategies/", "plans/", "levels/sen-support/", "glossary/",
          "what-changed/", "plan-builder/", "404.html"]


@pytest.fixture(scope="module")
def zsite(site):
    """The Markdown the session's MkDocs build generated (conftest's `site`), built again by Zensical beside it."""
    if not z.ZENSICAL.exists():
        pytest.fail(f"the Zensical test needs {z.ZENSICAL}: run `make zensical` (installs requirements-bench.txt)")
    return z.build(CONTENT, site.parent, docs=site.parent / "docs", site_dir="zsite")


def _pages(site):
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def test_every_page_of_the_mkdocs_site_is_built(zsite, site):
    assert _pages(zsite) == _pages(site)


def test_no_broken_link_or_anchor(zsite):
    assert check_links.check(zsite) == []


def test_every_need_has_its_level_anchors(zsite, content):
    for nid, need in content.needs.items():
        html = (zsite / "needs" / nid / "index.html").read_text(encoding="utf-8")
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        want = {cell.anchor for cell in fwk.walk(content.framework, need)}
        assert want, nid
        assert want <= ids, f"needs/{nid}: missing {sorted(want - ids)}"


def test_every_page_has_the_policy_and_our_scripts(zsite):
    for path in sorted(zsite.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html[:2000]:
            continue
        found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert found == [theme.policy()], path
        assert "<script>" not in html, f"{path}: an inline script (the policy would block it)"
        assert "md-base.js" in html and "extra.js" in html, f"{path}: the overrides did not render"


@pytest.mark.browser
def test_no_wcag_violations_on_a_sample(zsite):
    with serve(zsite) as url:
        visits = crawl(url, SAMPLE).visits
    assert all(v.status == 200 or (v.path == "404.html") for v in visits.values())

    def problems(v):
        for scheme, found in v.axe.items():
            for rule in found:
                yield f"{scheme}: {rule['id']} ({rule['help']}): {rule['nodes'][0]['target']}"
        yield from (f"CSP: {c}" for c in v.csp_violations)

    assert not any(list(problems(v)) for v in visits.values()), report(visits.values(), problems)
