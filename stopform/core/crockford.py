"""Crockford base32: symbols people can read aloud and type (no I, L, O or U)."""
from __future__ import annotations

import re
import secrets

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_FIXES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def crockford_random(length: int) -> str:
    """`length` random Crockford base32 symbols from the system CSPRNG."""
    return "".join(secrets.choice(CROCKFORD) for _ in range(length))


def encode_number(number: int, length: int) -> str:
    """`number` as exactly `length` Crockford base32 symbols, most significant first."""
    symbols = []
    for _ in range(length):
        number, digit = divmod(number, 32)
        symbols.append(CROCKFORD[digit])
    return "".join(reversed(symbols))


def decode_number(symbols: str) -> int:
    """The number that canonical Crockford base32 `symbols` write (the inverse of `encode_number`)."""
    number = 0
    for symbol in symbols:
        number = number * 32 + CROCKFORD.index(symbol)
    return number


def group_code(symbols: str, size: int = 4) -> str:
    """Split symbols into hyphenated groups: ABCDEFGHJK -> ABCD-EFGH-JK."""
    return "-".join(symbols[i:i + size] for i in range(0, len(symbols), size))


def normalise_crockford(text: str) -> str:
    """Upper-case, drop hyphens and spaces, and read I/L as 1 and O as 0; '' when any other
    symbol remains."""
    cleaned = re.sub(r"[\s\-]", "", text or "").upper().translate(_CROCKFORD_FIXES)
    return cleaned if all(ch in CROCKFORD for ch in cleaned) else ""
