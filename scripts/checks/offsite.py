# No third-party requests, and none at build time: finds every asset (img, script, stylesheet, frame, media, CSS url())
# that would be loaded from another host. In: Markdown or HTML text (content pages, the built site). Out: error lines.
from __future__ import annotations

import html
import re
from pathlib import Path

_ATTRS = r"((?:\s+[^\s>=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>"
# Only tags that can fetch something, and style attributes on any tag: most of a page is <a>, <p>, <div>, <span>
TAG = re.compile(r"<(img|script|link|iframe|frame|embed|object|source|video|audio|track|input|image|use|body|table|"
                 r"td|th)\b" + _ATTRS, re.S | re.I)
STYLE_ATTR = re.compile(r"\sstyle\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))", re.I)
ATTR = re.compile(r"([^\s>=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?", re.S)
CSS_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\s]*))", re.I)
CSS_IMPORT = re.compile(r"@import\s+(?:\"([^\"]*)\"|'([^']*)')", re.I)
MD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)")
MD_IMAGE_REF = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\[([^\]]*)\]")
MD_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
FETCHING_ATTRS = {"src", "srcset", "poster", "data", "background", "xlink:href", "imagesrcset"}
FETCHING_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon",
                  "mask-icon", "dns-prefetch", "preconnect", "prerender"}
# scheme-relative (//host), or any scheme followed by // (http:, https:, ftp:, ...); browsers read \ as /
OTHER_HOST = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?//", re.I)
REASON = "pages may not load files from other sites (save the file into the site, or link to it instead)"


def _value(raw: str | None) -> str:
    if not raw:
        return ""
    if raw[0] in "\"'":
        raw = raw[1:-1]
    return html.unescape(raw)


def _external(url: str) -> bool:
    return bool(OTHER_HOST.match("".join(url.split()).replace("\\", "/")))


def _urls(attr: str, value: str) -> list[str]:
    if attr in ("srcset", "imagesrcset"):
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value]


def _css(text: str) -> list[tuple[int, str]]:
    """(offset, address) of every url(...) and @import in a stylesheet or style attribute."""
    return [(m.start(), next(g for g in m.groups() if g is not None)) for p in (CSS_URL, CSS_IMPORT)
            for m in p.finditer(text)]


def _style_attrs(text: str):
    """STYLE_ATTR's matches. Its case-blind pattern has no fixed first letter, so it was tried at every character
    (the slowest part of checking a built page): "style" is looked for in a lower-cased copy instead, and the
    pattern tried only there."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: offsets would differ, so scan the slow way
        yield from STYLE_ATTR.finditer(text)
        return
    at = low.find("style", 1)
    while at != -1:
        m = STYLE_ATTR.match(text, at - 1)
        if m:
            yield m
        at = low.find("style", m.end() if m else at + 1)  # as finditer: the next match starts after this one


def find(text: str, markdown: bool = False) -> list[tuple[int, str]]:
    """(line, address) of every asset in `text` that would come from another host."""
    found: list[tuple[int, int, str]] = []
    for tag in TAG.finditer(text):
        name = tag.group(1).lower()
        attrs = {a.group(1).lower(): _value(a.group(2)) for a in ATTR.finditer(tag.group(2))}
        for attr, value in attrs.items():
            fetches = attr in FETCHING_ATTRS or (
                attr == "href" and (name in ("image", "use") or
                                    (name == "link" and FETCHING_LINKS & set(attrs.get("rel", "").lower().split()))))
            found += [(tag.start(), 0, u) for u in (_urls(attr, value) if fetches else []) if _external(u)]
    for style in _style_attrs(text):
        value = html.unescape(next(g for g in style.groups() if g is not None))
        found += [(style.start(), 0, u) for _, u in _css(value) if _external(u)]
    for style in re.finditer(r"<style\b[^>]*>(.*?)</style>", text, re.S | re.I):
        found += [(style.start(1) + pos, 0, u) for pos, u in _css(style.group(1)) if _external(u)]
    if markdown:
        found += [(m.start(), 0, m.group(1)) for m in MD_IMAGE.finditer(text) if _external(m.group(1))]
        refs = {m.group(1).lower(): m.group(2) for m in MD_REF_DEF.finditer(text)}
        for m in MD_IMAGE_REF.finditer(text):
            url = refs.get(m.group(1).lower(), "")
            if _external(url):
                found.append((m.start(), 0, url))
    return sorted({(text.count("\n", 0, pos) + 1, url) for pos, _, url in found})


def check_files(paths: list[Path], name) -> list[str]:
    """One line per external asset in each file; `name(path)` is how the line names the file."""
    problems = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        markdown = path.suffix == ".md"
        problems += [f"{name(path)}:{line}: external asset {url}: {REASON}" for line, url in find(text, markdown)]
    return problems


def check_site(site: Path, label: str | None = None) -> list[str]:
    """Every built page and stylesheet: nothing comes from another host (templates and plugins included). Lines
    name files as label/path (default: the folder's own name)."""
    site = Path(site)
    label = label or site.name
    files = sorted(p for p in site.rglob("*") if p.suffix in (".html", ".css") and p.is_file())
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        hits = find(text) if path.suffix == ".html" else [(text.count("\n", 0, pos) + 1, u)
                                                          for pos, u in _css(text) if _external(u)]
        problems += [f"{label}/{path.relative_to(site).as_posix()}:{line}: external asset {url}: {REASON}"
                     for line, url in hits]
    return problems
