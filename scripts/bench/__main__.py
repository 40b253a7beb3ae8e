# `python -m scripts.bench`: the benchmark in scripts/bench/run.py.
# In: the arguments. Out: its exit status.
import sys

from .run import main

sys.exit(main())
