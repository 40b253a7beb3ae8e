# Shared fixtures: the real content loaded once, a copy of the minimal content, and built sites.
from __future__ import annotations

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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real content built once into a temporary site folder."""
    base = tmp_path_factory.mktemp("real")
    assert build(CONTENT, base / "site", base / "docs", CONFIG) == 0
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
