# `make validate`: load a content folder, then run the content rules, so "valid" means what the tests check.
# In: a content folder. Out: one line per problem on stderr and exit 2, or a one-line summary and exit 0.
from __future__ import annotations

import sys

from .load import load_for_command, summary
from .rules import check


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.content.validate [content]`."""
    root, c = load_for_command(argv)
    if c is None:
        return 2
    problems = check(c)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    print(summary(root, c))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
