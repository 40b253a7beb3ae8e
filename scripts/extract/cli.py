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
from .framework_ids import ids
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
    ap.add_argument("pdf", nargs="*", type=Path, help="the PDF(s) to extract; several PDFs of one edition (one per "
                                                      "phase, a binder) make one staging folder and one diff (omit "
                                                      "with --apply to apply the staged extraction as it is)")
    ap.add_argument("--profile", action="append", help="layout profile name or .yml path (default: detect, and say "
                                                       "which); once for every PDF, or once per PDF in order")
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


def choose_profile(sampled: Sample, name: str | None, candidates: list[Profile] | None = None) -> tuple[Profile, str]:
    """(profile, how it was chosen); detection looks at the first pages read whole."""
    if name:
        return load_profile(name), "given with --profile"
    candidates = candidates or all_profiles()
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


def _profiles_for(args: argparse.Namespace) -> list[str | None]:
    given = args.profile or []
    if not given:
        return [None] * len(args.pdf)
    if len(given) == 1:
        return given * len(args.pdf)
    if len(given) != len(args.pdf):
        raise ExtractError(f"{len(given)} profiles for {len(args.pdf)} PDFs; give one profile for all of them, "
                           "or one per PDF in the same order")
    return list(given)


def read_document(path: Path, name: str | None, args: argparse.Namespace, content_root: Path):
    """One PDF: checked, its profile chosen, every page read. Returns (profile, pages, report)."""
    check_file(path)
    guards.check_pdf_file(path)
    profiles = [load_profile(name, content=content_root)] if name else all_profiles(content=content_root)
    sampled = Sample(path, args.password, {k: v for p in profiles for k, v in p.cid_map.items()})
    try:
        if name:
            profile, how = profiles[0], "given with --profile"
        else:
            profile, how = choose_profile(sampled, None, profiles)
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
    return profile, pages, report


def extract(args: argparse.Namespace) -> tuple[dict, list[Report], dict, ContentIndex]:
    content = ContentIndex(args.content)
    docs = []
    for path, name in zip(args.pdf, _profiles_for(args)):
        profile, pages, report = read_document(path, name, args, args.content)
        add_content_labels(profile, content)
        if report.source not in content.source_ids():
            report.notes.append(f"source {report.source!r} is not in {args.content}/sources.yml; add it before "
                                "applying")
        assembler = threshold if profile.kind == "threshold" else binder
        records = assembler.assemble(pages, profile, report)
        for rec in records:
            rec.source, rec.edition, rec.source_doc = report.source, report.edition, str(path)
        docs.append((path, profile, report, records))
    items: dict = {}
    needs = threshold.merge([r for _, prof, _, recs in docs if prof.kind == "threshold" for r in recs])
    first_threshold = next(((prof, rep) for _, prof, rep, _ in docs if prof.kind == "threshold"), None)
    if first_threshold:
        prof, rep = first_threshold
        items.update(build(needs, prof, rep, content, rep.source, rep.edition))
    for path, prof, rep, recs in docs:
        if prof.kind != "threshold":
            items.update(build(recs, prof, rep, content, rep.source, rep.edition))
    reports = [rep for _, _, rep, _ in docs]
    for path, prof, rep, recs in docs:
        what = "needs" if prof.kind == "threshold" else "chapters"
        if not recs or not items:
            worst = sorted(rep.skipped, key=lambda s: (0 if "is not a known" in s[1] else 1 if "skipped:" in s[1]
                                                       else 2, s[0]))
            where = f"; main problem: page {worst[0][0]}: {worst[0][1]}" if worst else ""
            raise ExtractError(f"{path.name}: no {what} found with profile {prof.name} in {rep.pages} pages "
                               f"({rep.tables} tables){where}; every problem, page by page, is below and in "
                               "failed-report.txt in the staging folder; check the profile (--profile) or the PDF",
                               report="\n\n".join(r.text(limit=10_000) for r in reports))
        print(f"{path.name}: used profile {prof.name} ({rep.how})", file=sys.stderr)
    first = reports[0]
    manifest = {"pdf": " ".join(str(p) for p in args.pdf), "sha256": " ".join(sha256(p) for p in args.pdf),
                "profile": " ".join(r.profile for r in reports), "source": first.source,
                "edition": first.edition, "pages": sum(r.pages for r in reports),
                "items": {k: sorted(i for kk, i in items if kk == k) for k in sorted({k for k, _ in items})}}
    if len(reports) > 1:
        manifest["documents"] = [{"pdf": str(p), "profile": r.profile, "source": r.source, "edition": r.edition,
                                  "pages": r.pages} for p, _, r, _ in docs]
    return items, reports, manifest, content


