"""The password policy: at least 12 characters and not easy to guess.

Length follows NIST SP 800-63B (§3.1.1.2: memorised secrets checked against "passwords obtained
from previous breach corpuses" and "dictionary words"). The check is zxcvbn's estimate, whose
dictionaries include the most frequent passwords from public breach corpora, plus common words,
names, keyboard patterns, repeats and dates; the account's own username and service number
count as guessable too. Offline: no password leaves the server.
"""
from __future__ import annotations

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 256
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more

TOO_SHORT, TOO_LONG, TOO_COMMON, TOO_GUESSABLE = "too_short", "too_long", "too_common", "too_guessable"
DESCRIPTIONS = {
    TOO_SHORT: f"the password must be at least {MIN_LENGTH} characters",
    TOO_LONG: f"the password must be at most {MAX_LENGTH} characters",
    TOO_COMMON: "the password is on a list of common or breached passwords",
    TOO_GUESSABLE: "the password is too easy to guess (a word, name, pattern or part of the account)",
}


def password_problem(password: str, user_inputs: tuple[str, ...] = ()) -> str | None:
    """One of the problem codes above, or None when the password is acceptable."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    result = zxcvbn(password, user_inputs=[value for value in user_inputs if value])
    if result["score"] >= MIN_SCORE:
        return None
    from_breaches = any(match.get("dictionary_name") == "passwords" for match in result["sequence"])
    return TOO_COMMON if from_breaches else TOO_GUESSABLE
