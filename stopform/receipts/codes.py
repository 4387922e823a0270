"""Receipt credentials: the secret token (QR) and the typeable fallback code derived from it.

The token is 128 random bits written as 26 Crockford base32 symbols (upper case, so the QR
URL stays in alphanumeric mode). The fallback code is derived from the token, so a device can
mint both offline and anyone holding the token can be shown the code, while the code never
reveals the token: 75 bits of SHA-256(token) as 15 symbols plus a Luhn mod 32 check symbol,
grouped in fours. Only SHA-256 hashes of either are ever stored.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from ..core.crockford import CROCKFORD, encode_number, group_code, normalise_crockford

TOKEN_BYTES = 16
TOKEN_LENGTH = 26
CODE_SYMBOLS = 15
CODE_LENGTH = CODE_SYMBOLS + 1
CODE_DERIVATION_PREFIX = b"stopform-receipt-code:"
_VALUES = {symbol: value for value, symbol in enumerate(CROCKFORD)}
# The length of a stop's reference (stops.codes.REFERENCE_LENGTH, which receipts may not import:
# stops imports receipts), so that one typed at /r is recognised.
STOP_REFERENCE_SYMBOLS = 10


def new_token() -> str:
    """A fresh receipt token: 128 bits from the system CSPRNG as 26 upper-case symbols."""
    return encode_number(int.from_bytes(secrets.token_bytes(TOKEN_BYTES), "big"), TOKEN_LENGTH)


def normalise_token(text: str) -> str:
    """The canonical token (upper case, I/L → 1, O → 0), or '' when `text` cannot be one."""
    symbols = normalise_crockford(text)
    return symbols if len(symbols) == TOKEN_LENGTH else ""


def luhn_symbol(symbols: str) -> str:
    """The Luhn mod 32 check symbol of `symbols` (catches every single-symbol typo)."""
    total, factor = 0, 2
    for symbol in reversed(symbols):
        addend = factor * _VALUES[symbol]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return CROCKFORD[(32 - total % 32) % 32]


def code_for_token(token: str) -> str:
    """The grouped fallback code belonging to a (normalised) token, e.g. `7KQ4-M2XD-9PAB-CDE5`."""
    digest = hashlib.sha256(CODE_DERIVATION_PREFIX + token.encode("ascii")).digest()
    body = encode_number(int.from_bytes(digest, "big") >> (256 - 5 * CODE_SYMBOLS), CODE_SYMBOLS)
    return group_code(body + luhn_symbol(body))


def normalise_code(text: str) -> str:
    """The fallback code's 16 bare symbols when `text` is one (any case, hyphens, I/L/O), else ''."""
    symbols = normalise_crockford(text)
    if len(symbols) != CODE_LENGTH or luhn_symbol(symbols[:-1]) != symbols[-1]:
        return ""
    return symbols


def secret_hash(symbols: str) -> str:
    """SHA-256 (hex) of a normalised token or bare code: all the database ever holds."""
    return hashlib.sha256(symbols.encode("ascii")).hexdigest()


def canonical_credential(text: str) -> str:
    """A normalised token or bare fallback code, or '' when `text` is neither."""
    return normalise_token(text) or normalise_code(text)


def display_code(credential: str) -> str:
    """The grouped fallback code for a canonical token or bare code."""
    return code_for_token(credential) if len(credential) == TOKEN_LENGTH else group_code(credential)


@dataclass(frozen=True)
class TypedCode:
    """What a person typed at `/r`: a credential, or why it is none."""

    credential: str = ""
    problem: str = ""  # "", "empty", "reference" (a stop's reference, not a secret) or "typo"


def read_typed_code(text: str) -> TypedCode:
    """Read a typed fallback code (or pasted token, or its address): case, hyphens, spaces and
    I/L/O do not matter; a stop's reference and an empty box are told apart from a typing error."""
    cleaned = (text or "").strip().rstrip("/").rsplit("/", 1)[-1]
    if not cleaned:
        return TypedCode(problem="empty")
    credential = canonical_credential(cleaned)
    if credential:
        return TypedCode(credential=credential)
    is_reference = len(normalise_crockford(cleaned)) == STOP_REFERENCE_SYMBOLS
    return TypedCode(problem="reference" if is_reference else "typo")
