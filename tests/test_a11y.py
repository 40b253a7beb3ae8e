# Accessibility: axe-core's WCAG 2.0/2.1/2.2 A and AA rules find nothing on any page, in the light and the dark scheme.
# Every page is loaded once (tests/crawl.py, shared with the privacy checks); failures are fixed in overrides/, never
# by turning a rule off.
import shutil

import pytest

from scripts.browser import serve
from tests.crawl import SCHEMES, SHARDS, crawl, crawl_site, report, shard_pages, shards, site_pages

pytestmark = [pytest.mark.browser]


@pytest.fixture(params=shards())
def part(request) -> int:
    """One part of the site's pages (tests/crawl.py): under `make test`'s xdist each part's a11y and privacy tests
    run on one worker and share one crawl, and the parts spread over the workers."""
    return request.param


@pytest.fixture
def pages(site, part):
    return crawl_site(site, part).visits


def _violations(v):
    for scheme, found in v.axe.items():
        for rule in found:
            where = "; ".join(f"{n['target']}: {(n['summary'] or '').splitlines()[-1].strip()}" for n in rule["nodes"])
            yield f"{scheme}: {rule['id']} ({rule['help']}): {where}"


def test_every_page_was_checked_in_both_schemes(site, part, pages):
    assert set(pages) == set(shard_pages(site, part))
    assert all(set(v.axe) == set(SCHEMES) and v.status == 200 for v in pages.values())


def test_the_parts_cover_every_page_once(site):
    parts = [shard_pages(site, k) for k in range(SHARDS)]
    assert sorted(p for part in parts for p in part) == sorted(site_pages(site))


def test_no_wcag_violations_in_either_scheme(pages):
    assert not any(v.axe[s] for v in pages.values() for s in v.axe), report(pages.values(), _violations)


def test_the_checker_finds_violations(site, tmp_path):
    """The same crawl on a page made worse on purpose: an image with no text alternative (found in both schemes' run
    of all rules), and text that is readable only in the light scheme (found by the dark run)."""
    for folder in ["assets", "search"]:  # Material stops working if its search index is missing
        shutil.copytree(site / folder, tmp_path / folder)
    page = (site / "index.html").read_text(encoding="utf-8")
    page = page.replace("</head>", '<link rel="stylesheet" href="bad.css"></head>', 1)
    page = page.replace('<article class="md-content__inner md-typeset">',
                        '<article class="md-content__inner md-typeset"><img src="assets/images/favicon.svg">'
                        '<p class="faint">Only readable on white.</p>', 1)
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "bad.css").write_text("[data-md-color-scheme=slate] .faint { color: #2b2b2b; }")
    with serve(tmp_path) as url:
        visit = crawl(url, [""], workers=1).visits[""]
    assert [r["id"] for r in visit.axe["light"]] == ["image-alt"]
    assert [r["id"] for r in visit.axe["dark"]] == ["color-contrast"]
