"""Checks that span rows: a stop_id repeated in the file or already stored, and references.

Runs once per chunk with one query each, so a 300,000-row file costs a few hundred queries.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from operator import itemgetter

from sqlalchemy import any_, bindparam, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from ..models import Stop
from ..stops.codes import new_reference
from .problems import Problems
from .records import RECORD_FIELDS, first_difference

_record_content = itemgetter(*RECORD_FIELDS)


@dataclass
class Tally:
    """What happened to the file's rows."""

    rows: int = 0
    inserted: int = 0
    existing: int = 0
    repeated: int = 0


@dataclass
class BatchChecker:
    """Filters each chunk down to the rows to store; problems go to `problems`."""

    session: Session
    problems: Problems
    tally: Tally
    _seen: dict[uuid.UUID, tuple[int, int]] = field(default_factory=dict)
    _references: dict[str, uuid.UUID] = field(default_factory=dict)

    def new_rows(self, rows: list[tuple[int, dict]]) -> list[dict]:
        """The rows of this chunk that are not stored yet, each with a unique reference."""
        fresh = [(line, row) for line, row in rows if self._first_in_file(line, row)]
        made = self._give_references(fresh)
        stored, taken = _lookup(self.session, [row["stop_id"] for _, row in fresh],
                                [row["reference"] for _, row in fresh])
        fresh = [(line, row) for line, row in fresh
                 if self._not_stored(line, row, stored.get(row["stop_id"]), id(row) in made)]
        self._check_taken(fresh, taken, made)
        return [row for _, row in fresh]

    def _first_in_file(self, line: int, row: dict) -> bool:
        digest = hash(_record_content(row))
        earlier = self._seen.get(row["stop_id"])
        if earlier is None:
            self._seen[row["stop_id"]] = (line, digest)
            return True
        if earlier[1] == digest:
            self.tally.repeated += 1
        else:
            self.problems.add(line, "stop_id", f"also on line {earlier[0]} with different content")
        return False

    def _not_stored(self, line: int, row: dict, stored: dict | None, made: bool) -> bool:
        if stored is None:
            return True
        differs = first_difference(row, stored)
        if differs is None and not made and row["reference"] != stored["reference"]:
            differs = "reference"
        if differs:
            self.problems.add(line, "stop_id", f"already stored with different content ({differs} differs)")
        else:
            self.tally.existing += 1
        return False

    def _give_references(self, rows: list[tuple[int, dict]]) -> set[int]:
        """Check given references within the file, draw the missing ones; ids of rows drawn for."""
        made = set()
        for line, row in rows:
            given = row["reference"]
            if given and self._references.setdefault(given, row["stop_id"]) != row["stop_id"]:
                self.problems.add(line, "reference", "used by another row of the file")
            elif not given:
                row["reference"] = self._unused_reference(row["stop_id"])
                made.add(id(row))
        return made

    def _check_taken(self, rows: list[tuple[int, dict]], taken: dict[str, uuid.UUID], made: set[int]) -> None:
        clashes = [(line, row) for line, row in rows if taken.get(row["reference"], row["stop_id"]) != row["stop_id"]]
        for line, row in clashes:
            if id(row) not in made:
                self.problems.add(line, "reference", "already used by another stop")
        self._remake_taken([row for _, row in clashes if id(row) in made])

    def _remake_taken(self, rows: list[dict]) -> None:
        # A drawn reference that happens to exist already (50 random bits) is drawn again.
        while rows:
            for row in rows:
                row["reference"] = self._unused_reference(row["stop_id"])
            _, taken = _lookup(self.session, [], [row["reference"] for row in rows])
            rows = [row for row in rows if row["reference"] in taken]

    def _unused_reference(self, stop_id: uuid.UUID) -> str:
        while True:
            reference = new_reference()
            if reference not in self._references:
                self._references[reference] = stop_id
                return reference


def _lookup(session: Session, stop_ids: list[uuid.UUID], references: list[str]) -> tuple[dict, dict]:
    """One query: stored rows with one of `stop_ids` (by id), and who holds each of `references`."""
    if not stop_ids and not references:
        return {}, {}
    columns = [Stop.stop_id, Stop.reference, *(getattr(Stop, name) for name in RECORD_FIELDS)]
    condition = _one_of(session, Stop.reference, references)
    if stop_ids:
        condition = or_(_one_of(session, Stop.stop_id, stop_ids), condition)
    stored, taken = {}, {}
    wanted = set(stop_ids)
    for row in session.execute(select(*columns).where(condition)):
        taken[row.reference] = row.stop_id
        if row.stop_id in wanted:
            stored[row.stop_id] = row._asdict()
    return stored, taken


def _one_of(session: Session, column, values: list):
    # One array/JSON parameter instead of IN with 2,000 bound parameters: PostgreSQL plans
    # `= ANY(array)` far faster, and SQLAlchemy need not render 2,000 placeholders.
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    if dialect.name == "sqlite":
        convert = column.type.bind_processor(dialect) or (lambda value: value)
        stored = json.dumps([convert(value) for value in values])
        return column.in_(select(literal_column("value")).select_from(func.json_each(bindparam(None, stored))))
    return column.in_(values)
