"""A closed month's report computed once and stored; opening it again costs a read.

A report is stored per month and scope (unit, area, the reader's units, reference groups and
language: `scope_text`), stamped with the data version it was computed from (`data_version`:
the counters that database triggers bump on every write to the stops of the 13 months a report
reads, and to traffic counts; `models.stored_reports`) and with the version of the report code
(`code_version`). It is served only while both still match; otherwise it is computed again and
replaced. The version is read before the stops, so a write that lands during the computation
leaves the stored report behind a newer version: stale, never served.

A stored report's PDF is kept per language and laid out again when the data version or the
figures its first page reads at printing change (`pdf_version`): the review queue changes with
every review, which is no write to the stops and bumps no data version (`first_page`).

The current month (until the first day of the next, UTC) is computed live: its stops still
arrive, and the triggers do not count them until the month's last days.

Reads of stops go to `source` (a replica when `STOPFORM_REPORT_DATABASE_URL` is set); the stored
reports are read and written on the primary `session`.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from ..core.months import add_months, parse_month
from ..models import ReportDataVersion, StoredReport, StoredReportPdf, table_of, utcnow
from ..models.stored_reports import COUNTED_TABLES
from .chart_memo import language
from .queries import TREND_MONTHS
from .service import MonthlyReport, ReportRequest, compute_request, report_feedback, report_references

MONTHS_READ = TREND_MONTHS + 1  # the report's 12 months and the one before (the standing check)
LIVE_FIELDS = ("request", "feedback", "stored")  # rebuilt on every read, never stored
PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent.parent
# Besides the package's code, what the stored PDFs are laid out with.
DOCUMENT_FILES = ("templates/reports", "static/css/print.css")


@dataclass
class StoredCharts:
    """The charts drawn so far for one stored report (see `chart_memo`), and whether this
    request drew new ones that should be kept."""

    report_id: int
    data_version: str
    drawn: dict[str, dict | None] = field(default_factory=dict)
    saved_keys: frozenset[str] = frozenset()

    @property
    def has_new(self) -> bool:
        """Whether charts were drawn since the report was read."""
        return bool(set(self.drawn) - self.saved_keys)


def is_closed(month: str, today: date | None = None) -> bool:
    """Whether `month` is over (UTC, which ends it later than Dutch time does), so its report may
    be stored."""
    return add_months(parse_month(month), 1) <= (today or utcnow().date())


@functools.cache
def code_version() -> str:
    """A digest of the report code, templates and print stylesheet: a deployment with others
    never serves what the old ones stored."""
    digest = hashlib.sha256()
    files = [*PACKAGE.rglob("*.py")]
    for name in DOCUMENT_FILES:
        path = ROOT / name
        files.extend(path.rglob("*") if path.is_dir() else [path])
    for path in sorted(file for file in files if file.is_file()):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def months_read(month: str) -> list[str]:
    """The months (YYYY-MM) whose stops a report of `month` reads, oldest first."""
    first = parse_month(month)
    return [add_months(first, offset).strftime("%Y-%m") for offset in range(1 - MONTHS_READ, 1)]


def data_version(source: Session, month: str) -> str:
    """The counters of the months `month`'s report reads, of the traffic counts and of the areas,
    as text."""
    names = [*months_read(month), *COUNTED_TABLES.values()]
    rows = source.exec(select(ReportDataVersion.name, ReportDataVersion.version)
                       .where(col(ReportDataVersion.name).in_(names)))
    return json.dumps(dict(sorted(rows.all())), separators=(",", ":"))


def scope_text(request: ReportRequest, references: Mapping[str, str]) -> str:
    """Everything besides the data that a stored report depends on, as canonical JSON."""
    return json.dumps({"unit": request.unit, "area": request.area, "units": request.units,
                       "references": dict(sorted(references.items())), "locale": language()},
                      sort_keys=True, separators=(",", ":"))


def to_payload(report: MonthlyReport) -> str:
    """The stored part of a report as JSON text (NaN kept: the column is text, not JSON)."""
    stored = {f.name: _plain(getattr(report, f.name)) for f in dataclasses.fields(report)
              if f.name not in LIVE_FIELDS}
    return json.dumps(stored, ensure_ascii=False, separators=(",", ":"))


def from_payload(payload: str, request: ReportRequest, source: Session) -> MonthlyReport:
    """The MonthlyReport of a stored payload, with fresh feedback."""
    hints = typing.get_type_hints(MonthlyReport, localns={"StoredCharts": StoredCharts})
    values = json.loads(payload)
    parts = {name: _revive(hints[name], value) for name, value in values.items()}
    return MonthlyReport(request=request, feedback=report_feedback(source, request), **parts)


def stored_or_computed(session: Session, source: Session, request: ReportRequest,
                       reference_groups: Mapping[str, str] | None = None) -> MonthlyReport:
    """The report of `request`: the stored one when it is current, else computed from `source`
    (and stored, for a closed month). See the module docstring."""
    references = report_references(reference_groups)
    if not is_closed(request.month):
        return compute_request(source, request, references)
    version = data_version(source, request.month)  # before the stops: see the module docstring
    scope = scope_text(request, references)
    key = hashlib.sha256(scope.encode()).hexdigest()
    row = session.exec(select(StoredReport).where(StoredReport.month == request.month, StoredReport.scope_key == key)
                       .execution_options(populate_existing=True)).first()
    if row is not None and row.data_version == version and row.code_version == code_version():
        report = from_payload(row.payload, request, source)
        return report if row.id is None else _with_charts(report, row.id, version, row.charts)
    report = compute_request(source, request, references)
    report_id = _save(session, month=request.month, scope_key=key, scope=scope, data_version=version,
                      code_version=code_version(), payload=to_payload(report), charts="{}", computed_at=utcnow())
    return _with_charts(report, report_id, version, "{}")


def _save(session: Session, **values: Any) -> int:
    """Insert or replace the stored report of (month, scope_key) in one statement, so two
    requests storing the same report at once both succeed, and forget its PDFs; its id."""
    table = table_of(StoredReport)
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    statement = insert.values(**values)
    replaced = {name: statement.excluded[name] for name in values if name not in ("month", "scope_key")}
    upsert = statement.on_conflict_do_update(index_elements=["month", "scope_key"], set_=replaced)
    report_id = int(session.execute(upsert.returning(table.c.id)).scalar_one())
    # Its PDFs were laid out from the report it replaces.
    session.execute(delete(StoredReportPdf).where(col(StoredReportPdf.report_id) == report_id))
    return report_id


def keep_charts(session: Session, report: MonthlyReport) -> None:
    """Store the charts drawn for a stored report since it was read (nothing when none were,
    or when the report was computed again meanwhile)."""
    stored = report.stored
    if stored is None or not stored.has_new:
        return
    session.execute(update(StoredReport).where(col(StoredReport.id) == stored.report_id,
                                               col(StoredReport.data_version) == stored.data_version)
                    .values(charts=json.dumps(stored.drawn, ensure_ascii=False, separators=(",", ":"))))
    stored.saved_keys = frozenset(stored.drawn)


def drawn_view(session: Session, report: MonthlyReport):
    """The presenter's view of the report, its charts drawn once per stored report."""
    from .chart_memo import reusing
    from .presenter import report_view  # matplotlib loads only when a page is drawn
    if report.stored is None:
        return report_view(report)
    with reusing(report.stored.drawn):
        view = report_view(report)
    keep_charts(session, report)
    return view


