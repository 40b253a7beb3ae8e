# `make validate`: load a content folder, then run the content rules, so "valid" means what the tests check.
# In: a content folder. Out: one line per problem on stderr and exit 2, or a one-line summary and exit 0.
from __future__ import annotations

import sys

from scripts.content.load import load_for_command
from scripts.content.rules import check


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.content.validate [content]`."""
    root, c = load_for_command(argv)
    if c is None:
        return 2
    problems = check(c)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    print(f"{root}: {len(c.needs)} needs, {len(c.strategies)} strategies, {len(c.plans)} plans, "
          f"{len(c.roles)} roles, {len(c.glossary.terms)} glossary terms: all valid")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
