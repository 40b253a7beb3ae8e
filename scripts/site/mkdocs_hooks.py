# MkDocs hook. Every build: fix each page's HTML (scripts/site/theme.py) and keep compiled theme templates in build/cache.
# Live preview: brand for SEN_AUTHORITY and regenerate from SEN_CONTENT before each rebuild. Out: docs_dir and pages.
from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import jinja2  # noqa: E402

from scripts.content import authority as la  # noqa: E402
from scripts import editions  # noqa: E402
from scripts.site import theme  # noqa: E402
from scripts.site.generate import load_site, outputs, write_tree  # noqa: E402
from scripts.content.load import ContentErrors  # noqa: E402
from scripts.text import CACHE  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sen")
_serving = False
_history = None  # the edition history, read once per preview session (not a `git log` per rebuild)


# Material's templates, compiled once and kept between builds: MkDocs makes a new Jinja environment for every build
# and live-preview rebuild, and compiling them again was about a third of a rebuild. Checked against their source.
_compiled = jinja2.FileSystemBytecodeCache(str(CACHE / "theme"))


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def _authority_file() -> Path:
    """The authority configuration `make serve CONFIG=...` passes, as `make site CONFIG=...` does to scripts.site.build."""
    return Path(os.environ.get("SEN_AUTHORITY") or Path(os.environ.get("SEN_CONTENT", "content")) / "authority.yml")


def on_config(config):
    if not _serving:  # scripts.site.build applies the authority itself, before MkDocs runs
        return config
    try:
        a = la.read(_authority_file())
    except ContentErrors as exc:
        for line in exc.errors:
            log.error(line)
        return config
    config["site_name"] = a.site_name  # the same name, footer and logo as the build (the address stays the server's)
    la.adjust_mkdocs(config, a)
    return config


def on_pre_build(config):
    if not _serving:
        return
    global _history
    content = os.environ.get("SEN_CONTENT", "content")
    try:
        c = load_site(content, os.environ.get("SEN_AUTHORITY") or None)
        if _history is None:  # edits made while previewing are shown as made today
            _history = editions.read(c, dt.date.today())
        write_tree(outputs(c, _history), Path(config["docs_dir"]))
    except ContentErrors as exc:
        for line in exc.errors:
            log.error(line)


def on_post_page(output, page, config):
    return theme.fix_page(output)  # what whole copies of Material's templates used to do (scripts/site/theme.py)


def on_post_template(output_content, template_name, config):
    return theme.fix_page(output_content)  # 404.html; theme.fix_page leaves _headers alone


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
    if os.environ.get("SEN_AUTHORITY"):  # an authority file kept outside the content folder
        server.watch(os.environ["SEN_AUTHORITY"])
    return server
