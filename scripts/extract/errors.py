# The one exception the extractor raises for anything a user must fix (bad file, bad profile, no match).
# In: a one-line message saying what is wrong and what to do. Out: printed as one line by the CLI, exit 2.
from __future__ import annotations


class ExtractError(Exception):
    """A problem with the input that the user can fix; the message is one line: what is wrong, what to do."""

    def __init__(self, message: str, report: str = ""):
        super().__init__(" ".join(message.split()))
        self.message = " ".join(message.split())
        self.report = report  # with a failed extraction: the whole report (every problem, page by page)
