"""Why a row is not compared, in the reader's language.

The analysis records ``suppressed_reason`` in English (the JSON contract, and what a stored
report keeps). Its reasons follow a handful of fixed patterns; each is listed here once with the
message the page shows, so a reason is translated from its pattern and values, not word by word.
`tests/reports/analysis/test_reasons.py` checks that every reason the analysis can write is here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .wording import ENGLISH, N_, Wording

WHEN = {"daylight": N_("daylight"), "darkness": N_("darkness")}


@dataclass(frozen=True)
class Reason:
    """An English reason pattern (a regular expression with named values) and its message."""

    pattern: re.Pattern[str]
    message: str


def _reason(pattern: str, message: str) -> Reason:
    return Reason(re.compile(f"^{pattern}$"), message)


REASONS = (
    _reason(r"fewer than (?P<num>\d+) in total for this group",
            N_("fewer than %(num)s in total for this group")),
    _reason(r"fewer than (?P<num>\d+) in total for the reference group",
            N_("fewer than %(num)s in total for the reference group")),
    _reason(r"fewer than (?P<num>\d+) events for this group", N_("fewer than %(num)s events for this group")),
    _reason(r"fewer than (?P<num>\d+) events expected for this group",
            N_("fewer than %(num)s events expected for this group")),
    _reason(r"fewer than (?P<num>\d+) events expected for the reference group",
            N_("fewer than %(num)s events expected for the reference group")),
    _reason(r"fewer than (?P<num>\d+) events expected for this officer",
            N_("fewer than %(num)s events expected for this officer")),
    _reason(r"no traffic counted for this group", N_("no traffic counted for this group")),
    _reason(r"no traffic counted for the reference group (?P<reference>\S+)",
            N_("no traffic counted for the reference group %(reference)s")),
    _reason(r"no records for this group", N_("no records for this group")),
    _reason(r"no records for the reference group (?P<reference>\S+)",
            N_("no records for the reference group %(reference)s")),
    _reason(r"fewer than (?P<num>\d+) stops of this group in (?P<when>daylight|darkness) within the twilight "
            r"window", N_("fewer than %(num)s stops of this group in %(when)s within the twilight window")),
    _reason(r"fewer than (?P<num>\d+) stops of the reference group (?P<reference>\S+) in (?P<when>daylight|darkness)"
            r" within the twilight window",
            N_("fewer than %(num)s stops of the reference group %(reference)s in %(when)s within the twilight "
               "window")),
    _reason(r"the model could not be fitted on these data", N_("the model could not be fitted on these data")),
    _reason(r"a count between 1 and 9 \(small cells are not published\)",
            N_("a count between 1 and 9 (small cells are not published)")),
    _reason(r"withheld so that totals cannot reveal a smaller withheld row",
            N_("withheld so that totals cannot reveal a smaller withheld row")),
    _reason(r"below the minimum counts", N_("below the minimum counts")),
)
UNKNOWN = N_("not compared (see the JSON for the reason)")


def reason_text(reason: str | None, words: Wording = ENGLISH) -> str | None:
    """``reason`` in the reader's language; a general sentence for a reason not listed here, so an
    untranslated English fragment never reaches a page in another language."""
    if reason is None:
        return None
    for known in REASONS:
        match = known.pattern.match(reason)
        if match:
            values = match.groupdict()
            if "when" in values:
                values["when"] = words.gettext(WHEN[values["when"]])
            return words.text(known.message, **values)
    return reason if words.locale == "en" else words.text(UNKNOWN)
