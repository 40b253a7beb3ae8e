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
    replace: dict[str, bytes] = {}  # site path -> the bytes served instead of the file
    cache_assets = False  # let the browser keep CSS, scripts and images (never pages) for an hour

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        body = self.replace.get(self.path.split("?", 1)[0].lstrip("/"))
        if body is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(self.path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        if self.cache_assets and not self.path.split("?", 1)[0].endswith(("/", ".html")):
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()


@contextlib.contextmanager
def serve(site: Path, replace: dict[str, bytes] | None = None, cache_assets: bool = False):
    """Serve `site` on an ephemeral loopback port; yields the base URL (ending in /). `replace` serves other bytes
    at some paths (e.g. a smaller search index); `cache_assets` sends the Cache-Control a static host would."""
    handler_class = type("Handler", (_Quiet,), {"replace": dict(replace or {}), "cache_assets": cache_assets})
    handler = functools.partial(handler_class, directory=str(site))
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
