"""The reader's language for the report page, the PDF and the HTML file: a `Wording` on the
request's Flask-Babel locale, and template filters that format numbers and dates with it."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import g, has_app_context
from flask_babel import format_date, get_locale, get_translations

from .analysis.wording import Wording


def reader_wording() -> Wording:
    """The Wording of the current request: its catalogue and its locale's number format (made
    once per request: the templates format thousands of numbers)."""
    locale = str(get_locale() or "en")
    words = g.get("report_wording") if has_app_context() else None
    if words is None or words.locale != locale:
        translations = get_translations()
        words = Wording(gettext=translations.gettext, ngettext=translations.ngettext, locale=locale)
        if has_app_context():
            g.report_wording = words
    return words


def number(value: int | None) -> str:
    """A count with the locale's grouping (2,909 / 2.909); a dash when withheld."""
    return reader_wording().count(value)


def share(value: float | None) -> str:
    """A share as a percentage in the locale's format (9.4% / 9,4%)."""
    return reader_wording().percent(value)


def share_of(part: int | None, whole: int | None) -> str:
    """``part`` as a percentage of ``whole``; a dash when ``whole`` is 0 or either is withheld."""
    return share(part / whole) if whole and part is not None else "–"


def decimal(value: float | None, pattern: str = "0.0") -> str:
    """A number in a Babel pattern for the locale; a dash when missing."""
    return "–" if value is None else reader_wording().decimal(value, pattern)


def long_date(value: date | str) -> str:
    """A date in words for the locale (1 November 2026 / 1 november 2026)."""
    return format_date(date.fromisoformat(value) if isinstance(value, str) else value, "long", rebase=False)


def month_name(value: str) -> str:
    """'2026-11' as 'November 2026' / 'november 2026'."""
    return format_date(date.fromisoformat(f"{value}-01"), "LLLL yyyy", rebase=False)


FILTERS: dict[str, Callable[..., Any]] = {
    "number": number, "share": share, "share_of": share_of, "decimal": decimal, "long_date": long_date,
    "month_name": month_name,
}
