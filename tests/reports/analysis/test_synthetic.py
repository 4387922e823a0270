"""The synthetic generator: contract fields, lawfulness, determinism, multipliers, traffic."""

from __future__ import annotations

import uuid

import numpy as np
import pandas as pd
import pytest

from stopform.demo import permits
from stopform.demo.synthetic import count_tables, generate_stops, generate_traffic
from stopform.reports.analysis import search_rate, stop_rate_vs_traffic

from .helpers import by_group

FIELDS = [
    "stop_id", "reference", "occurred_at", "duration_minutes", "area", "latitude", "longitude", "officer_ref", "unit",
    "legal_basis", "reason", "reason_text", "triggered_by_hit", "hit_source", "hit_reference", "vehicle_type",
    "plate_country", "vehicle_pseudonym", "occupants", "driver_nationality", "perceived_origin", "documents_checked",
    "driver_id_demanded", "passenger_ids_demanded", "id_basis", "vehicle_searched", "persons_searched",
    "search_basis", "consent_refusal_explained", "force_used", "search_found", "found_category", "offence_found",
    "outcome", "outcome_linked_to_reason", "receipt", "authorisation_ref", "beyond_basis",
]
CROCKFORD = "[0-9A-HJKMNP-TV-Z]"


def test_every_contract_field_in_order(month_of_stops):
    assert list(month_of_stops.columns) == FIELDS


def test_identifiers_and_codes(month_of_stops):
    stops = month_of_stops
    assert all(uuid.UUID(value).version == 4 for value in stops["stop_id"].head(500))
    assert stops["stop_id"].is_unique and stops["reference"].is_unique
    assert stops["reference"].str.fullmatch(f"{CROCKFORD}{{4}}-{CROCKFORD}{{4}}-{CROCKFORD}{{2}}").all()
    assert stops["officer_ref"].str.fullmatch(r"NL-4\d{4}").all()
    assert stops["vehicle_pseudonym"].str.fullmatch("[0-9a-f]{64}").all()
    assert set(stops["unit"]) == {"LIMBURG-NOORD", "LIMBURG-ZUID"}
    assert set(stops["area"]) == {"ROERMOND", "VENLO", "WEERT", "MAASTRICHT", "SITTARD-GELEEN"}
    located = stops["latitude"].dropna()
    assert (located.round(3) == located).all() and 0.8 < len(located) / len(stops) < 1


def test_times_are_utc_within_the_month(month_of_stops):
    stamps = month_of_stops["occurred_at"]
    assert str(stamps.dt.tz) == "UTC"
    assert stamps.min() >= pd.Timestamp("2026-10-01", tz="UTC") and stamps.max() < pd.Timestamp("2026-11-01", tz="UTC")
    local_hours = stamps.dt.tz_convert("Europe/Amsterdam").dt.hour
    assert (local_hours.between(8, 20)).mean() > 0.6  # busier by day


def test_plate_mix_and_repeat_vehicles(month_of_stops):
    shares = month_of_stops["plate_country"].value_counts(normalize=True)
    assert 0.67 < shares["NL"] < 0.73 and {"DE", "BE", "PL", "RO", "BG"} <= set(shares.index)
    assert (month_of_stops["vehicle_pseudonym"].value_counts() >= 3).sum() >= 10
    per_vehicle = month_of_stops.groupby("vehicle_pseudonym")[["plate_country", "vehicle_type"]].nunique()
    assert (per_vehicle == 1).all().all()  # a vehicle keeps its country and type


def test_every_record_is_lawful(month_of_stops):
    stops = month_of_stops
    assert not permits.unlawful(stops).any()
    traffic_search = stops["legal_basis"].str.startswith("WVW160") & (
        stops["vehicle_searched"] | (stops["persons_searched"] > 0))
    assert traffic_search.sum() > 20
    assert stops.loc[traffic_search, "search_basis"].isin(["SV96B", "CONSENT"]).all()
    consent = stops["search_basis"] == "CONSENT"
    assert stops.loc[consent, "consent_refusal_explained"].eq(True).all()
    passenger_traffic = stops["legal_basis"].str.startswith("WVW160") & (stops["passenger_ids_demanded"] > 0)
    assert passenger_traffic.sum() > 5 and (stops.loc[passenger_traffic, "id_basis"] == "POLW8-ID").all()


