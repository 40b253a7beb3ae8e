# The framework ids the extractor's fixtures and staging fields use, from the bundled content's framework.yml.
# In: content/framework.yml (through framework_ids). Out: LEVELS, PHASES and the models, as constants.
from __future__ import annotations

from .framework_ids import BUNDLED, ids, models

LEVELS: tuple[str, ...] = ids("levels", BUNDLED)
PHASES: tuple[str, ...] = tuple(p for p in ids("phases", BUNDLED) if p != "early-years")  # no fixture has it yet
MODELS = models(BUNDLED)
