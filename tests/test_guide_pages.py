# Process guidance pages (content/pages): the sixteen pages exist, open with a two-sentence summary, say who does
# what, link only to things that exist, and carry the authority's own details where they are written in.
import re

import pytest
import yaml

from scripts.content import model as m
from scripts.content.load import FRONT_MATTER
from tests.conftest import CONFIG, CONTENT

PAGE_IDS = ["graduated-approach", "sen-support-in-school", "enhanced-sen-support", "requesting-an-ehc-needs-assessment",
            "ehc-plans-and-annual-reviews", "post-16-and-preparing-for-adulthood", "if-you-disagree",
            "linking-from-your-sen-information-report", "reasonable-adjustments", "accessible-trips-and-activities",
            "about-this-guide", "exclusions-and-suspensions", "part-time-timetables",
            "attendance-and-school-non-attendance", "personal-budgets", "who-pays-for-what", "early-years-sen-support"]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
LINK = re.compile(r"\]\(([^)\s]+)\)")
FOLDERS = {"needs": "needs", "strategies": "strategies", "roles": "roles", "levels": "levels", "areas": "areas",
           "plans": "plans"}


def body(pid: str) -> str:
    text = (CONTENT / "pages" / f"{pid}.md").read_text(encoding="utf-8")
    return text[FRONT_MATTER.match(text).end():]


def site_url(content) -> str:
    url = getattr(content.authority, "site_url", None)
    if not url:
        url = re.search(r"^site_url:\s*(\S+)", CONFIG.read_text(encoding="utf-8"), re.M).group(1)
    return url.rstrip("/") + "/"


def test_all_the_guide_pages_exist(content):
    assert set(PAGE_IDS) <= set(content.pages)
    orders = [content.pages[p].order for p in PAGE_IDS]
    assert len(set(orders)) == len(orders)


@pytest.mark.parametrize("pid", PAGE_IDS)
def test_front_matter_and_two_sentence_summary(content, pid):
    page = content.pages[pid]
    assert len(SENTENCE_END.split(page.description)) == 1 and page.description.endswith("."), "one-sentence description"
    first = body(pid).strip().split("\n\n")[0]
    assert not first.startswith(("#", "-", "|", "<")), "the page should open with its summary paragraph"
    assert len(SENTENCE_END.split(first.replace("\n", " "))) == 2, f"summary is not two sentences: {first!r}"


@pytest.mark.parametrize("pid", PAGE_IDS)
def test_who_does_what_section_links_real_roles(content, pid):
    text = body(pid)
    match = re.search(r"^## Who does what \(and why\)\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, "no 'Who does what (and why)' section"
    roles = re.findall(r"\]\(\.\./roles/([a-z0-9-]+)\.md\)", match.group(1))
    assert len(set(roles)) >= 3
    assert set(roles) <= set(content.roles)


@pytest.mark.parametrize("pid", PAGE_IDS)
def test_links_point_at_things_that_exist(content, pid):
    phase_levels = {f"{p.id}-{lv.id}" for p, lv in content.framework.cells()}
    for target in LINK.findall(body(pid)):
        if target.startswith(("https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        if path.startswith("../"):
            parts = path[3:].removesuffix(".md").split("/")
            if parts == ["glossary"] or parts == ["index"]:
                continue
            folder, item = parts
            if item == "index":
                continue
            assert item in getattr(content, FOLDERS[folder]), target
            if folder == "needs" and anchor:
                assert anchor in phase_levels, target
        else:
            assert path.removesuffix(".md") in content.pages, target


def test_the_statutory_facts_are_on_the_pages():
    text = {pid: body(pid) for pid in PAGE_IDS}
    assert "young person aged 16 to 25, for themselves" in text["requesting-an-ehc-needs-assessment"]
    assert "assess, plan, do and review" in text["graduated-approach"]
    assert "at least three times each year" in text["sen-support-in-school"]
    disagree = text["if-you-disagree"]
    assert "you must contact a mediation adviser" in disagree
    assert re.search(r"do not need mediation advice .* only about the school or college named", disagree)
    assert "does not change your legal rights" in text["enhanced-sen-support"]
    assert "must make reasonable adjustments" in text["reasonable-adjustments"]
    for pid in PAGE_IDS:  # the Code of Practice is cited by paragraph on the process pages
        if pid not in ("linking-from-your-sen-information-report", "reasonable-adjustments",
                       "accessible-trips-and-activities", "about-this-guide"):
            assert re.search(r"paragraphs? \d+\.\d+|chapter \d+", text[pid]), pid


def test_the_authority_details_written_into_pages_are_current(content):
    a = content.authority
    about = body("about-this-guide")
    for value in (a.name, a.contact_email, a.contact_phone, a.edition):
        assert value and value in about, value
    assert "WCAG" in about and "2.2" in about and "AA" in about
    assert "### Report a problem" in about
    service = a.disagreement_service
    name = service if isinstance(service, str) else service.name
    assert name in body("if-you-disagree")
    for pid in PAGE_IDS:
        for url in re.findall(r"https://www\.example\.org/[\w/-]*", body(pid)):
            assert url == a.local_offer_url, (pid, url)


def test_copyable_permanent_links_resolve(content):
    text = body("linking-from-your-sen-information-report")
    base = site_url(content)
    urls = re.findall(r"`(https://[^`]+)`", text)
    assert len(urls) >= 30
    phase_levels = {f"{p.id}-{lv.id}" for p, lv in content.framework.cells()}
    for url in urls:
        if url == content.authority.local_offer_url:
            continue
        assert url.startswith(base), url
        path, _, anchor = url[len(base):].partition("#")
        parts = [p for p in path.split("/") if p]
        if not parts:
            continue
        if parts[0] == "guide":
            assert parts[1] in content.pages, url
        elif parts[0] == "glossary":
            assert anchor in {(t.abbreviation or t.term).lower() for t in content.glossary.terms}, url
        elif len(parts) == 2:
            assert parts[1] in getattr(content, FOLDERS[parts[0]]), url
            if parts[0] == "needs" and anchor:
                assert anchor in phase_levels, url
        else:
            assert parts[0] in FOLDERS, url
    # every heading an SEN Information Report must cover (Schedule 1 to the SEND Regulations 2014, and section 69)
    headings = re.findall(r"^### (.+)$", text, re.M)
    assert len(headings) >= 15
    assert "never break" in text


def test_guide_pages_front_matter_is_plain_yaml():
    for pid in PAGE_IDS:
        text = (CONTENT / "pages" / f"{pid}.md").read_text(encoding="utf-8")
        meta = yaml.safe_load(FRONT_MATTER.match(text).group(1))
        assert set(meta) <= {"title", "description", "order"}, pid
        assert isinstance(meta["order"], int)
