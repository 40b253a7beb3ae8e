# MkDocs hook for live preview only: on `mkdocs serve`, regenerate build/docs from content/ before each build.
# In: the content folder (SEN_CONTENT, default content). Out: changed Markdown in docs_dir. `mkdocs build` is untouched.
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.generate import generate  # noqa: E402
from scripts.load import ContentErrors  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sen")
_serving = False


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


def on_serve(server, config, builder):
    server.watch(os.environ.get("SEN_CONTENT", "content"))
    return server
