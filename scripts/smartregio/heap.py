"""How smartregio's long runs use Python's cyclic garbage collector.

A build holds the catalogue and the entries' views, millions of objects, from loading to the
end. Python collects its oldest generation whenever a quarter more objects have survived than
there were at the last full collection, and a full collection walks every tracked object: at
10,000 entries a build made 23 of them, 7.5 s of its 70 s, a dozen while loading alone (each
larger than the last). Inside :func:`few_full_collections` the young generations are still
collected as usual, so short-lived cycles are freed as before; the oldest only where the build
asks for it (``processes.give_back_memory``, when a stage has freed much). Processes forked
inside the block keep the setting; the objects they share are frozen anyway (``processes.start``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: young collections between two automatic full ones inside the block: more than a build makes
#: (about 700 at 10,000 entries)
RARE = 1_000_000


@contextlib.contextmanager
def few_full_collections() -> Iterator[None]:
    """No automatic full collection inside the block; the thresholds as they were after it."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, RARE))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
