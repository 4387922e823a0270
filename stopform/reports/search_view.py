"""The search breakdown (analysis.searches) as tables for the page and the PDF.

One table per kind of search (consent, compulsory, unrecorded) and per legal basis: for each
group, its searches of that kind, their share of the group's searches, what they found and the
hit rate against the reference group's. Every figure comes from the report's published rows,
so what the JSON withholds stays withheld here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .analysis.catalogue import (
    CONSENT_SEARCH_SHARE,
    SEARCH_HIT_RATE_BY_BASIS,
    SEARCH_HIT_RATE_BY_KIND,
)
from .analysis.messages import format_percent, format_ratio

DASH = "–"
KIND_TITLES = {
    "consent": _l("Searches by consent"),
    "compulsory": _l("Compulsory searches (a legal power)"),
    "unrecorded": _l("Searches without a recorded basis"),
}


@dataclass(frozen=True)
class SearchRow:
    """One group's line of a search table, as formatted cells."""

    group: str
    reference: bool
    searches: str
    share: str
    found: str
    hit_rate: str
    ratio: str
    interval: str
    note: str | None


@dataclass(frozen=True)
class SearchTable:
    """The searches of one kind or one legal basis, per group."""

    key: str
    title: str
    rows: list[SearchRow]


@dataclass(frozen=True)
class SearchBreakdown:
    """The section's tables: kinds first, then legal bases (most searches first)."""

    dimension: str
    reference: str
    kinds: list[SearchTable]
    bases: list[SearchTable]


def _count(value: int | None) -> str:
    return DASH if value is None else f"{value:,}"


def _share(part: int | None, whole: int | None) -> str:
    return format_percent(part / whole) if part is not None and whole else DASH


def _interval(row: dict[str, Any]) -> str:
    low, high = row.get("ci_low_adjusted"), row.get("ci_high_adjusted")
    if low is None and high is None:
        return DASH
    return f"{format_ratio(low)}–{format_ratio(high) if high is not None else '∞'}"


def _totals(tests: list[dict[str, Any]], dimension: str) -> tuple[dict[str, int | None], int | None]:
    """Each group's published searches over the 12 months, and the reference group's."""
    block = next((b for b in tests if b["test"] == CONSENT_SEARCH_SHARE and b["dimension"] == dimension), None)
    if block is None:
        return {}, None
    reference = next((r["reference_n"] for r in block["rows"] if r.get("reference_n") is not None), None)
    return {row["group"]: row["n"] for row in block["rows"]}, reference


def _reference_row(block: dict[str, Any], total: int | None) -> SearchRow:
    shown = next((r for r in block["rows"] if r.get("reference_n") is not None), None)
    n = shown["reference_n"] if shown else None
    found = shown["reference_events"] if shown else None
    rate = format_percent(found / n) if found is not None and n else DASH
    return SearchRow(group=block["reference_group"], reference=True, searches=_count(n), share=_share(n, total),
                     found=_count(found), hit_rate=rate, ratio=DASH, interval=DASH, note=None)


def _group_row(row: dict[str, Any], total: int | None) -> SearchRow:
    ratio = row.get("ratio_adjusted") if not row["suppressed"] else None
    return SearchRow(group=row["group"], reference=False, searches=_count(row["n"]), share=_share(row["n"], total),
                     found=_count(row["events"]), hit_rate=format_percent(row["rate"]) if row["rate"] is not None
                     else DASH, ratio=DASH if ratio is None else format_ratio(ratio),
                     interval=DASH if row["suppressed"] else _interval(row),
                     note=row.get("published_reason") or row.get("suppressed_reason") if row["suppressed"] else
                     row.get("comparison_note"))


def _table(key: str, title: str, block: dict[str, Any], totals: tuple[dict[str, int | None], int | None]
           ) -> SearchTable:
    per_group, reference_total = totals
    rows = [_reference_row(block, reference_total)]
    rows += [_group_row(row, per_group.get(row["group"])) for row in block["rows"]]
    return SearchTable(key=key, title=title, rows=rows)


def search_breakdowns(tests: list[dict[str, Any]]) -> list[SearchBreakdown]:
    """One SearchBreakdown per dimension that has the breakdown (plate country)."""
    views = []
    for dimension in dict.fromkeys(b["dimension"] for b in tests if b["test"] == CONSENT_SEARCH_SHARE):
        totals = _totals(tests, dimension)
        blocks = [b for b in tests if b["dimension"] == dimension]
        kinds = [_table(f"search-kind-{b['basis']}", str(KIND_TITLES.get(b["basis"], b["basis"])), b, totals)
                 for b in blocks if b["test"] == SEARCH_HIT_RATE_BY_KIND]
        bases = [_table(f"search-basis-{b['basis']}", _("Legal basis %(basis)s", basis=b["basis"]), b, totals)
                 for b in blocks if b["test"] == SEARCH_HIT_RATE_BY_BASIS]
        reference = blocks[0]["reference_group"]
        views.append(SearchBreakdown(dimension=dimension, reference=reference, kinds=kinds, bases=bases))
    return views

