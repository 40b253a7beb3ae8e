# Keyboard and focus, on the home page and a need page, on a wide and a narrow (phone or zoomed-in) screen: the first
# Tab reaches a skip link; every Tab stop shows where focus is, on screen and not hidden under the header; every
# control can be reached; content tabs and search work from the keyboard alone.
import pytest

from scripts.browser import browser_context

pytestmark = pytest.mark.browser

WIDE, NARROW = {"width": 1280, "height": 800}, {"width": 400, "height": 800}

# The focused element, with the boxes where its focus indicator may be drawn: its own, or its labels' when it is a
# visually hidden radio button or checkbox (Material's palette switch and content tabs draw focus on the label).
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const boxes = [el, ...(el.labels || [])];
  if (el.matches("input[type=radio], input[type=checkbox]") && el.nextElementSibling?.matches("label"))
    boxes.push(el.nextElementSibling);
  const rects = boxes.map(b => b.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
  const text = (el.getAttribute("aria-label") || el.innerText || el.value || el.id || "").trim().slice(0, 40);
  const desc = `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\\s+/)[0] : ""} "${text}"`;
  let hidden = null;
  if (rects.length) {
    const r = rects[0], x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1),
          y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    let opacity = 1;  // a layer faded out to nothing (a tooltip that has just closed) hides nothing
    for (let e = top; e; e = e.parentElement) opacity *= +getComputedStyle(e).opacity;
    if (top && opacity > 0 && !boxes.some(b => b.contains(top) || top.contains(b)) &&
        !top.closest("label")?.control?.isSameNode(el))
      hidden = top.tagName.toLowerCase() + "." + String(top.className).split(" ")[0];
  }
  const inView = rects.some(r => r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth);
  return {desc, rects: rects.map(r => [r.left, r.top, r.width, r.height]), hidden, inView,
          control: el.dataset.kbControl || null, key: el.dataset.kbStop || (el.dataset.kbStop = String(Math.random()))};
}"""

# Controls a visitor may use: links, buttons, form fields (one per radio group), things given a tab stop, and the
# header's menu and search buttons even when they are labels; only those shown on screen at this width, and not those
# a page takes out of the Tab order on purpose (tabindex -1: Material's search reset, reachable with Escape).
_CONTROLS = """() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" &&
                      !el.closest("[hidden], [inert]");
  const out = {}, groups = {};
  for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, " +
                                             "[tabindex], .md-header__button[for=__drawer], .md-header__button[for=__search]")) {
    if (!shown(el) || el.disabled || el.tabIndex < 0 && !el.matches("label")) continue;
    const n = el.type === "radio" ? (groups[el.name] ??= String(Object.keys(out).length)) : String(Object.keys(out).length);
    el.dataset.kbControl = n;  // every radio button of a group is the same control
    out[n] = el.tagName.toLowerCase() + " " + (el.getAttribute("aria-label") || el.innerText || el.id || "").trim().slice(0, 40);
  }
  return out;
}"""


def _clip(rects, viewport, pad=4):
    x0 = max(0, min(r[0] for r in rects) - pad)
    y0 = max(0, min(r[1] for r in rects) - pad)
    x1 = min(viewport["width"], max(r[0] + r[2] for r in rects) + pad)
    y1 = min(viewport["height"], max(r[1] + r[3] for r in rects) + pad)
    return {"x": x0, "y": y0, "width": max(1, x1 - x0), "height": max(1, y1 - y0)}


def tab_through(page, viewport, limit=800):
    """Press Tab until focus comes round again. Returns the stops and the problems: focus shown nowhere on screen,
    covered by something else, or looking the same as without focus (screenshots of the area with and without)."""
    stops, problems, first = [], [], None
    for _ in range(limit):
        page.keyboard.press("Tab")
        page.evaluate("document.getAnimations().forEach(a => a.finish())")  # fades and slides to their end
        f = page.evaluate(_FOCUSED)
        if f is None:
            continue
        if f["key"] == first:
            break
        first = first or f["key"]
        stops.append(f)
        if not f["rects"] or not f["inView"]:
            problems.append(f"{f['desc']}: has focus but is not on screen")
            continue
        if f["hidden"]:
            problems.append(f"{f['desc']}: focus is covered by {f['hidden']}")
        clip = _clip(f["rects"], viewport)
        focused = page.screenshot(clip=clip, animations="disabled")
        # without focus (the next Tab still starts from here); leaving the search field closes search, as Tab does
        if "md-search__input" in f["desc"]:
            page.keyboard.press("Escape")
        else:
            page.evaluate("document.activeElement.blur()")
        if page.screenshot(clip=clip, animations="disabled") == focused:
            problems.append(f"{f['desc']}: no visible change when focused")
    else:
        problems.append(f"focus did not come round in {limit} Tab presses")
    return stops, problems


@pytest.fixture(scope="module")
def need_id(content):
    return "autism" if "autism" in content.needs else sorted(content.needs)[0]


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
@pytest.mark.parametrize("where", ["home", "need"])
def test_tab_order_and_visible_focus(site_url, need_id, viewport, where):
    with browser_context(viewport=viewport) as ctx:
        page = ctx.new_page()
        page.goto(site_url + ("" if where == "home" else f"needs/{need_id}/"))
        page.wait_for_load_state("networkidle")
        controls = page.evaluate(_CONTROLS)
        stops, problems = tab_through(page, viewport)
        assert stops and "skip" in stops[0]["desc"].lower(), "the first Tab stop is not the skip link"
        assert problems == [], "\n".join(problems)
        missed = [desc for n, desc in controls.items() if n not in {s["control"] for s in stops}]
        assert missed == [], f"not reachable by Tab: {missed}"


def test_skip_link_moves_to_the_content(site_url, need_id):
    with browser_context(viewport=WIDE) as ctx:
        page = ctx.new_page()
        page.goto(f"{site_url}needs/{need_id}/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className").startswith("md-skip")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        # the next stop is in the article, not back in the header
        assert page.evaluate("!!document.activeElement.closest('article')")


def test_content_tabs_work_by_keyboard(site_url, need_id, content):
    first, second = content.framework.phase_ids[:2]  # the tabs follow the framework's phases, youngest first
    with browser_context(viewport=WIDE) as ctx:
        page = ctx.new_page()
        page.goto(f"{site_url}needs/{need_id}/")
        assert page.locator(f"#{first}-sen-support").is_visible()
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.tabbed-set > input')"):
                break
        else:
            pytest.fail("Tab never reached the age-group tabs")
        page.keyboard.press("ArrowRight")
        assert page.locator(f"#{second}-sen-support").is_visible()
        assert not page.locator(f"#{first}-sen-support").is_visible()
        page.keyboard.press("ArrowLeft")
        assert page.locator(f"#{first}-sen-support").is_visible()


def test_menu_opens_and_closes_by_keyboard_on_a_narrow_screen(site_url, need_id):
    with browser_context(viewport=NARROW) as ctx:
        page = ctx.new_page()
        page.goto(f"{site_url}needs/{need_id}/")
        page.wait_for_load_state("networkidle")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        menu = page.get_by_role("button", name="Menu")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
        assert menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        page.wait_for_function("!!document.activeElement.closest('.md-sidebar--primary')")
        assert menu.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
        assert menu.get_attribute("aria-expanded") == "false"
        page.wait_for_timeout(400)  # the drawer slides shut, then leaves the Tab order
        assert not page.locator(".md-sidebar--primary a[href]").first.is_visible()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_search_dialog_works_by_keyboard(site_url, need_id, viewport):
    with browser_context(viewport=viewport) as ctx:
        page = ctx.new_page()
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.md-search__input, button[for=__search]')"):
                break
        else:
            pytest.fail("Tab never reached search")
        if not page.evaluate("document.activeElement.matches('.md-search__input')"):
            page.keyboard.press("Enter")  # the narrow screen's search button opens the dialog
        assert page.get_by_role("dialog", name="Search").count() == 1  # the dialog has a name
        assert page.locator(".md-search__input").is_visible()
        assert page.evaluate("document.activeElement.matches('.md-search__input')")
        page.keyboard.type("autism")
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("ArrowDown")
        assert page.evaluate("!!document.activeElement.closest('.md-search-result')")
        target = page.evaluate("document.activeElement.closest('a').href")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == target


def test_the_checker_finds_focus_problems(tmp_path):
    """A page with a link whose focus looks like nothing, and a link placed off screen, fails; the fine link passes."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><style>.plain:focus { outline: none; }</style>'
        '<a href="#a" class="skip">Skip</a> <a href="#b" class="plain">Plain</a> '
        '<a href="#c" style="position: absolute; left: -999px">Away</a>')
    from scripts.browser import serve
    with serve(tmp_path) as url, browser_context(viewport=WIDE) as ctx:
        page = ctx.new_page()
        page.goto(url)
        stops, problems = tab_through(page, WIDE)
    assert [s["desc"] for s in stops] == ['a.skip "Skip"', 'a.plain "Plain"', 'a "Away"']
    assert problems == ['a.plain "Plain": no visible change when focused', 'a "Away": has focus but is not on screen']
