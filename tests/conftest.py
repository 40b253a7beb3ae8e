# Shared fixtures: the real content loaded once, a copy of the minimal content, and built sites.
from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from scripts.site.build import build
from scripts.content.load import load

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
BROKEN = ROOT / "tests" / "broken"
CONFIG = ROOT / "mkdocs.yml"


@pytest.fixture(scope="session")
def content():
    return load(CONTENT)


@pytest.fixture
def minimal(tmp_path) -> Path:
    """A writable copy of the minimal content, in a folder named `content`."""
    dest = tmp_path / "content"
    shutil.copytree(MINIMAL, dest)
    return dest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Under xdist (`make test`), a module's tests run on one worker, so its module-scoped fixtures (a corpus of
    PDFs, a built example site) are made once, not once per worker. Tests that carry their own group keep it (the
    parts of the site crawl, tests/crawl.py). Runs before xdist reads the groups."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real content built once into a temporary site folder, shared by all of the run's xdist workers (the first
    to ask builds it while the others wait; the site is only ever read)."""
    own = tmp_path_factory.getbasetemp()
    shared = own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own
    base = shared / "real-site"
    with open(shared / "real-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / "built").exists():
            shutil.rmtree(base, ignore_errors=True)
            assert build(CONTENT, base / "site", base / "docs", CONFIG) == 0
            (base / "built").touch()
    return base / "site"


@pytest.fixture(scope="session")
def site_url(site):
    """The real site served on loopback."""
    from scripts.browser import serve
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(site):
    """One headless chromium (Playwright) for the session; tests open their own pages."""
    from scripts.browser import browser_context
    with browser_context() as ctx:
        yield ctx
