"""Cells that a spreadsheet would run as formulas (CWE-1236, OWASP "CSV Injection").

A cell starting with `=`, `+`, `-`, `@`, tab or carriage return is read by Excel and LibreOffice
as a formula, which can fetch URLs or run commands when someone opens an export. Every CSV the
app writes passes its cells through `neutralise`, which puts a `'` in front (spreadsheets show
the text as typed). Numbers like `-5.2` stay numbers. `restore` undoes it on import, so an export
imported elsewhere gives back the same text.
"""
from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _looks_like_formula(cell: str) -> bool:
    unquoted = cell.lstrip("'")
    return unquoted.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(unquoted)


def neutralise(cell: str) -> str:
    """`cell` with a `'` in front when a spreadsheet would take it for a formula. A cell that
    already starts with quotes before such a character gets one more, so `restore` is exact."""
    return "'" + cell if _looks_like_formula(cell) else cell


def restore(cell: str) -> str:
    """The text `neutralise` was given."""
    return cell[1:] if cell.startswith("'") and _looks_like_formula(cell) else cell
