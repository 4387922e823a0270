"""Pausing Python's cycle collector while a report is drawn.

Drawing the charts and laying out the PDF allocate hundreds of thousands of short-lived objects,
and each of the collector's full passes rescans every object the process holds: with a month of
a million stops in memory that was a quarter of the PDF's time (0.85 of 3.3 s) and of the
charts'. Reference counting still frees almost all of those objects at once; the few cycles
wait until the collector runs again, straight after.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off, then back as it was. The switch is
    process-wide: other threads go without it for those seconds too, which only delays their
    cycles. A thread that finds it already off leaves it to whoever turned it off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
