# The theme fixes (scripts/site/theme.py) on Material's own markup and on the built site: the CSP meta tag, the search
# dialog's name, no autocomplete on the toggles, and a toc label that points only at a toggle the page has.
from __future__ import annotations

import re
from pathlib import Path

from scripts.site import theme

MATERIAL = Path(__import__("material").__file__).parent / "templates"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def _lines(template: str, *needles: str) -> list[str]:
    """The lines of one of Material's templates that hold what the fixes edit (so a Material upgrade that changes
    them fails here, not silently on the site)."""
    text = (MATERIAL / template).read_text(encoding="utf-8")
    found = [line.strip() for line in text.splitlines() if any(n in line for n in needles)]
    assert found, f"Material's {template} no longer has {needles}"
    return found


def _page(*body: str, head: str = '<meta charset="utf-8">') -> str:
    return f'<!doctype html>\n<html lang="en">\n<head>\n{head}\n<title>t</title>\n</head>\n<body>\n' + "\n".join(body) + "\n</body>\n</html>\n"


def test_fixes_apply_to_materials_own_markup():
    toggles = _lines("base.html", 'data-md-toggle="drawer"', 'data-md-toggle="search"')
    dialog = [line.replace("{{ lang.t('search') }}", "Search") for line in _lines("partials/search.html", 'role="dialog"')]
    label = _lines("partials/toc.html", 'class="md-nav__title"')
    assert sum(' autocomplete="off"' in t for t in toggles) == 2
    fixed = theme.fix_page(_page(*toggles, *dialog, *label))
    assert ' autocomplete="off"' not in fixed
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">' in fixed
    assert 'for="__toc"' not in fixed  # no __toc toggle on this page
    assert CSP_META.search(fixed).group(1) == theme.policy()
    head = fixed.split("<head>")[1]
    assert head.index("Content-Security-Policy") < head.index("<title>"), "the policy must come before anything it covers"
    # a page in the navigation has the toggle, and its label keeps pointing at it
    overlay = theme.fix_page(_page('<label class="md-overlay" for="__drawer" aria-label="Navigation"></label>'))
    assert '<label class="md-overlay" for="__drawer"></label>' in overlay  # Zensical's: aria-label is not allowed there
    with_toggle = theme.fix_page(_page('<input class="md-toggle md-toggle--toc" type="checkbox" id="__toc">', *label))
    assert 'for="__toc"' in with_toggle


def test_fixes_are_idempotent_and_leave_other_files_alone(tmp_path):
    page = theme.fix_page(_page('<input type="checkbox" id="__drawer" autocomplete="off">'))
    assert theme.fix_page(page) == page and page.count("Content-Security-Policy") == 1
    headers = "/*\n  Content-Security-Policy: default-src 'none'\n"
    assert theme.fix_page(headers) == headers
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(_page("<p>x</p>"))
    (tmp_path / "b.html").write_text(page)
    assert theme.fix_site(tmp_path) == 1  # only the page that lacked the fixes is rewritten
    assert "Content-Security-Policy" in (tmp_path / "a" / "index.html").read_text()


def test_policy_is_one_line_with_no_third_party_origin():
    csp = theme.policy()
    assert "\n" not in csp and csp.startswith("default-src 'none'")
    assert "http" not in csp  # only 'self' and data: images


def test_built_pages_carry_the_fixes(site):
    for page in [site / "index.html", site / "404.html", next((site / "needs").glob("*/index.html"))]:
        html = page.read_text(encoding="utf-8")
        assert CSP_META.search(html).group(1) == theme.policy(), page
        assert 'role="dialog" aria-label="Search"' in html, page
        assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete', html), page
        if 'id="__toc"' not in html:
            assert 'for="__toc"' not in html, page
