# How a site check ends: its problems on stderr, one summary line on stdout, and the exit status.
# In: the problem lines and the summary. Out: printed lines and 1 if there were problems, else 0.
from __future__ import annotations

import sys


def finish(problems: list[str], summary: str) -> int:
    for line in problems:
        print(line, file=sys.stderr)
    print(summary)
    return 1 if problems else 0
