# The strategy finder (/strategies/): its data, the page without JavaScript, and in a real browser the filters,
# the address that records them, and keyboard-only use.
import json
import re
import time
from urllib.parse import parse_qs

import pytest

from scripts.site import finder
from scripts.content import model as m


def expected(c, **chosen) -> set[str]:
    """The strategies the finder should show: every filter must hold for one (need, phase, level) use."""
    f = {k: chosen.get(k, []) for k in ("area", "need", "level", "phase", "type", "kind", "stage")}
    ok = lambda key, value: not f[key] or value in f[key]  # noqa: E731
    out = set()
    for sid, st in c.strategies.items():
        if not ok("type", st.type) or not ok("kind", st.kind):
            continue
        if f["stage"] and st.stages and not any(ok("stage", x) for x in st.stages):
            continue  # no stage tag: fits primary and secondary alike
        uses = c.derived.strategy_uses.get(sid, [])
        if uses:
            if any(ok("need", n) and ok("area", c.needs[n].area) and ok("phase", p) and ok("level", lv)
                   for n, p, lv in uses):
                out.add(sid)
        elif not f["need"] and not f["area"] and any(ok("level", lv) for lv in st.levels) \
                and any(ok("phase", p) for p in st.phases):
            out.add(sid)
    return out


def test_finder_data_is_the_content(site, content):
    data = json.loads((site / finder.DATA_FILE).read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(finder.data(content)))
    assert set(data["strategies"]) == set(content.strategies)
    for sid, s in data["strategies"].items():
        assert sorted(map(tuple, s["uses"])) == sorted(content.derived.strategy_uses.get(sid, []))
        assert s["type"] == content.strategies[sid].type
    assert data["needs"] == {n: need.area for n, need in content.needs.items()}


def test_without_javascript_every_strategy_is_listed_by_area(site, content):
    html = (site / "strategies" / "index.html").read_text(encoding="utf-8")
    form = re.search(r'<form id="strategy-filters"[^>]*>', html).group(0)
    assert " hidden" in form and 'data-finder="finder.json"' in form
    sections = re.split(r'<h2 id="([\w-]+)"', html)
    listed = {sections[i]: set(re.findall(r'data-strategy="([\w-]+)"', sections[i + 1]))
              for i in range(1, len(sections), 2)}
    for sid, areas in content.derived.strategy_areas.items():
        for area in areas:
            assert sid in listed[area], f"{sid} is not listed under {area}"
        if not areas:
            assert sid in listed["other"]
    assert set().union(*listed.values()) == set(content.strategies)


def test_filters_are_fieldsets_with_legends_and_labels(site, content):
    html = (site / "strategies" / "index.html").read_text(encoding="utf-8")
    form = re.search(r'<form id="strategy-filters".*?</form>', html, re.S).group(0)
    legends = re.findall(r"<fieldset[^>]*>\s*<legend>([^<]+)</legend>", form)
    assert legends == [f["legend"] for f in finder.filters(content)]
    boxes = re.findall(r'<input type="checkbox" id="([\w-]+)" name="(\w+)" value="([\w-]+)">', form)
    assert len(boxes) == len(content.needs) + len(content.framework.levels) + len(content.framework.phases) + len(m.STRATEGY_TYPES) + len(m.KIND_TITLES) + len(m.STAGE_TITLES) + len(content.areas)
    for box_id, _, _ in boxes:
        assert f'<label for="{box_id}">' in form
    assert 'role="status" aria-live="polite"' in form


# ---------------------------------------------------------------- in a real browser

def shown(page) -> set[str]:
    return set(page.eval_on_selector_all(
        "article ul:not([hidden]) > li:not([hidden]) a[data-strategy]",
        "links => links.map(a => a.getAttribute('data-strategy'))"))


def filters_in_address(page) -> dict:
    query = page.evaluate("() => window.location.search")  # page.url can lag behind history.replaceState
    return {k: sorted(v) for k, v in parse_qs(query.lstrip("?")).items()}


def status(page) -> str:
    return page.inner_text(".finder__count")


def wait_ready(page, timeout: float = 10) -> None:
    # Polled from Python: the site's Content-Security-Policy forbids Playwright's string evaluation.
    deadline = time.monotonic() + timeout
    while not page.evaluate("() => document.querySelector('form[data-finder-ready]') !== null"):
        assert time.monotonic() < deadline, "the finder did not start"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def page(browser, site_url):
    page = browser.new_page()
    yield page
    page.close()


