# Guards against hostile or mistaken extraction input: where staged output may go, how big a PDF may be, raw HTML.
# In: the --out and --content paths, a PDF path or opened PDF, extracted text. Out: an ExtractError (one line) or OK.
from __future__ import annotations

import html
import re
import time
from pathlib import Path

from .errors import ExtractError

MARKER = ".sen-staging"  # written into every staging folder this tool makes; only such folders are ever replaced
MARKER_TEXT = "Made by python -m scripts.extract. This whole folder is replaced by the next extraction.\n"
STAGING_SHAPE = {"extraction.yml", "report.txt", "needs", "strategies", "pages", MARKER}

MAX_FILE_BYTES = 100 * 1024 * 1024  # a PDF larger than this is refused before parsing
MAX_PAGES = 2000  # more pages than any SEND guidance
MAX_DECOMPRESSED = 512 * 1024 * 1024  # total bytes all content streams may inflate to
MAX_SECONDS = 600  # wall-clock limit for reading all pages


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out(out: Path, content: Path | None = None) -> None:
    """Refuse a staging folder that is or holds the content folder, holds .git, or is a non-empty folder this
    tool did not make. Called before anything is read or written, so a refusal changes nothing."""
    target = Path(out).resolve()
    if content is not None:
        root = Path(content).resolve()
        if target == root:
            raise ExtractError(f"--out {out}: is the content folder; staged output must go to its own folder, "
                               "e.g. --out build/staging")
        if _inside(root, target):
            raise ExtractError(f"--out {out}: holds the content folder {content}; use e.g. --out build/staging")
    if not target.exists():
        return
    if not target.is_dir():
        raise ExtractError(f"--out {out}: is a file, not a folder; give a new folder, e.g. --out build/staging")
    if (target / ".git").exists():
        raise ExtractError(f"--out {out}: holds a .git folder (a repository); give a new folder, "
                           "e.g. --out build/staging")
    entries = {p.name for p in target.iterdir()}
    if not entries or (target / MARKER).is_file():
        return
    if "extraction.yml" in entries and entries <= STAGING_SHAPE:  # a staging folder made before the marker existed
        return
    raise ExtractError(f"--out {out}: is not a staging folder this tool made (no {MARKER} file) and is not empty; "
                       "nothing was changed; give a new or empty folder, e.g. --out build/staging")


def mark(folder: Path) -> None:
    """Write the marker that lets a later extraction replace this folder."""
    (Path(folder) / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
