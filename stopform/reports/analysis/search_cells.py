"""Small cells of the search breakdown (:mod:`.searches`): counts that add up across blocks.

Each group's searches split into kinds (consent, compulsory, unrecorded) and each kind into
legal bases; the finds split the same way; the groups' searches add up to the year's searches,
which the search-rate test publishes. A count withheld in one block (1 to 9, or the events of a
row below the minimum counts) could then come back by subtraction in another. So the breakdown
is protected as one table: every count is a cell, every sum a relation, and
:func:`.disclosure.linked_suppression` picks the complementary cells; a row is withheld when any
of its cells is (its ``n`` too when that cell is its ``n``), and a block whose reference-group
count is withheld withholds every row (each row shows the reference's counts).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import disclosure
from .catalogue import CONSENT_SEARCH_SHARE, SEARCH_BASIS_SHARE, SEARCH_HIT_RATE_BY_BASIS, SEARCH_HIT_RATE_BY_KIND

Cell = tuple[str, ...]
COMPLEMENTARY = "withheld so that the other search counts cannot reveal a smaller withheld one"


def row_cells(block: dict[str, Any], group: str) -> tuple[Cell, Cell]:
    """The cells that a row's ``n`` and ``events`` show for ``group`` in ``block``."""
    test, basis = block["test"], str(block.get("basis"))
    if test == CONSENT_SEARCH_SHARE:
        return ("total", group), ("kind", group, "consent")
    if test == SEARCH_HIT_RATE_BY_KIND:
        return ("kind", group, basis), ("found-kind", group, basis)
    if test == SEARCH_BASIS_SHARE:
        return ("total", group), ("basis", group, basis)
    if test == SEARCH_HIT_RATE_BY_BASIS:
        return ("basis", group, basis), ("found-basis", group, basis)
    raise ValueError(f"not a search breakdown block: {test}")


def cell_values(frame: pd.DataFrame) -> dict[Cell, int]:
    """Every cell's count from the searches per group, kind and basis (``searches``, ``found``)."""
    cells: dict[Cell, int] = {}
    sums = frame.groupby(["group", "kind", "basis"], sort=True)[["searches", "found"]].sum()
    for (group, kind, basis), searches, found in zip(sums.index, sums["searches"].tolist(), sums["found"].tolist(),
                                                     strict=True):
        searches, found = int(searches), int(found)
        for key, value in ((("basis", group, basis), searches), (("found-basis", group, basis), found),
                           (("kind", group, kind), searches), (("found-kind", group, kind), found),
                           (("total", group), searches)):
            cells[key] = cells.get(key, 0) + value
    return cells


def relations(frame: pd.DataFrame, blocks: list[dict[str, Any]]) -> list[list[Cell]]:
    """The sums that tie the cells: kinds to each group's searches, bases to their kind (finds
    alike), the groups' searches to the year's total, and each block's ``n`` column."""
    tied: list[list[Cell]] = [[("total", str(g)) for g in frame["group"].unique()]]
    for group, part in frame.groupby("group", sort=True):
        kinds = sorted(part["kind"].unique())
        tied.append([("total", group), *(("kind", group, k) for k in kinds)])
        tied.append([("found-kind", group, k) for k in kinds])
        tied.append([("found-basis", group, b) for b in sorted(part["basis"].unique())])
        for kind, bases in part.groupby("kind", sort=True)["basis"]:
            names = sorted(bases.unique())
            tied.append([("kind", group, kind), *(("basis", group, b) for b in names)])
            tied.append([("found-kind", group, kind), *(("found-basis", group, b) for b in names)])
    for block in blocks:
        groups = [row["group"] for row in block["rows"]] + [block["reference_group"]]
        tied.append([row_cells(block, group)[0] for group in groups])
    return tied


def _withheld_cells(blocks: list[dict[str, Any]]) -> set[Cell]:
    """Cells no published row shows: the events of withheld rows and every withheld ``n``."""
    hidden: set[Cell] = set()
    for block in blocks:
        for row in block["rows"]:
            n_cell, events_cell = row_cells(block, row["group"])
            if row["suppressed"]:
                hidden.add(events_cell)
            if row["n"] is None:
                hidden.add(n_cell)
    return hidden


def _apply(blocks: list[dict[str, Any]], hidden: set[Cell]) -> None:
    for block in blocks:
        reference = row_cells(block, block["reference_group"])
        whole_block = any(cell in hidden for cell in reference)
        for row in block["rows"]:
            n_cell, events_cell = row_cells(block, row["group"])
            if whole_block or n_cell in hidden or events_cell in hidden:
                if not (row["suppressed"] and row.get("published_reason")):
                    disclosure.withhold(row, COMPLEMENTARY)
                if n_cell in hidden:
                    row["n"] = None


def protect_search_blocks(blocks: list[dict[str, Any]], frame: pd.DataFrame) -> None:
    """Withhold the breakdown's small and complementary cells in place (module docstring).
    ``frame``: the searches per ``group``, ``kind``, ``basis`` with ``searches`` and ``found``."""
    disclosure.protect_rows([row for block in blocks for row in block["rows"]])
    cells = cell_values(frame)
    tied = relations(frame, blocks)
    for relation in tied:
        for cell in relation:
            cells.setdefault(cell, 0)
    hidden = _withheld_cells(blocks)
    while True:
        hidden = disclosure.linked_suppression(cells, tied, hidden)
        _apply(blocks, hidden)
        more = _withheld_cells(blocks) - hidden
        if not more:
            return
        hidden |= more
