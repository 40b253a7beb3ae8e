# The extraction report: what was read, what was mapped, and what was skipped where (page numbers).
# In: counts and notes added while assembling and building. Out: a short text a reviewer reads at a glance.
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    pdf: str = ""
    profile: str = ""
    how: str = ""  # how the profile was chosen
    source: str = ""
    edition: str | None = None
    pages: int = 0
    numbering: str = "physical"  # page numbers as printed in the footer, or physical
    tables: int = 0
    tables_mapped: int = 0
    cells_mapped: int = 0
    cells_skipped: int = 0
    items: Counter = field(default_factory=Counter)
    stubs: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, page: int, what: str) -> None:
        self.skipped.append((page, what))

    def text(self, limit: int = 60) -> str:
        lines = [f"Extraction report: {self.pdf}",
                 f"  profile: {self.profile} ({self.how})",
                 f"  source: {self.source}, edition: {self.edition or 'unknown (pass --edition)'}",
                 f"  pages read: {self.pages} (page numbers {self.numbering})"]
        if self.tables or self.cells_mapped or self.cells_skipped:
            lines.append(f"  tables: {self.tables} found, {self.tables_mapped} mapped; "
                         f"cells: {self.cells_mapped} mapped, {self.cells_skipped} skipped")
        made = ", ".join(f"{n} {kind}" for kind, n in sorted(self.items.items())) or "nothing"
        lines.append(f"  items: {made}")
        if self.stubs:
            lines.append(f"  {self.stubs} new strategies are stubs: a person writes their summary and steps "
                         "(search for 'To be written')")
        lines += [f"  note: {n}" for n in self.notes]
        if self.skipped:
            lines.append(f"  skipped ({len(self.skipped)}):")
            for page, what in sorted(self.skipped, key=lambda s: s[0])[:limit]:
                lines.append(f"    page {page}: {what}")
            if len(self.skipped) > limit:
                lines.append(f"    ... and {len(self.skipped) - limit} more (see report.txt in the staging folder)")
        else:
            lines.append("  skipped: nothing")
        return "\n".join(lines)
