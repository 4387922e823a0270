"""Calibration of the flag rule on synthetic months (count tables, no database).

Null: no disparity; over 400 seeded months of 8,000 stops, at most 5 % may show any
search_rate flag for plate_country. Power: PL (about 400 stops a month) searched twice
as often; PL must be flagged in at least 90 % of 100 months.
"""

from __future__ import annotations

from stopform.demo.synthetic import count_tables, generate_stops
from stopform.reports.analysis import apply_flag_rule, search_rate

from .helpers import block

STOPS_PER_MONTH = 8_000


def _search_flags(seed: int, multipliers: dict[str, float] | None) -> set[str]:
    stops = generate_stops(STOPS_PER_MONTH, seed=seed, month="2026-10", search_multipliers=multipliers)
    table = count_tables(stops, "plate_country", tests={"search_rate"})["search_rate"]
    return {flag["group"] for flag in apply_flag_rule([block("search_rate", search_rate(table))])}


def test_no_disparity_flags_at_most_five_percent_of_months():
    months = [_search_flags(seed, None) for seed in range(1_000, 1_400)]
    rate = sum(bool(flags) for flags in months) / len(months)
    print(f"null: months with any search_rate flag = {rate:.3f}")
    assert rate <= 0.05


def test_doubled_search_rate_is_flagged_in_nine_months_of_ten():
    months = [_search_flags(seed, {"PL": 2.0}) for seed in range(2_000, 2_100)]
    power = sum("PL" in flags for flags in months) / len(months)
    others = sum(bool(flags - {"PL"}) for flags in months) / len(months)
    print(f"power: PL flagged = {power:.3f}; other groups flagged = {others:.3f}")
    assert power >= 0.90
    assert others <= 0.05
