"""Cutting long sequences into chunks (bulk inserts, IN lists)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice


def chunks(rows: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most `size` items (the last may be shorter)."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk
