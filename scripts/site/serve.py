# Live preview (`make serve`): generate the pages, then serve them with MkDocs, regenerating on every content change.
# In: a content folder, an authority config and a docs folder. Out: a local server (default 127.0.0.1:8000) until stopped.
from __future__ import annotations

import argparse
import functools
import datetime as dt
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from scripts.site.build import content_options  # noqa: E402
from scripts.site.generate import generate  # noqa: E402
from scripts.content.load import ContentErrors  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
POLL_SECONDS = 0.2  # how often the preview looks for saved files (MkDocs' own default: 0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Preview the site, rebuilt whenever the content changes.")
    content_options(parser)
    parser.add_argument("--docs", default="build/docs", type=Path, help="generated Markdown (default: build/docs)")
    parser.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    try:  # first generation here, so a fresh clone (no docs folder yet) can preview and content errors stop early
        generate(args.content, args.docs, args.authority, edited_on=dt.date.today())
    except ContentErrors as exc:
        print("\n".join(exc.errors), file=sys.stderr)
        return 2
    # scripts/site/mkdocs_hooks.py reads these to regenerate before each rebuild and to brand the site like the build
    os.environ["SEN_CONTENT"] = str(args.content)
    os.environ["SEN_AUTHORITY"] = str(args.authority or "")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    import mkdocs.commands.serve
    from mkdocs.livereload import LiveReloadServer

    # MkDocs looks for changed files every 0.5 s, so a save waited 0.25 s on average before the rebuild began. Every
    # 0.2 s costs one pass over the watched folders' file times (a few milliseconds for this content).
    mkdocs.commands.serve.LiveReloadServer = functools.partial(LiveReloadServer, polling_interval=POLL_SECONDS)
    mkdocs.commands.serve.serve(config_file=str(ROOT / "mkdocs.yml"), build_type="dirty", docs_dir=str(args.docs.resolve()),
          dev_addr=args.addr, strict=False)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
