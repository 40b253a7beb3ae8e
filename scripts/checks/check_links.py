# Built-site link check: parses every HTML page, resolves each internal link and #anchor, and finds orphan pages.
# In: a built site folder. Out: one line per broken link or unreachable page; exit 1 if there are any.
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from scripts.checks.outcome import finish

SKIP_PAGES = {"404.html"}


@dataclass
class PageInfo:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self, info: PageInfo):
        super().__init__(convert_charrefs=True)
        self.info = info

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.info.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.info.ids.add(a["name"])
        if tag == "a" and a.get("href") is not None:
            self.info.links.append(a["href"])
        if tag == "meta" and a.get("name"):
            self.info.meta[a["name"]] = a.get("content") or ""


def parse(path: Path) -> PageInfo:
    info = PageInfo()
    _Parser(info).feed(path.read_text(encoding="utf-8"))
    return info


def pages(site: Path) -> dict[str, PageInfo]:
    """Site-relative path of every HTML page -> what it contains."""
    return {str(p.relative_to(site)): parse(p) for p in sorted(site.rglob("*.html"))}


def resolve(site: Path, page: str, href: str) -> tuple[str | None, str]:
    """The site-relative file an internal href points to (None for external links) and its fragment."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:")):
        return None, ""
    url, frag = urldefrag(href)
    if not url:
        return page, unquote(frag)
    path = unquote(urlsplit(url).path)
    # site-absolute links (the 404 page uses them) start from the site root
    base = site if path.startswith("/") else (site / page).parent
    target = (base / path.lstrip("/")).resolve()
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    try:
        return str(target.relative_to(site.resolve())), unquote(frag)
    except ValueError:
        return "(outside the site) " + url, unquote(frag)


def check(site: Path) -> list[str]:
    """Every broken internal link or anchor, and every page no link reaches from the home page."""
    site = site.resolve()
    info = pages(site)
    problems: list[str] = []
    graph: dict[str, set[str]] = {}
    for page, pi in info.items():
        graph[page] = set()
        for href in pi.links:
            target, frag = resolve(site, page, href)
            if target is None:
                continue
            if not (site / target).is_file():
                problems.append(f"{page}: link {href!r}: no such page")
                continue
            if target.endswith(".html"):
                graph[page].add(target)
                if frag and frag not in info[target].ids:
                    problems.append(f"{page}: link {href!r}: no anchor #{frag} on {target}")
    seen, todo = set(), ["index.html"]
    while todo:
        page = todo.pop()
        if page in seen or page not in graph:
            continue
        seen.add(page)
        todo.extend(graph[page])
    for page in info:
        if page not in seen and page not in SKIP_PAGES:
            problems.append(f"{page}: no link reaches this page from the home page")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    problems = check(site)
    # count the pages without parsing them a second time (check() has already read every one)
    return finish(problems, f"{site}: {sum(1 for _ in site.rglob('*.html'))} pages, {len(problems)} link problem(s)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
