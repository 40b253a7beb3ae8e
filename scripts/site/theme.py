# Theme fixes on every built HTML page, whatever engine built it: MkDocs (through the hook) or Zensical (after its build).
# In: one page's HTML, or a built site folder. Out: the page with the CSP meta tag, a named search dialog, valid markup.
"""What used to need whole copies of Material's templates (base.html, partials/search.html, partials/toc.html), as a
few targeted edits of the HTML, so an upgrade of Material, or a move to Zensical, keeps them:

- the Content-Security-Policy meta tag (overrides/partials/csp.html), first in the head, if the theme left it out;
- the search dialog gets an accessible name (role="dialog" needs one);
- the drawer and search toggles lose autocomplete="off" (allowed only on text-like inputs; md-content.js unchecks
  both boxes on load instead);
- the table of contents' title label points at the "__toc" toggle only when the page has one (a label's `for` must
  name a control; Material renders that toggle only for pages in the navigation);
- a "skip to content" link with no target is dropped (Zensical's 404 page has one), and the drawer's overlay loses
  the aria-label Zensical gives it (not allowed on a label; Material's has none).
Zensical's search controls, drawn by its script, are named by overrides/assets/javascripts/search-names.js.
"""
from __future__ import annotations

import re
from pathlib import Path

CSP_FILE = Path(__file__).resolve().parent.parent.parent / "overrides" / "partials" / "csp.html"
SEARCH_NAME = "Search"
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_DIALOG = re.compile(r'(<div class="md-search"[^>]*\brole="dialog")(?![^>]*aria-label)')
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')
_OVERLAY = re.compile(r'(<label class="md-overlay"[^>]*?) aria-label="[^"]*"')
_SKIP = re.compile(r'\s*<a href="#__skip" class="md-skip">.*?</a>', re.S)


def policy() -> str:
    """The site's Content-Security-Policy, one line, from overrides/partials/csp.html (less its comment)."""
    return re.sub(r"\{#.*?#\}", "", CSP_FILE.read_text(encoding="utf-8"), flags=re.S).strip()


def fix_page(html: str, csp: str | None = None) -> str:
    """One page with every fix applied; a page that needs none comes back unchanged."""
    if "<html" not in html[:2000]:  # not a page (e.g. the _headers file, rendered like a template)
        return html
    if 'http-equiv="Content-Security-Policy"' not in html:
        meta = f'<meta http-equiv="Content-Security-Policy" content="{csp or policy()}">'
        html, n = _CHARSET.subn(lambda m: m.group(0) + "\n    " + meta, html, count=1)
        if not n:
            html = html.replace("<head>", "<head>\n    " + meta, 1)
    html = _CHECKBOX.sub(lambda m: m.group(0).replace(' autocomplete="off"', ""), html)
    html = _OVERLAY.sub(r"\1", html)
    html = _DIALOG.sub(rf'\1 aria-label="{SEARCH_NAME}"', html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    if 'id="__skip"' not in html and 'href="#__skip"' in html:  # the literal first: the pattern is slow to scan
        html = _SKIP.sub("", html)
    return html


def fix_site(folder: Path) -> int:
    """Apply fix_page to every .html file under folder (an engine's finished build). Returns how many changed."""
    csp, changed = policy(), 0
    for path in sorted(Path(folder).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        fixed = fix_page(text, csp)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed
