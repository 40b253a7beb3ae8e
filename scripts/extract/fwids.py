# The framework ids the extractor stages into, read from the bundled content's framework.yml.
# In: content/framework.yml. Out: LEVELS, PHASES and the models (a bridge until profiles declare their topology).
from __future__ import annotations

from pathlib import Path

from .. import model as m
from ..schema import read_framework

FRAMEWORK = read_framework(Path(__file__).resolve().parents[2] / "content")
LEVELS: tuple[str, ...] = FRAMEWORK.level_ids
PHASES: tuple[str, ...] = tuple(p for p in FRAMEWORK.phase_ids if p != "early-years")  # no document has it yet
MODELS = m.models_for(FRAMEWORK)
