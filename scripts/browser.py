# Browser driver for the tests and the benchmark: serve a built site on loopback and drive Debian's chromium with Playwright.
# In: a site folder. Out: a base URL and a Playwright browser context (no browser is ever downloaded).
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve(site: Path):
    """Serve `site` on an ephemeral loopback port; yields the base URL (ending in /)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


_PLAYWRIGHT = None


def _playwright():
    """One Playwright driver per process: the sync API cannot be started twice in one thread, so every
    test (and the session fixture) shares it; it stops when the process exits."""
    global _PLAYWRIGHT
    if _PLAYWRIGHT is None:
        import atexit

        from playwright.sync_api import sync_playwright

        _PLAYWRIGHT = sync_playwright().start()
        atexit.register(_PLAYWRIGHT.stop)
    return _PLAYWRIGHT


@contextlib.contextmanager
def browser_context(extra_args: tuple[str, ...] = (), **options):
    """A fresh headless chromium profile driven by Playwright (extra_args: more chromium flags)."""
    with tempfile.TemporaryDirectory() as profile:
        ctx = _playwright().chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                                args=FLAGS + list(extra_args), **options)
        try:
            yield ctx
        finally:
            ctx.close()
