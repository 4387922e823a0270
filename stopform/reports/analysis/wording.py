"""The language a report's words and numbers are written in, kept out of the statistics.

The analysis builds the report's JSON in English (the machine contract, and the form a stored
report keeps whatever the reader's language). The page, the PDF and the HTML file render the same
sentences again at presentation time through a `Wording`: the presentation layer passes one built
on Flask-Babel's gettext and the request's locale; the analysis uses `ENGLISH`. Numbers go through
the Wording's locale: Babel's separators (2.5 / 2,5; 9.4% / 9,4%), applied to Python's own
formatting, which is fast enough for the thousands of numbers of a report.

Messages are marked with `N_` (`Nn_` for one with a plural; no-ops) where they are declared, so
`pybabel extract` finds them and `Wording.gettext` translates them when a sentence is put together.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol, parse_pattern

UNBOUNDED = "∞"
DASH = "–"


@cache
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@cache
def _separators(name: str) -> dict[int, str]:
    """A str.translate table from English separators to the locale's (Babel's symbols)."""
    return str.maketrans({",": get_group_symbol(name), ".": get_decimal_symbol(name)})


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
        return _pattern(pattern).apply(value, _locale(self.locale))

    def _local(self, text: str) -> str:
        """English digits ('2,909.5') in this locale's separators ('2.909,5')."""
        return text.translate(_separators(self.locale))

    def count(self, value: int | None) -> str:
        """A count with the locale's grouping (2,909 / 2.909); a dash when withheld."""
        return DASH if value is None else self._local(f"{int(value):,}")

    def ratio(self, value: float | None) -> str:
        """Up to two decimals without trailing zeros (2.5, 1.25, 0.57); whole numbers from 10."""
        if value is None:
            return UNBOUNDED
        if value >= 10:
            return self._local(f"{value:,.0f}")
        return self._local(f"{value:.2f}".rstrip("0").rstrip("."))

    def percent(self, value: float | None) -> str:
        """A share as a percentage: 10%, 5.3%, 0.29% (the sign as in Dutch and English)."""
        if value is None:
            return DASH
        pct = value * 100
        if pct >= 10 or pct == 0:
            text = f"{pct:,.0f}"
        elif pct >= 1:
            text = f"{pct:.1f}".rstrip("0").rstrip(".")
        else:
            text = f"{pct:.2g}"
        return self._local(text) + "%"

    def per_10000(self, value: float | None) -> str:
        """A per-passage rate per 10,000 passages, one decimal."""
        return DASH if value is None else self._local(f"{value * 10_000:,.1f}")

    def per_1000(self, value: float | None) -> str:
        """A share of stops as a number per 1,000 (whole numbers; one decimal below 10)."""
        if value is None:
            return DASH
        per = value * 1000
        return self._local(f"{per:,.0f}" if per >= 10 or per == 0 else f"{per:.1f}".rstrip("0").rstrip("."))

    def p_value(self, value: float | None) -> str:
        """'= 0.0006' style, or '< 0.0001' for very small p."""
        if value is None:
            return self.gettext(N_("not available"))
        if value < 0.0001:
            return "< " + self._local("0.0001")
        decimals = 2 if value >= 0.01 else 3 if value >= 0.001 else 4
        return "= " + self._local(f"{value:.{decimals}f}")


ENGLISH = Wording()
