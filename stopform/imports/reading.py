"""Streaming a UTF-8 CSV file: rows with their line numbers, progress reported in bytes.

Each physical line is decoded on its own, so a byte that is not UTF-8 is reported at its true
line and character (a text wrapper decodes 8 KB ahead of the CSV reader, and its error says
nothing about lines).
"""
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


class NotUtf8(ValueError):
    """A line with a byte that is not UTF-8: where it is, and which byte."""

    def __init__(self, line: int, raw: bytes, error: UnicodeDecodeError):
        prefix = raw[:error.start].decode("utf-8")
        self.line, self.character, self.byte = line, len(prefix) + 1, raw[error.start]
        self.cell = max(len(next(csv.reader([prefix]), [])), 1)  # which cell of the row (1-based)
        super().__init__(f"line {line}: not UTF-8")

    def message(self) -> str:
        """What is wrong and how to fix it."""
        return (f"byte 0x{self.byte:02X} at character {self.character} is not UTF-8: save the file as "
                f"UTF-8 (in Excel: CSV UTF-8)")


def _text_lines(binary) -> Iterator[str]:
    for number, raw in enumerate(binary, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise NotUtf8(number, raw, error) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


@contextmanager
def open_csv(path: Path, progress: Callable[[int], object] | None = None) -> Iterator[Any]:
    """A csv reader over `path` (UTF-8, an optional BOM); `progress(bytes)` is called as it reads."""
    with open(path, "rb", buffering=0) as raw:
        source = _CountingRaw(raw, progress) if progress else raw
        with io.BufferedReader(source, 1 << 16) as buffered:
            yield csv.reader(_text_lines(buffered))


SEMICOLONS = ("the columns are separated by semicolons (Excel's default in Dutch): save the file as "
              "CSV UTF-8 (comma delimited), or replace the semicolons with commas")


def read_header(reader, problems: Problems) -> list[str]:
    """The header's column names ([] with one problem when the file is empty, not UTF-8 or
    separated by semicolons)."""
    try:
        header = next(reader, None)
    except NotUtf8 as error:
        problems.add(1, "*", error.message())
        return []
    except csv.Error as error:
        problems.add(1, "*", _unreadable(error))
        return []
    if not header:
        problems.add(1, "*", "the file is empty: a header row is needed")
        return []
    if len(header) == 1 and ";" in header[0]:
        problems.add(1, "*", SEMICOLONS)
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


def data_rows(reader, header: list[str], problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each data row; a row of the wrong width or unreadable text is a problem."""
    line_end, width = 1, len(header)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except NotUtf8 as error:
            column = header[error.cell - 1] if error.cell <= width else "*"
            problems.add(error.line, column, error.message())
            return
        except csv.Error as error:
            problems.add(line_end + 1, "*", _unreadable(error))
            return
        line, line_end = line_end + 1, reader.line_num
        if not cells or cells == [""]:
            continue
        if len(cells) != width:
            problems.add(line, "*", f"has {len(cells)} cells, the header has {width}")
            continue
        yield line, cells


def _unreadable(error: csv.Error) -> str:
    return f"not readable as CSV ({error})"
