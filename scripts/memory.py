# Python's cycle collector, held off while the build makes its big graphs of plain data (parsed content, pages).
# In: a block of work. Out: the same result, without the collector walking every live object again and again.
"""Reading the content makes hundreds of thousands of small objects that stay alive (nodes, dicts, models), so
the collector's full passes, which it runs more often as more objects live, went over all of them again and again:
more than half the time of `load` on the 10x benchmark content. None of that data holds reference cycles (peak
memory was the same with the collector off), so it is paused for that work and resumed afterwards."""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    """Pause the cycle collector for the block (it resumes even if the block fails)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def keep_for_the_rest() -> None:
    """Move every object alive now out of the collector's sight, for a process that keeps them to its end (the
    one-shot build, before MkDocs starts on the pages): its later passes then skip the loaded content."""
    gc.freeze()  # no collect() first: a full pass over the content is what this avoids
