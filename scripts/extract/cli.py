# The command line: PDF -> profile -> pages -> records -> items -> staging folder, diff and report; --apply merges.
# In: command-line arguments. Out: staged files, the diff and report on stdout, one error line and exit 2 on bad input.
from __future__ import annotations

import argparse
import logging
import re
import sys
from collections import Counter
from pathlib import Path

from . import binder, guards, threshold
from .build import add_content_labels, build
from .errors import ExtractError
from .profiles import Profile, all_profiles, detect, load_profile, shipped
from .reader import SAMPLE_PAGES, Sample, check_file, default_jobs, read_pages
from .report import Report
from .staging import ContentIndex, apply, diff_text, make_plan, read_staging, sha256, write_staging

MAX_SAMPLE = 8  # pages read to detect a profile when the first few are not enough
UNMAPPED_LIMIT = 0.3  # more unmapped (cid:NNN) glyphs than this share of characters: the text layer is unusable


def parser() -> argparse.ArgumentParser:
    names = ", ".join(p.stem for p in shipped())
    ap = argparse.ArgumentParser(
        prog="python -m scripts.extract",
        description="Extract threshold tables and binder chapters from a PDF into staged YAML and Markdown, show "
                    "a diff against content/, and (with --apply) merge them into content/ without overwriting "
                    "fields a person has edited.",
        epilog="Exit status: 0 done; 1 applied with conflicts (listed); 2 bad input or nothing found (one line). "
               f"Profiles: {names}.")
    ap.add_argument("pdf", nargs="?", type=Path, help="the PDF to extract (omit with --apply to apply the staged "
                                                      "extraction as it is)")
    ap.add_argument("--profile", help="layout profile name or .yml path (default: detect, and say which)")
    ap.add_argument("--out", type=Path, default=Path("build/staging"), help="staging folder (default build/staging)")
    ap.add_argument("--content", type=Path, default=Path("content"), help="content folder (default content)")
    ap.add_argument("--apply", action="store_true", help="merge the staged items into the content folder")
    ap.add_argument("--diff", action="store_true", help="with no PDF: show the diff of the staged extraction "
                                                        "against the content folder again, and stop")
    ap.add_argument("--source", help="source id from sources.yml (default: the profile's)")
    ap.add_argument("--edition", help="edition of the document (default: read from the running header)")
    ap.add_argument("--password", help="password of a protected PDF")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: all cores)")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar (it shows only on a terminal)")
    ap.add_argument("--list-profiles", action="store_true", help="list the layout profiles and exit")
    return ap


def choose_profile(sampled: Sample, name: str | None) -> tuple[Profile, str]:
    """(profile, how it was chosen); detection looks at the first pages read whole."""
    if name:
        return load_profile(name), "given with --profile"
    candidates = all_profiles()
    found, why = detect(sampled.pages, candidates)
    if found is None and sampled.count > SAMPLE_PAGES:
        sampled.more(MAX_SAMPLE)
        found, why = detect(sampled.pages, candidates)
    if found is None:
        raise ExtractError(f"{sampled.path.name}: matches no layout profile ({why}); pass --profile NAME to force "
                           f"one ({', '.join(p.name for p in candidates)}) or add a profile to scripts/profiles/")
    return found, why


def _edition(pages: list[dict], profile: Profile) -> str | None:
    for page in pages:
        for text in (page.get("header", ""), page.get("footer", "")):
            m = re.search(profile.edition, text)
            if m and m.group(1).strip():
                return m.group(1).strip()
    return None


