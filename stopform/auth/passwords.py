"""Password hashing with Argon2id (the OWASP-recommended memory-hard algorithm)."""
from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    # Unknown usernames are checked against this, so they cost as much as wrong passwords
    # (no user enumeration by timing).
    return hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    """An Argon2id hash of `password` with a fresh salt."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; always spends the same work, even without a hash."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(_hasher), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
