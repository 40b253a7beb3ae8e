# The whole build: validate content, generate Markdown, run a strict MkDocs build, then swap the new site in.
# In: a content folder and mkdocs.yml. Out: site/ replaced only if every step succeeded; exit 0, 1 (build) or 2 (content).
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import hashlib
import html
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

from scripts.checks import addresses  # noqa: E402
from scripts.content import authority as la  # noqa: E402
from scripts.site import offline as off  # noqa: E402
from scripts import editions  # noqa: E402
from scripts.checks import offsite  # noqa: E402
from scripts import memory  # noqa: E402
from scripts.site.generate import load_site, outputs, write_tree  # noqa: E402
from scripts.text import long_date  # noqa: E402
from scripts.content.load import ContentErrors  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
LOCKS = Path(tempfile.gettempdir()) / "sen-guide-build-locks"  # one lock file per site or docs folder being built


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
    if "site_name" in options:  # Material prints the site name as HTML (<title>, header): it goes in as text
        options["site_name"] = html.escape(options["site_name"], quote=False).replace('"', "&quot;")
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


class Stopped(BaseException):
    """SIGTERM or SIGINT arrived: unwinds the build (removing its unfinished folder) like KeyboardInterrupt."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum, frame):
    raise Stopped(signum)


def swap_in(new: Path, site: Path) -> None:
    """Replace site with new, keeping the old one until the new one is in place. Signals wait until it is done, so
    a stopped build never leaves site/ missing or a .old folder behind."""
    old = site.with_name(site.name + ".old")
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        if old.exists():
            shutil.rmtree(old)
        if site.exists():
            site.rename(old)
        new.rename(site)
        if old.exists():
            shutil.rmtree(old)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


@contextlib.contextmanager
def docs_for(site: Path, docs: Path | None):
    """The working Markdown folder of a build into `site`: the one given, build/docs for the default site/, else a
    fresh folder removed afterwards, so editions built at the same time never share generated pages. Yields (folder,
    whether another build may use it too, so it needs a lock)."""
    if docs or site == ROOT / "site":
        yield (Path(docs).resolve() if docs else ROOT / "build" / "docs"), True
        return
    (ROOT / "build").mkdir(exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"docs-{site.name}-", dir=ROOT / "build"))
    try:
        yield fresh, False
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(fresh.with_name(fresh.name + "-offline"), ignore_errors=True)
        shutil.rmtree(fresh.with_name(fresh.name + "-offline-site"), ignore_errors=True)


@contextlib.contextmanager
def locked(*folders: Path):
    """Hold an exclusive lock on each folder for the whole build: a second build into the same site or docs folder
    waits, saying so in one line, instead of swapping folders under the first. The lock files are kept in LOCKS
    (named by a hash of the folder's path), so nothing is added beside the site."""
    LOCKS.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        for folder in sorted(set(folders)):  # one order for every build, so two never wait for each other
            name = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:20]
            lock = stack.enter_context((LOCKS / f"{name}.lock").open("a"))
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"waiting for another build into {folder} to finish", file=sys.stderr, flush=True)
                fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _stopped(problems: list[str], site: Path, code: int) -> int:
    print("\n".join(problems + [f"build stopped: {site} is unchanged"]), file=sys.stderr)
    return code


def build(content: Path, site: Path, docs: Path | None, config_file: Path, authority: Path | None = None,
          offline: bool = False, manifest: bool = False, edited_on: dt.date | None = None) -> int:
    """`docs`: the generated Markdown (None: see docs_for). `authority`: an authority config file instead of the
    content's authority.yml. `offline`: also build the offline copy (a second MkDocs build) and put its zip in the
    site. `manifest`: `make manifest`: a missing published-urls.txt is allowed, and the new site's addresses are
    added to it. `edited_on`: the date shown for content files with uncommitted edits (None: no date)."""
    site = Path(site).resolve()
    with docs_for(site, docs) as (docs, shared), locked(site, *([docs] if shared else [])):
        return _build(Path(content), site, docs, config_file, authority, offline, manifest, edited_on)