@pytest.mark.browser
def test_choosing_filters_changes_results_and_address(page, site_url, content):
    page.goto(site_url + "strategies/")
    wait_ready(page)
    assert page.is_visible("#strategy-filters")
    assert status(page) == f"Showing all {len(content.strategies)} strategies."
    assert shown(page) == set(content.strategies)

    page.check("#finder-need-autism")
    assert filters_in_address(page) == {"need": ["autism"]}
    assert shown(page) == expected(content, need=["autism"])
    page.check("#finder-level-sen-support")
    page.check("#finder-phase-post-16")
    want = expected(content, need=["autism"], level=["sen-support"], phase=["post-16"])
    assert filters_in_address(page) == {"need": ["autism"], "level": ["sen-support"], "phase": ["post-16"]}
    assert shown(page) == want and 0 < len(want) < len(expected(content, need=["autism"]))
    assert status(page) == (f"{len(want)} strategies match." if len(want) > 1 else "1 strategy matches.")

    page.check("#finder-need-dyslexia")  # two needs: either one
    both = expected(content, need=["autism", "dyslexia"], level=["sen-support"], phase=["post-16"])
    assert shown(page) == both and both >= want
    page.check("#finder-type-individual")
    assert shown(page) == expected(content, need=["autism", "dyslexia"], level=["sen-support"], phase=["post-16"],
                                   type=["individual"])

    page.click("[data-finder-clear]")
    assert filters_in_address(page) == {}
    assert shown(page) == set(content.strategies)

    area = "sensory-and-physical"
    page.check(f"#finder-area-{area}")
    assert shown(page) == expected(content, area=[area])
    visible = page.eval_on_selector_all("article h2[id]:not([hidden])", "hs => hs.map(h => h.id)")
    assert visible == [area]
    page.check("#finder-type-environment")
    page.check("#finder-level-ehc")
    assert shown(page) == expected(content, area=[area], type=["environment"], level=["ehc"])

    # named programmes only, with secondary-school examples (issue 15: primary and secondary where they differ)
    page.click("[data-finder-clear]")
    page.check("#finder-kind-intervention")
    page.check("#finder-stage-secondary")
    want = expected(content, kind=["intervention"], stage=["secondary"])
    assert shown(page) == want and 0 < len(want) < len(expected(content, kind=["intervention"]))
    assert not any("primary" in content.strategies[s].stages and "secondary" not in content.strategies[s].stages
                   for s in want)


@pytest.mark.browser
def test_loading_an_address_restores_the_filters(page, site_url, content):
    page.goto(site_url + "strategies/?need=autism&level=sen-support&phase=post-16")
    wait_ready(page)
    ticked = page.eval_on_selector_all("#strategy-filters input:checked", "boxes => boxes.map(b => b.id)")
    assert sorted(ticked) == ["finder-level-sen-support", "finder-need-autism", "finder-phase-post-16"]
    assert shown(page) == expected(content, need=["autism"], level=["sen-support"], phase=["post-16"])
    page.goto(site_url + "strategies/?type=assistive-technology&phase=school-age&need=no-such-need")
    wait_ready(page)
    assert shown(page) == expected(content, type=["assistive-technology"], phase=["school-age"])


@pytest.mark.browser
def test_the_finder_works_with_the_keyboard_alone(page, site_url, content):
    page.goto(site_url + "strategies/")
    wait_ready(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")

    def tab_to(selector: str, limit: int = 400) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#finder-need-dyslexia")
    page.keyboard.press("Space")
    assert filters_in_address(page) == {"need": ["dyslexia"]}
    assert shown(page) == expected(content, need=["dyslexia"])
    tab_to("#finder-phase-post-16")
    page.keyboard.press("Space")
    assert shown(page) == expected(content, need=["dyslexia"], phase=["post-16"])
    assert status(page).endswith("match.") or status(page).endswith("matches.")
    tab_to("[data-finder-clear]")
    page.keyboard.press("Enter")
    assert filters_in_address(page) == {} and shown(page) == set(content.strategies)
    assert page.evaluate("() => document.activeElement.matches('[data-finder-clear]')")  # focus stays put
