# MkDocs hook for live preview only: on `mkdocs serve`, regenerate build/docs from content/ before each build.
# In: the content folder (SEN_CONTENT, default content). Out: changed Markdown in docs_dir. `mkdocs build` is untouched.
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jinja2  # noqa: E402

from scripts.generate import generate  # noqa: E402
from scripts.load import ContentErrors  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sen")
_serving = False


class _Compiled(jinja2.BytecodeCache):
    """Compiled theme templates kept between live-preview rebuilds (MkDocs makes a new Jinja environment for each
    one, and compiling Material's templates again was about a third of a rebuild). Keyed by template source."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


_compiled = _Compiled()


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_config(config):
    # SEN_DOCS lets `make serve` (and the benchmark) preview another content set without touching build/docs.
    if _serving and os.environ.get("SEN_DOCS"):
        config["docs_dir"] = str(Path(os.environ["SEN_DOCS"]).resolve())
    return config


def on_pre_build(config):
    if not _serving:
        return
    content = os.environ.get("SEN_CONTENT", "content")
    try:
        generate(content, config["docs_dir"])
    except ContentErrors as exc:
        for line in exc.errors:
            log.error(line)


def on_env(env, config, files):
    if _serving:
        env.bytecode_cache = _compiled
    return env


def on_serve(server, config, builder):
    # Watch the content and the page templates, not the generated Markdown: on_pre_build rewrites changed pages
    # there, and watching them too made every change build the site twice.
    server.unwatch(config["docs_dir"])
    server.watch(os.environ.get("SEN_CONTENT", "content"))
    server.watch(str(Path(__file__).resolve().parent / "templates"))
    return server
