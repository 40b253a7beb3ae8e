# Entry point: `python -m scripts.extract --help`.
# In: command-line arguments. Out: the exit status of scripts.extract.cli.main.
import sys

from .cli import main

sys.exit(main())
