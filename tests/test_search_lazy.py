# The search index (search/search_index.json, the biggest thing a page could fetch) loads only when someone starts to
# search (overrides/assets/javascripts/search-lazy.js), or at once for a ?q= or ?h= address; search works as before.
import pytest

from scripts.browser import browser_context

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"


def open_page(browser, url):
    """A page at url, loaded until the network is idle, and the list of its requests for the search index."""
    page = browser.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if INDEX in r.url else None)
    page.goto(url, wait_until="networkidle")
    return page, asked


@pytest.mark.parametrize("path", ["", "needs/adhd/"], ids=["home", "need"])
def test_a_visit_does_not_load_the_index(browser, site_url, path):
    page, asked = open_page(browser, site_url + path)
    page.wait_for_timeout(500)
    assert asked == []
    page.close()


def test_the_index_loads_once_when_someone_starts_to_search(browser, site_url):
    page = browser.new_page()
    asked, held = [], []
    page.on("request", lambda r: asked.append(r.url) if INDEX in r.url else None)
    page.route("**/" + INDEX, lambda route: held.append(route))  # held until the query has been typed: a slow phone line
    page.goto(site_url + "needs/adhd/", wait_until="networkidle")
    assert held == []
    page.click(".md-search__input")
    page.keyboard.type("autism")  # straight away, before the index has arrived
    page.wait_for_timeout(300)
    assert len(held) == 1
    assert page.inner_text(".md-search-result__meta") == "Initializing search"
    held[0].continue_()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert "autism" in results.first.inner_text().lower()
    page.locator(".md-search__input").fill("dyslexi")
    page.keyboard.type("a")  # a second search uses the index already loaded
    for _ in range(100):  # polled: the site's policy forbids the string evaluation wait_for_function uses
        if "dyslexia" in results.first.inner_text().lower():
            break
        page.wait_for_timeout(100)
    assert "dyslexia" in results.first.inner_text().lower()
    assert len(asked) == 1
    page.close()


def test_keyboard_shortcut_loads_the_index(browser, site_url):
    page, asked = open_page(browser, site_url)
    page.keyboard.press("/")  # Material's shortcut to search
    page.keyboard.type("dyslexia")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert len(asked) == 1
    page.close()


def test_narrow_screen_search_button_loads_the_index(site_url):
    with browser_context(viewport={"width": 400, "height": 800}) as ctx:
        page, asked = open_page(ctx, site_url)
        assert asked == []
        page.click(".md-header__button[for=__search]")
        page.keyboard.type("autism")
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        assert len(asked) == 1


def test_highlight_address_loads_the_index_and_marks_the_words(browser, site_url):
    """A search result's link carries ?h=: Material marks the searched words on the page it opens."""
    page, asked = open_page(browser, site_url + "needs/adhd/?h=attention")
    page.locator("mark[data-md-highlight]").first.wait_for(timeout=15_000)
    assert page.locator("mark[data-md-highlight]").first.inner_text().lower() == "attention"
    assert len(asked) == 1
    page.close()


def test_query_address_opens_search_with_results(browser, site_url):
    """Material's shared search link (?q=) opens search with that query and its results."""
    page, asked = open_page(browser, site_url + "?q=autism")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert page.is_checked("#__search") and page.input_value(".md-search__input") == "autism"
    assert len(asked) == 1
    page.close()
