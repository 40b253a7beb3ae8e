# MkDocs hook. Live preview: on `mkdocs serve`, regenerate the Markdown from content/ before each build. Every build:
# keep compiled theme templates in build/cache/theme. In: content (SEN_CONTENT). Out: changed Markdown in docs_dir.
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jinja2  # noqa: E402

from scripts.generate import CACHE, generate  # noqa: E402
from scripts.load import ContentErrors  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sen")
_serving = False


# Material's templates, compiled once and kept between builds: MkDocs makes a new Jinja environment for every build
# and live-preview rebuild, and compiling them again was about a third of a rebuild. Checked against their source.
_compiled = jinja2.FileSystemBytecodeCache(str(CACHE / "theme"))


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
    Path(_compiled.directory).mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = _compiled
    return env


def on_serve(server, config, builder):
    # Watch the content and the page templates, not the generated Markdown: on_pre_build rewrites changed pages
    # there, and watching them too made every change build the site twice.
    server.unwatch(config["docs_dir"])
    server.watch(os.environ.get("SEN_CONTENT", "content"))
    server.watch(str(Path(__file__).resolve().parent / "templates"))
    return server
