# Permanent addresses: every published page and per-level anchor is listed in content/published-urls.txt and must stay.
# In: a content folder (published-urls.txt, redirects.yml) and a built site. Out: redirect pages (with the site's CSP)
# in the site and one line per published address that is gone without a redirect; `main` adds new addresses to the list.
from __future__ import annotations

import base64
import hashlib
import html
import json
import posixpath
import re
import sys
from pathlib import Path

from scripts.content import yamlsafe
from scripts.content.load import ContentErrors

MANIFEST = "published-urls.txt"
REDIRECTS = "redirects.yml"
SKIP_PAGES = {"404.html"}
# A need page marks each per-level heading with the class "level-anchor" (scripts/site/templates/need.md.j2), so the
# anchors are found whatever the framework's phases and levels are called.
LEVEL_TAG = re.compile(r'<h2\b[^>]*\bclass="[^"]*\blevel-anchor\b[^"]*"[^>]*>')
ID = re.compile(r'\sid="([^"]+)"')
# The first bytes of every redirect page this module writes: how a redirect page is told from a page whose title
# merely mentions http-equiv="refresh" (a Material page starts with <!doctype html> and a newline).
REDIRECT_MARKER = "<!doctype html><!-- sen-guide redirect page -->\n"
CSP_FILE = Path(__file__).resolve().parent.parent.parent / "overrides" / "partials" / "csp.html"
HEADER = """\
# Every address this site has published: pages, and the per-level anchors on need pages.
# Schools link to these from their SEN Information Reports, so none may disappear: the build fails when one is gone
# and content/redirects.yml does not send it somewhere. `make manifest` adds new addresses (run it deliberately, e.g.
# before a release); it never drops one. To retire an address on purpose, delete its line by hand.
"""


def normalise(address: str) -> str:
    """'needs/autism' -> '/needs/autism/'; keeps a #fragment; file addresses (x.html, x.json) keep their name."""
    page, hash_, frag = str(address).strip().partition("#")
    page = "/" + page.strip("/")
    if not re.search(r"\.[a-z0-9]+$", page) and page != "/":
        page += "/"
    return page + hash_ + frag


def _name(content: Path, name: str) -> str:
    """content/published-urls.txt, named as the loader names content files."""
    return f"{Path(content).resolve().name}/{name}"


def _read(content: Path, name: str) -> str | None:
    """The text of a file in the content folder, None if there is none; one error line if it cannot be read."""
    path = Path(content) / name
    if not path.exists():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentErrors([f"{_name(content, name)}: cannot be read: it is not UTF-8 text (save it as UTF-8)"]) \
            from None
    except OSError as exc:
        raise ContentErrors([f"{_name(content, name)}: cannot be read: {exc.strerror or exc}"]) from None


def load_redirects(content: Path) -> dict[str, str]:
    """content/redirects.yml: old address -> new address (both site addresses like /needs/old-name/)."""
    path = Path(content) / REDIRECTS
    text = _read(content, REDIRECTS)
    if text is None:
        return {}
    try:
        data = yamlsafe.safe_load(text)
    except yamlsafe.YamlError as exc:
        raise ContentErrors([f"{path}{f':{exc.line}' if exc.line else ''}: not valid YAML: {exc.what}"]) from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ContentErrors([f"{path}: must map each old address to its new address, e.g. '/needs/old/: /needs/new/'"])
    errors = [f"{path}: {k}: an old address is a page, without #anchor" for k in data if "#" in k]
    if errors:
        raise ContentErrors(errors)
    return {normalise(k): normalise(v) for k, v in data.items()}


