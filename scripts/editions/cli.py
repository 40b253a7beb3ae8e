# Command line: `python -m scripts.editions OLD NEW` compares two editions; `... snapshot EDITION OUT.json` saves one.
# In: editions as folders, snapshot files or git revisions. Out: a Markdown page or a text report; exit 2 if unreadable.
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.content import model as m
from scripts.content.load import Content
from .diff import diff
from .page import page_data, render_page, render_text
from .read import read_edition
from .snapshot import EditionError, write_snapshot


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["snapshot"]:
        parser = argparse.ArgumentParser(prog="python -m scripts.editions snapshot",
                                         description="Save an edition as one JSON file, to compare with later.")
        parser.add_argument("edition", help="content folder or git revision")
        parser.add_argument("out", type=Path, help="snapshot file to write (.json)")
        parser.add_argument("--path", default="content", help="content folder inside the repository, for revisions")
        opts = parser.parse_args(args[1:])
        try:
            edition = read_edition(opts.edition, path=opts.path)
        except EditionError as exc:
            print(f"editions: {exc}", file=sys.stderr)
            return 2
        write_snapshot(edition, opts.out)
        print(f"wrote {opts.out}")
        return 0
    parser = argparse.ArgumentParser(
        prog="python -m scripts.editions",
        description="Compare two editions and write a 'What changed in this edition' page. Each edition is a "
                    "content folder, a snapshot .json file or a git revision (HEAD~5, a tag). "
                    "Also: python -m scripts.editions snapshot EDITION OUT.json")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("-o", "--out", type=Path, help="write the Markdown page here (default: print it)")
    parser.add_argument("--text", action="store_true", help="print a plain-text report instead of Markdown")
    parser.add_argument("--path", default="content", help="content folder inside the repository, for revisions")
    opts = parser.parse_args(args)
    try:
        old, new = read_edition(opts.old, path=opts.path), read_edition(opts.new, path=opts.path)
    except EditionError as exc:
        print(f"editions: {exc}", file=sys.stderr)
        return 2
    changes = diff(old, new)
    if opts.text:
        text = render_text(changes)
    else:
        current = new.authority if isinstance(new, Content) else None
        data = page_data(changes, None, current or m.Authority(
            name="-", site_name="-", edition=changes.new_edition or "new edition",
            edition_date=dt.date.fromisoformat(changes.new_date) if changes.new_date else dt.date.today()))
        text = render_page(data)
    if opts.out:
        opts.out.parent.mkdir(parents=True, exist_ok=True)
        opts.out.write_text(text, encoding="utf-8")
        print(f"wrote {opts.out}: {len(changes.items)} item(s) changed")
    else:
        sys.stdout.write(text)
    return 0

