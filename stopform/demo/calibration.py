"""Calibration data: months of synthetic stops at realistic Dutch sizes, with known truth.

About 3,000 stops a month over six control sites; plates NL 70 %, DE 12 %, BE 8 %, PL 5 %,
RO 3 %, BG 2 % of the traffic, with 40 % of PL/RO/BG traffic at one site on the border route;
40 officers covering two or three sites each; about 8 % of stops searched and a quarter of the
searches finding something. Stops are Poisson per camera passage in each site x plate country
x month, so the traffic benchmark holds by construction.

``Scenario`` sets what differs: ``site_stop`` / ``site_search`` make the border site stop and
search *everybody* more (a place effect, no group difference inside any site);
``stop``, ``search``, ``found`` multiply a plate country's stop rate per passage, search
probability or search success; ``officer_search`` makes one officer search one country's
plates more. Only the columns the report counts are generated (vectorised, no Python loop
per stop); :func:`report_inputs` counts them as the SQL tallies do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from stopform.reports.analysis import DimensionInputs, ReportInputs
from stopform.reports.analysis.catalogue import PROPORTION_TESTS, REPEAT_VEHICLE
from stopform.reports.analysis.windows import months_ending

from .synthetic import REASONS

SITES = ("A73-GRENS", "VENLO", "ROERMOND", "WEERT", "MAASTRICHT", "HEERLEN")
PLATE_MIX = {"NL": .70, "DE": .12, "BE": .08, "PL": .05, "RO": .03, "BG": .02}
CLUSTERED = ("PL", "RO", "BG")  # 40 % of their traffic passes the border site
CLUSTER_SHARE = 0.40
STOPS_PER_MONTH = 3_000
PASSAGES_PER_MONTH = 1_500_000
N_OFFICERS = 40
SEARCH_SHARE = 0.08
FOUND_SHARE = 0.25
EXTRA_SHARE = 0.03
BAND_WEIGHTS = np.array([0.06, 0.10, 0.22, 0.26, 0.22, 0.14])  # 4-hour bands from 00-04
WEEKEND_SHARE = 2 / 7
ROSTER_SEED = 4_040


@dataclass(frozen=True)
class Scenario:
    """What differs from a world where group and place make no difference (see module docstring)."""

    site_stop: float = 1.0
    site_search: float = 1.0
    stop: dict[str, float] = field(default_factory=dict)
    search: dict[str, float] = field(default_factory=dict)
    found: dict[str, float] = field(default_factory=dict)
    officer_search: tuple[int, str, float] | None = None


def traffic_shares() -> pd.DataFrame:
    """Share of all passages per site x plate country (sums to 1)."""
    rows = []
    for country, share in PLATE_MIX.items():
        border = CLUSTER_SHARE if country in CLUSTERED else 1 / len(SITES)
        for index, site in enumerate(SITES):
            part = border if index == 0 else (1 - border) / (len(SITES) - 1)
            rows.append((site, country, share * part))
    return pd.DataFrame(rows, columns=["area", "plate_country", "share"])


def roster() -> pd.DataFrame:
    """Officer x site coverage: each of the 40 officers covers two or three sites."""
    rng = np.random.default_rng(ROSTER_SEED)
    rows = []
    for officer in range(N_OFFICERS):
        sites = rng.choice(len(SITES), 2 + officer % 2, replace=False)
        sites[0] = officer % len(SITES)  # every site covered by several officers
        for site in np.unique(sites):
            rows.append((officer, SITES[site], rng.gamma(4, 1)))
    return pd.DataFrame(rows, columns=["officer", "area", "weight"])


def _multiplier(values: np.ndarray, table: dict[str, float]) -> np.ndarray:
    out = np.ones(len(values))
    for key, factor in table.items():
        out[values == key] = factor
    return out


def _officers(rng: np.random.Generator, area: np.ndarray, cover: pd.DataFrame) -> np.ndarray:
    officer = np.empty(len(area), dtype=np.int64)
    for site, team in cover.groupby("area"):
        here = np.flatnonzero(area == site)
        weights = team["weight"].to_numpy() / team["weight"].sum()
        officer[here] = team["officer"].to_numpy()[rng.choice(len(team), here.size, p=weights)]
    return officer


def generate_month(month: str, seed: int, scenario: Scenario = Scenario()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stops, traffic) of one month: one row per stop; passages and stops per site x country."""
    rng = np.random.default_rng(seed)
    cells = traffic_shares()
    cells["passages"] = rng.poisson(PASSAGES_PER_MONTH * cells["share"]).astype(np.int64)
    site = cells["area"].to_numpy() == SITES[0]
    rate = STOPS_PER_MONTH / PASSAGES_PER_MONTH * np.where(site, scenario.site_stop, 1.0)
    rate = rate * _multiplier(cells["plate_country"].to_numpy(), scenario.stop)
    cells["stops"] = rng.poisson(cells["passages"] * rate)
    repeat = np.repeat(np.arange(len(cells)), cells["stops"].to_numpy())
    n = repeat.size
    area = cells["area"].to_numpy()[repeat]
    plate = cells["plate_country"].to_numpy()[repeat]
    reasons = list(REASONS)
    reason_share = np.array([REASONS[r][0] for r in reasons])
    reason_code = rng.choice(len(reasons), n, p=reason_share / reason_share.sum())
    p_search_reason = np.array([REASONS[r][2] for r in reasons])
    p_search_reason = p_search_reason / (p_search_reason * reason_share / reason_share.sum()).sum() * SEARCH_SHARE
    band = rng.choice(len(BAND_WEIGHTS), n, p=BAND_WEIGHTS)
    weekend = (rng.random(n) < WEEKEND_SHARE).astype(np.int64)
    officer = _officers(rng, area, roster())
    p_search = p_search_reason[reason_code] * np.where(area == SITES[0], scenario.site_search, 1.0)
    p_search = p_search * _multiplier(plate, scenario.search)
    if scenario.officer_search:
        who, country, factor = scenario.officer_search
        p_search = p_search * np.where((officer == who) & (plate == country), factor, 1.0)
    searched = rng.random(n) < np.clip(p_search, 0, 0.95)
    found = searched & (rng.random(n) < np.clip(FOUND_SHARE * _multiplier(plate, scenario.found), 0, 1))
    stops = pd.DataFrame({
        "month": month, "area": area, "plate_country": plate, "reason": np.array(reasons, dtype=object)[reason_code],
        "hour_band": band, "weekend": weekend, "officer_ref": [f"NL-{40_000 + o}" for o in officer],
        "searched": searched, "found": found, "extra": rng.random(n) < EXTRA_SHARE,
        "triggered": np.array(reasons, dtype=object)[reason_code] == "system_hit",
        "force": rng.random(n) < 0.01, "no_action": rng.random(n) < 0.6,
    })
    traffic = cells.assign(month=month)[["month", "area", "plate_country", "passages", "stops"]]
    return stops, traffic


