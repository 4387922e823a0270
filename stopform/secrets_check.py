"""How much a secret key could be guessed: length, a list of placeholders, and an entropy estimate.

The estimate is the lower of two: the string's Shannon entropy (bits per character from its own
character frequencies, times its length), and zxcvbn's guess count (Wheeler, "zxcvbn: Low-Budget
Password Strength Estimation", USENIX Security 2016), which sees repeats, sequences, keyboard
walks and dictionary words that a frequency count misses. `secrets.token_urlsafe(48)` scores
far above the bar; `"s" * 40`, `"changeme" * 5` or `"0123456789abcdef" * 3` do not.
"""
from __future__ import annotations

import math
from collections import Counter

from zxcvbn import zxcvbn

PLACEHOLDER_SECRETS = frozenset({"", "dev", "changeme", "change-me", "secret", "dev-secret-key",
                                 "dev-pseudonym-key", "placeholder"})
MIN_SECRET_LENGTH = 32
# zxcvbn counts an unpatterned character as 10 guesses, so a random 32-character key scores about
# 106 bits (its true entropy is higher); anything with a pattern lands far below.
MIN_SECRET_BITS = 100
MAX_ESTIMATED_LENGTH = 256  # zxcvbn's work grows with the length; more never lowers the estimate


def shannon_bits(secret: str) -> float:
    """Length times the Shannon entropy of the string's own character distribution."""
    if not secret:
        return 0.0
    counts = Counter(secret)
    per_character = -sum(n / len(secret) * math.log2(n / len(secret)) for n in counts.values())
    return per_character * len(secret)


def pattern_bits(secret: str) -> float:
    """log2 of zxcvbn's estimated number of guesses."""
    head = secret[:MAX_ESTIMATED_LENGTH]
    return zxcvbn(head, max_length=len(head))["guesses_log10"] * math.log2(10)


def estimated_bits(secret: str) -> float:
    """The lower of the two estimates, in bits."""
    return max(0.0, min(shannon_bits(secret), pattern_bits(secret))) if secret else 0.0


def secret_problem(secret: str) -> str | None:
    """Why `secret` is unfit as a production key, or None when it is fit."""
    if secret.strip().lower() in PLACEHOLDER_SECRETS:
        return "is missing or a placeholder"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    bits = estimated_bits(secret)
    if bits < MIN_SECRET_BITS:
        return f"is too predictable (about {bits:.0f} bits of entropy; at least {MIN_SECRET_BITS} are needed)"
    return None
