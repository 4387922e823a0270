"""Synthetic stop records and traffic counts for demos, tests and calibration.

All record fields (docs/stop-record.md) plus ``beyond_basis``; every record lawful; nothing depends on the
plate country unless a multiplier says so. Deterministic per seed and vectorised.
Officers and vehicles do not depend on the seed, so twelve months make a year.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from stopform.reports.analysis.counts import count_tables  # noqa: F401 - part of this module's API

from ..catalog.bases_v2 import CATALOG_V2_START
from ..models.stops import LOCAL_ZONE
from . import permits
from .identifiers import references, uuids, vehicles

DEFAULT_AREAS = [
    {"code": "ROERMOND", "latitude": 51.194, "longitude": 5.987, "unit": "LIMBURG-NOORD"},
    {"code": "VENLO", "latitude": 51.370, "longitude": 6.172, "unit": "LIMBURG-NOORD"},
    {"code": "WEERT", "latitude": 51.252, "longitude": 5.706, "unit": "LIMBURG-NOORD"},
    {"code": "MAASTRICHT", "latitude": 50.851, "longitude": 5.691, "unit": "LIMBURG-ZUID"},
    {"code": "SITTARD-GELEEN", "latitude": 50.998, "longitude": 5.869, "unit": "LIMBURG-ZUID"},
]
UNITS = {a["code"]: a["unit"] for a in DEFAULT_AREAS}
PLATE_MIX = {"NL": .70, "DE": .10, "BE": .07, "PL": .05, "RO": .02, "BG": .02, "LT": .01, "FR": .01, "GB": .01,
             "XX": .01}
REASONS = {  # share of stops, legal bases, P(search), P(offence found), example reason texts
    "traffic_violation": (.30, {"WVW160-1": 1.0}, .02, .85, ("Speeding, 78 km/h where 50 applies", "Ran a red light")),
    "document_check": (.15, {"WVW160-1": .8, "AWB519": .1, "VW50-MTV": .1}, .03, .15,
                       ("Licence and registration check at control point", "Documents check at border road")),
    "vehicle_defect": (.06, {"WVW160-4": 1.0}, .01, .60, ("Rear light not working", "Loose load on trailer")),
    "alcohol_drug_check": (.12, {"WVW160-5": 1.0}, .02, .08, ("Breath-test checkpoint", "Swerving within lane")),
    "system_hit": (.10, {"WVW160-1": .6, "POLW8-ID": .25, "SV96B": .15}, .10, .12,
                   ("Camera alert on vehicle", "ANPR alert, checked against list")),
    "suspect_description": (.03, {"SV52": 1.0}, .35, .30, ("Matches description in radio call", "Matches witness")),
    "suspicion_of_offence": (.10, {"SV52": .4, "SV96B": .3, "OPIUM9": .2, "WWM51": .1}, .45, .35,
                             ("Hand-to-hand exchange seen through window", "Strong cannabis smell from car")),
    "wanted_person_or_vehicle": (.04, {"SV52": .6, "POLW8-ID": .4}, .30, .50,
                                 ("Plate listed as stolen", "Registered keeper is wanted")),
    "other": (.10, {"WVW160-1": .4, "WWM-VRG": .2, "VW50-MTV": .2, "AWB519": .2}, .06, .10,
              ("General control point", "Check requested by the operation's team lead")),
}
P_SEARCH, P_OFFENCE = (np.array([spec[k] for spec in REASONS.values()]) for k in (2, 3))
HOUR_WEIGHTS = np.array([2, 1.5, 1, 1, 1, 1.5, 3, 5, 6, 6, 6, 6, 6, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3])
VEHICLE_TYPES = {"car": .80, "van": .12, "truck": .05, "motorcycle": .02, "other": .01}
HIT_SOURCES = {"sensing_risk_model": .6, "anpr_reference_list": .3, "other_system": .1}
FOUND_CATEGORIES = {"drugs": .5, "weapon": .15, "stolen_goods": .15, "other_evidence": .2}
RECEIPTS = {"qr_shown": .55, "card_printed": .25, "declined": .20}
OUTCOMES_OFFENCE = {"warning": .15, "fine": .55, "report": .15, "arrest": .10, "seizure": .05}
OUTCOMES_FOUND = {"seizure": .4, "arrest": .3, "report": .3}
TRAFFIC_BASES = ["WVW160-1", "WVW160-4", "WVW160-5"]  # the licence check is the point of these stops
# Catalogue version 2: powers that are no stop powers, or were split, become the stop power that
# fits; a stop prompted by a hit, or for a crime, is a stop of a possible suspect (stops.grounds).
V2_STOP_BASES = {"POLW8-ID": "SV52", "OPIUM9": "SV52", "VW50-MTV": "VW50"}
CRIMINAL_BASES = ("SV52", "SV96B", "WWM51")
CRIME_REASONS = ("suspicion_of_offence", "suspect_description", "wanted_person_or_vehicle")
OFFENCES = {"suspicion_of_offence": "Opiumwet, art. 3", "suspect_description": "Diefstal, art. 310 Sr",
            "wanted_person_or_vehicle": "Heling, art. 416 Sr"}
REASONS_FOR_PERSON = {"suspicion_of_offence": "The officer saw what looked like a drugs deal in the car.",
                      "suspect_description": "You matched the description of a suspect given over the radio.",
                      "wanted_person_or_vehicle": "A camera or list showed that the vehicle is being looked for."}
# None as a 0-d object array: np.where's type stubs take arrays, not a bare None; the result is the
# same object array of values and None.
NO_VALUE = np.array(None, dtype=object)
ROSTER_SEED = 20_260_101  # the roster is fixed across months (only the month's seed varies)


def _codes(rng: np.random.Generator, options: dict[str, float], size: int) -> np.ndarray:
    return rng.choice(len(options), size, p=np.array(list(options.values())) / sum(options.values()))


def _choice(rng: np.random.Generator, options: dict[str, float], size: int) -> np.ndarray:
    return np.array(list(options), dtype=object)[_codes(rng, options, size)]


def _occurred_at(rng: np.random.Generator, n: int, month: str) -> pd.DatetimeIndex:
    """Times in the month (local and UTC both), busier by day than at night."""
    start = pd.Timestamp(f"{month}-01")
    first, after = start.tz_localize("UTC"), (start + pd.offsets.MonthBegin(1)).tz_localize("UTC")
    minute_weights = np.repeat(HOUR_WEIGHTS / HOUR_WEIGHTS.sum() / 60, 60)
    out, todo = np.empty(n, dtype="datetime64[ns]"), np.arange(n)
    while todo.size:
        offset = (rng.integers(0, start.days_in_month, todo.size) * 86_400
                  + rng.choice(1440, todo.size, p=minute_weights) * 60 + rng.integers(0, 60, todo.size))
        local = pd.DatetimeIndex(start + pd.to_timedelta(offset, unit="s"))
        utc = local.tz_localize("Europe/Amsterdam", ambiguous=np.zeros(todo.size, dtype=bool),
                                nonexistent="shift_forward").tz_convert("UTC")
        inside = (utc >= first) & (utc < after)
        out[todo[inside]] = utc[inside].tz_localize(None).to_numpy()
        todo = todo[~inside]
    return pd.DatetimeIndex(out).tz_localize("UTC")


def _roster(n_officers: int, areas: list[dict]) -> pd.DataFrame:
    """Officers fixed across months: service number, home area, unit and activity."""
    rng = np.random.default_rng(ROSTER_SEED + n_officers)
    numbers, home = 40_000 + rng.choice(10_000, n_officers, replace=False), rng.integers(0, len(areas), n_officers)
    units = np.array([a.get("unit") or UNITS.get(a["code"], "LIMBURG-NOORD") for a in areas], dtype=object)[home]
    weight = rng.gamma(2, 1, n_officers)
    return pd.DataFrame({"officer_ref": [f"NL-{k}" for k in numbers], "unit": units, "home": home,
                         "weight": weight / weight.sum()})


def _per_key(rng: np.random.Generator, keys: np.ndarray, tables: list[dict[str, float]]) -> np.ndarray:
    out = np.empty(len(keys), dtype=object)  # rows with key i draw from tables[i]
    for key, options in enumerate(tables):
        out[keys == key] = _choice(rng, options, int((keys == key).sum()))
    return out


def _identity(rng: np.random.Generator, basis: np.ndarray, occupants: np.ndarray) -> dict[str, np.ndarray]:
    driver_ok, passenger_ok = (permits.permitted(basis, a) for a in (permits.DRIVER_ID, permits.PASSENGER_ID))
    driver = rng.random(len(basis)) < np.where(driver_ok, 0.8, 0.05)
    others = occupants - 1
    extra = np.where(rng.random(len(basis)) < 0.03, rng.integers(0, 2**20, len(basis)) % np.maximum(others, 1) + 1, 0)
    passengers = np.where(passenger_ok, rng.binomial(others, 0.6), np.where(others > 0, extra, 0))
    beyond = (driver & ~driver_ok) | ((passengers > 0) & ~passenger_ok)
    return {"driver_id_demanded": driver, "passenger_ids_demanded": passengers,
            "id_basis": np.where(beyond, "POLW8-ID", NO_VALUE)}


def _searches(rng: np.random.Generator, basis: np.ndarray, p_search: np.ndarray, occupants: np.ndarray) -> dict:
    searched = rng.random(len(basis)) < p_search
    vehicle = searched & (rng.random(len(basis)) < 0.85)
    persons = np.where(searched & (~vehicle | (rng.random(len(basis)) < 0.35)),
                       1 + rng.integers(0, 2**20, len(basis)) % occupants, 0)
    own = (~vehicle | permits.permitted(basis, permits.VEHICLE_SEARCH)) & (
        (persons == 0) | permits.permitted(basis, permits.PERSON_SEARCH))
    other = np.where((persons == 0) & (rng.random(len(basis)) < 0.4), "SV96B", permits.CONSENT)
    search_basis = np.where(~searched, NO_VALUE, np.where(own, basis, other))
    consent = search_basis == permits.CONSENT
    return {"vehicle_searched": vehicle, "persons_searched": persons, "search_basis": search_basis,
            "consent_refusal_explained": consent, "searched": searched}


def _outcomes(rng: np.random.Generator, searched: np.ndarray, p_found: np.ndarray, p_offence: np.ndarray) -> dict:
    n = len(searched)
    found = searched & (rng.random(n) < p_found)
    offence = found | (rng.random(n) < p_offence)
    outcome = np.where(rng.random(n) < 0.7, "none", "warning").astype(object)
    outcome[offence] = _choice(rng, OUTCOMES_OFFENCE, int(offence.sum()))
    outcome[found] = _choice(rng, OUTCOMES_FOUND, int(found.sum()))
    category = np.full(n, "none", dtype=object)
    category[found] = _choice(rng, FOUND_CATEGORIES, int(found.sum()))
    return {"force_used": rng.random(n) < np.where(outcome == "arrest", 0.08, 0.005),
            "search_found": found, "found_category": category, "offence_found": offence, "outcome": outcome,
            "outcome_linked_to_reason": (outcome != "none") & (rng.random(n) < 0.85)}


def _nationality(rng: np.random.Generator, plate: np.ndarray, shown: np.ndarray) -> np.ndarray:
    own, draw = np.where(plate == "XX", "NL", plate), rng.random(len(plate))
    other = np.where(draw < 0.95, "NL", _choice(rng, PLATE_MIX, len(plate)))
    return np.where(shown, np.where(draw < 0.8, own, np.where(other == "XX", "NL", other)), NO_VALUE)


def _factor(plate: np.ndarray, multipliers: dict[str, float] | None) -> np.ndarray:
    factor = np.ones(len(plate))
    for country, value in (multipliers or {}).items():
        factor[plate == country] = value
    return factor


def _place(rng: np.random.Generator, n: int, areas: list[dict], n_officers: int) -> dict[str, np.ndarray]:
    roster = _roster(n_officers, areas)
    officer = rng.choice(n_officers, n, p=roster["weight"].to_numpy())
    area = np.where(rng.random(n) < 0.85, roster["home"].to_numpy()[officer], rng.integers(0, len(areas), n))
    located = rng.random(n) < 0.9
    coords = {k: np.array([a[k] for a in areas])[area] + rng.normal(0, 0.02, n) for k in ("latitude", "longitude")}
    return {"area": np.array([a["code"] for a in areas], dtype=object)[area],
            **{k: np.where(located, np.round(v, 3), np.nan) for k, v in coords.items()},
            "officer_ref": roster["officer_ref"].to_numpy()[officer], "unit": roster["unit"].to_numpy()[officer]}


def _grounds(rng: np.random.Generator, n: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Reason, legal basis, text and trigger per stop, and each stop's reason number."""
    code = _codes(rng, {r: spec[0] for r, spec in REASONS.items()}, n)
    reason = np.array(list(REASONS), dtype=object)[code]
    triggered = (reason == "system_hit") | ((reason == "wanted_person_or_vehicle") & (rng.random(n) < 0.5))
    source = np.where(reason == "system_hit", _choice(rng, HIT_SOURCES, n), "anpr_reference_list")
    alert, listed = np.full(n, None, dtype=object), np.flatnonzero(triggered & (rng.random(n) < 0.8))
    alert[listed] = [f"ALRT-{k}" for k in rng.integers(100_000, 1_000_000, listed.size)]
    texts = [dict.fromkeys(spec[4], 1.0) for spec in REASONS.values()]
    basis = _per_key(rng, code, [spec[1] for spec in REASONS.values()])  # WWM-VRG names its order:
    order = np.where(basis == "WWM-VRG", "VRG-ROERMOND-2026 / OvJ-LIM-0412", NO_VALUE)
    return {"legal_basis": basis, "authorisation_ref": order, "reason": reason,
            "reason_text": _per_key(rng, code, texts), "triggered_by_hit": triggered,
            "hit_source": np.where(triggered, source, NO_VALUE), "hit_reference": alert}, code


