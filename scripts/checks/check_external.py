# External link check (opt-in: `make linkcheck-external`, never part of `make test`, as other sites come and go).
# In: a built site and an allow-list (YAML: url prefix + reason). Out: one line per external link that fails; exit 1.
from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
import yaml

from scripts.checks.check_links import pages
from scripts.checks.outcome import finish

ROOT = Path(__file__).resolve().parent.parent.parent
ALLOW = ROOT / "tests" / "external-links-allowed.yml"
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
HEADERS = {"User-Agent": "sen-support-guide-linkcheck/1.0"}


def load_allow(path: Path) -> list[dict]:
    """Allow-list entries: {url: prefix, reason: why links under it are not checked}. Each needs a reason."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    bad = [e for e in entries if not (isinstance(e, dict) and e.get("url") and str(e.get("reason", "")).strip())]
    if bad:
        raise ValueError(f"{path}: every entry needs a url and a reason: {bad}")
    return entries


def site_url(site: Path) -> str | None:
    """The address the site is published at (its home page's canonical link)."""
    home = site / "index.html"
    found = CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    return found.group(1) if found else None


def external_links(site: Path) -> dict[str, list[str]]:
    """Every http(s) link in the site -> the pages that have it."""
    out: dict[str, list[str]] = {}
    for page, info in pages(site).items():
        for href in info.links:
            if href.startswith(("http://", "https://")):
                out.setdefault(href.split("#")[0], []).append(page)
    return out


def fetch(url: str, timeout: float = 20) -> str | None:
    """None if the link works, else what went wrong. HEAD first; some servers only answer GET."""
    try:
        r = requests.head(url, allow_redirects=True, timeout=timeout, headers=HEADERS)
        if r.status_code in (403, 405, 501) or r.status_code >= 500:
            r = requests.get(url, allow_redirects=True, timeout=timeout, headers=HEADERS, stream=True)
            r.close()
    except requests.RequestException as exc:
        return type(exc).__name__
    return None if r.status_code < 400 else f"HTTP {r.status_code}"


def check(site: Path, allow: list[dict], workers: int = 8) -> tuple[list[str], int]:
    """(one line per broken link, how many links were fetched). Links to the site's own address are looked up in
    the built site instead of fetched; allow-listed ones are skipped."""
    own = site_url(site)
    problems, todo = [], []
    for url, where in sorted(external_links(site).items()):
        if any(url.startswith(e["url"]) for e in allow):
            continue
        if own and url.startswith(own):
            rel = url[len(own):].split("?")[0]
            if not (site / rel / "index.html").is_file() and not (site / rel).is_file():
                problems.append(f"{where[0]}: link {url!r}: no such page in this site")
            continue
        todo.append((url, where))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda item: fetch(item[0]), todo))
    for (url, where), error in zip(todo, results):
        if error:
            more = f" (and {len(where) - 1} more pages)" if len(where) > 1 else ""
            problems.append(f"{where[0]}{more}: link {url!r}: {error}")
    return problems, len(todo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the external links of a built site.")
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--allow", default=ALLOW, type=Path, help="allow-list (default: %(default)s)")
    args = parser.parse_args(argv)
    problems, fetched = check(args.site, load_allow(args.allow))
    return finish(problems, f"{args.site}: {fetched} external link(s) fetched, {len(problems)} problem(s)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
