# Bad input: every broken, protected, scanned or unrelated PDF gives one clear error line, exit status 2, no
# traceback, and leaves content/ and the staging folder exactly as they were. In: generated and real-world PDFs.
from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from tests import extract_fixtures as fx
from tests.conftest import ROOT

REAL = ROOT.parent / "shared" / "pdfs"  # real-world PDFs from pdfplumber's test corpus, beside the repository
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"the real-world PDFs are not in {REAL}")
UNRELATED = ["hello_structure.pdf", "issue-140-example.pdf", "la-precinct-bulletin-2014-p1.pdf",
             "nics-background-checks-2015-11.pdf", "senate-expenditures.pdf"]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A content folder and a staging folder from one good extraction, copied into each test."""
    root = tmp_path_factory.mktemp("base")
    fx.make_content(root / "content")
    fx.threshold(root / "good.pdf")
    code, _, err = fx.run(root / "good.pdf", "--out", root / "staging", "--content", root / "content")
    assert code == 0, err
    return root


@pytest.fixture
def work(base, tmp_path) -> Path:
    shutil.copytree(base / "content", tmp_path / "content")
    shutil.copytree(base / "staging", tmp_path / "staging")
    shutil.copy(base / "good.pdf", tmp_path / "good.pdf")
    return tmp_path


def fails(work: Path, pdf: Path | str, *phrases: str, extra: tuple = (), reported: bool = False) -> str:
    """Run on `pdf`; assert exit 2, one 'error:' line holding every phrase, no traceback, nothing written.
    `reported`: the PDF was read but gave nothing, so the whole report is printed and kept as failed-report.txt
    in the staging folder (and nothing else there changes)."""
    before = fx.tree(work / "content"), fx.tree(work / "staging")
    code, out, err = fx.run(pdf, "--out", work / "staging", "--content", work / "content", *extra)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, (code, err)
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for phrase in phrases:
        assert phrase in lines[-1], lines[-1]
    after = fx.tree(work / "staging")
    if reported:
        saved = (work / "staging" / "failed-report.txt").read_text(encoding="utf-8")
        assert out.startswith("Extraction report: ") and saved == out
        after.pop("failed-report.txt")
        before[1].pop("failed-report.txt", None)
    else:
        assert out == ""
    assert (fx.tree(work / "content"), after) == before
    return lines[-1]


def scanned_pdf(path: Path) -> None:
    """A page that is only a picture of text, as a scanner makes it."""
    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    for y in range(60, 700, 30):
        draw.rectangle((50, y, 500, y + 12), fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()


def letter_pdf(path: Path) -> None:
    """An ordinary letter: prose, no numbered headings, no tables."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    for i, line in enumerate(["Dear parent,", "Thank you for coming to the meeting last week about the school trip.",
                              "The coach leaves at nine and comes back at four in the afternoon.",
                              "Please send a packed lunch and a coat with your child on the day."]):
        c.drawString(72, 760 - 16 * i, line)
    c.save()


def test_empty_file(work):
    (work / "empty.pdf").write_bytes(b"")
    fails(work, work / "empty.pdf", "empty.pdf: the file is empty (0 bytes)", "download or copy the PDF again")


def test_not_a_pdf(work):
    (work / "notes.pdf").write_text("These are my notes, saved with the wrong name.\n")
    fails(work, work / "notes.pdf", "notes.pdf: the file is not a PDF", "give the PDF")


def test_html_saved_as_pdf(work):
    (work / "download.pdf").write_text("<!DOCTYPE html><html><body>Please log in</body></html>")
    fails(work, work / "download.pdf", "an HTML page")


def test_office_file_saved_as_pdf(work):
    (work / "guidance.pdf").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    fails(work, work / "guidance.pdf", "a ZIP or Office file (export it as PDF first)")


