"""Veil of darkness: sun times, the inter-twilight window, sign and orientation, placebo, thin data."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from stopform.reports.analysis import apply_flag_rule, veil_of_darkness
from stopform.reports.analysis.twilight import classify_twilight, sun_times, window_bounds, window_minutes
from stopform.reports.analysis.veil import bin_counts, binned_stops, darkness_model

from .helpers import block, strict_json

ROERMOND = pd.DataFrame({"code": ["ROERMOND"], "latitude": [51.194], "longitude": [5.987]})
TWO_AREAS = pd.DataFrame({"code": ["ROERMOND", "MAASTRICHT"], "latitude": [51.194, 50.851],
                          "longitude": [5.987, 5.691]})


def local(*stamps: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(stamps)).tz_localize("Europe/Amsterdam").tz_convert("UTC"))


def test_sun_times_follow_the_seasons_on_local_clock_time():
    times = sun_times(ROERMOND, [dt.date(2026, 6, 21), dt.date(2026, 12, 10)]).set_index("date")
    june, december = times.loc[dt.date(2026, 6, 21)], times.loc[dt.date(2026, 12, 10)]
    # Civil dusk about 22:43 (summer time) in June and 17:08 in December; twilight 40-50 minutes.
    assert 22 * 60 + 35 < june["dusk"] < 22 * 60 + 50
    assert 17 * 60 < december["dusk"] < 17 * 60 + 15
    for day in (june, december):
        assert 30 < day["dusk"] - day["sunset"] < 60


def test_window_keeps_light_and_dark_and_drops_twilight_and_outside_times():
    stamps = ["2026-06-21 21:00", "2026-06-21 22:20", "2026-06-21 23:00",
              "2026-12-10 18:00", "2026-12-10 17:00", "2026-12-10 12:00"]
    stops = pd.DataFrame({"occurred_at": local(*stamps), "area": "ROERMOND"})
    kept = classify_twilight(stops, ROERMOND)
    assert kept.index.tolist() == [0, 3]  # 21:00 in June is daylight, 18:00 in December is dark
    assert kept["is_dark"].tolist() == [0, 1]


def test_stops_in_unknown_areas_are_refused():
    with pytest.raises(ValueError, match="VENLO"):
        classify_twilight(pd.DataFrame({"occurred_at": local("2026-06-21 21:00"), "area": "VENLO"}), ROERMOND)


def daylight_biased_year(light_share: float, dark_share: float, seed: int = 1, n: int = 40_000) -> pd.DataFrame:
    """A year of evening stops; officer-initiated PL share depends on darkness, hit-triggered share does not."""
    rng = np.random.default_rng(seed)
    day = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    minute = rng.integers(16 * 60, 23 * 60, n)
    stamps = (day + pd.to_timedelta(minute, unit="min")).tz_localize(
        "Europe/Amsterdam", ambiguous="NaT", nonexistent="shift_forward")
    stops = pd.DataFrame({"occurred_at": stamps.tz_convert("UTC"), "area": rng.choice(TWO_AREAS["code"], n)})
    stops = stops.dropna().reset_index(drop=True)
    stops["triggered_by_hit"] = rng.random(len(stops)) < 0.3
    window = classify_twilight(stops, TWO_AREAS)
    dark = pd.Series(0, index=stops.index)
    dark.loc[window.index] = window["is_dark"]
    share = np.where(stops["triggered_by_hit"], 0.2, np.where(dark == 1, dark_share, light_share))
    return stops.assign(group=np.where(rng.random(len(stops)) < share, "PL", "NL"))


def test_group_stopped_more_in_daylight_has_ratio_above_one_and_placebo_near_one():
    row = veil_of_darkness(daylight_biased_year(0.30, 0.15), TWO_AREAS)[0]
    # True odds ratio light/dark = (0.30 / 0.70) / (0.15 / 0.85) = 2.43.
    assert row["group"] == "PL" and row["beta"] < 0
    assert 2.0 < row["ratio"] < 3.0 and row["ci_low"] > 1 and row["p_value"] < 1e-10
    assert row["ratio"] == pytest.approx(np.exp(-row["beta"]))
    assert row["rate"] > row["reference_rate"]  # share of daylight stops > share after dusk
    assert row["placebo_ci_low"] < 1 < row["placebo_ci_high"]
    assert abs(np.log(row["placebo_ratio"])) < 0.2
    assert "cr(hour, df=6" in row["model"]
    flags = apply_flag_rule([block("veil_of_darkness", [row])])
    assert [f["group"] for f in flags] == ["PL"] and "Placebo" in flags[0]["caveat"]


def test_group_stopped_more_after_dark_has_ratio_below_one_and_is_not_flagged():
    row = veil_of_darkness(daylight_biased_year(0.15, 0.30, seed=2), TWO_AREAS)[0]
    assert row["ratio"] < 0.6 and row["ci_high"] < 1
    assert apply_flag_rule([block("veil_of_darkness", [row])]) == []


def test_no_difference_gives_a_ratio_near_one():
    row = veil_of_darkness(daylight_biased_year(0.2, 0.2, seed=3), TWO_AREAS)[0]
    assert row["ci_low"] < 1 < row["ci_high"]


def test_thin_data_are_suppressed_without_warnings():
    stops = daylight_biased_year(0.3, 0.15, seed=4, n=200)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = veil_of_darkness(stops, TWO_AREAS)
    strict_json(rows)
    assert rows[0]["suppressed"] and "fewer than 10 stops" in rows[0]["suppressed_reason"]
    assert rows[0]["ratio"] is None and rows[0]["placebo_ratio"] is None


def test_darkness_confounded_with_clock_time_is_reported_as_not_fitted_not_guessed():
    # Daylight stops only at 20:00 and dark ones only at 21:00: is_dark and clock time are collinear.
    rng = np.random.default_rng(5)
    window = pd.DataFrame({"minute": np.repeat([20 * 60, 21 * 60], 200), "is_dark": np.repeat([0, 1], 200),
                           "area": "ROERMOND", "group": rng.choice(["PL", "NL"], 400)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = darkness_model(window, "PL", "NL")
    assert "beta" not in result and result["reason"] == "the model could not be fitted on these data"


def test_every_group_gets_a_row_even_without_stops_in_the_window():
    stops = daylight_biased_year(0.3, 0.15, seed=6, n=5_000)
    stops.loc[0, "group"] = "BG"
    rows = veil_of_darkness(stops, TWO_AREAS)
    assert [row["group"] for row in rows] == ["BG", "PL"] and rows[0]["suppressed"]


def _clock_minute(stops: pd.DataFrame) -> pd.Series:
    local = stops["occurred_at"].dt.tz_convert("Europe/Amsterdam")
    return local.dt.hour * 60 + local.dt.minute


def _near_dusk(stops: pd.DataFrame, minutes: dict) -> pd.Series:
    """The stops within their area's window minutes, as the SQL layer selects them."""
    return pd.Series([minutes[a][0] <= m <= minutes[a][1] for a, m in zip(stops["area"], _clock_minute(stops),
                                                                       strict=True)], index=stops.index)


