# Reading an edition: a content folder, a snapshot .json file or a git revision, always through scripts.content.load.
# In: a spec (folder, .json or revision) and the repository. Out: a Content, or a Snapshot; EditionError if unreadable.
from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Union

from scripts.content import authority as la
from scripts.content.load import Content, ContentErrors, load
from .snapshot import EditionError, Snapshot, read_snapshot

ROOT = Path(__file__).resolve().parent.parent.parent
ITEM_FOLDERS = ("needs", "strategies", "plans", "areas", "levels", "roles", "pages")


def git(args: list[str], cwd: Path, binary: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=not binary, check=False)


def load_edition(folder: Path) -> Content:
    """Load a content folder as the site sees it: with its authority's own source documents applied."""
    c = load(folder)
    la.use(c)
    return c


def load_readable(folder: Path) -> tuple[Content, list[str]]:
    """For an old revision committed half-written, in a throw-away copy: load it, and while scripts.content.load names item
    files with problems, set those files aside and load again. Returns the Content of every item that loads under
    today's checks, and the files left out. EditionError when a whole-folder file (authority.yml...) is broken."""
    root = folder.resolve()
    left_out: list[str] = []
    while True:
        try:
            return load_edition(root), left_out
        except ContentErrors as exc:
            named = {m.group(1) for line in exc.errors
                     if (m := re.match(rf"{re.escape(root.name)}/((?:{'|'.join(ITEM_FOLDERS)})/[^:/]+):", line))}
            bad = sorted(n for n in named if (root / n).is_file())
            if not bad:  # a problem no single item causes: the folder cannot be compared
                where = next((line.split(":")[0].split("/", 1)[-1] for line in exc.errors), "content")
                raise EditionError(f"cannot read its {where} ({exc.errors[0]})") from None
            for name in bad:
                (root / name).unlink()
            left_out += bad


def from_revision(revision: str, repo: Path = ROOT, path: str = "content") -> Content:
    """Load the content folder `path` as it was at a git revision (via git archive into a temporary folder). If it
    does not pass today's checks, the items that still load are compared, with a warning naming those left out."""
    try:
        found = git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], repo)
    except OSError:
        raise EditionError(f"cannot read git revision {revision!r}: git is not installed") from None
    if found.returncode != 0:
        shallow = git(["rev-parse", "--is-shallow-repository"], repo).stdout.strip() == "true"
        why = (" This clone is shallow, so older commits are missing: run `git fetch --unshallow`, or compare with "
               "a content folder or snapshot instead." if shallow else "")
        raise EditionError(f"git revision {revision!r} is not in this repository's history.{why}")
    archive = git(["archive", "--format=tar", found.stdout.strip(), "--", path], repo, binary=True)
    if archive.returncode != 0:
        raise EditionError(f"git revision {revision!r} has no folder {path!r}")
    with tempfile.TemporaryDirectory(prefix="edition-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        old_fw, now_fw = Path(tmp) / path / "framework.yml", repo / path / "framework.yml"
        if not old_fw.exists() and now_fw.is_file():  # committed before the framework was data: today's applies
            old_fw.write_bytes(now_fw.read_bytes())
        c, left_out = load_readable(Path(tmp) / path)
    if left_out:
        print(f"editions: the content at {revision!r} has {len(left_out)} file(s) that do not load under today's "
              f"checks ({', '.join(left_out)}); comparing the items that could be read", file=sys.stderr)
    return c


def read_edition(spec: str, repo: Path = ROOT, path: str = "content") -> Union[Content, Snapshot]:
    """A content folder, a snapshot .json file, or a git revision (such as HEAD~5 or a tag) of `path` in `repo`."""
    p = Path(spec)
    if p.is_dir():
        try:
            return load_edition(p)
        except ContentErrors as exc:
            raise EditionError(f"{spec}: content does not load ({len(exc.errors)} problem(s), first: "
                               f"{exc.errors[0]})") from None
    if p.suffix == ".json":
        if not p.is_file():
            raise EditionError(f"{spec}: snapshot file not found")
        return read_snapshot(p)
    return from_revision(spec, repo, path)