def keep_uncovered(items: dict, content: ContentIndex) -> None:
    """A document covering only some phases or levels of a need leaves the rest as content/ has them: the staged
    need gets the content's other (phase, level) blocks, so the diff and --apply never remove them."""
    for (kind, item_id), data in items.items():
        current = content.item(kind, item_id) if kind == "needs" else None
        if not current:
            continue
        staged = data.setdefault("phases", {})
        for phase, levels in (current.get("phases") or {}).items():
            for level, block in (levels or {}).items():
                if level not in staged.get(phase, {}):
                    staged.setdefault(phase, {})[level] = block
        phases, levels = ids("phases", content.root), ids("levels", content.root)
        data["phases"] = {ph: {lv: staged[ph][lv] for lv in levels if lv in staged[ph]}
                          for ph in phases if ph in staged}


def plans(items: dict, content: ContentIndex, manifest: dict) -> list:
    """One plan per source of the edition (a threshold guidance, a binder), each diffed against its own snapshot."""
    keep_uncovered(items, content)
    sources = list(dict.fromkeys([manifest["source"]] + [d["source"] for d in manifest.get("documents", [])]))
    groups: dict[str, dict] = {s: {} for s in sources}
    for key, data in items.items():
        own = [r.get("source") for r in data.get("sources") or [] if isinstance(r, dict)]
        src = next((s for s in own if s in groups), sources[0])
        groups[src][key] = data
    return [make_plan(group, content, src) for src, group in groups.items() if group or src == sources[0]]


def show(todo: list, content: Path, staging: Path) -> str:
    """The diff of the edition: one part per source when its documents have several (threshold guidance, binder)."""
    if len(todo) == 1:
        return diff_text(todo[0], content, staging)
    parts = [f"Source {plan.source}:\n{diff_text(plan, content, staging)}" for plan in todo]
    total = ", ".join(f"{sum(p.count(s) for p in todo)} {s}" for s in ("added", "changed", "removed", "unchanged"))
    return "\n".join(parts) + f"\nEdition total: {total}, {sum(len(p.conflicts) for p in todo)} conflicts"


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
        if not args.pdf:
            if not (args.apply or args.diff):
                ap.error("give a PDF file to extract, or --apply (or --diff) for the staged extraction")
            manifest, items = read_staging(args.out)
            content = ContentIndex(args.content)
            todo = plans(items, content, manifest)
            print(show(todo, args.content, args.out))
            return max(_apply(plan, content, manifest) for plan in todo) if args.apply else 0
        guards.check_out(args.out, args.content)
        try:
            with guards.time_limit(", ".join(p.name for p in args.pdf)):
                items, reports, manifest, content = extract(args)
        except ExtractError as exc:
            if exc.report:
                print(f"error: {exc.message}", file=sys.stderr)
                print(exc.report)
                Path(args.out).mkdir(parents=True, exist_ok=True)
                (Path(args.out) / "failed-report.txt").write_text(exc.report + "\n", encoding="utf-8")
                return 2
            raise
        report_text = "\n\n".join(r.text() for r in reports)
        write_staging(args.out, items, manifest, "\n\n".join(r.text(limit=10_000) for r in reports))
        todo = plans(items, content, manifest)
        print(show(todo, args.content, args.out))
        print(report_text)
        if args.apply:
            return max(_apply(plan, content, manifest) for plan in todo)
        print(f"Staged in {args.out}. Review it, then apply with: python -m scripts.extract --apply")
        return 0
    except ExtractError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        print("error: interrupted; nothing was applied", file=sys.stderr)
        return 130
