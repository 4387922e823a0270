"""Report months (`YYYY-MM`, Dutch calendar months) as pages and commands take them."""
from __future__ import annotations

from zoneinfo import ZoneInfo

import click
from flask import abort, current_app

from ..core.months import parse_month
from ..models import utcnow


def this_month() -> str:
    """The current month in Dutch local time."""
    return utcnow().astimezone(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])).strftime("%Y-%m")


def month_or_404(month: str) -> str:
    """`month` if it is a real YYYY-MM month; a 404 otherwise."""
    try:
        parse_month(month)
    except ValueError:
        abort(404)
    return month


def month_option(_ctx, _param, value: str | None) -> str | None:
    """Click callback: a YYYY-MM month, or a clear usage error."""
    if value is None:
        return None
    try:
        parse_month(value)
    except ValueError as error:
        raise click.BadParameter("use YYYY-MM, for example 2026-10") from error
    return value