def _build(content: Path, site: Path, docs: Path, config_file: Path, authority: Path | None, offline: bool,
           manifest: bool, edited_on: dt.date | None = None) -> int:
    offline_docs = docs.with_name(docs.name + "-offline")
    problems = addresses.preflight(content, manifest_required=not manifest)
    if problems:
        return _stopped(problems, site, 2)
    try:
        with memory.collector_paused():
            c = load_site(content, authority)
            history = editions.read(c, edited_on)  # once, for both copies: pages are a function of content and history
            if history.uncommitted:
                when = f"shown as changed on {long_date(edited_on)}" if edited_on else "shown with no date"
                print(f"note: {len(history.uncommitted)} content file(s) have uncommitted edits, {when} (--edited-on)")
            write_tree(outputs(c, history, download=offline), docs)
            if offline:
                write_tree(off.docs(c, history), offline_docs)
        memory.keep_for_the_rest()  # the content stays alive to the end: MkDocs' collector passes skip it
    except ContentErrors as exc:
        return _stopped(exc.errors, site, 2)
    except OSError as exc:  # a full disk or a read-only folder where the Markdown goes
        return _stopped([f"cannot write {exc.filename or docs}: {exc.strerror or exc}"], site, 2)
    pages = sorted(c.root / "pages" / f"{pid}.md" for pid in c.pages)
    problems = offsite.check_files(pages, lambda p: f"{c.root.name}/{p.relative_to(c.root).as_posix()}")
    if problems:
        return _stopped(problems, site, 2)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=site.name + ".new-", dir=site.parent))
    try:
        return _finish(c, content, site, docs, offline_docs, staging, config_file, offline, manifest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when swapped in; else never left behind


def _finish(c, content: Path, site: Path, docs: Path, offline_docs: Path, staging: Path, config_file: Path,
            offline: bool, manifest: bool) -> int:
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    logger.propagate = False
    try:
        mkdocs_site(config_file, docs, staging, c.authority)
        if offline:
            off.build(config_file, offline_docs, docs.with_name(docs.name + "-offline-site"),
                      staging / la.download_path(c.authority), c.authority, mkdocs_site)
    except (MkDocsException, OSError) as exc:
        return _stopped(collect.lines or [f"mkdocs: error: {exc}"], site, 1)
    finally:
        logger.removeHandler(collect)
        logger.propagate = True
    # nothing from another host in any built page (templates and plugins included); then redirect pages, and no
    # published address lost (scripts/checks/addresses.py)
    problems = (offsite.check_site(staging, site.name) or
                addresses.apply(staging, content, manifest_required=not manifest))
    if problems:
        return _stopped(problems, site, 1)
    swap_in(staging, site)
    print(f"built {site} from {content}")
    if manifest:
        added = addresses.refresh(content, addresses.published(site))
        print(f"{content / addresses.MANIFEST}: {len(added)} new address(es) added, "
              f"{len(addresses.read_manifest(content))} in all")
    return 0


def content_options(parser: argparse.ArgumentParser) -> None:
    """The options the build and the live preview share: which content, and which authority's configuration."""
    parser.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--authority", type=Path, help="the local authority's configuration (default: authority.yml "
                        "in the content folder), as `make site CONFIG=...` takes it")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate content, generate pages and build the site.")
    content_options(parser)
    parser.add_argument("--site", default="site", type=Path, help="output folder (default: site)")
    parser.add_argument("--docs", type=Path, help="generated Markdown (default: build/docs for site/, else a folder "
                        "of its own per site folder, so editions can be built at the same time)")
    parser.add_argument("--config", default=ROOT / "mkdocs.yml", type=Path, help="MkDocs configuration")
    parser.add_argument("--offline", action="store_true", help="also build the offline copy and its zip")
    parser.add_argument("--manifest", action="store_true", help="add the built site's addresses to the content's "
                        "published-urls.txt, creating it if missing (make manifest)")
    parser.add_argument("--edited-on", type=dt.date.fromisoformat, default=dt.date.today(), metavar="YYYY-MM-DD",
                        help="the 'last changed' date for content files with uncommitted edits (default: today)")
    args = parser.parse_args(argv)
    previous = {s: signal.signal(s, _stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        return build(args.content, args.site, args.docs, args.config, args.authority, args.offline, args.manifest,
                     args.edited_on)
    except Stopped as exc:
        print(f"build stopped by {signal.Signals(exc.signum).name}: {args.site.resolve()} is unchanged",
              file=sys.stderr)
        return 128 + exc.signum
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
