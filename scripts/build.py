# The whole build: validate content, generate Markdown, run a strict MkDocs build, then swap the new site in.
# In: a content folder and mkdocs.yml. Out: site/ replaced only if every step succeeded; exit 0, 1 (build) or 2 (content).
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

from . import addresses  # noqa: E402
from . import authority as la  # noqa: E402
from . import offline as off  # noqa: E402
from .generate import load_site, outputs, write_tree  # noqa: E402
from .text import long_date  # noqa: E402
from . import editions  # noqa: E402
from .load import ContentErrors  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors so a failed build can say why, one line each."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"mkdocs: {record.levelname.lower()}: {record.getMessage().splitlines()[0]}")


def mkdocs_site(config_file: Path, docs_dir: Path, site_dir: Path, authority=None, adjust=None) -> None:
    """Run a strict MkDocs build of docs_dir into site_dir (raises MkDocsException on any warning). `authority`
    (an Authority) sets the site name, address, footer and logo on top of mkdocs.yml; `adjust(cfg)` may change more."""
    options = la.mkdocs_options(authority) if authority else {}
    cfg = load_config(config_file=str(config_file), strict=True, docs_dir=str(docs_dir), site_dir=str(site_dir),
                      **options)
    if authority:
        la.adjust_mkdocs(cfg, authority)
    if adjust:
        adjust(cfg)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()


def swap_in(new: Path, site: Path) -> None:
    """Replace site with new, keeping the old one until the new one is in place."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def build(content: Path, site: Path, docs: Path, config_file: Path, authority: Path | None = None,
          offline: bool = False, edited_on: dt.date | None = None) -> int:
    """`authority`: an authority config file instead of the content's authority.yml. `offline`: also build the
    offline copy (a second MkDocs build, in build/offline) and put its zip in the site. `edited_on`: the date shown
    for content files with uncommitted edits (None: no date)."""
    offline_docs = docs.with_name(docs.name + "-offline")
    try:
        c = load_site(content, authority)
        history = editions.read(c, edited_on)  # once, for both copies: pages are a function of content and history
        if history.uncommitted:
            when = f"shown as changed on {long_date(edited_on)}" if edited_on else "shown with no date"
            print(f"note: {len(history.uncommitted)} content file(s) have uncommitted edits, {when} (--edited-on)")
        write_tree(outputs(c, history, download=offline), docs)
        if offline:
            write_tree(off.docs(c, history), offline_docs)
    except ContentErrors as exc:
        print("\n".join(exc.errors), file=sys.stderr)
        print(f"build stopped: {site} is unchanged", file=sys.stderr)
        return 2
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=site.name + ".new-", dir=site.parent))
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    logger.propagate = False
    try:
        mkdocs_site(config_file, docs, staging, c.authority)
        if offline:
            off.build(config_file, offline_docs, docs.parent / "offline", staging / la.download_path(c.authority),
                      c.authority, mkdocs_site)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        for line in collect.lines or [f"mkdocs: error: {exc}"]:
            print(line, file=sys.stderr)
        print(f"build stopped: {site} is unchanged", file=sys.stderr)
        return 1
    finally:
        logger.removeHandler(collect)
        logger.propagate = True
    problems = addresses.apply(staging, content)  # redirect pages; no published address lost (scripts/addresses.py)
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        print("\n".join(problems) + f"\nbuild stopped: {site} is unchanged", file=sys.stderr)
        return 1
    swap_in(staging, site)
    print(f"built {site} from {content}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate content, generate pages and build the site.")
    parser.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--site", default="site", type=Path, help="output folder (default: site)")
    parser.add_argument("--docs", default="build/docs", type=Path, help="generated Markdown (default: build/docs)")
    parser.add_argument("--config", default=ROOT / "mkdocs.yml", type=Path, help="MkDocs configuration")
    parser.add_argument("--authority", type=Path, help="the local authority's configuration (default: authority.yml "
                        "in the content folder)")
    parser.add_argument("--offline", action="store_true", help="also build the offline copy and its zip")
    parser.add_argument("--edited-on", type=dt.date.fromisoformat, default=dt.date.today(), metavar="YYYY-MM-DD",
                        help="the 'last changed' date for content files with uncommitted edits (default: today)")
    args = parser.parse_args(argv)
    return build(args.content, args.site, args.docs.resolve(), args.config, args.authority, args.offline,
                 args.edited_on)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
