# Hostile extraction input: --out pointed at content/, a repository or any folder the extractor did not make is
# refused with one line (nothing deleted). In: a good generated PDF and folders to aim --out at. Out: assertions.
from __future__ import annotations

import os
import shutil
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from scripts.extract import guards, pagedata, reader
from tests import extract_fixtures as fx


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("guards")
    fx.make_content(root / "content")
    fx.threshold(root / "good.pdf")
    return root


@pytest.fixture
def work(base, tmp_path) -> Path:
    shutil.copytree(base / "content", tmp_path / "content")
    shutil.copy(base / "good.pdf", tmp_path / "good.pdf")
    return tmp_path


def refused(work: Path, out: Path | str, phrase: str, cwd: Path | None = None) -> None:
    """Extract into `out`: exit 2, one error line holding `phrase`, and `out` and content/ left exactly as they were."""
    target = Path(cwd or work) / out
    before = fx.tree(target), fx.tree(work / "content"), sorted(os.listdir(target)) if target.is_dir() else None
    here = os.getcwd()
    os.chdir(cwd or work)
    try:
        code, out_text, err = fx.run(work / "good.pdf", "--out", out, "--content", work / "content")
    finally:
        os.chdir(here)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, (code, err)
    assert len(lines) == 1 and lines[0].startswith("error: ") and phrase in lines[0], err
    assert "Traceback" not in err
    after = fx.tree(target), fx.tree(work / "content"), sorted(os.listdir(target)) if target.is_dir() else None
    assert after == before
    assert "Staged in" not in out_text


def test_out_content_folder_is_refused(work):
    refused(work, work / "content", "is the content folder")


def test_out_inside_content_folder_is_refused(work):
    refused(work, work / "content" / "needs", "not a staging folder this tool made")


def test_out_git_repository_is_refused(work):
    repo = work / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "notes.txt").write_text("mine\n")
    refused(work, repo, "holds a .git folder")


def test_out_dot_in_a_repository_gives_one_line(work):
    repo = work / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    refused(work, ".", "holds a .git folder", cwd=repo)


def test_out_non_empty_folder_without_marker_is_refused(work):
    mine = work / "photos"
    mine.mkdir()
    (mine / "holiday.jpg").write_bytes(b"\xff\xd8 not really")
    refused(work, mine, "not a staging folder this tool made")


def test_out_folder_above_the_content_is_refused(work):
    refused(work, work, "holds the content folder")


def test_staging_folder_it_made_is_replaced_and_empty_folder_is_used(work):
    empty = work / "fresh"
    empty.mkdir()
    code, out, err = fx.run(work / "good.pdf", "--out", empty, "--content", work / "content")
    assert code == 0, err
    assert (empty / "needs").is_dir() and "Staged in" in out
    # a second extraction into the folder it made replaces it
    code, out, err = fx.run(work / "good.pdf", "--out", empty, "--content", work / "content")
    assert code == 0, err
    assert (empty / "extraction.yml").is_file()


# ---------------------------------------------------------------- PDF limits and raw HTML


def fails_with(work: Path, pdf: Path, phrase: str, *extra: str) -> str:
    code, out, err = fx.run(pdf, "--out", work / "staging", "--content", work / "content", *extra)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2 and len(lines) == 1 and phrase in lines[0] and "Traceback" not in err, (code, err)
    assert not (work / "staging").exists()
    return lines[0]


def test_a_pdf_over_the_size_limit_is_refused(work, monkeypatch):
    monkeypatch.setattr(guards, "MAX_FILE_BYTES", 1000)
    size = (work / "good.pdf").stat().st_size
    line = fails_with(work, work / "good.pdf", f"good.pdf: the file is {size:,} bytes; the limit is 1,000 bytes")
    assert "MAX_FILE_BYTES" in line


def test_a_pdf_with_too_many_pages_is_refused(work, monkeypatch):
    monkeypatch.setattr(guards, "MAX_PAGES", 1)
    fails_with(work, work / "good.pdf", "good.pdf: the PDF has 4 pages; the limit is 1 page")


def bomb_pdf(path: Path, megabytes: int) -> None:
    """A small file whose one content stream inflates to `megabytes` MB of spaces."""
    stream = zlib.compress(b" " * (megabytes << 20), 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))


def test_a_decompression_bomb_is_refused_before_parsing(work, monkeypatch):
    monkeypatch.setattr(guards, "MAX_DECOMPRESSED", 8 << 20)
    bomb_pdf(work / "bomb.pdf", 64)
    assert (work / "bomb.pdf").stat().st_size < 200_000
    start = time.monotonic()
    fails_with(work, work / "bomb.pdf", "bomb.pdf: the PDF's compressed streams unpack to more than 8 MB")
    assert time.monotonic() - start < 5


def test_a_stream_larger_than_one_chunk_with_more_file_after_it_is_measured_exactly():
    """The ordinary case that once hung extraction for 10 minutes (a 90 KB table PDF from pdfplumber's corpus): a
    stream inflating past one read chunk, ending before the file does. Its size is counted exactly, and the file
    passes the check."""
    text = b"".join(b"row %d of a table, with words\n" % i for i in range(20_000))
    assert len(text) > 4 * guards.READ_CHUNK
    data = b"%PDF-1.3\n4 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + zlib.compress(text) + \
        b"\nendstream\nendobj\n" + b"%% padding after the stream\n" * 8000
    start = data.index(b"stream\n") + len(b"stream\n")
    assert guards._inflated_size(data, start, guards.MAX_DECOMPRESSED) == len(text)


def test_reading_that_runs_too_long_is_stopped(work, monkeypatch):
    monkeypatch.setattr(guards, "MAX_SECONDS", 0.5)
    real = pagedata.read_page

    def slow(pdf, index, settings):
        time.sleep(0.4)
        return real(pdf, index, settings)

    monkeypatch.setattr(reader, "read_page", slow)
    monkeypatch.setattr(reader, "SAMPLE_PAGES", 1)
    fails_with(work, work / "good.pdf", "good.pdf: reading took longer than 0.5 seconds (the limit, MAX_SECONDS",
               "--jobs", "1")


def test_raw_html_and_markdown_links_from_a_pdf_become_text(work):
    chapters = fx.chapters()
    chapters[0][1]["body"] = ("Read this <script>alert(1)</script> and <img src=x onerror=alert(2)> now.\n\n"
                              "Also [click](javascript:alert(3)) and ![p](http://127.0.0.1:9/x.png) here.\n")
    fx.binder(work / "binder.pdf", data=chapters)
    code, out, err = fx.run(work / "binder.pdf", "--out", work / "staging", "--content", work / "content")
    assert code == 0, err
    # the body is Markdown, printed as it is: its HTML must be text. (Front matter fields are plain text that the
    # page templates escape, tested in tests/test_hostile_strings.py.)
    text = "".join(p.read_text().split("---\n", 2)[2] for p in (work / "staging" / "pages").glob("*.md"))
    assert "<script" not in text and "<img" not in text and "](javascript:" not in text and "![p](" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text or "&lt;script>alert(1)&lt;/script>" in text
