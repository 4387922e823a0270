"""The retention limits of the Police Data Act (Wet politiegegevens, Wpg) for stop records.

Stop records are processed for the daily police task (Art. 8 Wpg). Under the Wpg such data may
be used for at most five years and must be destroyed at the latest ten years after their first
processing (five more years for limited purposes such as handling complaints, Art. 14 Wpg).
Checked against: the Wpg's explanatory text on wetten.overheid.nl (purposes of Art. 8-13) and the
Autoriteit Persoonsgegevens' statement of June 2025 ("na 5 jaar verwijderd ... na 10 jaar
vernietigd"); the text of Art. 8 and 14 themselves, with their paragraph numbers, was not read
(docs/deployment.md says so too).
"""
from __future__ import annotations

from ..config import ConfigError

MAX_RETENTION_MONTHS = 5 * 12  # record-level data at most five years
FINAL_DELETION_MONTHS = 10 * 12  # then nothing but counts


class RetentionError(ConfigError):
    """A retention period the law does not allow."""


def checked_retention_months(months: int) -> int:
    """`months` if it is a period the Wpg allows for record-level data; RetentionError otherwise."""
    if not 1 <= int(months) <= MAX_RETENTION_MONTHS:
        raise RetentionError(f"STOPFORM_RETENTION_MONTHS must be between 1 and {MAX_RETENTION_MONTHS} "
                             f"(the Police Data Act's maximum for daily police work), not {months}")
    return int(months)
