"""Searches by legal basis and by consent against compulsory search (analysis.searches): the
counts, their descriptive nature, and that no withheld count follows from the published ones."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from stopform.demo.calibration import generate_year, report_inputs
from stopform.reports.analysis import build_report
from stopform.reports.analysis.catalogue import (
    CONSENT_SEARCH_SHARE,
    SEARCH_BASIS_SHARE,
    SEARCH_BREAKDOWN_TESTS,
    SEARCH_HIT_RATE_BY_BASIS,
    SEARCH_HIT_RATE_BY_KIND,
)
from stopform.reports.analysis.disclosure import is_small, linked_suppression
from stopform.reports.analysis.searches import search_blocks, search_kind

BASES = {"CONSENT": True, "WWM51": False, "SV96B": False, "OPIUM9-2": False, "WED23": False}
COLUMNS = ["group", "area", "basis", "voluntary", "searches", "found"]


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _small_groups(seed: int) -> pd.DataFrame:
    """A unit's year of searches: large Dutch counts, small foreign ones, a rare basis, a few
    searches without a basis."""
    rng = np.random.default_rng(seed)
    rows = []
    for group, size in {"NL": 2000, "DE": 300, "PL": 120, "RO": 40, "BG": 12}.items():
        for area, basis in itertools.product(("A", "B", "C"), BASES):
            searches = int(rng.poisson(size / 15 * (0.2 if basis == "WED23" else 1)))
            rows.append((group, area, basis, BASES[basis], searches, int(rng.binomial(searches, 0.25))))
    rows.append(("DE", "A", None, False, 3, 1))
    return _frame(rows)


def _by(blocks, test, basis=None):
    return next(b for b in blocks if b["test"] == test and b.get("basis") == basis)


def test_a_search_is_by_consent_when_its_basis_is_voluntary():
    assert search_kind("CONSENT", True) == "consent"
    assert search_kind("WWM51", False) == "compulsory"
    assert search_kind(None, False) == search_kind("", False) == "unrecorded"


def test_counts_shares_and_hit_rates_per_kind_and_basis():
    rows = [("NL", "A", "CONSENT", True, 400, 40), ("NL", "A", "WWM51", False, 600, 240),
            ("NL", "B", "WWM51", False, 200, 80), ("DE", "A", "CONSENT", True, 150, 9 + 6),
            ("DE", "A", "WWM51", False, 50, 20), ("DE", "B", "WWM51", False, 100, 40)]
    blocks = search_blocks(_frame(rows), dimension="plate_country", reference="NL")
    share = _by(blocks, CONSENT_SEARCH_SHARE)["rows"][0]
    assert (share["group"], share["n"], share["events"]) == ("DE", 300, 150)
    assert share["rate"] == pytest.approx(0.5) and share["reference_rate"] == pytest.approx(400 / 1200)
    assert share["ratio"] == pytest.approx(1.5)
    consent = _by(blocks, SEARCH_HIT_RATE_BY_KIND, "consent")["rows"][0]
    assert (consent["n"], consent["events"], consent["reference_n"]) == (150, 15, 400)
    compulsory = _by(blocks, SEARCH_HIT_RATE_BY_KIND, "compulsory")["rows"][0]
    assert (compulsory["n"], compulsory["events"]) == (150, 60)
    assert compulsory["ratio"] == pytest.approx(1.0) and compulsory["ratio_adjusted"] == pytest.approx(1.0)
    basis = _by(blocks, SEARCH_BASIS_SHARE, "WWM51")
    assert basis["kind"] == "compulsory" and basis["rows"][0]["events"] == 150
    assert _by(blocks, SEARCH_HIT_RATE_BY_BASIS, "WWM51")["rows"][0]["events"] == 60
    assert all(b["rows"][0]["window"] == 12 for b in blocks)


def test_the_breakdown_is_descriptive_and_never_flags():
    # DE consent searches find a tenth as often: a large difference, shown but not tested.
    rows = [("NL", "A", "CONSENT", True, 3000, 900), ("DE", "A", "CONSENT", True, 3000, 90),
            ("NL", "A", "WWM51", False, 3000, 900), ("DE", "A", "WWM51", False, 3000, 900)]
    stops, traffic = generate_year("2026-10", seed=7, months=1)
    inputs = report_inputs(stops, traffic, "2026-10", officers=False)
    dimension = inputs.dimensions["plate_country"]
    inputs = type(inputs)(**{**inputs.__dict__, "dimensions": {"plate_country": type(dimension)(
        **{**dimension.__dict__, "searches": _frame(rows)})}})
    report = build_report(inputs)
    consent = _by(report["tests"], SEARCH_HIT_RATE_BY_KIND, "consent")["rows"][0]
    assert consent["ratio"] == pytest.approx(0.1) and consent["ci_high"] < 0.2
    assert consent["p_value"] is None and consent["p_adjusted"] is None and consent["flag"] is False
    assert not any(f["test"] in SEARCH_BREAKDOWN_TESTS for f in report["flags"])


def _published(blocks) -> dict[tuple, int]:
    """Every count a reader can see, keyed as the breakdown's cells, read from the rows only."""
    seen: dict[tuple, int] = {}
    for block in blocks:
        test, basis = block["test"], block.get("basis")
        for row in block["rows"]:
            for group, n, events in ((row["group"], row["n"], row["events"]),
                                     (block["reference_group"], row.get("reference_n"), row.get("reference_events"))):
                keys = {CONSENT_SEARCH_SHARE: (("total", group), ("kind", group, "consent")),
                        SEARCH_HIT_RATE_BY_KIND: (("kind", group, basis), ("found-kind", group, basis)),
                        SEARCH_BASIS_SHARE: (("total", group), ("basis", group, basis)),
                        SEARCH_HIT_RATE_BY_BASIS: (("basis", group, basis), ("found-basis", group, basis))}[test]
                for key, value in zip(keys, (n, events), strict=True):
                    if value is not None:
                        assert seen.setdefault(key, value) == value
    return seen


