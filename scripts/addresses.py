# Permanent addresses: every published page and per-level anchor is listed in content/published-urls.txt and must stay.
# In: a content folder (published-urls.txt, redirects.yml) and a built site. Out: mkdocs-redirects' redirect pages in
# the site and one line per published address that is gone without a redirect; `main` adds new addresses to the list.
from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

import yaml
from mkdocs_redirects.plugin import write_html

from .load import ContentErrors

MANIFEST = "published-urls.txt"
REDIRECTS = "redirects.yml"
SKIP_PAGES = {"404.html"}
# A need page marks each per-level heading with the class "level-anchor" (scripts/templates/need.md.j2), so the
# anchors are found whatever the framework's phases and levels are called.
LEVEL_TAG = re.compile(r'<h2\b[^>]*\bclass="[^"]*\blevel-anchor\b[^"]*"[^>]*>')
ID = re.compile(r'\sid="([^"]+)"')
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


def load_redirects(content: Path) -> dict[str, str]:
    """content/redirects.yml: old address -> new address (both site addresses like /needs/old-name/)."""
    path = Path(content) / REDIRECTS
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentErrors([f"{path}: not valid YAML: {str(exc).splitlines()[0]}"]) from None
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
        if rel in SKIP_PAGES or 'http-equiv="refresh"' in text[:2000]:
            continue
        address = normalise(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        out.add(address)
        out.update(f"{address}#{i}" for tag in LEVEL_TAG.findall(text) for i in ID.findall(tag))
    return out


def read_manifest(content: Path) -> list[str]:
    path = Path(content) / MANIFEST
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
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


def check(content: Path, redirects: dict[str, str], now: set[str]) -> list[str]:
    """One line per published address that the site's addresses `now` and the redirects no longer serve."""
    problems = []
    for address in read_manifest(content):
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


def _stub(old: str, new: str) -> tuple[str, str]:
    """The redirect page's file in the site and the relative URL it sends the browser to."""
    old_page = old.strip("/")
    html = f"{old_page}/index.html" if old_page else "index.html"
    page, hash_, frag = new.partition("#")
    url = posixpath.relpath(page.strip("/") or ".", old_page or ".")
    return html, ("" if url == "." else url + "/") + hash_ + frag


def apply(site: Path, content: Path) -> list[str]:
    """After a build: write a redirect page (mkdocs-redirects' own) for each redirect in content/redirects.yml, then
    check the manifest. Returns one line per problem; the site is only changed when there are none."""
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
        write_html(str(site), *_stub(old, new))
    return check(content, redirects, now)


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.addresses CONTENT SITE`: add the built site's new addresses to the manifest."""
    args = sys.argv[1:] if argv is None else argv
    content, site = Path(args[0] if args else "content"), Path(args[1] if len(args) > 1 else "site")
    problems = apply(site, content)  # a site that loses published addresses must not be recorded as published
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    added = refresh(content, published(site))
    print(f"{content / MANIFEST}: {len(added)} new address(es) added, {len(read_manifest(content))} in all")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
