# The offline copy: a zip in the built site that, unzipped, works from file:// in chromium with no server.
import zipfile

import pytest

from scripts.checks import check_links
from scripts.site.build import build
from scripts.browser import browser_context
from tests.conftest import CONFIG, MINIMAL


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("offline")
    assert build(MINIMAL, base / "site", base / "docs", CONFIG, offline=True) == 0
    zips = list((base / "site" / "downloads").glob("*.zip"))
    assert [z.name for z in zips] == ["test-guide-offline.zip"]
    out = base / "unzipped"
    with zipfile.ZipFile(zips[0]) as z:
        names = z.namelist()
        z.extractall(out)
    return {"site": base / "site", "names": names, "copy": out / "test-guide-offline"}


def test_home_page_links_to_the_zip(built):
    html = (built["site"] / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/test-guide-offline.zip"' in html
    assert check_links.check(built["site"]) == []


def test_zip_holds_one_folder_with_file_links_and_no_source_maps(built):
    assert all(n.startswith("test-guide-offline/") for n in built["names"])
    assert not [n for n in built["names"] if n.endswith((".map", ".gz"))]
    copy = built["copy"]
    home = (copy / "index.html").read_text(encoding="utf-8")
    assert 'href="needs/talking.html"' in home
    assert "This is the offline copy" in home and "downloads/" not in home
    assert (copy / "search" / "search_index.js").is_file()
    assert "iframe-worker-csp.js" in home and "unpkg.com" not in home
    assert check_links.check(copy) == []


@pytest.mark.browser
def test_offline_copy_works_from_disk(built):
    with browser_context() as browser:  # its own browser: no need for the real site the shared one is built for
        follow_links_and_search(built["copy"], browser.new_page())


def follow_links_and_search(copy, page):
    outside = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:")) else outside.append(r.url))
    page.goto((copy / "index.html").as_uri())
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Test Guide"
    page.locator('.md-content a[href="needs/talking.html"]').first.click()
    page.wait_for_url("**/needs/talking.html")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Talking difficulties"
    page.locator('.md-content a[href="../strategies/talk-group.html"]').first.click()
    page.wait_for_url("**/strategies/talk-group.html")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Talk group"
    # Search works from disk too: the index is inlined and the worker runs through the bundled shim.
    # The query is typed again until the index has loaded (Material drops queries sent before that).
    box, result = page.locator("input.md-search__input"), page.locator("a.md-search-result__link").first
    for _ in range(20):
        box.click()
        box.fill("timetabl")
        box.type("e")
        try:
            result.wait_for(timeout=1_000)
            break
        except Exception:
            continue
    assert "strategies/visual-timetable.html" in result.get_attribute("href")
    assert outside == []
