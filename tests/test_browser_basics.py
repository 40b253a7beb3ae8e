# In a real browser: a link to a level anchor opens the right age-group tab and shows that level.
import pytest

from scripts.browser import serve

pytestmark = pytest.mark.browser


def test_level_anchor_opens_its_tab(browser, site, content):
    nid = sorted(content.needs)[0]
    with serve(site) as url:
        page = browser.new_page()
        page.goto(f"{url}needs/{nid}/#post-16-sen-support")
        heading = page.locator("#post-16-sen-support")
        assert heading.is_visible()
        assert not page.locator("#school-age-sen-support").is_visible()
        page.goto(f"{url}needs/{nid}/#school-age-ehc")
        assert page.locator("#school-age-ehc").is_visible()
        page.close()
