# Live preview (`make serve`): an editor saves a need's YAML and the page served by `mkdocs serve` shows the change.
# Runs the real server on the minimal content; checks behaviour only (how fast it is belongs to `make bench`).
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str | None:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return None


def _wait(check, timeout: float = 90.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    return None


def _serve(tmp_path, content: Path, *extra: str):
    """Start the preview as `make serve` runs it, from a folder with no build/ in it (a fresh clone has none):
    (process, log file, docs folder, base URL)."""
    docs = tmp_path / "docs"  # does not exist yet: the preview must make it
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "scripts.site.serve", "--content", str(content), "--docs",
                                 str(docs), "--addr", f"127.0.0.1:{port}", *extra], cwd=tmp_path,
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    return proc, log, docs, f"http://127.0.0.1:{port}/"


def _stop(proc) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(10)


@pytest.fixture
def preview(minimal, tmp_path):
    """The preview on a copy of the minimal content: (page URL, server log, docs)."""
    proc, log, docs, base = _serve(tmp_path, minimal)
    url = base + "needs/talking/"
    try:
        assert _wait(lambda: _page(url)), log.read_text()
        yield url, log, docs
    finally:
        _stop(proc)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_saving_a_need_updates_the_served_page_with_one_rebuild(preview, minimal):
    url, log, docs = preview
    assert "Now updated in preview" not in _page(url)
    _edit(minimal / "needs" / "talking.yml", "\nsummary: ", "\nsummary: Now updated in preview. ")
    assert _wait(lambda: "Now updated in preview" in (_page(url) or "")), log.read_text()
    assert "Now updated in preview" in (docs / "needs" / "talking.md").read_text(encoding="utf-8")
    time.sleep(2)  # a second rebuild, if the generated Markdown were watched too, would start within this
    builds = log.read_text().count("Building documentation")
    assert builds == 2, f"expected the first build and one rebuild, saw {builds}:\n{log.read_text()}"


def test_a_content_error_is_reported_and_the_preview_keeps_serving(preview, minimal):
    url, log, _ = preview
    _edit(minimal / "needs" / "talking.yml", "area: communication", "area: no-such-area")
    assert _wait(lambda: "talking.yml" in log.read_text() and "no-such-area" in log.read_text()), log.read_text()
    assert _page(url), "the last good page should still be served"


def test_the_preview_shows_the_authority_that_config_names(tmp_path):
    # `make serve CONFIG=...` must preview what `make site CONFIG=...` builds: that authority's name and footer
    example = ROOT / "examples" / "second-authority"
    proc, log, _, base = _serve(tmp_path, ROOT / "content", "--authority", str(example / "authority.yml"))
    try:
        home = _wait(lambda: _page(base))
        assert home, log.read_text()
        assert "- Lowmoor SEND Support Finder</title>" in home
        assert "Published by Lowmoor County Council" in home
    finally:
        _stop(proc)
