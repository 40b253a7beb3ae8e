# Editions: what changed between two editions of the content, and when each need and strategy last changed.
# In: editions (Content, folders, snapshots, git revisions). Out: Changes, History, the what-changed page and report.
"""One module per job:

- snapshot: the snapshot format (one edition as plain data, saved as .json);
- diff: item-by-item comparison, on the field-diff engine in scripts/fielddiff.py (shared with extraction);
- read: reading a folder, a snapshot or a git revision, always through scripts.content.load;
- history: what a build needs from earlier editions (dates from one `git log`, the previous edition's changes),
  read once before generation and passed in as data;
- page: the "What changed in this edition" page data and the text report; cli: the command line.
"""
from .cli import main
from .diff import Changes, ItemChange, diff, label
from .history import History, edition_for, git_dates, last_changed, previous_changes, read
from .page import page_data, render_page, render_text
from .read import from_revision, load_edition, read_edition
from .snapshot import KINDS, EditionError, Snapshot, read_snapshot, snapshot, write_snapshot
from ..fielddiff import FieldChange

__all__ = ["Changes", "EditionError", "FieldChange", "History", "ItemChange", "KINDS", "Snapshot", "diff",
           "edition_for", "from_revision", "git_dates", "label", "last_changed", "load_edition", "main", "page_data",
           "previous_changes", "read", "read_edition", "read_snapshot", "render_page", "render_text", "snapshot",
           "write_snapshot"]
