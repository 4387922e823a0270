"""The language a report's words and numbers are written in, kept out of the statistics.

The analysis builds the report's JSON in English (the machine contract, and the form a stored
report keeps whatever the reader's language). The page, the PDF and the HTML file render the same
sentences again at presentation time through a `Wording`: the presentation layer passes one built
on Flask-Babel's gettext and the request's locale; the analysis uses `ENGLISH`. Numbers go through
Babel with the Wording's locale (2.5 / 2,5; 9.4% / 9,4%).

Messages are marked with `N_` (`Nn_` for one with a plural; no-ops) where they are declared, so
`pybabel extract` finds them and `Wording.gettext` translates them when a sentence is put together.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from babel.numbers import format_decimal, format_percent

UNBOUNDED = "∞"
DASH = "–"


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name for "mark for extraction"
    """Mark ``message`` for extraction without translating it here."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - as N_, for a message with a plural
    """Mark a singular and plural message for extraction (babel.cfg names this keyword)."""
    return singular, plural


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


@dataclass(frozen=True)
class Wording:
    """Translation functions and the locale for numbers. ``gettext`` and ``ngettext`` return the
    translated template only (no interpolation): callers fill it with ``%``."""

    gettext: Callable[[str], str] = str
    ngettext: Callable[[str, str, int], str] = _english_plural
    locale: str = "en"

    def text(self, message: str, **values: object) -> str:
        """``message`` translated and filled with ``values`` (``%(name)s`` placeholders)."""
        translated = self.gettext(message)
        return translated % values if values else translated

    def plural(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The singular or plural form for ``count`` (``%(num)s`` is ``count``, formatted)."""
        return self.ngettext(singular, plural, count) % ({"num": self.count(count)} | values)

    def decimal(self, value: float, pattern: str) -> str:
        """``value`` in a Babel number pattern for this locale."""
        return format_decimal(value, format=pattern, locale=self.locale)

    def count(self, value: int | None) -> str:
        """A count with the locale's grouping (2,909 / 2.909); a dash when withheld."""
        return DASH if value is None else self.decimal(value, "#,##0")

    def ratio(self, value: float | None) -> str:
        """Up to two decimals without trailing zeros (2.5, 1.25, 0.57); whole numbers from 10."""
        if value is None:
            return UNBOUNDED
        return self.decimal(value, "#,##0" if value >= 10 else "0.##")

    def percent(self, value: float | None) -> str:
        """A share as a percentage: 10%, 5.3%, 0.29%."""
        if value is None:
            return DASH
        pct = value * 100
        if pct >= 10 or pct == 0:
            pattern = "#,##0%"
        elif pct >= 1:
            pattern = "0.#%"
        else:
            value, pattern = float(f"{pct:.2g}") / 100, "0.###%"
        return format_percent(value, format=pattern, locale=self.locale)

    def per_10000(self, value: float | None) -> str:
        """A per-passage rate per 10,000 passages, one decimal."""
        return DASH if value is None else self.decimal(value * 10_000, "#,##0.0")

    def per_1000(self, value: float | None) -> str:
        """A share of stops as a number per 1,000 (whole numbers; one decimal below 10)."""
        if value is None:
            return DASH
        per = value * 1000
        return self.decimal(per, "#,##0" if per >= 10 or per == 0 else "0.#")

    def p_value(self, value: float | None) -> str:
        """'= 0.0006' style, or '< 0.0001' for very small p."""
        if value is None:
            return self.gettext(N_("not available"))
        if value < 0.0001:
            return "< " + self.decimal(0.0001, "0.0000")
        pattern = "0.00" if value >= 0.01 else "0.000" if value >= 0.001 else "0.0000"
        return "= " + self.decimal(value, pattern)


ENGLISH = Wording()
