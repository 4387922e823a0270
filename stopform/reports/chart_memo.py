"""Charts drawn once per stored report: inside `reusing(drawn)`, a chart function decorated with
`drawn_once` returns the chart kept in `drawn` under the same language, function and labels, and
keeps any chart it has to draw there (as plain JSON: `svg` and `title`, or None for no chart).

The stored report (`storage`) holds one such dict per report and data version, so the data
behind a chart cannot differ between two calls with the same key; the labels and the language
are part of the key because the same report is drawn in Dutch and English.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar, cast

from flask import has_request_context
from flask_babel import get_locale
from markupsafe import Markup

from .svg import Chart

P = ParamSpec("P")
R = TypeVar("R", bound=Chart | None)
_DRAWN: ContextVar[dict[str, dict | None] | None] = ContextVar("drawn_charts", default=None)


@contextmanager
def reusing(drawn: dict[str, dict | None]) -> Iterator[None]:
    """Inside: charts come from (and newly drawn ones go into) `drawn`."""
    token = _DRAWN.set(drawn)
    try:
        yield
    finally:
        _DRAWN.reset(token)


def language() -> str:
    """The language words are translated into here: the request's (`-` outside a request, where
    the app's messages stay untranslated)."""
    return str(get_locale()) if has_request_context() else "-"


def memo_key(name: str, labels: dict) -> str:
    """The key of one chart: language, chart function and its keyword arguments (key, title, axis
    labels), which name the chart and its words; the data come from the one stored report."""
    words = "|".join(f"{label}={labels[label]}" for label in sorted(labels))
    return f"{language()}|{name}|{words}"


def drawn_once(draw: Callable[P, R]) -> Callable[P, R]:
    """Decorate a chart function (keyword arguments `key`, `title`, labels) to reuse its charts
    inside `reusing` (see the module docstring)."""
    @functools.wraps(draw)
    def reused(*args: P.args, **kwargs: P.kwargs) -> R:
        drawn = _DRAWN.get()
        if drawn is None:
            return draw(*args, **kwargs)
        key = memo_key(draw.__name__, kwargs)
        if key in drawn:
            saved = drawn[key]
            if saved is None:
                return cast(R, None)
            return cast(R, Chart(svg=Markup(saved["svg"]), title=saved["title"]))  # noqa: S704 - our own SVG
        chart = draw(*args, **kwargs)
        drawn[key] = None if chart is None else {"svg": str(chart.svg), "title": chart.title}
        return chart
    return reused