def pdf_version(data_version: str, first_page: str) -> str:
    """What a stored PDF was laid out from: the report's data version and its first page's
    figures read at the time (`first_page.FirstPage.key`), which no data version counts."""
    return json.dumps({"data": data_version, "first_page": first_page}, separators=(",", ":"))


def stored_pdf(session: Session, report: MonthlyReport, render: Callable[[], bytes], *, first_page: str) -> bytes:
    """The report's PDF in the current language: laid out once per stored report and first
    page (`render` makes it, `first_page` is the key of that page's figures), then read. A
    report computed live is rendered every time."""
    stored = report.stored
    if stored is None:
        return render()
    version = pdf_version(stored.data_version, first_page)
    query = select(StoredReportPdf.pdf).where(StoredReportPdf.report_id == stored.report_id,
                                              StoredReportPdf.language == language(),
                                              StoredReportPdf.data_version == version)
    kept = session.exec(query).first()
    if kept is not None:
        return kept
    pdf = render()
    table = table_of(StoredReportPdf)
    insert = postgresql.insert(table) if session.get_bind().dialect.name == "postgresql" else sqlite.insert(table)
    statement = insert.values(report_id=stored.report_id, language=language(), data_version=version, pdf=pdf)
    session.execute(statement.on_conflict_do_update(
        index_elements=["report_id", "language"],
        set_={"data_version": statement.excluded.data_version, "pdf": statement.excluded.pdf}))
    return pdf


def _with_charts(report: MonthlyReport, report_id: int, version: str, charts: str) -> MonthlyReport:
    drawn = json.loads(charts)
    stored = StoredCharts(report_id=report_id, data_version=version, drawn=drawn, saved_keys=frozenset(drawn))
    return dataclasses.replace(report, stored=stored)


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, tuples as lists; everything else as it is (JSON's own types)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _revive(hint: Any, value: Any) -> Any:
    """`value` (from `_plain` via JSON) as the type `hint` names: dataclasses, lists, tuples and
    dicts of them rebuilt; anything else as it is."""
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _revive(next(arg for arg in args if arg is not type(None)), value)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        return hint(**{name: _revive(hints[name], item) for name, item in value.items()})
    if origin is list:
        return [_revive(args[0], item) for item in value]
    if origin is tuple:
        return tuple(_revive(args[0], item) for item in value)
    if origin is dict:
        return {key: _revive(args[1], item) for key, item in value.items()}
    return value
