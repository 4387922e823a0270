"""Parsing CSV cells into typed values; each parser raises CellError with a plain message.

Empty cells are absent: the caller substitutes the model default or reports `missing`.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from annotated_types import MaxLen

from ..models import StopFields
from ..spreadsheet import restore
from ..stops.codes import normalise_reference
from .codes import LOWER_CASE, UPPER_CASE, normalise_code

BOOLEANS = {"true": True, "false": False}
COORDINATE_LIMITS = {"latitude": 90, "longitude": 180}
_CANONICAL_REFERENCE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}")


class CellError(ValueError):
    """A cell that cannot be read; the message says what is wrong."""


def parse_bool(text: str) -> bool:
    """`true` or `false` (any case)."""
    try:
        return BOOLEANS[text.lower()]
    except KeyError:
        raise CellError("use true or false") from None


def parse_count(text: str) -> int:
    """A whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise CellError("not a whole number") from None
    if value < 0:
        raise CellError("must be 0 or more")
    return value


def parse_datetime(text: str) -> datetime:
    """ISO 8601 with a UTC offset, e.g. 2026-10-03T14:05:00+02:00."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise CellError("not an ISO 8601 date and time, e.g. 2026-10-03T14:05:00+02:00") from None
    if value.tzinfo is None:
        raise CellError("needs a UTC offset, e.g. 2026-10-03T14:05:00+02:00")
    return value


def parse_date(text: str) -> date:
    """An ISO date, e.g. 2026-10-01."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CellError("not a date like 2026-10-01") from None


def parse_uuid(text: str) -> uuid.UUID:
    """A UUID."""
    try:
        return uuid.UUID(text)
    except ValueError:
        raise CellError("not a UUID") from None


def parse_reference(text: str) -> str:
    """A stop reference such as 7KQ4-M2XD-9P (10 Crockford base32 symbols)."""
    if _CANONICAL_REFERENCE.fullmatch(text):
        return text  # already canonical, as in every exported file: skip the slower normalising
    reference = normalise_reference(text)
    if not reference:
        raise CellError("not a stop reference like 7KQ4-M2XD-9P")
    return reference


def coordinate_parser(limit: int) -> Callable[[str], Decimal]:
    """A decimal between -limit and limit."""
    def parse(text: str) -> Decimal:
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise CellError("not a number") from None
        if not value.is_finite() or not -limit <= value <= limit:
            raise CellError(f"outside -{limit} to {limit}")
        return value
    return parse


def text_parser(max_length: int) -> Callable[[str], str]:
    """Text of at most `max_length` characters; a cell an export neutralised is taken back as written."""
    def parse(text: str) -> str:
        text = restore(text)
        if len(text) > max_length:
            raise CellError(f"longer than {max_length} characters")
        return text
    return parse


def _field_parser(name: str, field) -> Callable[[str], object]:
    annotation = field.annotation
    if annotation is bool:
        return parse_bool
    if annotation is int:
        return parse_count
    if annotation is datetime:
        return parse_datetime
    if name in COORDINATE_LIMITS:
        return coordinate_parser(COORDINATE_LIMITS[name])
    limits = [m.max_length for m in field.metadata if isinstance(m, MaxLen)]
    return text_parser(limits[0] if limits else 10_000)


def code_parser(column: str, parse: Callable[[str], object]) -> Callable[[str], object]:
    """`parse` after putting the code in the case it is stored in (stopform.imports.codes)."""
    return lambda text: parse(normalise_code(column, text))


def record_parsers() -> dict[str, Callable[[str], object]]:
    """A parser per stop CSV column, derived from the model so the two cannot drift."""
    parsers = {name: _field_parser(name, field) for name, field in StopFields.model_fields.items()}
    parsers.update(stop_id=parse_uuid, reference=parse_reference, plate=text_parser(32))
    for name in UPPER_CASE | LOWER_CASE:
        parsers[name] = code_parser(name, parsers[name])
    return parsers


def record_defaults() -> dict[str, object]:
    """The value of each optional column when its cell is empty (the model's default)."""
    return {name: field.default for name, field in StopFields.model_fields.items() if not field.is_required()}