def test_truncated_pdf(work):
    data = (work / "good.pdf").read_bytes()
    (work / "cut.pdf").write_bytes(data[: len(data) // 2])
    fails(work, work / "cut.pdf", "cut.pdf: the PDF is truncated", "download or copy it again")


def test_malformed_pdf(work):
    data = (work / "good.pdf").read_bytes()
    (work / "broken.pdf").write_bytes(data[: len(data) // 2] + b"\n%%EOF\n")
    fails(work, work / "broken.pdf", "broken.pdf: the PDF is damaged", "repair it")
    (work / "junk.pdf").write_bytes(b"%PDF-1.4\n" + b"hello world\n" * 50 + b"%%EOF\n")
    fails(work, work / "junk.pdf", "junk.pdf: the PDF is damaged")


@needs_real
def test_password_protected_real_pdf(work):
    fails(work, REAL / "password-example.pdf", "password-example.pdf: the PDF is password-protected",
          "--password")
    fails(work, REAL / "password-example.pdf", "the password given is wrong", extra=("--password", "nope"))
    # With the right password it opens, and is then rejected for what it is: not SEN guidance.
    fails(work, REAL / "password-example.pdf", "matches no layout profile", extra=("--password", "test"))


def test_scanned_pdf_without_text_layer(work):
    scanned_pdf(work / "scan.pdf")
    fails(work, work / "scan.pdf", "scan.pdf: page 1 has no text layer (it looks scanned)", "run OCR first")


@needs_real
@pytest.mark.parametrize("name", UNRELATED)
def test_real_world_pdfs_match_no_profile(work, name):
    fails(work, REAL / name, f"{name}: matches no layout profile", "--profile NAME")


def test_letter_matches_no_profile(work):
    letter_pdf(work / "letter.pdf")
    line = fails(work, work / "letter.pdf", "matches no layout profile", "closest is")
    assert "missing" in line


def test_forced_profile_that_finds_nothing(work):
    fx.binder(work / "binder.pdf")
    fails(work, work / "binder.pdf", "no needs found with profile threshold-rows", extra=("--profile", "threshold-rows"),
          reported=True)
    fails(work, work / "good.pdf", "no chapters found with profile binder-chapter", extra=("--profile", "binder-chapter"),
          reported=True)


@needs_real
def test_forced_profile_on_real_table_pdf(work):
    fails(work, REAL / "nics-background-checks-2015-11.pdf", "no needs found with profile threshold-columns",
          extra=("--profile", "threshold-columns"), reported=True)


def test_missing_file_folder_and_unknown_profile(work):
    fails(work, work / "nothing-here.pdf", "file not found")
    fails(work, work, "is a folder, not a PDF file")
    fails(work, work / "good.pdf", "profile 'no-such-layout' not found", "threshold-rows",
          extra=("--profile", "no-such-layout"))


def test_bad_profile_file_on_the_command_line(work):
    """Every bad profile case is in tests/broken_profiles/ (test_extract_profiles.py); one through the CLI here."""
    (work / "odd.yml").write_text("kind: threshold\nlayout: diagonal\nsource: x\npage: {orientation: portrait}\n")
    fails(work, work / "good.pdf", "odd.yml:2: layout: input should be", "(got 'diagonal')",
          extra=("--profile", work / "odd.yml"))


def test_apply_without_staging(work):
    shutil.rmtree(work / "staging")
    before = fx.tree(work / "content")
    code, out, err = fx.run("--apply", "--out", work / "staging", "--content", work / "content")
    assert code == 2 and "no staged extraction there; run the extraction first" in err
    assert fx.tree(work / "content") == before and not (work / "staging").exists()


def test_no_pdf_and_no_apply_is_a_usage_error(work):
    code, _, err = fx.run("--out", work / "staging")
    assert code == 2 and "give a PDF file to extract" in err


def test_command_line_process_has_no_traceback(work):
    (work / "empty.pdf").write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "scripts.extract", str(work / "empty.pdf"), "--out",
                           str(work / "staging"), "--content", str(work / "content")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "error: empty.pdf: the file is empty (0 bytes); download or copy the PDF again"]
