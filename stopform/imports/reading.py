"""Streaming a UTF-8 CSV file: rows with their line numbers, progress reported in bytes."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .problems import Problems


class _CountingRaw(io.RawIOBase):
    """Passes reads through and reports how many bytes went by (for the progress bar)."""

    def __init__(self, raw, progress: Callable[[int], object]):
        self._raw, self._progress = raw, progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._raw.readinto(buffer)
        if count:
            self._progress(count)
        return count


@contextmanager
def open_csv(path: Path, progress: Callable[[int], object] | None = None) -> Iterator[Any]:
    """A csv reader over `path` (UTF-8, an optional BOM); `progress(bytes)` is called as it reads."""
    with open(path, "rb", buffering=0) as raw:
        source = _CountingRaw(raw, progress) if progress else raw
        text = io.TextIOWrapper(io.BufferedReader(source, 1 << 16), encoding="utf-8-sig", newline="")
        yield csv.reader(text)


def read_header(reader, problems: Problems) -> list[str]:
    """The header's column names ([] with a problem when the file is empty or not UTF-8)."""
    try:
        header = next(reader, None)
    except (UnicodeDecodeError, csv.Error) as error:
        problems.add(1, "*", _unreadable(error))
        return []
    if not header:
        problems.add(1, "*", "the file is empty: a header row is needed")
        return []
    return [name.strip() for name in header]


def check_columns(header: list[str], known: set[str], required: set[str], problems: Problems) -> None:
    """Unknown, repeated and missing header columns, each as a line-1 problem."""
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.add(1, name, "appears twice in the header")
        elif name not in known:
            problems.add(1, name or "(empty)", "unknown column")
        seen.add(name)
    for name in sorted(required - seen):
        problems.add(1, name, "missing from the header")


def data_rows(reader, width: int, problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each data row; a row of the wrong width or unreadable text is a problem."""
    line_end = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (UnicodeDecodeError, csv.Error) as error:
            problems.add(line_end + 1, "*", _unreadable(error))
            return
        line, line_end = line_end + 1, reader.line_num
        if not cells or cells == [""]:
            continue
        if len(cells) != width:
            problems.add(line, "*", f"has {len(cells)} cells, the header has {width}")
            continue
        yield line, cells


def _unreadable(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "the file is not UTF-8 text"
    return f"not readable as CSV ({error})"
