# The site as a parent meets it (issue 16): need pages lead to the next step, the pictures come from the framework and
# the statutory constants, the home page has ways in, and in chromium the type, targets and tools work as described.
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest

from scripts.site import next_steps, pictures
from scripts.checks import statutory as st

SVG_NS = "{http://www.w3.org/2000/svg}"


def html(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def hrefs(text: str) -> list[str]:
    return re.findall(r'<a [^>]*?href="([^"]+)"', text)


def section(text: str, anchor: str) -> str:
    """The HTML of one level on a need page: from its heading to the next level heading (or the end of the tabs)."""
    start = text.index(f'id="{anchor}"')
    nxt = re.compile(r'<h2 class="level-anchor"|<h2 id="sources"').search(text, start + 1)
    return text[start:nxt.start() if nxt else len(text)]


# ---------------------------------------------------------------- need pages (no browser)


def test_every_level_says_what_happens_next_and_names_its_age_group(site, content):
    fw = content.framework
    for nid in content.needs:
        page = html(site, f"needs/{nid}")
        for phase in fw.phases:
            for lv in fw.levels:
                anchor = f"{phase.id}-{lv.id}"
                part = section(page, anchor)
                heading = re.sub(r"<[^>]+>", "", part[:part.index("</h2>")].split(">", 1)[1])
                assert heading.startswith(f"{phase.title}: "), (nid, heading)
                assert f'id="{anchor}-next"' in part, f"{nid}#{anchor}: no 'What happens next'"
                links = hrefs(part[part.index(f'id="{anchor}-next"'):])
                assert f"../../levels/{lv.id}/" in links, (nid, anchor, links)
                assert any(h.startswith("../../guide/") for h in links), (nid, anchor, links)
                assert f'href="#{anchor}"' in part and "Copy link to this section" in part


def test_a_parent_reaches_how_to_ask_for_an_assessment_in_two_clicks(site):
    home = html(site, "")
    needs = {h for h in hrefs(home) if h.startswith("needs/") and h != "needs/"}
    assert needs, "the home page links no need page"
    for need in sorted(needs):
        links = hrefs((site / need / "index.html").read_text(encoding="utf-8"))
        assert "../../guide/requesting-an-ehc-needs-assessment/" in links, need


def test_post_16_levels_link_preparing_for_adulthood(site, content):
    page = html(site, "needs/autism")
    part = section(page, "post-16-sen-support")
    assert "../../guide/post-16-and-preparing-for-adulthood/" in hrefs(part)
    assert "../../guide/post-16-and-preparing-for-adulthood/" not in hrefs(section(page, "school-age-sen-support"))


def test_early_years_levels_link_early_years_sen_support(site, content):
    page = html(site, "needs/autism")
    assert "../../guide/early-years-sen-support/" in hrefs(section(page, "early-years-sen-support"))
    assert "../../guide/early-years-sen-support/" not in hrefs(section(page, "school-age-sen-support"))


def test_jump_list_links_every_level_of_each_age_group(site, content):
    page = html(site, "needs/dyslexia")
    lists = [re.findall(r'href="#([^"]+)"', j) for j in re.findall(r'<p class="jump-list">(.*?)</p>', page, re.S)]
    assert lists == [[f"{phase.id}-{lv.id}" for lv in content.framework.levels] for phase in content.framework.phases]


def test_next_steps_leave_out_guide_pages_the_content_does_not_have(content):
    assert "exclusions-and-suspensions" in next_steps.NEED_NEXT["social-emotional-and-mental-health"]
    got = next_steps.links(content, "sen-support", "school-age", "social-emotional-and-mental-health")
    for p in got["pages"]:
        assert p["href"][len("../guide/"):-3] in content.pages


def test_strategies_and_plans_link_back_to_the_next_step(site, content):
    sid = next(iter(content.strategies))
    page = html(site, f"strategies/{sid}")
    assert 'id="next"' in page and any(h.startswith("../../levels/") for h in hrefs(page[page.index('id="next"'):]))
    assert re.search(r'data-plan-query="strategy=' + re.escape(sid), page)
    plan = html(site, f"plans/{next(iter(content.plans))}")
    assert any(h.startswith("../../guide/") for h in hrefs(plan[plan.index('id="next"'):]))


# ---------------------------------------------------------------- pictures


def _svg(figure: str):
    return ET.fromstring(re.search(r"<svg\b.*?</svg>", str(figure), re.S).group(0))


@pytest.mark.parametrize("draw", [pictures.cycle, pictures.disagreement, pictures.ehc_timeline,
                                  pictures.annual_review])
def test_each_picture_has_a_title_a_description_and_words(draw):
    fig = str(draw())
    root = _svg(fig)
    title, desc = root.find(SVG_NS + "title"), root.find(SVG_NS + "desc")
    assert root.get("role") == "img" and title.text and desc.text
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    words = re.findall(r"<li>(.*?)</li>", fig)
    assert len(words) >= 4 and "The picture in words" in fig
    assert root.get("viewBox").split()[2] == str(pictures.WIDTH)  # drawn at phone width: 16-unit text is 16 px
    for text in root.iter(SVG_NS + "text"):  # nothing runs off the right-hand edge
        for span in text.iter(SVG_NS + "tspan"):
            est = float(span.get("x")) + len(span.text or "") * pictures.CHAR * (1.12 if "strong" in text.get("class") else 1)
            assert est <= pictures.WIDTH + 4, span.text


def test_pictures_take_their_numbers_from_the_statutory_constants(monkeypatch):
    monkeypatch.setattr(st, "WEEKS_TO_FINAL_PLAN", 77)
    monkeypatch.setattr(st, "MONTHS_TO_APPEAL", 5)
    monkeypatch.setattr(st, "WEEKS_TO_DECIDE_AFTER_REVIEW", 9)
    assert "Week 77" in pictures.ehc_timeline()
    assert "within 5 months" in pictures.disagreement()
    assert "Within 9 weeks" in pictures.annual_review()


def test_ladder_follows_the_framework(content):
    fig = str(next_steps.ladder(content))
    root = _svg(fig)
    labels = [" ".join(t.itertext()) for t in root.iter(SVG_NS + "text")]
    assert labels == [f"{i + 1}. {lv.title}" for i, lv in enumerate(content.framework.levels)]
    here = str(pictures.you_are_here(next_steps.framework_levels(content), content.framework.levels[1].id, "x"))
    assert f"step 2 of {len(content.framework.levels)}" in here


def test_guide_pages_show_their_pictures(site):
    assert 'id="disagreement"' in html(site, "guide/if-you-disagree")
    assert 'id="ehc-timeline"' in html(site, "guide/requesting-an-ehc-needs-assessment")
    assert 'id="cycle"' in html(site, "guide/graduated-approach")
    assert 'id="annual-review"' in html(site, "guide/ehc-plans-and-annual-reviews")


# ---------------------------------------------------------------- home, titles, glossary


def test_home_page_has_ways_in_a_search_box_and_a_single_title(site):
    home = html(site, "")
    for rid in ("for-parents", "for-staff", "for-council"):
        assert f'id="{rid}"' in home
    assert 'role="search"' in home and 'id="home-search-q"' in home and "data-home-example" in home
    title = re.search(r"<title>(.*?)</title>", home).group(1)
    name = "SEN Support Guide"
    assert title.count(name) == 1, title


def test_glossary_has_an_a_to_z_whose_letters_all_land(site):
    page = html(site, "glossary")
    az = re.search(r'<p class="glossary-az">.*?</p>', page, re.S).group(0)
    letters = re.findall(r'href="#(letter-[a-z])"', az)
    assert len(letters) >= 15
    for anchor in letters:
        assert f'id="{anchor}"' in page


# ---------------------------------------------------------------- in chromium


def _open(browser, url, width):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    return page


@pytest.mark.browser
@pytest.mark.parametrize("width,body", [(390, 16), (1280, 19)])
def test_type_sizes_on_phones_and_wide_screens(browser, site_url, width, body):
    page = _open(browser, site_url + "needs/dyslexia/", width)
    size = lambda sel: page.eval_on_selector(sel, "e => parseFloat(getComputedStyle(e).fontSize)")  # noqa: E731
    weight = page.eval_on_selector(".md-typeset h1", "e => getComputedStyle(e).fontWeight")
    assert size(".md-typeset p:not(.breadcrumbs)") >= body and size(".md-typeset .breadcrumbs") >= 16
    assert size(".tabbed-labels > label") >= body  # the age-group switch is as large as body text
    assert int(weight) >= 700
    sizes = page.eval_on_selector_all("a.copy-link", "els => els.filter(e => e.offsetParent).map(e => "
                                      "[e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes)  # visible, and large enough to tap
    page.goto(site_url + "plans/amir-year-5-dyslexia/")
    assert size(".md-typeset td") >= 16
    if width == 390:  # tables are cards on phones: one cell per line, labelled with its column
        assert page.eval_on_selector(".md-typeset td", "e => getComputedStyle(e).display") == "block"
        assert page.eval_on_selector(".md-typeset td", "e => e.getAttribute('data-label')")
    page.close()


@pytest.mark.browser
def test_add_to_a_plan_opens_the_builder_with_the_strategy_ticked(browser, site_url):
    page = _open(browser, site_url + "strategies/visual-timetable/", 390)
    page.click("a[data-plan-query]")
    page.wait_for_selector("#pb-s-visual-timetable")
    assert page.is_checked("#pb-s-visual-timetable")
    assert page.eval_on_selector("input[name=phase]:checked", "e => e.value")
    box = page.eval_on_selector("#pb-s-visual-timetable", "e => [e.getBoundingClientRect().width, "
                                "e.getBoundingClientRect().height]")
    assert min(box) >= 24
    page.click("#pb-preview")  # no outcome and no review date yet: the preview still shows
    assert page.is_visible("#pb-plan") and "Visual timetable" in page.inner_text("#pb-plan")
    assert page.query_selector("#pb-plan table[data-progress]")
    page.close()


@pytest.mark.browser
def test_finder_filters_with_the_data_in_the_page(browser, site_url):
    page = browser.new_page()
    page.route("**/finder.json", lambda route: route.abort())  # as when the file cannot be fetched
    page.goto(site_url + "strategies/")
    page.check("#finder-need-dyslexia")
    count = page.inner_text(".finder__count")
    assert re.match(r"\d+ strategies match", count), count
    assert page.is_visible(".finder__show a[href='#results']")
    page.close()


@pytest.mark.browser
def test_home_search_box_searches_the_site(browser, site_url):
    page = _open(browser, site_url, 1280)
    page.fill("#home-search-q", "dyslexia")
    page.click("form[data-home-search] button")
    page.wait_for_selector(".md-search-result__list > li", timeout=15000)
    first = page.eval_on_selector(".md-search-result__list > li a", "a => a.href")
    assert urlsplit(first).path.endswith("/needs/dyslexia/")
    page.close()


@pytest.mark.browser
def test_abbreviations_link_to_their_glossary_entry(browser, site_url, site):
    page = _open(browser, site_url + "guide/if-you-disagree/", 1280)
    links = page.eval_on_selector_all("a.abbr-link", "els => els.map(a => [a.href, a.querySelector('abbr').title])")
    assert links
    glossary = html(site, "glossary")
    for href, title in links:
        assert urlsplit(href).path.endswith("/glossary/")
        assert f'id="{urlsplit(href).fragment}"' in glossary, href
        assert ": " in title  # the full name and what it means, not only the expansion
    page.close()
