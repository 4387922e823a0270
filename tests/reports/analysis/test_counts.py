"""count_tables: the pandas reference for what the SQL layer counts."""

from __future__ import annotations

import pandas as pd

from stopform.reports.analysis import count_tables

COLUMNS = ["plate_country", "area", "vehicle_searched", "persons_searched", "search_found", "outcome",
           "triggered_by_hit", "offence_found", "beyond_basis", "vehicle_pseudonym"]
STOPS = pd.DataFrame(
    [
        ("NL", "A", True, 0, True, "arrest", False, True, False, "v1"),
        ("NL", "A", False, 0, False, "none", True, False, False, "v1"),
        ("NL", "B", False, 1, False, "none", True, True, True, "v1"),
        ("PL", "A", False, 0, False, "warning", False, False, True, "v2"),
        ("PL", "B", True, 2, False, "none", True, False, False, "v3"),
        (None, "A", False, 0, False, "none", False, False, False, "v4"),
    ],
    columns=COLUMNS,
)


def _triples(frame: pd.DataFrame) -> dict:
    keys = ["group", "stratum"] if "stratum" in frame.columns else ["group"]
    return {tuple(row[k] for k in keys): (row["n"], row["events"]) for _, row in frame.iterrows()}


def test_hand_counted_tables_without_strata():
    tables = count_tables(STOPS, "plate_country", strata=None)
    expected = {
        "search_rate": {("NL",): (3, 2), ("PL",): (2, 1)},
        "hit_rate": {("NL",): (2, 1), ("PL",): (1, 0)},
        "no_further_action_rate": {("NL",): (3, 2), ("PL",): (2, 1)},
        "hit_triggered_share": {("NL",): (3, 2), ("PL",): (2, 1)},
        "hit_triggered_yield": {("NL",): (2, 1), ("PL",): (1, 0)},
        "repeat_vehicle": {("NL",): (1, 1), ("PL",): (2, 0)},
        "extra_actions_rate": {("NL",): (3, 1), ("PL",): (2, 1)},
    }
    assert {name: _triples(frame) for name, frame in tables.items()} == expected


def test_strata_and_a_subset_of_tests():
    tables = count_tables(STOPS, "plate_country", tests={"search_rate"})
    assert list(tables) == ["search_rate"]
    assert _triples(tables["search_rate"]) == {("NL", "A"): (2, 1), ("NL", "B"): (1, 1), ("PL", "A"): (1, 0),
                                               ("PL", "B"): (1, 1)}


def test_traffic_table_joins_stops_to_counted_traffic_only():
    traffic = pd.DataFrame({"area": ["A", "A", "B", "C"], "plate_country": ["NL", "PL", "NL", "NL"],
                            "passages": [1000, 100, 2000, 500], "hits": [5, 1, 0, 0]})
    table = count_tables(STOPS, "plate_country", traffic=traffic, tests={"traffic"})["traffic"]
    got = {(r.group, r.stratum): (r.passages, r.stops, r.hits) for r in table.itertuples()}
    # The PL stop in B has no counted PL traffic in B: no exposure, so it is left out.
    assert got == {("NL", "A"): (1000, 2, 5), ("NL", "B"): (2000, 1, 0), ("NL", "C"): (500, 0, 0),
                   ("PL", "A"): (100, 1, 1)}
