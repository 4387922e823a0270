"""The officer benchmark per plate country and measure, against peers in the same cells."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from stopform.demo.calibration import Scenario, generate_year, officer_frame
from stopform.reports.analysis.officer_groups import officer_group_blocks


def _block(blocks: list[dict], measure: str, group: str) -> dict[str, dict]:
    block = next(b for b in blocks if b["measure"] == measure and b["studied_group"] == group)
    return {row["group"]: row for row in block["rows"]}


def test_hand_computed_stop_share_against_peers_in_the_same_cell():
    # One cell: officer A 60 stops (30 PL), peers B and C 100 stops together (20 PL).
    rows = [("A", "X", "weekday 8-12", "other", "PL", 30, 0, 0), ("A", "X", "weekday 8-12", "other", "NL", 30, 0, 0),
            ("B", "X", "weekday 8-12", "other", "PL", 10, 0, 0), ("B", "X", "weekday 8-12", "other", "NL", 40, 0, 0),
            ("C", "X", "weekday 8-12", "other", "PL", 10, 0, 0), ("C", "X", "weekday 8-12", "other", "NL", 40, 0, 0)]
    columns = ["officer_ref", "area", "time_band", "reason", "group", "n", "searched", "extra"]
    frame = pd.DataFrame(rows, columns=columns)
    row = _block(officer_group_blocks(frame, reference="NL"), "stop_share", "PL")["A"]
    expected, variance = 60 * 0.2, 60 * 0.2 * 0.8 * (1 + 60 / 100)
    assert row["ratio"] == pytest.approx(30 / expected)
    assert row["z"] == pytest.approx((30 - expected) / np.sqrt(variance))


def test_an_officer_searching_one_country_more_stands_out_for_that_country_only():
    stops, _ = generate_year("2026-10", seed=91, scenario=Scenario(officer_search=(13, "DE", 4.0)), months=12)
    blocks = officer_group_blocks(officer_frame(stops), reference="NL")
    de = _block(blocks, "search_rate", "DE")
    tested = {k: r for k, r in de.items() if not r["suppressed"]}
    assert max(tested, key=lambda k: tested[k]["z"]) == "NL-40013"
    assert de["NL-40013"]["ratio"] > 2 and de["NL-40013"]["reference_group_ratio"] == pytest.approx(1, abs=0.35)
    be = _block(blocks, "search_rate", "BE")["NL-40013"]
    assert be["ratio"] == pytest.approx(1, abs=0.6)


def test_officers_in_the_border_area_are_not_held_to_the_area_mix():
    # 40 % of PL/RO/BG traffic passes the border site; the officers working there stop more of them,
    # and peers in the same cells do too: no officer's ratio strays far from 1.
    stops, _ = generate_year("2026-10", seed=92, scenario=Scenario(), months=12)
    rows = _block(officer_group_blocks(officer_frame(stops), reference="NL"), "stop_share", "PL")
    ratios = [r["ratio"] for r in rows.values() if not r["suppressed"]]
    assert len(ratios) >= 20 and 0.9 < float(np.median(ratios)) < 1.1


COLUMNS = ["officer_ref", "area", "time_band", "reason", "group", "n", "searched", "extra"]


def test_no_blocks_without_stops_or_without_a_group_beside_the_reference():
    empty = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("n", "searched", "extra") else "str") for c in COLUMNS})
    only_reference = pd.DataFrame([("A", "X", "weekday 8-12", "other", "NL", 60, 3, 1)], columns=COLUMNS)
    assert officer_group_blocks(empty, reference="NL") == []
    assert officer_group_blocks(only_reference, reference="NL") == []


def test_without_reference_stops_the_rows_carry_no_reference_ratio():
    rows = [(officer, "X", "weekday 8-12", "other", "PL", 60, 30, 1) for officer in ("A", "B")]
    blocks = officer_group_blocks(pd.DataFrame(rows, columns=COLUMNS), reference="NL")
    assert [(b["measure"], b["studied_group"]) for b in blocks] == [
        ("stop_share", "PL"), ("search_rate", "PL"), ("extra_actions_rate", "PL")]
    search = _block(blocks, "search_rate", "PL")
    assert search["A"]["ratio"] == 1.0 and "reference_group_ratio" not in search["A"]