def extract(args: argparse.Namespace) -> tuple[dict, Report, dict, ContentIndex]:
    path: Path = args.pdf
    check_file(path)
    guards.check_pdf_file(path)
    profiles = [load_profile(args.profile)] if args.profile else all_profiles()
    sampled = Sample(path, args.password, {k: v for p in profiles for k, v in p.cid_map.items()})
    try:
        profile, how = choose_profile(sampled, args.profile)
        first = sampled.read(profile.settings())
    finally:
        sampled.close()
    count = sampled.count
    guards.check_page_count(path.name, count)
    bar = None
    if not args.no_progress and sys.stderr.isatty():  # pragma: no cover - needs a terminal
        from tqdm import tqdm
        bar = tqdm(total=count, initial=len(first), unit="page", desc="Reading", file=sys.stderr, leave=False)
    try:
        pages = first + read_pages(path, args.password, profile.settings(), count, args.jobs,
                                   bar.update if bar else None, start=len(first))
    finally:
        if bar:  # pragma: no cover
            bar.close()
    source = args.source or profile.source
    report = Report(pdf=path.name, profile=profile.name, how=how, source=source, pages=len(pages))
    report.edition = args.edition or _edition(pages, profile)
    printed = sum(threshold.printed_number(p, profile) is not None for p in pages)
    report.numbering = ("as printed on the pages" if printed == len(pages) else
                        f"as printed on {printed} pages, physical on the rest" if printed else
                        "physical (no printed numbers found)")
    cids: Counter = Counter()
    for p in pages:
        for code, n in p["cids"].items():
            cids[code] += n
            report.skip(threshold.page_label(p, profile), f"glyph (cid:{code}) has no mapping; dropped ({n}x)")
    chars = sum(p["chars"] for p in pages)
    if chars and sum(cids.values()) > UNMAPPED_LIMIT * chars:
        raise ExtractError(f"{path.name}: most of the text uses glyphs with no Unicode map ((cid:NNN) codes), so it "
                           "cannot be read; re-export the PDF with embedded Unicode fonts, or OCR it")
    content = ContentIndex(args.content)
    add_content_labels(profile, content)
    if source not in content.source_ids():
        report.notes.append(f"source {source!r} is not in {args.content}/sources.yml; add it before applying")
    if profile.kind == "threshold":
        records = threshold.assemble(pages, profile, report)
    else:
        records = binder.assemble(pages, profile, report)
    items = build(records, profile, report, content, source, report.edition)
    if not items:
        what = "needs" if profile.kind == "threshold" else "chapters"
        first = f"; first problem: page {report.skipped[0][0]}: {report.skipped[0][1]}" if report.skipped else ""
        raise ExtractError(f"{path.name}: no {what} found with profile {profile.name} in {len(pages)} pages "
                           f"({report.tables} tables){first}; check the profile (--profile) or the PDF")
    print(f"{path.name}: used profile {profile.name} ({how})", file=sys.stderr)
    manifest = {"pdf": str(path), "sha256": sha256(path), "profile": profile.name, "source": source,
                "edition": report.edition, "pages": len(pages),
                "items": {k: sorted(i for kk, i in items if kk == k) for k in sorted({k for k, _ in items})}}
    return items, report, manifest, content


def _apply(plan, content: ContentIndex, manifest: dict) -> int:
    done, conflicts = apply(plan, content, manifest)
    print(f"Applied to {content.root}: {len(done)} files written or removed, {len(conflicts)} conflicts")
    for line in done:
        print(f"  {line}")
    for line in conflicts:
        print(f"  conflict: {line}")
    if conflicts:
        print("Resolve each conflict by hand (the extracted value is in the staging folder), then apply again.")
    return 1 if conflicts else 0


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        if args.list_profiles:
            for p in all_profiles():
                print(f"{p.name}: {p.description} ({p.path})")
            return 0
        if args.pdf is None:
            if not (args.apply or args.diff):
                ap.error("give a PDF file to extract, or --apply (or --diff) for the staged extraction")
            manifest, items = read_staging(args.out)
            content = ContentIndex(args.content)
            plan = make_plan(items, content, manifest["source"])
            print(diff_text(plan, args.content, args.out))
            return _apply(plan, content, manifest) if args.apply else 0
        guards.check_out(args.out, args.content)
        with guards.time_limit(args.pdf.name):
            items, report, manifest, content = extract(args)
        write_staging(args.out, items, manifest, report.text(limit=10_000))
        plan = make_plan(items, content, manifest["source"])
        print(diff_text(plan, args.content, args.out))
        print(report.text())
        if args.apply:
            return _apply(plan, content, manifest)
        print(f"Staged in {args.out}. Review it, then apply with: python -m scripts.extract --apply")
        return 0
    except ExtractError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        print("error: interrupted; nothing was applied", file=sys.stderr)
        return 130