def generate_stops(
    n: int, *, seed: int, month: str, areas: list[dict] | None = None,
    search_multipliers: dict[str, float] | None = None, found_multipliers: dict[str, float] | None = None,
    plate_mix: dict[str, float] | None = None, n_officers: int = 120
) -> pd.DataFrame:
    """``n`` lawful synthetic stops in ``month`` ('YYYY-MM'), one row per stop.

    ``areas``: dicts with ``code``, ``latitude``, ``longitude`` (optional ``unit``);
    default five Limburg areas. ``search_multipliers`` / ``found_multipliers``
    scale a plate country's search and search-success probability (e.g. ``{'PL': 2}``).
    """
    rng = np.random.default_rng(seed)
    head = {"stop_id": uuids(rng, n), "reference": references(rng, n), "occurred_at": _occurred_at(rng, n, month)}
    where, (why, reason) = _place(rng, n, areas or DEFAULT_AREAS, n_officers), _grounds(rng, n)
    why = _lawful_grounds(why, head["occurred_at"])
    basis, mix = why["legal_basis"], plate_mix or PLATE_MIX
    plate_code = _codes(rng, mix, n)
    plate = np.array(list(mix), dtype=object)[plate_code]
    occupants = 1 + np.minimum(rng.poisson(0.5, n), 6)
    p_search = np.clip(P_SEARCH[reason] * _factor(plate, search_multipliers), 0, 0.95)
    search, identity = _searches(rng, basis, p_search, occupants), _identity(rng, basis, occupants)
    p_found = np.clip(0.25 * _factor(plate, found_multipliers), 0, 0.95)
    result = _outcomes(rng, search.pop("searched"), p_found, P_OFFENCE[reason])
    pseudonym, vehicle_type = vehicles(rng, plate_code, list(mix), VEHICLE_TYPES)
    minutes = 5 + rng.gamma(2.0, 4.0, n) + 15 * (search["persons_searched"] > 0) + 12 * search["vehicle_searched"]
    frame = pd.DataFrame({
        **head, "duration_minutes": minutes.astype(int), **where, **why,
        "vehicle_type": vehicle_type, "plate_country": plate, "vehicle_pseudonym": pseudonym, "occupants": occupants,
        "driver_nationality": _nationality(rng, plate, identity["driver_id_demanded"]),
        "perceived_origin": np.full(n, None, dtype=object),  # off by default (Art. 5 Wpg)
        "documents_checked": np.isin(basis, TRAFFIC_BASES) | (rng.random(n) < 0.9),
        **identity, **search, **result, "receipt": _choice(rng, RECEIPTS, n),
    })
    frame = frame.assign(authorisation_ref=frame.pop("authorisation_ref"))  # the contract's fields first
    frame = _safeguards(frame)
    return frame.assign(beyond_basis=permits.beyond_basis(frame))


