# The edition history a build needs, read once before generation: when each file last changed (one `git log`) and
# what changed since the previous edition. In: a loaded Content and the date to give uncommitted edits. Out: History.
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from scripts.content import model as m
from scripts.content.load import Content
from ..text import long_date
from .diff import Changes, diff
from .read import from_revision, git
from .snapshot import EditionError, Snapshot, read_snapshot


@dataclass
class History:
    """Everything generation knows about earlier editions, as data: pages are a function of content and this."""

    dates: dict[str, dt.date] = field(default_factory=dict)   # file (relative to the content folder) -> last change
    uncommitted: list[str] = field(default_factory=list)       # files with edits not yet committed
    edited_on: dt.date | None = None                           # the date those edits are shown with
    changes: Changes | None = None                             # since the previous edition, if it could be compared
    why: str | None = None                                     # why not: "first" (no previous edition) or the reason


def git_dates(folder: Path, edited_on: dt.date | None = None) -> tuple[dict[str, dt.date], list[str]] | None:
    """(file -> date of its last commit, files with uncommitted edits), from one `git log` over the whole folder.
    Uncommitted files get `edited_on`, or no date when it is None; files last touched by a shallow clone's cut-off
    commit get none. None when git or the repository is missing."""
    try:
        info = git(["rev-parse", "--show-prefix", "--git-path", "shallow"], folder)
    except OSError:
        return None
    if info.returncode != 0:
        return None
    prefix, shallow_file = (info.stdout.splitlines() + ["", ""])[:2]
    shallow_path = folder / shallow_file
    cutoff = set(shallow_path.read_text().split()) if shallow_path.is_file() else set()
    log = git(["log", "--format=%x00%H %cs", "--name-only", "--relative", "--no-renames", "--", "."], folder)
    dates: dict[str, dt.date] = {}
    unknown: set[str] = set()
    for entry in log.stdout.split("\x00")[1:]:
        head, *names = entry.strip("\n").split("\n")
        sha, day = head.split(" ")
        for name in filter(None, names):
            if name in dates or name in unknown:
                continue
            if sha in cutoff:
                unknown.add(name)
            else:
                dates[name] = dt.date.fromisoformat(day)
    status = git(["status", "--porcelain", "-z", "--untracked-files=all", "--", "."], folder)
    uncommitted = []
    for record in status.stdout.split("\x00"):
        name = record[3:]
        if len(record) > 3 and name.startswith(prefix):
            rel = name[len(prefix):]
            uncommitted.append(rel)
            dates.pop(rel, None)
            if edited_on is not None:
                dates[rel] = edited_on
    return dates, sorted(uncommitted)


def previous_changes(c: Content, warn=print) -> tuple[Changes | None, str | None]:
    """Compare c with the last of its authority's previous editions: (changes, None), or (None, why not)."""
    a = c.authority
    if not a.previous_editions:
        return None, "first"
    prev = a.previous_editions[-1]
    try:
        if prev.snapshot:
            old: Union[Content, Snapshot] = read_snapshot(prev.snapshot)
        elif prev.revision:
            top = git(["rev-parse", "--show-toplevel", "--show-prefix"], c.root)
            if top.returncode != 0:
                raise EditionError("this copy of the content is not in a git repository")
            toplevel, prefix = (top.stdout.splitlines() + [""])[:2]
            old = from_revision(prev.revision, Path(toplevel), prefix.rstrip("/") or ".")
        else:
            raise EditionError(f"previous edition {prev.edition!r} has neither a snapshot nor a revision")
    except (EditionError, OSError) as exc:
        warn(f"editions: cannot list what changed since {prev.edition!r}: {exc}", file=sys.stderr)
        return None, str(exc)
    changes = diff(old, c)
    changes.old_edition, changes.old_date = prev.edition, prev.date.isoformat()
    return changes, None


def read(c: Content, edited_on: dt.date | None = None) -> History:
    """The history of c's content folder, read once: give it to generation (scripts.site.generate.outputs).
    `edited_on`: the date to show for files with uncommitted edits (None: they show no date)."""
    found = git_dates(c.root, edited_on)
    dates, uncommitted = found if found else ({}, [])
    changes, why = previous_changes(c)
    return History(dates, uncommitted, edited_on, changes, why)


def edition_for(day: dt.date, a: m.Authority) -> str:
    """The first edition published on or after the day of a change (changes after the last one belong to it)."""
    for e in sorted(a.previous_editions, key=lambda e: e.date):
        if day <= e.date:
            return e.edition
    return a.edition


def last_changed(c: Content, history: History) -> dict[tuple[str, str], dict]:
    """(kind, id) -> {date, edition} for every need and strategy: when its file last changed, in which edition.
    Without a date (no git history, or an uncommitted edit with no date given) the edition is the current one."""
    out = {}
    for kind in ("needs", "strategies"):
        for item_id in getattr(c, kind):
            path = c.files.get((kind, item_id))
            rel = str(path.relative_to(c.root)) if path else f"{kind}/{item_id}.yml"
            day = history.dates.get(rel)
            out[(kind, item_id)] = {"date": long_date(day) if day else None,
                                    "edition": edition_for(day, c.authority) if day else c.authority.edition}
    return out
