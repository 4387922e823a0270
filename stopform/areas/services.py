"""Area services: validate and upsert areas from CSV rows."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlmodel import Session, select

from ..models import Area
from .known_codes import forget_known_codes

DEFAULT_AREAS = Path(__file__).with_name("limburg.csv")
COLUMNS = ("code", "name", "latitude", "longitude")


class AreaImportError(ValueError):
    """Some rows are invalid; `problems` lists them as 'line N, column C: ...'."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class AreaImportResult:
    """How many areas were added, updated or already as given."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def parse_area_rows(rows: Iterable[dict]) -> list[dict]:
    """Validate CSV rows (header on line 1) into area dicts; raise AreaImportError listing every bad row."""
    parsed: list[dict] = []
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        missing = [c for c in COLUMNS if not (row.get(c) or "").strip()]
        if missing:
            problems.extend(f"line {line}, column {c}: missing" for c in missing)
            continue
        area = {"code": row["code"].strip().upper(), "name": row["name"].strip()}
        for column, limit in (("latitude", 90), ("longitude", 180)):
            try:
                value = Decimal(row[column].strip())
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite():  # NaN and Infinity parse, but cannot be compared
                problems.append(f"line {line}, column {column}: not a number")
                continue
            if not -limit <= value <= limit:
                problems.append(f"line {line}, column {column}: outside -{limit} to {limit}")
            area[column] = value
        if len(area["code"]) > 64:
            problems.append(f"line {line}, column code: longer than 64 characters")
        parsed.append(area)
    if problems:
        raise AreaImportError(problems)
    return parsed


def upsert_areas(*, session: Session, areas: list[dict]) -> AreaImportResult:
    """Add new areas and update changed ones; running it twice changes nothing."""
    result = AreaImportResult()
    existing = {a.code: a for a in session.exec(select(Area))}
    for values in areas:
        area = existing.get(values["code"])
        if area is None:
            session.add(Area(**values))
            result.added += 1
        elif (area.name, Decimal(area.latitude), Decimal(area.longitude)) != \
                (values["name"], values["latitude"], values["longitude"]):
            area.name, area.latitude, area.longitude = values["name"], values["latitude"], values["longitude"]
            session.add(area)
            result.updated += 1
        else:
            result.unchanged += 1
    session.flush()
    forget_known_codes()
    return result


def read_area_csv(path: Path) -> list[dict]:
    """Parse an areas CSV file (columns code, name, latitude, longitude)."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        absent = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if absent:
            raise AreaImportError([f"line 1, column {c}: missing from the header" for c in absent])
        return parse_area_rows(reader)


def seed_default_areas(session: Session) -> int:
    """Add the Limburg areas (Roermond region) that are not there yet; returns how many."""
    existing = set(session.exec(select(Area.code)))
    missing = [a for a in read_area_csv(DEFAULT_AREAS) if a["code"] not in existing]
    return upsert_areas(session=session, areas=missing).added


def list_areas(session: Session, *, active_only: bool = True) -> list[Area]:
    """Areas ordered by name."""
    query = select(Area).order_by(Area.name)
    if active_only:
        query = query.where(Area.active)
    return list(session.exec(query))
