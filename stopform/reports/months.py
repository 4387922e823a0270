"""Report months (`YYYY-MM`, Dutch calendar months) as pages and commands take them."""
from __future__ import annotations

from zoneinfo import ZoneInfo

import click
from flask import abort, current_app

from ..core.months import add_months, parse_month
from ..models import utcnow
from ..stops.rules import FIRST_YEAR, LAST_YEAR


def parse_report_month(month: str):
    """The first day of a `YYYY-MM` month in the years a stop can have; ValueError otherwise (far
    outside them the month arithmetic and the local-time conversions overflow)."""
    first = parse_month(month)
    if not FIRST_YEAR <= first.year <= LAST_YEAR:
        raise ValueError(f"reports cover {FIRST_YEAR}-01 to {LAST_YEAR}-12")
    return first


def this_month() -> str:
    """The current month in Dutch local time."""
    return utcnow().astimezone(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])).strftime("%Y-%m")


def last_complete_month() -> str:
    """The month before the current one (Dutch local time): the latest month with all its stops."""
    return add_months(parse_month(this_month()), -1).strftime("%Y-%m")


def month_or_404(month: str) -> str:
    """`month` if it is a real, reportable YYYY-MM month; a 404 otherwise."""
    try:
        parse_report_month(month)
    except ValueError:
        abort(404)
    return month


def month_option(_ctx, _param, value: str | None) -> str | None:
    """Click callback: a YYYY-MM month, or a clear usage error."""
    if value is None:
        return None
    try:
        parse_report_month(value)
    except ValueError as error:
        raise click.BadParameter(f"use YYYY-MM from {FIRST_YEAR}-01 to {LAST_YEAR}-12, for example 2026-10") \
            from error
    return value
