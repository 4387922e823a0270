"""Control characters in typed text: refused in every text field of a stop, wherever it comes from.

NUL cannot be stored in PostgreSQL text at all, and the others (escape, backspace, C1 controls)
only hide or disguise what a record says. Tab, line feed and carriage return are ordinary text.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_character(value: object) -> bool:
    """Whether `value` is text with a control character other than tab, line feed or carriage return."""
    return isinstance(value, str) and CONTROL_CHARACTERS.search(value) is not None


def fields_with_control_characters(record: Mapping) -> list[str]:
    """The names of the record's text values that hold a control character."""
    return [name for name, value in record.items() if has_control_character(value)]