def test_window_minutes_keep_every_stop_of_the_window():
    stops = daylight_biased_year(0.3, 0.15, seed=7, n=5_000)
    stops["occurred_at"] += pd.to_timedelta(np.random.default_rng(7).integers(0, 60, len(stops)), unit="s")
    local = stops["occurred_at"].dt.tz_convert("Europe/Amsterdam").dt.date
    _, bounds = window_bounds(TWO_AREAS, local.min(), local.max())
    minutes = window_minutes(bounds)
    kept = classify_twilight(stops, TWO_AREAS)
    assert len(kept) and _near_dusk(stops, minutes).loc[kept.index].all()
    assert not _near_dusk(stops, minutes).all()
    assert set(minutes) == {"ROERMOND", "MAASTRICHT"}
    assert all(17 * 60 <= first < last < 23 * 60 for first, last in minutes.values())


def test_stops_near_dusk_with_dates_and_groups_give_the_same_rows():
    stops = daylight_biased_year(0.30, 0.15, seed=8, n=20_000)
    stops.loc[0, "group"] = "BG"  # a group whose only stop the filter drops: its row must stay
    stops.loc[0, "occurred_at"] = pd.Timestamp("2025-06-01 10:00", tz="UTC")
    local = stops["occurred_at"].dt.tz_convert("Europe/Amsterdam").dt.date
    dates = (local.min(), local.max())
    near = stops[_near_dusk(stops, window_minutes(window_bounds(TWO_AREAS, *dates)[1]))]
    assert len(near) < len(stops) and "BG" not in set(near["group"])
    full = veil_of_darkness(stops, TWO_AREAS)
    assert veil_of_darkness(near, TWO_AREAS, dates=dates, groups=set(stops["group"])) == full
    assert [row["group"] for row in full] == ["BG", "PL"]
    assert [row["group"] for row in veil_of_darkness(near, TWO_AREAS, dates=dates)] == ["PL"]


def test_the_window_follows_the_dates_given_not_only_those_of_the_stops():
    stops = pd.DataFrame({"occurred_at": local("2026-06-21 18:00"), "area": "ROERMOND"})
    assert classify_twilight(stops, ROERMOND).empty  # one day: the window is that day's dusk
    year = classify_twilight(stops, ROERMOND, (dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert year["is_dark"].tolist() == [0]  # the year's window opens at December's dusk, about 17:08


def test_bin_counts_from_binned_stops_are_the_same():
    window = classify_twilight(daylight_biased_year(0.3, 0.15, seed=9, n=5_000), TWO_AREAS)
    binned = binned_stops(window)
    for group in ("PL", "XX"):
        assert_frame_equal(bin_counts(window, group, "NL", binned), _bin_counts_by_rows(window, group, "NL"))


def _bin_counts_by_rows(frame: pd.DataFrame, group: str, reference: str) -> pd.DataFrame:
    """The plain definition: count the group's and the reference's stops per cell."""
    data = frame[frame["group"].isin([group, reference])]
    hour = (data["minute"] // 5 * 5 + 2.5) / 60
    data = data.assign(hour=hour, is_group=(data["group"] == group).astype("int64"))
    return data.groupby(["is_dark", "hour", "area"], sort=True)["is_group"].agg(group="sum", total="size").reset_index()
