"""Identifiers: stop references (Crockford base32), plate pseudonyms, country codes."""
from __future__ import annotations

import hashlib
import hmac
import re
from functools import cache

from ..core.crockford import crockford_random, group_code, normalise_crockford

REFERENCE_LENGTH = 10
# A typed plate (never stored; only its pseudonym is): what a person may type for one.
PLATE_MAX_LENGTH = 16
PLATE_PATTERN = r"^[A-Za-z0-9 .\-]+$"
UNKNOWN_COUNTRY = "XX"
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ"}


def new_reference() -> str:
    """A fresh, non-secret stop reference such as `7KQ4-M2XD-9P` (50 bits)."""
    return group_code(crockford_random(REFERENCE_LENGTH))


def normalise_reference(text: str) -> str:
    """The canonical grouped form of a typed reference, or '' when it cannot be one."""
    symbols = normalise_crockford(text)
    return group_code(symbols) if len(symbols) == REFERENCE_LENGTH else ""


def normalise_plate(plate: str) -> str:
    """Plates compare without case, spaces or hyphens: '12-ab-34' == '12AB34'."""
    return re.sub(r"[^0-9A-Z]", "", (plate or "").upper())


def plate_pseudonym(plate: str, key: str) -> str:
    """The keyed pseudonym (HMAC-SHA256, hex) of a plate; the plate itself is never stored."""
    return hmac.new(key.encode(), normalise_plate(plate).encode(), hashlib.sha256).hexdigest()


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes Babel knows, plus `XX` for unknown."""
    from babel import Locale
    codes = {code for code in Locale.parse("en").territories
             if isinstance(code, str) and len(code) == 2 and code.isalpha()}
    return frozenset((codes - _NOT_COUNTRIES) | {UNKNOWN_COUNTRY})


def country_name(code: str, locale: str = "en") -> str:
    """The country's name in `locale`, or the code itself."""
    from babel import Locale
    return Locale.parse(locale).territories.get(code, code)
