"""The 12-month tests' inputs, without a Python object per stop.

The officer benchmark only compares counts, so SQL counts each officer's stops (and those of the
studied group) per cell: area × 4-hour band × weekday/weekend × reason; per plate country the
database keeps those counts as stops are written (`officer_cells`). The veil of darkness
needs each stop's exact time, but keeps only stops in the inter-twilight window; `veil_rows`
fetches only the minutes of the clock that window can reach. The search breakdown counts
searches per group, area and the search's legal basis. The first two come through `dialect.read_frame`:
COPY into pandas on PostgreSQL, plain rows elsewhere.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from sqlalchemy import BigInteger, and_, cast, extract, func, or_, select
from sqlmodel import Session, col

from ..models import LegalBasis, OfficerCell, Stop
from . import queries
from .cell_queries import cell_conditions, search_frame
from .dialect import is_postgres, read_frame, utc_minute
from .queries import HOUR_BAND, TREND_MONTHS, Scope

OFFICER_COLUMNS = ["officer_ref", "area", "time_band", "reason", "n", "events"]


def officer_counts(session: Session, scope: Scope, dimension: str = "plate_country", *, reference: str,
                   studied_group: str | None = None, months: int = TREND_MONTHS) -> pd.DataFrame:
    """Per officer and cell over the `months` months ending with the scope's month: n = stops with
    a value for `dimension`, events = those of the studied group (every group but `reference`
    when None). Columns: officer_ref, area, time_band (`weekday 16-20`), reason, n, events."""
    column = queries.dimension_column(dimension)
    studied = column == studied_group if studied_group else column != reference
    keys = [col(Stop.officer_ref), col(Stop.area), (col(Stop.local_hour) // HOUR_BAND).label("hour_band"),
            queries.weekend().label("weekend"), col(Stop.reason)]
    query = select(*keys, func.count().label("n"), func.count().filter(studied).label("events")) \
        .where(*queries.scope_conditions(scope, months), column.is_not(None)).group_by(*keys)
    dtypes = {"officer_ref": "category", "area": "category", "hour_band": "int64", "weekend": "int64",
              "reason": "category", "n": "int64", "events": "int64"}
    frame = read_frame(session, query, dtypes)
    return frame.assign(time_band=time_band_labels(frame["hour_band"], frame["weekend"]))[OFFICER_COLUMNS]


OFFICER_GROUP_COLUMNS = ["officer_ref", "area", "time_band", "reason", "group", "n", "searched", "extra"]


def officer_group_counts(session: Session, scope: Scope, dimension: str = "plate_country", *,
                         months: int = TREND_MONTHS) -> pd.DataFrame:
    """Per officer, cell and plate country over the `months` months ending with the scope's month:
    n = stops, searched = stops with a search, extra = stops with an action beyond the legal basis.
    Read from `officer_cells`, which the database keeps as stops are written (only plate
    countries: `ValueError` for another dimension). Columns: OFFICER_GROUP_COLUMNS
    (`analysis.officer_groups`)."""
    if dimension != "plate_country":
        raise ValueError(f"officer cells count plate countries, not {dimension}")
    cell = OfficerCell
    keys = [col(cell.officer_ref), col(cell.area), col(cell.hour_band), col(cell.weekend), col(cell.reason),
            col(cell.plate_country).label("group")]
    stops = func.sum(col(cell.n))
    query = select(*keys, stops.label("n"), func.sum(col(cell.searched)).label("searched"),
                   func.sum(col(cell.extra)).label("extra")) \
        .where(*cell_conditions(scope, months)).group_by(*keys).having(stops > 0)
    dtypes = {"officer_ref": "category", "area": "category", "hour_band": "int64", "weekend": "int64",
              "reason": "category", "group": "category", "n": "int64", "searched": "int64", "extra": "int64"}
    frame = read_frame(session, query, dtypes)
    frame = frame.assign(time_band=time_band_labels(frame["hour_band"], frame["weekend"]))
    return frame[OFFICER_GROUP_COLUMNS]


def time_band_labels(hour_band: pd.Series, weekend: pd.Series) -> pd.Series:
    """`weekday 16-20` / `weekend 0-4` labels (as `analysis.officers.time_band`) from band numbers
    and weekend flags."""
    codes = hour_band.astype("int64") * 2 + weekend.astype("int64")  # a dozen values: label each once
    return codes.map({code: _time_band(code // 2 * HOUR_BAND, code % 2) for code in codes.unique()})


def _time_band(start: int, weekend: int) -> str:
    return f"{'weekend' if weekend else 'weekday'} {start}-{start + HOUR_BAND}"


def clock_window(minutes: Mapping[str, tuple[int, int]]):
    """Stops in an area of `minutes` within its (first, last) minute of the local clock
    (hour * 60 + minute), or in any other area."""
    # The local minute is the UTC minute: Amsterdam's offset has been whole hours since 1940.
    clock = col(Stop.local_hour) * 60 + utc_minute(Stop.occurred_at)
    inside = [and_(col(Stop.area) == area, col(Stop.local_hour).between(first // 60, last // 60),
                   clock.between(first, last))
              for area, (first, last) in minutes.items()]
    return or_(*inside, col(Stop.area).not_in(list(minutes)))


def veil_rows(session: Session, scope: Scope, dimension: str = "plate_country", *,
              minutes: Mapping[str, tuple[int, int]] | None = None, months: int = TREND_MONTHS) -> pd.DataFrame:
    """One row per stop with a value for `dimension` over the `months` months ending with the
    scope's month: occurred_at (aware UTC), area, the group, triggered_by_hit. With `minutes`
    (area -> first and last minute of the local clock), only stops within them (and in other
    areas)."""
    column = queries.dimension_column(dimension)
    conditions = [*queries.scope_conditions(scope, months), column.is_not(None)]
    if minutes:
        conditions.append(clock_window(minutes))
    postgres = is_postgres(session)
    # Whole microseconds since 1970 on PostgreSQL: exact, and independent of the session's time zone.
    occurred_at = col(Stop.occurred_at)
    moment = cast(extract("epoch", occurred_at) * 1_000_000, BigInteger) if postgres else occurred_at
    query = select(moment.label("occurred_at"), col(Stop.area), column, col(Stop.triggered_by_hit)).where(*conditions)
    dtypes = {"occurred_at": "int64" if postgres else "object", "area": "category", dimension: "category",
              "triggered_by_hit": "bool"}
    frame = read_frame(session, query, dtypes)
    unit = {"unit": "us"} if postgres else {}
    return frame.assign(occurred_at=pd.to_datetime(frame["occurred_at"], utc=True, **unit))


SEARCH_COLUMNS = ["group", "area", "basis", "voluntary", "searches", "found"]


def consent_bases(session: Session) -> frozenset[str]:
    """The legal-basis codes the catalogue marks `voluntary` in any of its versions: searches on
    them rest on the person's consent, not on a power."""
    return frozenset(session.execute(select(col(LegalBasis.code)).where(col(LegalBasis.voluntary)).distinct())
                     .scalars())


def search_basis_counts(session: Session, scope: Scope, dimension: str = "plate_country", *,
                        months: int = TREND_MONTHS) -> pd.DataFrame:
    """Searches over the `months` months ending with the scope's month per plate country, area
    and the search's legal basis (None when unrecorded), with the catalogue's `voluntary` flag
    and the searches that found something, from `basis_cells` (only plate countries:
    `ValueError` for another dimension). Columns: SEARCH_COLUMNS (`analysis.searches`)."""
    if dimension != "plate_country":
        raise ValueError(f"basis cells count plate countries, not {dimension}")
    frame = search_frame(session, scope, months)
    if frame.empty:
        frame = pd.DataFrame(columns=["group", "area", "basis", "searches", "found"])
    voluntary = consent_bases(session)
    frame = frame.assign(voluntary=frame["basis"].isin(voluntary).astype(bool))
    return frame.astype({"searches": "int64", "found": "int64"})[SEARCH_COLUMNS]
