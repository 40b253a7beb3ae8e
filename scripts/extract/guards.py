# Guards against hostile or mistaken extraction input: where staged output may go, how big a PDF may be, raw HTML.
# In: the --out and --content paths, a PDF path or opened PDF, extracted text. Out: an ExtractError (one line) or OK.
from __future__ import annotations

import contextlib
import re
import signal
import threading
import zlib
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


# ---------------------------------------------------------------- PDF limits


STREAM = re.compile(rb"stream\r?\n")
READ_CHUNK = 1 << 16


def _inflated_size(data: bytes, start: int, budget: int) -> int:
    """Bytes one Flate stream starting at `start` inflates to, counting no further than `budget` (never more memory
    than one chunk at a time). Streams that are not Flate, damaged, or that stop making progress (zlib can sit on a
    bad checksum with input left over) count what came out before they stopped."""
    inflater = zlib.decompressobj()
    total, pos, pending = 0, start, b""
    try:
        while total <= budget and not inflater.eof:
            if not pending:
                if pos >= len(data):
                    break
                pending, pos = data[pos:pos + READ_CHUNK], pos + READ_CHUNK
            piece = inflater.decompress(pending, READ_CHUNK)
            total += len(piece)
            tail = inflater.unconsumed_tail
            if not piece and len(tail) == len(pending):  # nothing out, nothing taken in: it will never move again
                break
            pending = tail
    except zlib.error:  # not Flate (or damaged): pdfminer reports what it makes of it
        pass
    return total


def check_pdf_file(path: Path) -> None:
    """Before parsing: the file size, then the total size all its Flate streams unpack to (a 2 MB file can hold
    gigabytes), each within its limit."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ExtractError(f"{path.name}: the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
                           "(MAX_FILE_BYTES in scripts/extract/guards.py); split the PDF or raise the limit")
    data = path.read_bytes()
    total = 0
    for match in STREAM.finditer(data):
        if data[match.start() - 3:match.start()] == b"end":  # "endstream"
            continue
        total += _inflated_size(data, match.end(), MAX_DECOMPRESSED - total)
        if total > MAX_DECOMPRESSED:
            raise ExtractError(f"{path.name}: the PDF's compressed streams unpack to more than "
                               f"{MAX_DECOMPRESSED >> 20} MB (the limit, MAX_DECOMPRESSED in scripts/extract/guards.py)"
                               "; this is not ordinary guidance: check where the file came from")


def check_page_count(name: str, count: int) -> None:
    if count > MAX_PAGES:
        raise ExtractError(f"{name}: the PDF has {count:,} pages; the limit is {MAX_PAGES:,} page"
                           f"{'s' if MAX_PAGES != 1 else ''} (MAX_PAGES in scripts/extract/guards.py); "
                           "split it into parts and extract each")


class _TimeUp(BaseException):
    pass


@contextlib.contextmanager
def time_limit(name: str):
    """Stop the extraction with one line once it has run for MAX_SECONDS (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover - signals need the main thread
        yield
        return
    seconds = MAX_SECONDS

    def expired(signum, frame):
        raise _TimeUp  # not an Exception, so no "except Exception" on the way (pdfminer's, ours) swallows it

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp:
        raise ExtractError(f"{name}: reading took longer than {seconds:g} seconds (the limit, MAX_SECONDS in "
                           "scripts/extract/guards.py); the PDF may be damaged or built to be slow") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------- text from a PDF


ENTITY = re.compile(r"&(?=#?\w+;)")
MD_LINK = re.compile(r"\]\(")


def html_as_text(markdown: str) -> str:
    """Markdown made from a PDF's text, with any HTML or link syntax that was in the text shown as text: '<' and
    entity-like '&' escaped, and '](' (a Markdown link or image the PDF happened to contain) broken."""
    return MD_LINK.sub(r"]\\(", ENTITY.sub("&amp;", markdown).replace("<", "&lt;"))
