# The framework ids the extractor's fixtures and staging fields use, from the bundled content's framework.yml.
# In: content/framework.yml (through framework_ids). Out: LEVELS, PHASES and the models, as constants.
from __future__ import annotations

from .framework_ids import BUNDLED, ids, models

LEVELS: tuple[str, ...] = ids("levels", BUNDLED)
ALL_PHASES: tuple[str, ...] = ids("phases", BUNDLED)  # what staging owns and merges: every phase
PHASES: tuple[str, ...] = tuple(p for p in ALL_PHASES if p != "early-years")  # the test fixtures' documents
MODELS = models(BUNDLED)
