# `python -m scripts.editions`: the command line in scripts/editions/cli.py.
# In: the arguments. Out: its exit status.
import sys

from .cli import main

sys.exit(main())