def _true_cells(frame: pd.DataFrame) -> dict[tuple, int]:
    kinds = [search_kind(b, v) for b, v in zip(frame["basis"], frame["voluntary"], strict=True)]
    data = frame.assign(kind=kinds, basis=frame["basis"].fillna("unrecorded"))
    cells: dict[tuple, int] = {}
    for (group, kind, basis), part in data.groupby(["group", "kind", "basis"]):
        s, f = int(part["searches"].sum()), int(part["found"].sum())
        for key, value in ((("basis", group, basis), s), (("kind", group, kind), s), (("total", group), s),
                           (("found-basis", group, basis), f), (("found-kind", group, kind), f)):
            cells[key] = cells.get(key, 0) + value
    return cells


def _derive(known: dict[tuple, int], frame: pd.DataFrame, true: dict[tuple, int]) -> dict[tuple, int]:
    """Close ``known`` under the sums a reader knows hold (written out here, apart from the code):
    kinds add up to the group's searches, bases to their kind, finds alike; the group's finds
    and the groups' searches are published by the hit-rate and search-rate tests."""
    kinds = [search_kind(b, v) for b, v in zip(frame["basis"], frame["voluntary"], strict=True)]
    data = frame.assign(kind=kinds, basis=frame["basis"].fillna("unrecorded"))
    sums = []
    for group, part in data.groupby("group"):
        ks, bs = sorted(part["kind"].unique()), sorted(part["basis"].unique())
        sums.append((("total", group), [("kind", group, k) for k in ks]))
        sums.append((("found", group), [("found-kind", group, k) for k in ks]))
        sums.append((("found", group), [("found-basis", group, b) for b in bs]))
        known[("found", group)] = int(part["found"].sum())
        for kind, sub in part.groupby("kind"):
            names = sorted(sub["basis"].unique())
            sums.append((("kind", group, kind), [("basis", group, b) for b in names]))
            sums.append((("found-kind", group, kind), [("found-basis", group, b) for b in names]))
    sums.append((("all",), [("total", g) for g in data["group"].unique()]))
    known[("all",)] = int(data["searches"].sum())
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            cells = [total, *parts]
            unknown = [c for c in cells if c not in known]
            if len(unknown) == 1:
                value = known[total] - sum(known[p] for p in parts if p != unknown[0]) if unknown[0] != total \
                    else sum(known[p] for p in parts)
                assert value == true.get(unknown[0], 0)
                known[unknown[0]] = value
                changed = True
    return known


@pytest.mark.parametrize("seed", range(6))
def test_no_withheld_search_count_can_be_recomputed(seed):
    frame = _small_groups(seed)
    blocks = search_blocks(frame, dimension="plate_country", reference="NL")
    published = _published(blocks)
    true = _true_cells(frame)
    assert not [key for key, value in published.items() if is_small(value)]
    derived = _derive(dict(published), frame, true)
    withheld_rows = [(b, r) for b in blocks for r in b["rows"] if r["suppressed"]]
    assert withheld_rows  # the case is one with small cells
    for block, row in withheld_rows:
        test, basis, group = block["test"], block.get("basis"), row["group"]
        events_cell = {CONSENT_SEARCH_SHARE: ("kind", group, "consent"),
                       SEARCH_HIT_RATE_BY_KIND: ("found-kind", group, basis),
                       SEARCH_BASIS_SHARE: ("basis", group, basis),
                       SEARCH_HIT_RATE_BY_BASIS: ("found-basis", group, basis)}[test]
        assert events_cell not in derived, (test, basis, group)
        assert row["rate"] is None and row["ratio"] is None and row["reference_rate"] is None
    small = [key for key, value in true.items() if is_small(value)]
    assert small and not [key for key in small if key in derived]


def test_linked_suppression_adds_one_complement_per_lonely_withheld_cell():
    cells = {"a": 5, "b": 40, "c": 12, "total": 57, "x": 30, "y": 27}
    hidden = linked_suppression(cells, [["a", "b", "c", "total"], ["c", "x", "y"]])
    assert "a" in hidden and "c" in hidden  # c is the smallest partner of a
    assert "y" in hidden  # then c is alone in its second relation: y (the smaller) joins it
    assert "b" not in hidden and "total" not in hidden
