# Opening a PDF safely and reading all its pages, in parallel across cores, with a progress bar on a terminal.
# In: a file path (and password, profile settings). Out: one page dict per page (see pagedata), or an ExtractError.
from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any, Callable

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from .errors import ExtractError
from .pagedata import _lean_objects, page_data, read_page

SAMPLE_PAGES = 3  # pages read (uncropped) to pick a profile
MIN_PARALLEL_PAGES = 6  # below this, a process pool costs more than it saves


def check_file(path: Path) -> None:
    """Cheap checks before any parsing: exists, not empty, starts like a PDF, ends like one."""
    name = path.name
    if not path.exists():
        raise ExtractError(f"{path}: file not found; check the path")
    if not path.is_file():
        raise ExtractError(f"{path}: is a folder, not a PDF file; give the path of a .pdf file")
    size = path.stat().st_size
    if size == 0:
        raise ExtractError(f"{name}: the file is empty (0 bytes); download or copy the PDF again")
    with path.open("rb") as f:
        head = f.read(1024)
        f.seek(max(0, size - 2048))
        tail = f.read()
    if b"%PDF-" not in head:
        lower = head.lstrip().lower()
        what = ("an HTML page (perhaps a login or error page saved instead of the download)"
                if lower.startswith((b"<!doctype html", b"<html")) else
                "a ZIP or Office file (export it as PDF first)" if head.startswith(b"PK") else
                "not a PDF (it does not start with %PDF-)")
        raise ExtractError(f"{name}: the file is {what}; give the PDF of the guidance")
    if b"%%EOF" not in tail:
        raise ExtractError(f"{name}: the PDF is truncated (it has no end-of-file marker); download or copy it again")


def _damaged(name: str, exc: BaseException, where: str = "") -> ExtractError:
    detail = (str(exc).splitlines() or [""])[0][:120] or type(exc).__name__
    return ExtractError(f"{name}: the PDF is damaged{where} ({detail}); download it again, or repair it "
                        "(e.g. qpdf damaged.pdf repaired.pdf) and try again")


def open_pdf(path: Path, password: str | None = None):
    """pdfplumber.open with every failure turned into one clear ExtractError."""
    try:
        pdf = pdfplumber.open(path, password=password or "")
        count = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many kinds, often wrapped in PdfminerException
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, PDFPasswordIncorrect):
            if password:
                raise ExtractError(f"{path.name}: the password given is wrong; check it and try again") from None
            raise ExtractError(f"{path.name}: the PDF is password-protected; pass --password, or save an unprotected "
                               "copy (e.g. qpdf --decrypt --password=... in.pdf out.pdf) and try again") from None
        if isinstance(inner, PDFEncryptionError):
            raise ExtractError(f"{path.name}: the PDF uses an encryption this tool cannot read ({inner}); "
                               "save an unprotected copy and try again") from None
        raise _damaged(path.name, inner) from None
    if count == 0:
        pdf.close()
        raise ExtractError(f"{path.name}: the PDF has no pages; download or export it again")
    return pdf


class Sample:
    """The first pages, parsed once and kept open: checked for a text layer, read whole (only if a profile has to
    be detected), then read cropped with the chosen profile from the same parsed objects, with no second parse."""

    def __init__(self, path: Path, password: str | None, cid_map: dict[int, str], limit: int = SAMPLE_PAGES):
        self.path, self.cid_map = path, cid_map
        self.pdf = open_pdf(path, password)
        self.count = len(self.pdf.pages)
        self.parsed: list = []
        self._whole: list[dict] = []
        try:
            self.more(limit)
        except BaseException:
            self.close()
            raise

    def more(self, limit: int) -> None:
        for i in range(len(self.parsed), min(limit, self.count)):
            page = self.pdf.pages[i]
            try:
                _lean_objects(page)
            except Exception as exc:
                raise _damaged(self.path.name, exc, f" on page {i + 1}") from None
            self.parsed.append(page)
        if not any(page.objects["char"] for page in self.parsed):
            scanned = any(page.objects["image"] for page in self.parsed)
            first = "page 1 has" if len(self.parsed) == 1 else f"pages 1-{len(self.parsed)} have"
            raise ExtractError(f"{self.path.name}: {first} no text layer" + (" (it looks scanned)" if scanned else "")
                               + "; run OCR first (e.g. ocrmypdf in.pdf out.pdf) and try again")

    @property
    def pages(self) -> list[dict]:
        """The sampled pages read whole (no bands dropped), for detection."""
        for page in self.parsed[len(self._whole):]:
            try:
                self._whole.append(page_data(page, {"table_settings": {}, "cid_map": self.cid_map}))
            except Exception as exc:
                raise _damaged(self.path.name, exc, f" on page {page.page_number}") from None
        return self._whole

    def read(self, settings: dict) -> list[dict]:
        """The sampled pages read with a profile's settings; frees them."""
        out = []
        for page in self.parsed:
            try:
                out.append(page_data(page, settings))
            except Exception as exc:
                raise _damaged(self.path.name, exc, f" on page {page.page_number}") from None
            page.close()
        self.parsed = []
        return out

    def close(self) -> None:
        for page in self.parsed:
            page.close()
        self.pdf.close()


# ---------------------------------------------------------------- reading every page

_worker: dict[str, Any] = {}


def _init_worker(path: str, password: str | None) -> None:  # pragma: no cover - runs in worker processes
    _worker["pdf"] = pdfplumber.open(path, password=password or "")


def _worker_read(job: tuple[int, dict]) -> dict:  # pragma: no cover - runs in worker processes
    index, settings = job
    try:
        return read_page(_worker["pdf"], index, settings)
    except Exception as exc:
        return {"number": index + 1, "error": (str(exc).splitlines() or [""])[0][:120] or type(exc).__name__}


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def read_pages(path: Path, password: str | None, settings: dict, count: int, jobs: int,
               progress: Callable[[int], Any] | None = None, start: int = 0) -> list[dict]:
    """Read pages start..count-1 once each; in a pool of `jobs` processes when there are enough of them."""
    results: list[dict] = []
    if jobs > 1 and count - start >= MIN_PARALLEL_PAGES:
        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        chunk = max(1, min(8, (count - start) // (jobs * 6)))
        with ctx.Pool(min(jobs, count - start), initializer=_init_worker, initargs=(str(path), password)) as pool:
            try:
                for page in pool.imap(_worker_read, ((i, settings) for i in range(start, count)), chunksize=chunk):
                    if "error" in page:
                        raise _damaged(path.name, Exception(page["error"]), f" on page {page['number']}")
                    results.append(page)
                    if progress:
                        progress(1)
            except BaseException:
                pool.terminate()
                raise
        return results
    if start >= count:
        return results
    with open_pdf(path, password) as pdf:
        for i in range(start, count):
            try:
                results.append(read_page(pdf, i, settings))
            except Exception as exc:
                raise _damaged(path.name, exc, f" on page {i + 1}") from None
            if progress:
                progress(1)
    return results
