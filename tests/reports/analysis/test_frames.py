"""The coded groupings behind the tests: the same groups, order and sums as grouping the labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from stopform.reports.analysis._frames import group_counts, group_totals, sorted_codes, stratum_table
from stopform.reports.analysis.officer_groups import officer_group_blocks

GROUPS = ["NL", "DE", "Ä", "a b", "10", "9", "DE", "NL", "NL"]
STRATA = ["B|00-03|weekday", "A|00-03|weekday", "B-X|04-07|weekend", "A|00-03|weekday", "b",
          "B|00-03|weekday", "B-X|04-07|weekend", "A|00-03|weekday", "B|00-03|weekday"]


def _frame(kind: str) -> pd.DataFrame:
    frame = pd.DataFrame({"group": GROUPS, "stratum": STRATA, "n": [5, 0, 7, 4, 2, 8, 4, 6, 1],
                          "events": [1, 0, 2, 0, 1, 3, 4, 0, 1]})
    if kind == "category":
        return frame.astype({"group": "category", "stratum": "category"})
    return frame.astype({"group": object}) if kind == "object" else frame


@pytest.mark.parametrize("values", [pd.Series(GROUPS), pd.Series(GROUPS, dtype="category"),
                                    pd.Series([3, "3", None, "x"], dtype=object), pd.Series(["b", None, "a"])])
def test_sorted_codes_are_those_of_the_labels_as_text(values):
    codes, names = sorted_codes(values)
    expected_codes, expected_names = pd.factorize(values.astype(str), sort=True)
    assert codes.tolist() == expected_codes.tolist() and names.tolist() == list(expected_names)


@pytest.mark.parametrize("kind", ["str", "category", "object"])
def test_group_counts_match_grouping_the_labels(kind):
    frame = _frame(kind)
    counted = group_counts(frame, ["n", "events"])
    totals = group_totals(frame, ["n", "events"]).astype("int64")
    assert list(counted.totals.items()) == [(g, (n, e)) for g, n, e in totals.itertuples()]
    assert list(counted.totals) == ["NL", "9", "Ä", "DE", "a b", "10"]  # largest n first, ties by label
    for column in ("n", "events"):
        table = stratum_table(frame, column)
        assert list(counted.rows) == table.index.tolist()
        np.testing.assert_array_equal(counted.strata[column], table.to_numpy())


def test_group_counts_of_fractional_counts_take_the_general_path():
    frame = _frame("str").astype({"n": float})
    counted = group_counts(frame, ["n", "events"])
    assert counted.totals["NL"] == (12, 2) and counted.strata["n"].dtype == float


def test_officer_benchmark_refuses_missing_labels():
    frame = pd.DataFrame({"officer_ref": ["A", None], "area": "X", "time_band": "weekday 8-12", "reason": "other",
                          "group": ["PL", "NL"], "n": 10, "searched": 1, "extra": 0})
    with pytest.raises(ValueError, match="officer_ref"):
        officer_group_blocks(frame, reference="NL")