def published(site: Path) -> set[str]:
    """Every page address of a built site and every per-level anchor (#school-age-sen-support) on it; redirect
    pages and the 404 page left out."""
    out = set()
    site = Path(site)
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel in SKIP_PAGES or text.startswith(REDIRECT_MARKER):
            continue
        address = normalise(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        out.add(address)
        out.update(f"{address}#{i}" for tag in LEVEL_TAG.findall(text) for i in ID.findall(tag))
    return out


def read_manifest(content: Path, required: bool = False) -> list[str]:
    """The published addresses. A missing file is an error when `required` (every build): without it the check
    would silently pass; `make manifest` creates it on purpose."""
    text = _read(content, MANIFEST)
    if text is None:
        if required:
            raise ContentErrors([f"{_name(content, MANIFEST)}: is missing, so the build cannot check that no "
                                 "published address is lost; run `make manifest` to create it from a built site"])
        return []
    lines = (line.strip() for line in text.splitlines())
    return [normalise(line) for line in lines if line and not line.startswith("#")]


def _resolve(address: str, redirects: dict[str, str], now: set[str]) -> str | None:
    """Where a published address is served now: itself, or its redirect's target (None if it is gone)."""
    if address in now:
        return address
    page, _, frag = address.partition("#")
    target = redirects.get(page)
    if target is None:
        return None
    if frag and "#" not in target:
        target = f"{target}#{frag}"
    # a redirect keeps the visitor's #anchor unless it names its own, so the anchor must exist on the new page
    return target if target in now or (not frag and target.partition("#")[0] in now) else None


def check(content: Path, redirects: dict[str, str], now: set[str], required: bool = True) -> list[str]:
    """One line per published address that the site's addresses `now` and the redirects no longer serve."""
    problems = []
    try:
        manifest = read_manifest(content, required)
    except ContentErrors as exc:
        return exc.errors
    for address in manifest:
        if _resolve(address, redirects, now) is None:
            page = address.partition("#")[0]
            if page in redirects:
                problems.append(f"{address}: was published, and its redirect to {redirects[page]} has no such anchor")
            elif page in now:
                problems.append(f"{address}: was published ({MANIFEST}) and this anchor is gone from the page")
            else:
                problems.append(f"{address}: was published ({MANIFEST}) and is gone: add a redirect to {REDIRECTS}, "
                                f"e.g. '{page}: /new/address/'")
    return problems


def refresh(content: Path, now: set[str]) -> list[str]:
    """Add the site's addresses `now` to the manifest (nothing is ever dropped: to retire an address on purpose,
    delete its line by hand). Returns the addresses added."""
    old = read_manifest(content)
    new = sorted(set(old) | now)
    (Path(content) / MANIFEST).write_text(HEADER + "".join(a + "\n" for a in new), encoding="utf-8")
    return sorted(set(new) - set(old))


def preflight(content: Path, manifest_required: bool = True) -> list[str]:
    """Before a build: the redirects and the manifest can be read (and the manifest exists). One line per problem."""
    problems = []
    for read in (lambda: load_redirects(content), lambda: read_manifest(content, manifest_required)):
        try:
            read()
        except ContentErrors as exc:
            problems += exc.errors
    return problems


def _csp(script: str) -> str:
    """The site's policy (overrides/partials/csp.html, without its comment), allowing only this page's own script."""
    policy = re.sub(r"\{#.*?#\}", "", CSP_FILE.read_text(encoding="utf-8"), flags=re.S).strip()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return policy.replace("script-src 'self'", f"script-src 'sha256-{digest}'")


def redirect_html(url: str) -> str:
    """A redirect page: our marker first, the site's CSP, a script that keeps the visitor's #anchor (unless the
    target names its own), and a meta refresh for browsers without scripts."""
    target = json.dumps(url).replace("<", "\\u003c")  # no "<" from the address inside the script element
    script = f"var u={target};if(u.indexOf('#')<0&&location.hash)u+=location.hash;location.replace(u)"
    attr = html.escape(url, quote=True)
    return (f"{REDIRECT_MARKER}<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{html.escape(_csp(script), quote=False)}\">\n"
            f"<title>Redirecting…</title>\n<link rel=\"canonical\" href=\"{attr}\">\n<script>{script}</script>\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={attr}\">\n</head>\n<body>\n"
            f"<p>This page has moved to <a href=\"{attr}\">its new address</a>.</p>\n</body>\n</html>\n")


def write_redirect(site: Path, old: str, new: str) -> None:
    rel, url = _stub(old, new)
    path = Path(site) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(redirect_html(url), encoding="utf-8")


def _stub(old: str, new: str) -> tuple[str, str]:
    """The redirect page's file in the site and the relative URL it sends the browser to."""
    old_page = old.strip("/")
    html = f"{old_page}/index.html" if old_page else "index.html"
    page, hash_, frag = new.partition("#")
    url = posixpath.relpath(page.strip("/") or ".", old_page or ".")
    return html, ("" if url == "." else url + "/") + hash_ + frag


def apply(site: Path, content: Path, manifest_required: bool = True) -> list[str]:
    """After a build: write a redirect page for each redirect in content/redirects.yml, then check the manifest.
    Returns one line per problem; the site is only changed when there are none."""
    try:
        redirects = load_redirects(content)
    except ContentErrors as exc:
        return exc.errors
    now = published(site)
    problems = [f"{REDIRECTS}: {old} is still a page: remove its redirect" for old in redirects if old in now]
    problems += [f"{REDIRECTS}: {old} -> {new}: no such page or anchor in the site" for old, new in redirects.items()
                 if new not in now]
    if problems:
        return problems
    for old, new in redirects.items():
        write_redirect(site, old, new)
    return check(content, redirects, now, manifest_required)


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.checks.addresses CONTENT SITE`: add the built site's new addresses to the manifest."""
    args = sys.argv[1:] if argv is None else argv
    content, site = Path(args[0] if args else "content"), Path(args[1] if len(args) > 1 else "site")
    # a site that loses published addresses must not be recorded as published; a first run creates the list
    problems = apply(site, content, manifest_required=False)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    added = refresh(content, published(site))
    print(f"{content / MANIFEST}: {len(added)} new address(es) added, {len(read_manifest(content))} in all")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
