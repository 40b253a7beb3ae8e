# Print: need pages and example plan pages, printed to PDF by chromium on A4, fit the page width (nothing clipped or
# cut off at the edge), show every age group's tab, and leave out the site's navigation (header, tabs, sidebars, footer).
import re

import pypdfium2 as pdfium
import pytest

from tests.crawl import in_parallel, site_pages

pytestmark = pytest.mark.browser

A4_POINTS = (595.3, 841.9)
PRINTABLE_PX = round((210 - 2 * 15) / 25.4 * 96)  # A4 less 15 mm margins, in CSS pixels: the width content must fit
CHROME = [".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".md-top", ".md-skip"]

# In print layout: elements wider than the paper, boxes whose content overflows (clipped or scrolled), chrome shown.
_LAYOUT = """([chrome, width]) => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                     (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const out = [];
  for (const el of document.querySelectorAll(".md-content *")) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 || r.left < -1) out.push(`${name(el)} runs off the paper (${Math.round(r.left)}..${Math.round(r.right)}px of ${width})`);
    const s = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && s.overflowX !== "visible" && el.clientWidth > 0)
      out.push(`${name(el)} cuts off its content (${el.scrollWidth}px in ${el.clientWidth}px)`);
  }
  for (const sel of chrome) for (const el of document.querySelectorAll(sel)) if (shown(el)) out.push(`${sel} is printed`);
  return out;
}"""


def _print_pages(site):
    return [p for p in site_pages(site) if p.startswith(("needs/", "plans/")) and p not in ("needs/", "plans/")]


@pytest.fixture(scope="module")
def printed(site, site_url):
    """Each need and plan page: (layout problems in print media, the PDF chromium makes of it, the words shown).
    Two browsers share the pages (tests/crawl.py)."""
    def work(tab, path):
        tab.set_viewport_size({"width": PRINTABLE_PX, "height": 1000})
        tab.emulate_media(media="print")
        tab.goto(site_url + path)
        return (tab.evaluate(_LAYOUT, [CHROME, PRINTABLE_PX]),
                tab.pdf(format="A4", print_background=True, prefer_css_page_size=True),
                tab.evaluate("document.querySelector('article').innerText"))

    return in_parallel(_print_pages(site), work)


def test_need_and_plan_pages_are_printed(site, printed):
    kinds = {p.split("/")[0] for p in printed}
    assert kinds == {"needs", "plans"} and len(printed) == len(_print_pages(site))


def test_print_layout_fits_the_paper_and_has_no_navigation(printed):
    problems = [f"/{p}: {line}" for p, (lines, _, _) in printed.items() for line in lines]
    assert problems == [], "\n".join(problems[:40])


def words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z0-9]+", text))


def pdf_text(pdf: bytes) -> tuple[str, list[tuple[float, float]]]:
    """All the text chromium put on paper (it draws nothing beyond the paper's edge), and each sheet's size."""
    doc = pdfium.PdfDocument(pdf)
    text, sizes = "", []
    for pg in doc:
        sizes.append(pg.get_size())
        text += pg.get_textpage().get_text_range() + "\n"
    doc.close()
    return text, sizes


def test_pdfs_are_a4_with_every_word_on_the_paper(printed, content):
    for path, (_, pdf, shown) in printed.items():
        text, sizes = pdf_text(pdf)
        for n, (width, height) in enumerate(sizes, 1):
            assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1, \
                f"/{path} page {n} is {width:.0f} x {height:.0f} points, not A4"
        # pdfium sometimes returns a printed line one letter per line: such words are on the paper all the same
        squashed = re.sub(r"\s+", "", text)
        missing = {w for w in words(shown) - words(text) if w not in squashed}
        assert not missing, f"/{path}: words on the page but not on the paper (cut off?): {sorted(missing)[:10]}"
        assert "Skip to content" not in text and "Back to top" not in text, f"/{path}: navigation printed"
        if path.startswith("needs/"):
            # both age groups' tabs are printed, not only the open one
            assert text.count("Enhanced SEN Support") >= 2, f"/{path}: a tab's levels are missing from the PDF"


def test_the_checks_find_print_problems(site, browser, tmp_path):
    """A page made worse on purpose: a line too wide for the paper, a box that cuts off its content, the header
    printed. All three are reported, and the PDF has text running off the paper."""
    import shutil

    from scripts.browser import serve

    for folder in ["assets", "search"]:
        shutil.copytree(site / folder, tmp_path / folder)
    html = (site / "index.html").read_text(encoding="utf-8").replace(
        "</head>", '<link rel="stylesheet" href="bad.css"></head>', 1).replace(
        '<article class="md-content__inner md-typeset">', '<article class="md-content__inner md-typeset">'
        '<p class="wide">' + "This line is far too wide for the paper. " * 6 + 'Unreachable</p><div class="cut"><p class="wide">Cut off</p></div>', 1)
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "bad.css").write_text("@media print { .wide { width: 1400px; white-space: nowrap; } "
                                      ".cut { overflow: hidden; } .md-header { display: block !important; } }")
    with serve(tmp_path) as url:
        page = browser.new_page()
        page.set_viewport_size({"width": PRINTABLE_PX, "height": 1000})
        page.emulate_media(media="print")
        page.goto(url)
        problems = page.evaluate(_LAYOUT, [CHROME, PRINTABLE_PX])
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        shown = page.evaluate("document.querySelector('article').innerText")
        page.close()
    assert any(p.startswith("p.wide runs off the paper") for p in problems)
    assert any(p.startswith("div.cut cuts off its content") for p in problems)
    assert ".md-header is printed" in problems
    assert words(shown) - words(pdf_text(pdf)[0]) == {"Unreachable"}  # the end of the wide line is not on paper
