"""Searches by legal basis and by consent against compulsion, per group (12 months).

As the California RIPA board reports searches: how many of a group's searches rested on the
person's consent rather than on a power, and how often each kind (and each legal basis) found
what it was for. A consent search is one whose ``search_basis`` the catalogue marks
``voluntary``; every other recorded basis is a compulsory search; a search without a basis is
``unrecorded``. The input is the 12 months ending with the report month (a month holds too few
searches per basis and group to show anything).

Four tests, each an ordinary §3 block (one row per group against the reference group, the
crude ratio and the Mantel–Haenszel ratio within areas beside it):

* ``consent_search_share``: n = the group's searches, events = those by consent;
* ``search_hit_rate_by_kind``, one block per kind (``basis``: consent, compulsory,
  unrecorded): n = searches of that kind, events = those that found something;
* ``search_basis_share``, one block per legal basis (``basis``: its code): n = the group's
  searches, events = those under that basis;
* ``search_hit_rate_by_basis``, one block per basis: n = its searches, events = found.

They are descriptive: no p-value and no flag, so they stay out of the report's BH family.
The same counts appear in several blocks and add up to each other (bases to kinds, kinds to
the group's searches), so after each block's own small-cell rule :func:`protect_search_blocks`
withholds complementary cells until no withheld count follows from the published ones.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import messages
from .catalogue import (
    CONSENT_SEARCH_SHARE,
    SEARCH_BASIS_SHARE,
    SEARCH_HIT_RATE_BY_BASIS,
    SEARCH_HIT_RATE_BY_KIND,
)
from .flags import EXTRA_ESTIMATES, below_minimum
from .proportions import proportion_test
from .rows import suppress
from .search_cells import protect_search_blocks

CONSENT, COMPULSORY, UNRECORDED = "consent", "compulsory", "unrecorded"
KINDS = (CONSENT, COMPULSORY, UNRECORDED)
COLUMNS = ("group", "area", "basis", "voluntary", "searches", "found")
WINDOW = 12
Block = dict[str, Any]


def search_kind(basis: Any, voluntary: Any) -> str:
    """consent, compulsory or unrecorded for a search's basis and the catalogue's flag."""
    if basis is None or pd.isna(basis) or str(basis) == "":
        return UNRECORDED
    return CONSENT if bool(voluntary) else COMPULSORY


def _frame(searches: pd.DataFrame) -> pd.DataFrame:
    missing = set(COLUMNS) - set(searches.columns)
    if missing:
        raise ValueError(f"search counts need the columns {', '.join(sorted(missing))}")
    kinds = [search_kind(b, v) for b, v in zip(searches["basis"], searches["voluntary"], strict=True)]
    basis = searches["basis"].where(searches["basis"].notna(), UNRECORDED).astype(str).replace("", UNRECORDED)
    return searches.assign(kind=kinds, basis=basis, group=searches["group"].astype(str),
                           area=searches["area"].astype(str))


class _Pairs:
    """The frame's (group, area) pairs, sorted, and each row's pair: every count table of the
    breakdown sums the rows of one selection per pair."""

    def __init__(self, frame: pd.DataFrame) -> None:
        grouped = frame.groupby(["group", "area"], sort=True)
        self.codes = grouped.ngroup().to_numpy()
        self.keys = grouped.size().index

    def counts(self, rows: np.ndarray, n: pd.Series, events: pd.Series) -> pd.DataFrame:
        """``group``, ``stratum`` (the area), ``n``, ``events``: the sums of ``n`` and ``events``
        over the selected ``rows`` per pair, pairs without any ``n`` left out."""
        rows = rows & (self.codes >= 0)  # a missing group or area belongs to no pair
        sums = [np.zeros(len(self.keys), dtype=np.int64) for _ in range(2)]
        for total, values in zip(sums, (n, events), strict=True):
            np.add.at(total, self.codes[rows], values.to_numpy(dtype=np.int64)[rows])
        kept = sums[0] > 0
        keys = self.keys[kept]
        return pd.DataFrame({"group": keys.get_level_values("group"), "stratum": keys.get_level_values("area"),
                             "n": sums[0][kept], "events": sums[1][kept]})


def _rows(counts: pd.DataFrame, reference: str) -> list[dict[str, Any]]:
    if counts.empty:
        return []
    rows = proportion_test(counts, reference=reference)
    for row in rows:  # descriptive: intervals to read, no test to act on
        row.update(p_value=None, p_value_crude=None, window=WINDOW)
        reason = None if row["suppressed"] else below_minimum(row)
        if reason:
            suppress(row, reason, EXTRA_ESTIMATES)
        row["comparison_note"] = messages.comparison_note(row)
    return rows


def _block(test: str, dimension: str, reference: str, rows: list[dict[str, Any]], **extra: Any) -> Block:
    return {"test": test, "dimension": dimension, "reference_group": reference, "rows": rows, **extra}


def search_blocks(searches: pd.DataFrame, *, dimension: str, reference: str) -> list[Block]:
    """The four descriptive tests (see the module docstring) from searches counted per
    ``group`` x ``area`` x ``basis`` (with the catalogue's ``voluntary`` flag): ``searches``
    and ``found``. Empty without searches."""
    frame = _frame(searches)
    if frame.empty or frame["searches"].sum() == 0:
        return []
    every, found, pairs = frame["searches"], frame["found"], _Pairs(frame)
    everything = np.ones(len(frame), dtype=bool)
    blocks = [_block(CONSENT_SEARCH_SHARE, dimension, reference,
                     _rows(pairs.counts(everything, every, every.where(frame["kind"] == CONSENT, 0)), reference))]
    for kind in KINDS:
        part = (frame["kind"] == kind).to_numpy()
        if every[part].sum():
            rows = _rows(pairs.counts(part, every, found), reference)
            blocks.append(_block(SEARCH_HIT_RATE_BY_KIND, dimension, reference, rows, basis=kind))
    bases = frame.groupby("basis")["searches"].sum().sort_values(ascending=False, kind="stable")
    for basis in [b for b, total in bases.items() if total]:
        part = (frame["basis"] == basis).to_numpy()
        share = _rows(pairs.counts(everything, every, every.where(frame["basis"] == basis, 0)), reference)
        hits = _rows(pairs.counts(part, every, found), reference)
        kind = frame["kind"][part].iloc[0]
        blocks.append(_block(SEARCH_BASIS_SHARE, dimension, reference, share, basis=basis, kind=kind))
        blocks.append(_block(SEARCH_HIT_RATE_BY_BASIS, dimension, reference, hits, basis=basis, kind=kind))
    protect_search_blocks(blocks, frame)
    return blocks
