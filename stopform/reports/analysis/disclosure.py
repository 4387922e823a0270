"""Small cells stay small: what a published report row may show.

Statistics Netherlands' rule of thumb for published tables (CBS, "Statistische beveiliging"):
no cell of 1 to 9 units. Applied to every result row of the report, after the flag rule:

* a row below the flag rule's minimum counts, or with any count (``n``, ``events``, the
  reference group's ``reference_n`` / ``reference_events``, an officer's ``n_total``) between 1
  and 9, publishes no events, rate, reference rate, ratio, interval, p-value or expected count:
  each of them, with the published ``n`` and the reference rate, would give the count back;
* a count between 1 and 9 is itself withheld (``None``), 0 is published;
* complementary suppression: within a block and window, the ``n`` of the groups plus the
  reference's add up to a published total (the month's stops). When exactly one row hides its
  ``n``, the row with the next smallest ``n`` is suppressed too, so the total cannot give the
  hidden one back by subtraction;
* a flagged row whose figures are withheld keeps ``flag: true`` and says so: the test ran on
  the real counts, only the figures stay unpublished.

Rows carry ``published_reason`` (why the figures are withheld) beside ``suppressed_reason``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

SMALL = range(1, 10)
Cell = TypeVar("Cell", bound=Hashable)
COUNT_KEYS = ("n", "events", "reference_n", "reference_events", "n_total")
# Every figure from which a withheld count could be recomputed.
FIGURE_KEYS = (
    "events", "rate", "reference_rate", "ratio", "ci_low", "ci_high", "p_value", "p_adjusted",
    "ratio_adjusted", "ci_low_adjusted", "ci_high_adjusted", "p_value_crude", "expected_events",
    "reference_expected_events", "reference_n", "reference_events", "z", "local_fdr", "beta", "se",
    "placebo_ratio", "placebo_ci_low", "placebo_ci_high", "placebo_p_value", "per_area_rate",
    "per_area_reference_rate", "per_area_difference", "per_area_ci_low", "per_area_ci_high",
    "reference_group_ratio", "comparison_note",
)
SMALL_COUNT = "a count between 1 and 9 (small cells are not published)"
COMPLEMENTARY = "withheld so that totals cannot reveal a smaller withheld row"


def is_small(value: Any) -> bool:
    """A count between 1 and 9."""
    if type(value) is int:  # nearly every count: the checks below in one comparison
        return value in SMALL
    return isinstance(value, int) and not isinstance(value, bool) and value in SMALL


def withhold(row: dict[str, Any], reason: str) -> None:
    """Blank every figure of ``row`` (keeping ``flag``) and every small count."""
    for key in FIGURE_KEYS:
        if key in row:
            row[key] = None
    for key in COUNT_KEYS:
        if is_small(row.get(key)):
            row[key] = None
    row["suppressed"] = True
    row["published_reason"] = reason
    if row.get("suppressed_reason") is None:
        row["suppressed_reason"] = reason


def _needs_withholding(row: dict[str, Any]) -> str | None:
    if any(is_small(row.get(key)) for key in COUNT_KEYS):
        return SMALL_COUNT
    if row["suppressed"]:
        return row.get("suppressed_reason") or "below the minimum counts"
    return None


def _complementary(rows: list[dict[str, Any]]) -> None:
    hidden = [row for row in rows if row["n"] is None]
    visible = [row for row in rows if row["n"] is not None and row["n"] > 0]
    if len(hidden) != 1 or not visible:
        return
    # Deterministic on n and group so that blocks sharing the same n hide the same rows.
    partner = min(visible, key=lambda row: (row["n"], row["group"]))
    withhold(partner, COMPLEMENTARY)
    partner["n"] = None


def protect_rows(rows: list[dict[str, Any]]) -> None:
    """Withhold every row below the minimum counts or with a count of 1 to 9, in place."""
    for row in rows:
        reason = _needs_withholding(row)
        if reason:
            withhold(row, reason)


def protect_block(block: dict[str, Any]) -> None:
    """Withhold small cells of one §3 block in place (see the module docstring)."""
    protect_rows(block["rows"])
    windows: dict[Any, list[dict[str, Any]]] = {}
    for row in block["rows"]:
        windows.setdefault(row.get("window", 1), []).append(row)
    for rows in windows.values():
        _complementary(rows)
    for row in block["rows"]:
        for window in row.get("windows", ()):
            if row["suppressed"] or window.get("suppressed"):
                for key in ("ratio_adjusted", "ci_low_adjusted", "ci_high_adjusted", "p_value"):
                    window[key] = None


def protect_flag(flag: dict[str, Any], row: dict[str, Any]) -> None:
    """A flag on a withheld row keeps its test, group and window, not its figures."""
    if row["suppressed"]:
        for key in ("ratio", "ci_low", "ci_high", "ratio_crude", "p_adjusted"):
            flag[key] = None
        flag["figures_withheld"] = True


def linked_suppression(cells: Mapping[Cell, int], relations: Iterable[Sequence[Cell]],
                       hidden: Iterable[Cell] = ()) -> set[Cell]:
    """The cells of a table to withhold: every count of 1 to 9, the cells in ``hidden``, and
    complementary cells until no relation has exactly one withheld cell.

    ``relations`` are sets of cells tied by a published sum (the parts of a row with its total,
    a column with a total given elsewhere): with one cell withheld, the others would give it
    back. The complement is the relation's smallest published cell (zeros too when nothing else
    is left), so as little as possible is lost; repeated until stable, as a cell withheld for
    one relation may leave another with a single withheld cell.
    """
    withheld = {key for key, value in cells.items() if is_small(int(value))} | set(hidden)
    relations = [list(dict.fromkeys(relation)) for relation in relations]
    changed = True
    while changed:
        changed = False
        for relation in relations:
            shown = [key for key in relation if key not in withheld]
            if len(relation) - len(shown) != 1 or not shown:
                continue
            withheld.add(min(shown, key=lambda key: (int(cells[key]) == 0, int(cells[key]), str(key))))
            changed = True
    return withheld
