# Search in a real browser: every query in tests/search_queries.yml is typed into Material's search box on the
# built real site; at least 95% must list the expected page among the first five results.
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

QUERIES = Path(__file__).with_name("search_queries.yml")
TOP = 5
PASS_RATE = 0.95

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
    queries = load_queries()
    assert len(queries) >= 40
    assert len({q["q"].lower() for q in queries}) == len(queries), "a query is listed twice"
    assert {q["who"] for q in queries} == {"parent", "teacher", "senco"}
    for q in queries:
        assert set(q) == {"q", "expect", "who"}, q
        assert (site / q["expect"] / "index.html").is_file(), f"{q['q']!r}: no page {q['expect']}"


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
def test_search_finds_the_right_page(browser, site_url):
    base = urlsplit(site_url).path
    page = browser.new_page()
    page.add_init_script(COUNT_WORKER_MESSAGES)
    page.goto(site_url)
    page.click("input.md-search__input")  # the index loads only now (search-lazy.js); wait for the worker to take it
    wait_for_answers(page, started=True)
    queries = load_queries()
    failures, first = [], 0
    start = time.perf_counter()
    for q in queries:
        found = search(page, q["q"])
        first += found[:1] == [base + q["expect"]]
        if base + q["expect"] not in found:
            failures.append(f"  {q['q']!r} ({q['who']}): wanted /{q['expect']}, got "
                            + (", ".join(found) or "nothing"))
    elapsed = time.perf_counter() - start
    page.close()
    rate = 1 - len(failures) / len(queries)
    print(f"\nsearch: {len(queries) - len(failures)}/{len(queries)} queries ({rate:.0%}) found their page in the "
          f"first {TOP} results ({first} as the first result), {elapsed:.1f} s")
    if failures:
        print("search misses:\n" + "\n".join(failures))
    assert rate >= PASS_RATE, "search misses:\n" + "\n".join(failures)
