"""One stop CSV row: cells → record → the shared rules → a row the database takes."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from ..models import RECORD_FIELDS, StopFields, local_time_columns
from ..stops.codes import plate_pseudonym
from ..stops.recording import new_stop_row
from ..stops.rules import validate_record
from .catalogs import RuleContexts
from .cells import CellError, record_defaults, record_parsers, text_parser
from .device_receipts import DeviceReceipts
from .problems import Problems

STOP_COLUMNS = ("stop_id", "reference", *RECORD_FIELDS)
KNOWN_COLUMNS = {*STOP_COLUMNS, "plate", "receipt_token"}  # receipt_token: from a phone's export
REQUIRED_COLUMNS = {n for n, f in StopFields.model_fields.items() if f.is_required()} - {"vehicle_pseudonym"}
# Fixed namespace for ids made from a row's content: the same row gets the same id on every import.
CONTENT_NAMESPACE = uuid.UUID("4f1c2a9e-6b7d-5e3f-9a8b-2c1d0e7f6a5b")


class RowReader:
    """Turns the cells of one data row into a validated, storable stop row."""

    def __init__(self, header: list[str], contexts: RuleContexts, pseudonym_key: str, recorded_at: datetime,
                 receipts: DeviceReceipts):
        parsers = {**record_parsers(), "receipt_token": text_parser(32)}
        self._columns = [(name, parsers[name]) for name in header]
        self._defaults = record_defaults()
        self.contexts = contexts
        self.pseudonym_key = pseudonym_key
        self.recorded_at = recorded_at
        self.receipts = receipts

    def read(self, line: int, cells: list[str], problems: Problems) -> dict | None:
        """The stop row for `cells`, or None after adding each problem of the row to `problems`.

        Rules run even when some cells were unreadable (those count as absent, and their rule
        messages are dropped), so one pass lists everything wrong with the row.
        """
        record, bad = self._parse(line, cells, problems)
        token = record.pop("receipt_token", None)
        if not self._complete(line, record, bad, problems):
            return None
        stop_id = record.pop("stop_id", None) or content_id(record)
        if token and not self.receipts.accept(line, stop_id, record, token, problems):
            bad.add("receipt_token")
        local = local_time_columns(record["occurred_at"])
        context = self.contexts.for_day(local["local_date"])
        errors = {column: message for column, message in validate_record(record, context).items()
                  if column not in bad}
        for column, message in errors.items():
            problems.add(line, column, message)
        if errors or bad:
            return None
        row = new_stop_row(record={**record, "stop_id": stop_id}, catalog=context.catalog,
                           pseudonym_key=self.pseudonym_key, source="import", recorded_at=self.recorded_at)
        row["reference"] = record.get("reference")
        return row

    def _parse(self, line: int, cells: list[str], problems: Problems) -> tuple[dict, set[str]]:
        record = dict(self._defaults)
        bad = set()
        for (name, parse), cell in zip(self._columns, cells, strict=True):
            text = cell.strip()
            if not text:
                continue
            try:
                record[name] = parse(text)
            except CellError as error:
                problems.add(line, name, str(error))
                record[name] = None
                bad.add(name)
        return record, bad

    def _complete(self, line: int, record: dict, bad: set[str], problems: Problems) -> bool:
        """Whether the row has what the rules need (a time, who, the vehicle); pseudonymises a plate."""
        missing = [name for name in ("occurred_at", "officer_ref", "unit") if record.get(name) is None]
        for name in missing:
            if name not in bad:
                problems.add(line, name, "missing")
        plate = record.pop("plate", None)
        if plate:
            pseudonym = plate_pseudonym(plate, self.pseudonym_key)
            if record.get("vehicle_pseudonym", pseudonym) not in (pseudonym, None):
                problems.add(line, "vehicle_pseudonym", "does not belong to the plate given")
                return False
            record["vehicle_pseudonym"] = pseudonym
        elif record.get("vehicle_pseudonym") is None:
            if "vehicle_pseudonym" not in bad:
                problems.add(line, "vehicle_pseudonym", "missing (give vehicle_pseudonym or plate)")
            return False
        return not missing and "stop_id" not in bad


def canonical_text(record: dict) -> str:
    """The row's content as one stable string: sorted field names, UTC times, true/false."""
    parts = []
    for name in sorted(record):
        value = record[name]
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat()
        elif isinstance(value, bool):
            value = "true" if value else "false"
        parts.append(f"{name}={'' if value is None else value}")
    return "\x1f".join(parts)


def content_id(record: dict) -> uuid.UUID:
    """A deterministic stop_id (UUID 5) for a row that came without one."""
    return uuid.uuid5(CONTENT_NAMESPACE, canonical_text(record))


def first_difference(row: dict, stored: dict) -> str | None:
    """The first record field in which `row` differs from `stored`, or None."""
    for name in RECORD_FIELDS:
        if row.get(name) != stored.get(name):
            return name
    return None