def test_field_consistency(month_of_stops):
    stops = month_of_stops
    assert (stops["triggered_by_hit"] == stops["hit_source"].notna()).all()
    assert stops.loc[stops["reason"] == "system_hit", "triggered_by_hit"].all()
    searched = stops["vehicle_searched"] | (stops["persons_searched"] > 0)
    assert not (stops["search_found"] & ~searched).any()
    assert ((stops["found_category"] != "none") == stops["search_found"]).all()
    assert (stops.loc[stops["search_found"], "offence_found"]).all()
    assert (stops["persons_searched"] <= stops["occupants"]).all()
    assert (stops["passenger_ids_demanded"] <= stops["occupants"] - 1).all()
    assert stops["driver_nationality"].notna().eq(stops["driver_id_demanded"]).all()
    assert stops["perceived_origin"].isna().all()


def test_beyond_basis_follows_the_permit_map():
    frame = pd.DataFrame({
        "legal_basis": ["WVW160-1", "WVW160-1", "SV96B", "SV96B", "AWB519", "WWM-VRG"],
        "driver_id_demanded": [False, False, False, True, True, False],
        "passenger_ids_demanded": [1, 0, 0, 0, 0, 0],
        "vehicle_searched": [False, True, True, False, True, True],
        "persons_searched": [0, 0, 0, 0, 0, 2],
    })
    assert permits.beyond_basis(frame).tolist() == [True, True, False, True, False, False]


def test_deterministic_for_a_seed():
    first, again = generate_stops(500, seed=3, month="2026-03"), generate_stops(500, seed=3, month="2026-03")
    pd.testing.assert_frame_equal(first, again)
    assert not first["stop_id"].equals(generate_stops(500, seed=4, month="2026-03")["stop_id"])


def test_officers_persist_across_months():
    march, april = (generate_stops(2_000, seed=s, month=m)["officer_ref"] for s, m in ((1, "2026-03"), (2, "2026-04")))
    assert len(set(march) & set(april)) > 100


def test_search_multiplier_doubles_one_countrys_search_rate():
    stops = generate_stops(100_000, seed=11, month="2026-05", search_multipliers={"PL": 2.0})
    rows = by_group(search_rate(count_tables(stops, "plate_country", tests={"search_rate"})["search_rate"]))
    assert rows["PL"]["ratio"] == pytest.approx(2.0, abs=0.2)
    assert rows["DE"]["ci_low"] < 1 < rows["DE"]["ci_high"]


def test_traffic_is_consistent_with_the_stops():
    stops = generate_stops(100_000, seed=12, month="2026-05")
    traffic = generate_traffic(stops, seed=1, stop_multipliers={"PL": 2.0})
    assert list(traffic.columns) == ["period_start", "period_end", "area", "plate_country", "passages", "hits"]
    assert str(traffic["period_start"].iloc[0]) == "2026-05-01" and str(traffic["period_end"].iloc[0]) == "2026-05-31"
    triggered = stops.groupby(["area", "plate_country"])["triggered_by_hit"].sum()
    assert (traffic.set_index(["area", "plate_country"])["hits"] >= triggered).all()
    rows = by_group(stop_rate_vs_traffic(count_tables(stops, "plate_country", traffic=traffic)["traffic"]))
    assert rows["PL"]["ci_low"] < 2.0 < rows["PL"]["ci_high"]
    assert rows["DE"]["ci_low"] < 1.0 < rows["DE"]["ci_high"]
    month_only = generate_traffic("2026-05", seed=1)
    assert len(month_only) == 5 * 10 and (month_only["passages"] > 0).all()


def test_a_quarter_million_rows():
    stops = generate_stops(250_000, seed=5, month="2026-01")
    assert len(stops) == 250_000
    assert np.isin(stops["legal_basis"].unique(), list(permits.PERMITS)).all()
