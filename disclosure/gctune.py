"""Garbage-collector tuning for the bulk stages (load, validate).

A group filing is millions of small acyclic objects (YAML nodes, records, trail entries) made in
one go. With the default thresholds CPython's cyclic collector rescans the growing heap many times
over; on the 10,000-facility benchmark that is a third of the run time. Inside ``bulk()`` the
young-generation threshold is raised, so the collector still runs, but rarely. The previous
thresholds are restored on exit, nested uses included.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (100_000, 50, 100)


@contextmanager
def bulk() -> Iterator[None]:
    """Collect garbage rarely for the duration of the block."""
    previous = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