def generate_year(last_month: str, seed: int, scenario: Scenario = Scenario(), months: int = 12):
    """``months`` months ending with ``last_month``: (stops, traffic), each month seeded apart."""
    parts = [generate_month(m, seed * 100 + i, scenario) for i, m in enumerate(months_ending(last_month, months))]
    return pd.concat([p[0] for p in parts], ignore_index=True), pd.concat([p[1] for p in parts], ignore_index=True)


EVENTS = {  # test -> (denominator mask column or None, event column)
    "search_rate": (None, "searched"),
    "hit_rate": ("searched", "found"),
    "extra_actions_rate": (None, "extra"),
    "no_further_action_rate": (None, "no_action"),
    "hit_triggered_share": (None, "triggered"),
    "hit_triggered_yield": ("triggered", "found"),
    "force_rate": (None, "force"),
}


def count_frames(stops: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per test: group, stratum (site|band|day type), month, n, events, as the SQL tallies give them."""
    band = (stops["hour_band"] * 4).map(lambda h: f"{h:02d}-{h + 3:02d}")
    data = stops.assign(group=stops["plate_country"], stratum=stops["area"] + "|" + band + "|"
                        + np.where(stops["weekend"] == 1, "weekend", "weekday"))
    frames = {}
    for test, (within, event) in EVENTS.items():
        part = data if within is None else data[data[within]]
        frame = part.groupby(["group", "stratum", "month"], sort=True)[event].agg(n="size", events="sum")
        frames[test] = frame.reset_index().astype({"n": "int64", "events": "int64"})
    return frames


def officer_frame(stops: pd.DataFrame) -> pd.DataFrame:
    """Per officer x cell x plate country: stops, searches and extra actions (12 months)."""
    band = np.where(stops["weekend"] == 1, "weekend ", "weekday ") + (stops["hour_band"] * 4).astype(str) + "-" + (
        stops["hour_band"] * 4 + 4).astype(str)
    data = stops.assign(time_band=band, group=stops["plate_country"])
    keys = ["officer_ref", "area", "time_band", "reason", "group"]
    return data.groupby(keys, sort=True).agg(n=("searched", "size"), searched=("searched", "sum"),
                                             extra=("extra", "sum")).reset_index()


def split_by_trigger(stops: pd.DataFrame, traffic: pd.DataFrame) -> pd.DataFrame:
    """The traffic frame twice, with the officer-initiated and the hit-triggered stops (``trigger``)."""
    keys = ["month", "area", "plate_country"]
    counted = stops.groupby([*keys, "triggered"]).size().unstack("triggered", fill_value=0)
    counted = counted.reindex(columns=[False, True], fill_value=0)
    parts = []
    for trigger, column in (("officer_initiated", False), ("hit_triggered", True)):
        stopped = counted[column].rename("stops").reset_index()
        part = traffic.drop(columns="stops").merge(stopped, on=keys, how="left").fillna({"stops": 0})
        parts.append(part.assign(stops=part["stops"].astype("int64"), trigger=trigger))
    return pd.concat(parts, ignore_index=True)


def report_inputs(stops: pd.DataFrame, traffic: pd.DataFrame, month: str, *, officers: bool = True) -> ReportInputs:
    """The report's inputs for ``month`` from generated (stops, traffic), as the app builds them."""
    frames = count_frames(stops)
    traffic_frame = split_by_trigger(stops, traffic).rename(columns={"plate_country": "group", "area": "stratum"})
    counts: dict[str, pd.DataFrame] = {test: frames[test] for test in PROPORTION_TESTS
                                       if test in frames and test != REPEAT_VEHICLE}
    dimension = DimensionInputs(counts=counts, traffic=traffic_frame,
                                officer_groups=officer_frame(stops) if officers else None)
    first = dt.date(int(month[:4]), int(month[5:7]), 1)
    last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    n_stops = int((stops["month"] == month).sum())
    return ReportInputs(period_start=first, period_end=last, n_stops=n_stops, dimensions={"plate_country": dimension})