def _lawful_grounds(why: dict[str, np.ndarray], occurred_at: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    """Catalogue version 2 grounds, drawn from the same random numbers: no POLW8-ID or OPIUM9
    stops, VW50 for VW50-MTV (only from the day the catalogue has VW50: before it, the stop keeps
    VW50-MTV, which was valid then), and a hit-prompted stop is a criminal-procedure stop for a
    wanted vehicle (a hit is no ground by itself)."""
    basis = np.array([V2_STOP_BASES.get(code, code) for code in why["legal_basis"]], dtype=object)
    local_dates = occurred_at.tz_convert(LOCAL_ZONE).date
    basis[(basis == "VW50") & (local_dates < CATALOG_V2_START)] = "VW50-MTV"
    hit = why["reason"] == "system_hit"
    basis[hit & ~np.isin(basis, CRIMINAL_BASES)] = "SV52"
    reason = np.where(hit, "wanted_person_or_vehicle", why["reason"]).astype(object)
    return {**why, "legal_basis": basis, "reason": reason}


def _safeguards(frame: pd.DataFrame) -> pd.DataFrame:
    """What catalogue version 2 requires the record to show (the caution, the offence, the law
    supervised, the identity document behind a nationality), filled in without randomness."""
    criminal = frame["legal_basis"].isin(CRIMINAL_BASES) | (frame["search_basis"] == "SV96B")
    crime = frame["reason"].isin(CRIME_REASONS)
    offence = frame["reason"].map(OFFENCES).fillna("Opiumwet, art. 3")
    return frame.assign(
        caution_given=criminal.to_numpy(),
        reason_for_person=np.where(crime, frame["reason"].map(REASONS_FOR_PERSON), None),
        suspected_offence=np.where(criminal, offence, None),
        supervised_law=np.where(frame["legal_basis"] == "AWB519", "Wet wegvervoer goederen", NO_VALUE),
        identity_document_seen=frame["driver_nationality"].notna().to_numpy())


def generate_traffic(
    stops_or_month: pd.DataFrame | str, *, seed: int, stop_multipliers: dict[str, float] | None = None,
    stops_per_passage: float = 0.002, hit_probability: float = 0.0005,
    hit_multipliers: dict[str, float] | None = None, areas: list[dict] | None = None, passages_per_area: int = 400_000
) -> pd.DataFrame:
    """Traffic CSV frame (period_start, period_end, area, plate_country, passages, hits).

    From a stops frame, passages are drawn so that each country's stops are Poisson
    at ``stops_per_passage`` x its ``stop_multipliers`` value (1 if absent): exposure
    from its posterior given the stops, Gamma(stops + 1). ``hits`` always cover the
    hit-triggered stops. From a month alone: the default plate mix and ``passages_per_area``.
    """
    rng = np.random.default_rng(seed)
    if isinstance(stops_or_month, str):
        month, codes = stops_or_month, [a["code"] for a in areas or DEFAULT_AREAS]
        cells = pd.MultiIndex.from_product([codes, list(PLATE_MIX)], names=["area", "plate_country"]).to_frame(False)
        cells["passages"] = rng.poisson(passages_per_area * np.tile(list(PLATE_MIX.values()), len(codes)))
        cells["triggered"] = 0
    else:
        month = stops_or_month["occurred_at"].min().strftime("%Y-%m")
        cells = stops_or_month.groupby(["area", "plate_country"]).agg(
            stops=("stop_id", "size"), triggered=("triggered_by_hit", "sum")).reset_index()
        rate = stops_per_passage * _factor(cells["plate_country"].to_numpy(), stop_multipliers)
        cells["passages"] = np.round(rng.gamma(cells["stops"] + 1.0, 1.0 / rate)).astype("int64")
    p_hit = np.clip(hit_probability * _factor(cells["plate_country"].to_numpy(), hit_multipliers), 0, 1)
    cells["hits"] = cells["triggered"] + rng.binomial(cells["passages"], p_hit)
    start = pd.Timestamp(f"{month}-01")
    cells = cells.assign(period_start=start.date(), period_end=(start + pd.offsets.MonthEnd(0)).date())
    return cells[["period_start", "period_end", "area", "plate_country", "passages", "hits"]]
