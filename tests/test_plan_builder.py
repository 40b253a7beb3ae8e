# The support plan builder (/plan-builder/): its data matches the content; in chromium a plan is built by keyboard and
# mouse, printed and downloaded as .docx (read back with python-docx); nothing typed is sent or stored unasked; axe.
import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import docx
import pytest

from scripts.site import docx_plans as dp
from scripts.content import framework as fwk
from scripts.content import model as m
from scripts.site import plan_builder as pb
from scripts.text import env as _env

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PHASE, LEVEL = "school-age", "sen-support"
NEEDS = ("autism", "dyslexia")  # autism is listed first on the form (its area comes first)

# What the test types: each string is distinctive, so finding it anywhere else means it leaked.
NAME, YEAR = "Zephyrine", "Year 5 Kestrels"
PROVISION = {"often": "Every morning QW7", "long": "Ten minutes QW7", "group": "Pairs QW7", "who": "Mrs Okonkwo QW7"}
OUTCOMES = [("Reads the visual timetable alone XK41", "Adult tally each morning XK41", "2027-03-19"),
            ("Spells twenty topic words XK42", "Weekly spelling check XK42", "2027-04-23")]
STRENGTHS = ["Builds brilliant Lego towers VB3", "Kind to younger children VB3"]
PARENTS = "Zephyrine sleeps badly before PE days VB4."
REVIEW = "2027-05-14"
TYPED = [NAME, "QW7", "XK41", "XK42", "VB3", "VB4", "Kestrels"]


def long_date(iso: str) -> str:
    return dp.long_date(dt.date.fromisoformat(iso))


def suggested(content, needs=NEEDS, phase=PHASE, level=LEVEL) -> list[str]:
    """The strategy ids the guidance gives for the needs, in the order the builder lists them."""
    out = []
    for n in needs:
        for ref in content.needs[n].phases[phase][level].strategies:
            if ref.strategy not in out:
                out.append(ref.strategy)
    return out


# ---------------------------------------------------------------- the data file and the page (no browser)


def test_data_matches_the_content(content):
    data = pb.data(content)
    assert set(data["needs"]) == set(content.needs)
    for nid, need in content.needs.items():
        d = data["needs"][nid]
        assert (d["area"], d["title"]) == (need.area, need.title)
        for cell in fwk.walk(content.framework, need):
            phase, level, refs = cell.phase.id, cell.level.id, cell.guidance.strategies
            assert d["strategies"][phase][level] == [r.strategy for r in refs], (nid, phase, level)
            for r in refs:
                assert d["notes"].get(phase, {}).get(level, {}).get(r.strategy) == r.note
    used = {s for n in data["needs"].values() for p in n["strategies"].values() for ids in p.values() for s in ids}
    assert set(data["strategies"]) == used
    for sid, s in data["strategies"].items():
        st = content.strategies[sid]
        assert (s["title"], s["summary"], s["url"]) == (st.title, st.summary, f"strategies/{sid}/")
        assert s["who"] == [content.roles[r].title for r in st.delivered_by]
    assert [a["id"] for a in data["areas"]] == sorted(content.areas, key=lambda a: (content.areas[a].order,
                                                                                      content.areas[a].title))
    assert sorted(n for a in data["areas"] for n in a["needs"]) == sorted(content.needs)
    assert [tuple(h) for h in data["docx"]["headings"]] == list(dp.HEADINGS)
    assert data["docx"]["provision_columns"] == list(dp.PROVISION_COLUMNS)


