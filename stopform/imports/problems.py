"""Collecting `line N, column C: what is wrong` messages, capped so a broken file stays readable."""
from __future__ import annotations

from .wording import for_a_file

MAX_LISTED = 100


class Problems:
    """Every problem found in a file; the first `cap` are kept word for word, the rest counted."""

    def __init__(self, cap: int = MAX_LISTED):
        self.cap = cap
        self.count = 0
        self.messages: list[str] = []

    def add(self, line: int, column: str, message: str) -> None:
        """Record one problem (line 1 is the header), in file terms (stopform.imports.wording)."""
        self.count += 1
        if len(self.messages) < self.cap:
            self.messages.append(f"line {line}, column {column}: {for_a_file(message)}")

    def __bool__(self) -> bool:
        return self.count > 0

    def lines(self) -> list[str]:
        """The kept messages, plus how many more there were."""
        more = self.count - len(self.messages)
        return self.messages + ([f"... and {more} more problems"] if more > 0 else [])


class ImportRefused(Exception):
    """The file has problems, so nothing was stored."""

    def __init__(self, problems: Problems):
        super().__init__(f"{problems.count} problems")
        self.problems = problems
