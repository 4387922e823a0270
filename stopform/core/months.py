"""Calendar months: `YYYY-MM` strings, month ranges and adding whole months."""
from __future__ import annotations

import calendar
from datetime import date, datetime


def parse_month(text: str) -> date:
    """The first day of a `YYYY-MM` month; ValueError when it is not one."""
    year, _, month = text.partition("-")
    if len(year) != 4 or len(month) != 2 or not (year + month).isdigit():
        raise ValueError(f"not a month like 2026-10: {text!r}")
    return date(int(year), int(month), 1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_range(month: str, months: int = 1) -> tuple[date, date]:
    """[first day, first day after) of the `months` months ending with `month`."""
    first = parse_month(month)
    return add_months(first, 1 - months), add_months(first, 1)


def shift_months(moment: datetime, months: int) -> datetime:
    """`moment` plus whole calendar months, the day clipped to the month's end
    (31 January + 1 month = 28 or 29 February)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))