def test_built_site_serves_the_data_and_page(site, content):
    assert json.loads((site / "data" / "plan-builder.json").read_text(encoding="utf-8")) == pb.data(content)
    html = (site / "plan-builder" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<form id="pb-form" class="pb-form" hidden', html)  # shown only once the script has started
    assert "The plan builder needs JavaScript" in html and "Nothing you type is sent anywhere" in html
    assert 'src="../assets/javascripts/plan-builder.js"' in html and "<script>" not in html
    for nid in content.needs:
        assert f'<label for="pb-need-{nid}">' in html
    home = (site / "index.html").read_text(encoding="utf-8")
    plans = (site / "plans" / "index.html").read_text(encoding="utf-8")
    assert 'href="plan-builder/"' in home and 'href="../plan-builder/"' in plans


def test_page_links_the_blank_template_when_the_build_has_it(content):
    env = _env()
    without = pb.files(content, env, {})
    assert "[example support plans](plans/index.md)" in without[pb.PAGE] and pb.BLANK not in without[pb.PAGE]
    with_blank = pb.files(content, env, {pb.BLANK: b""})
    assert f"Word document]({pb.BLANK})" in with_blank[pb.PAGE]


def test_offline_copy_carries_its_data_in_the_page(content):
    files = pb.files(content, _env(), {}, offline_copy=True)
    block = re.search(r'<script type="application/json" id="pb-data">(.*?)</script>', files[pb.PAGE], re.S)
    data = json.loads(block.group(1))
    assert data == pb.data(content, offline_copy=True) == json.loads(files[pb.DATA])
    assert all(s["url"] == f"strategies/{sid}.html" for sid, s in data["strategies"].items())
    assert "<" not in block.group(1)  # nothing in the data can close the element


# ---------------------------------------------------------------- in the browser


def open_builder(browser, site_url):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(site_url + "plan-builder/", wait_until="domcontentloaded")
    page.wait_for_selector("#pb-form", state="visible")
    assert page.locator("#pb-nojs").is_hidden()
    return page, errors


def run_axe(page) -> list[str]:
    """axe-core's WCAG A and AA violations, in the light and then the dark colour scheme."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # not add_script_tag: the page's CSP forbids inline script
    found = []
    for media, scheme in (("light", "default"), ("dark", "slate"), ("light", "default")):
        # switch the way a visitor does, with Material's palette toggle
        page.emulate_media(color_scheme=media)
        page.evaluate("m => document.querySelector(`input[name=__palette][data-md-color-media*='${m}']`).click()", media)
        page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=scheme)
        if len(found) < 2:  # in the dark scheme only the colour rules: nothing else changes with the scheme
            found.append(page.evaluate("""([tags, colourOnly]) => axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
                rules: colourOnly ? Object.fromEntries(axe.getRules(tags).filter(r => !r.tags.includes("cat.color"))
                                                       .map(r => [r.ruleId, {enabled: false}])) : {}})
                .then(r => r.violations.map(v => v.id + ": " + v.help + " at " +
                                            v.nodes.map(n => n.target.join(" ")).join(", ")))""",
                                       [WCAG_TAGS, scheme == "slate"]))
    return found[0] + found[1]


def storage(page) -> str:
    """Everything the page could have stored on the device, as one string."""
    return page.evaluate("""async () => JSON.stringify({
        local: Object.entries(localStorage), session: Object.entries(sessionStorage), cookies: document.cookie,
        idb: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : []})""")


@pytest.mark.browser
def test_build_print_and_download_a_plan(browser, site_url, content):
    requests = []
    record = lambda r: requests.append((r.url, r.post_data or ""))  # noqa: E731
    browser.on("request", record)
    try:
        page, errors = open_builder(browser, site_url)
        kb = page.keyboard

        # Asking for the plan too early: a summary of the problems takes focus; its links lead to the fields.
        page.locator("#pb-show").click()
        assert page.evaluate("document.activeElement.id") == "pb-errors"
        assert page.locator("#pb-errors").get_attribute("role") == "alert"
        assert "Choose the age group." in page.inner_text("#pb-errors")
        kb.press("Tab")
        kb.press("Enter")
        assert page.evaluate("document.activeElement.id") == f"pb-phase-{content.framework.phase_ids[0]}"
        assert page.locator("#pb-phase-error").is_visible()

        # The child, by keyboard: name, year, then the age group and level radio groups.
        page.locator("#pb-name").focus()
        kb.type(NAME)
        kb.press("Tab")
        kb.type(YEAR)
        kb.press("Tab")            # into the age group: its first radio, then down to the plan's age group
        kb.press("Space")
        for _ in range(content.framework.phase_ids.index(PHASE)):
            kb.press("ArrowDown")
        kb.press("Tab")            # into the level group: its first radio ...
        kb.press("ArrowDown")      # ... and on to SEN Support
        assert page.is_checked(f"#pb-phase-{PHASE}") and page.is_checked(f"#pb-level-{LEVEL}")

        # Needs: filter the list by keyboard and tick dyslexia; tick autism with the mouse.
        kb.press("Tab")
        assert page.evaluate("document.activeElement.id") == "pb-filter"
        kb.type("Reading")
        assert page.inner_text("#pb-filter-count").startswith("Showing 1 of ")
        kb.press("Tab")
        assert page.evaluate("document.activeElement.id") == "pb-need-dyslexia"
        kb.press("Space")
        page.fill("#pb-filter", "")
        page.click("label[for=pb-need-autism]")
        ids = suggested(content)
        assert page.inner_text("#pb-count") == f"{len(ids)} strategies suggested for 2 needs."
        assert page.get_attribute("#pb-count", "role") == "status"
        legends = page.locator("#pb-strategies fieldset.pb-need > legend").all_inner_texts()
        assert legends == [f"Strategies for {content.needs[n].title}" for n in NEEDS]
        shown = page.eval_on_selector_all("#pb-strategies input[type=checkbox]", "els => els.map(e => e.dataset.strategy)")
        assert shown == ids
        first = ids[0]
        summary = page.inner_text(f"#pb-s-{first}-about")
        assert summary.startswith(content.strategies[first].summary)
        link = page.locator(f"#pb-for-{NEEDS[0]} a").first
        assert link.get_attribute("href") == f"{site_url}strategies/{first}/"

        # Tick two strategies (one per need): the first by keyboard, the second by mouse; fill their provision.
        second = next(s for s in ids if s not in suggested(content, NEEDS[:1]))
        page.locator(f"#pb-s-{first}").focus()
        kb.press("Space")
        page.click(f"label[for=pb-s-{second}]")
        for sid in (first, second):
            assert page.locator(f"#pb-s-{sid}-provision").is_visible()
            for field, value in PROVISION.items():
                page.fill(f"#pb-s-{sid}-{field}", f"{value} {sid}")
        assert page.locator(f"#pb-s-{ids[2]}-provision").is_hidden()

        # Two outcomes: the first row is there; "Add an outcome" adds a second and moves focus into it.
        for field, value in zip(("text", "measure", "by"), OUTCOMES[0]):
            page.fill(f"#pb-o-1-{field}", value)
        page.click("#pb-add-outcome")
        assert page.evaluate("document.activeElement.id") == "pb-o-2-text"
        kb.type(OUTCOMES[1][0])
        page.fill("#pb-o-2-measure", OUTCOMES[1][1])
        page.fill("#pb-o-2-by", OUTCOMES[1][2])
        page.fill("#pb-strengths", "\n".join(STRENGTHS))
        page.fill("#pb-parents", PARENTS)
        page.fill("#pb-review", REVIEW)

        # Show the plan by keyboard: it takes focus and reads like the example plans.
        page.locator("#pb-show").focus()
        kb.press("Enter")
        plan = page.locator("#pb-plan")
        assert plan.is_visible() and page.evaluate("document.activeElement.id") == "pb-plan"
        assert page.locator("#pb-errors").is_hidden()
        assert run_axe(page) == []

        # The printed page: only the plan, with the chosen strategies, their provision and the outcomes.
        page.emulate_media(media="print")
        for hidden in ("#pb-form", ".md-header", ".md-sidebar--primary", "#pb-nojs", "h1"):
            assert page.locator(hidden).first.is_hidden(), hidden
        assert plan.is_visible()
        printed = plan.inner_text()
        assert f"SEN Support plan: {NAME}" in printed
        rows = page.eval_on_selector_all("#pb-plan table", "ts => ts.map(t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim())))")
        details, outcomes, provision, progress = rows
        assert details == [[label, value] for label, value in zip(dp.DETAILS, [
            NAME, YEAR, content.framework.phase_label(PHASE), content.framework.level(LEVEL).title,
            ", ".join(content.needs[n].title for n in NEEDS), long_date(REVIEW)])]
        expected_outcomes = [[text, measure, long_date(by)] for text, measure, by in OUTCOMES]
        expected_provision = [[content.strategies[s].title] + [f"{v} {s}" for v in PROVISION.values()] for s in (first, second)]
        assert outcomes == [list(dp.OUTCOME_COLUMNS)] + expected_outcomes
        assert provision == [list(dp.PROVISION_COLUMNS)] + expected_provision
        assert progress[1:3] == [[o[0], ""] for o in OUTCOMES]
        for s in STRENGTHS + [PARENTS, f"Review on {long_date(REVIEW)}"]:
            assert s in printed
        pdf = page.pdf(prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF") and re.search(rb"/MediaBox \[0 0 59[45](\.\d+)? 84[12]", pdf)  # A4 in points
        page.emulate_media(media="screen")

        # The Print button prints once the plan is complete.
        page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
        page.click("#pb-print")
        assert page.evaluate("window.__printed") == 1

        # Download the Word document and read it back.
        with page.expect_download() as info:
            page.click("#pb-download")
        download = info.value
        assert download.suggested_filename == f"sen-support-plan-{NAME.lower()}.docx"
        doc = docx.Document(download.path())
        assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[0].text == f"SEN Support plan: {NAME}"
        headings = [(int(p.style.name.split()[1]), p.text) for p in doc.paragraphs if p.style.name.startswith("Heading ")]
        assert headings == list(dp.HEADINGS)
        tables = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]
        assert tables[0] == details
        assert tables[1] == outcomes and tables[2] == provision
        assert tables[3][:3] == progress[:3] and tables[3][0] == list(dp.PROGRESS_COLUMNS)
        for t in doc.tables[1:]:
            assert t.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
        bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
        assert bullets[:2] == STRENGTHS
        text = "\n".join(p.text for p in doc.paragraphs)
        assert PARENTS in text and f"Review date: {long_date(REVIEW)}" in text
        section = doc.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert doc.core_properties.title == f"SEN Support plan: {NAME}"

        # Nothing typed was stored, and no script failed.
        assert not any(t in storage(page) for t in TYPED)
        assert errors == []
        page.close()
    finally:
        browser.remove_listener("request", record)

    # Every request went to the site itself, and none carried anything typed.
    own = urlsplit(site_url).netloc
    assert requests
    for url, body in requests:
        target = url[len("blob:"):] if url.startswith("blob:") else url
        assert url.startswith("data:") or urlsplit(target).netloc == own, url
        assert not any(t.lower() in unquote(url + body).lower() for t in TYPED), url


@pytest.mark.browser
def test_draft_is_stored_only_when_asked_and_can_be_deleted(browser, site_url):
    page, errors = open_builder(browser, site_url)
    page.fill("#pb-name", NAME)
    page.check(f"#pb-phase-{PHASE}")
    page.check(f"#pb-level-{LEVEL}")
    page.check("#pb-need-autism")
    first = page.eval_on_selector("#pb-strategies input[type=checkbox]", "e => e.dataset.strategy")
    page.check(f"#pb-s-{first}")
    page.fill(f"#pb-s-{first}-often", PROVISION["often"])
    page.fill("#pb-o-1-text", OUTCOMES[0][0])
    assert not any(t in storage(page) for t in TYPED)

    page.click("#pb-save")
    assert "Draft saved on this device" in page.inner_text("#pb-save-status")
    assert NAME in page.evaluate("localStorage.getItem('sen-plan-builder-draft')")
    assert not any(t in page.evaluate("JSON.stringify(Object.entries(sessionStorage))") for t in TYPED)

    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector("#pb-form", state="visible")
    assert "saved draft has been opened" in page.inner_text("#pb-save-status")
    assert page.input_value("#pb-name") == NAME and page.is_checked("#pb-need-autism")
    assert page.is_checked(f"#pb-s-{first}") and page.input_value(f"#pb-s-{first}-often") == PROVISION["often"]
    assert page.input_value("#pb-o-1-text") == OUTCOMES[0][0]

    page.click("#pb-delete")
    assert page.evaluate("localStorage.getItem('sen-plan-builder-draft')") is None
    assert not any(t in storage(page) for t in TYPED)
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector("#pb-form", state="visible")
    assert page.input_value("#pb-name") == "" and not page.is_checked("#pb-need-autism")
    assert errors == []
    page.close()


@pytest.mark.browser
def test_errors_and_outcome_rows_pass_axe(browser, site_url):
    page, errors = open_builder(browser, site_url)
    page.fill("#pb-o-1-measure", "Something measured")   # an outcome without its text or date
    page.click("#pb-add-outcome")
    page.click("#pb-show")
    summary = page.inner_text("#pb-errors")
    for message in ("Choose the age group.", "Choose the level of support they get now.",
                    "Choose at least one need.", "Write outcome 1, or remove it.", "Give the date of the review meeting."):
        assert message in summary
    assert page.get_attribute("#pb-o-1-text", "aria-invalid") == "true"
    assert "pb-o-1-text-error" in page.get_attribute("#pb-o-1-text", "aria-describedby")
    assert run_axe(page) == []
    # removing an outcome renumbers the rest and keeps focus in the form
    page.click("button[data-remove=pb-o-1]")
    assert page.locator(".pb-outcome legend").all_inner_texts() == ["Outcome 1"]
    assert page.evaluate("document.activeElement.id") == "pb-o-2-text"
    page.click("button[data-remove=pb-o-2]")
    assert page.evaluate("document.activeElement.id") == "pb-add-outcome"
    page.click("#pb-show")
    assert "Add at least one outcome." in page.inner_text("#pb-errors")
    assert errors == []
    page.close()


@pytest.mark.browser
def test_without_javascript_or_data_the_page_says_so(browser, site_url):
    page = browser.new_page()
    browser.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.goto(site_url + "plan-builder/")
    assert page.locator("#pb-form").is_hidden()
    note = page.locator("#pb-nojs")
    assert note.is_visible() and "needs JavaScript" in note.inner_text()
    hrefs = note.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any(h.endswith(("plans/", f"{dp.BLANK_NAME}")) for h in hrefs)
    page.close()

    page = browser.new_page()
    page.route("**/data/plan-builder.json", lambda route: route.abort())
    page.goto(site_url + "plan-builder/")
    page.wait_for_selector("#pb-nojs [role=alert]")
    assert "could not load the list of strategies" in page.inner_text("#pb-nojs")
    assert page.locator("#pb-form").is_hidden()
    page.close()
