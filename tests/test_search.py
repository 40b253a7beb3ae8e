# Search in a real browser: every query in tests/search_queries.yml is typed into Material's search box on the
# built real site; at least 95% must list the expected page among the first five results (hit@5), 80% first (hit@1).
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

QUERIES = Path(__file__).with_name("search_queries.yml")
TOP = 5
PASS_RATE = 0.95  # hit@5: the expected page among the first five results
HIT1_RATE = 0.80  # hit@1: the expected page first

# Counts messages to and from Material's search worker, so the test knows when the last query has been answered
# (each message to the worker gets exactly one reply). Injected by the test only; the site has no inline script.
COUNT_WORKER_MESSAGES = """
(() => {
  const Base = window.Worker;
  window.__search = {sent: 0, received: 0};
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => { window.__search.received++; });
    }
    postMessage(...args) { window.__search.sent++; return super.postMessage(...args); }
  };
})();
"""


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def test_query_set_is_big_varied_and_points_at_real_pages(site):
    from scripts.site.search import GUIDE_WORDS

    queries = load_queries()
    assert len(queries) >= 150
    assert len({q["q"].lower() for q in queries}) == len(queries), "a query is listed twice"
    assert {q["who"] for q in queries} == {"parent", "teacher", "senco", "young person"}
    for q in queries:
        assert set(q) == {"q", "expect", "who"}, q
        # a guide page still being written (listed in scripts/site/search.py) may be missing; any other page must exist
        pending = q["expect"].startswith("guide/") and q["expect"][6:-1] in GUIDE_WORDS
        assert pending or (site / q["expect"] / "index.html").is_file(), f"{q['q']!r}: no page {q['expect']}"


def wait_for_answers(page, started: bool = False, timeout: float = 20) -> None:
    """Wait until the search worker has answered every message sent to it (polled from Python: the site's
    Content-Security-Policy forbids the string evaluation Playwright's wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    check = "() => window.__search.received >= window.__search.sent" + (" && window.__search.sent > 0" if started else "")
    while not page.evaluate(check):
        assert time.monotonic() < deadline, "the search worker did not answer"
        time.sleep(0.01)


def search(page, query: str) -> list[str]:
    """Type `query` into the search box and return the paths of the first results, best first."""
    # Material searches on every key press, and one-letter prefixes are slow to search; so the query goes in with
    # its last letter missing, then that letter is typed as a real key press, which starts the search.
    page.eval_on_selector("input.md-search__input", "(box, text) => { box.value = text; box.focus(); }", query[:-1])
    page.keyboard.type(query[-1])
    wait_for_answers(page)
    hrefs = page.eval_on_selector_all(  # one list item per page: its first link is the page itself
        ".md-search-result__list > li", "items => items.map(li => li.querySelector('a').href)")
    return [urlsplit(h).path for h in hrefs[:TOP]]


@pytest.mark.browser
def test_search_finds_the_right_page(browser, site_url, site):
    from tests.search_eval import evaluate, report

    result = evaluate(browser, site_url, site)
    print("\n" + report(result, misses_only=True))
    n = result["scored"]
    assert n >= 130, "too few queries have their page in this site"
    assert result["hit5"] / n >= PASS_RATE, report(result, misses_only=True)
    assert result["hit1"] / n >= HIT1_RATE, report(result, misses_only=True)
