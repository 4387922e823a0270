"""Stored monthly reports and the data versions that tell when one is stale.

A closed month's report is computed once and kept in `stored_reports`, keyed by month and scope
(unit, area, the reader's units, reference groups, language) and stamped with the data version
it was computed from. `report_data_versions` holds a counter per month of stops (`YYYY-MM`) and
one for all traffic counts (`traffic`) and one for the areas (`areas`: the veil of darkness reads
their coordinates). Database triggers bump them in the same statement as any insert, update or
delete of a stop, a traffic count or an area, so no write path can forget to, and a
stored report whose version differs from the current one is never served.

A stop of the current month bumps nothing (no report of that month is stored, and a hot counter
row would queue every submission behind it) until the month's last two days: from then on every
write to a month bumps it, so a transaction that began in the month and commits after its end
still marks it changed (`reports.storage.is_closed` stores a month only once it is over, UTC).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, Column, ForeignKey, Integer, LargeBinary, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, utcnow

TRAFFIC_VERSION = "traffic"
AREAS_VERSION = "areas"  # the veil of darkness reads the areas' coordinates
COUNTED_TABLES = {"traffic_counts": TRAFFIC_VERSION, "areas": AREAS_VERSION}  # table -> its one counter


class ReportDataVersion(SQLModel, table=True):
    """A counter per month of stops (`YYYY-MM`), and one each named `traffic` and `areas`, bumped by every write
    that can change a report (see the module docstring)."""

    __tablename__ = "report_data_versions"
    name: str = Field(primary_key=True, max_length=16)
    version: int = 0


class StoredReport(SQLModel, table=True):
    """One computed report: `payload` is its JSON (the §3 object and the page's extras),
    `charts` the SVG charts drawn for it so far (JSON, per language and chart)."""

    __tablename__ = "stored_reports"
    __table_args__ = (UniqueConstraint("month", "scope_key", name="uq_stored_reports_month_scope_key"),)
    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=7)
    scope_key: str = Field(max_length=64)
    scope: str = Field(sa_column=Column(Text, nullable=False))
    data_version: str = Field(sa_column=Column(Text, nullable=False))
    code_version: str = Field(max_length=64)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    charts: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    computed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class StoredReportPdf(SQLModel, table=True):
    """The PDF of a stored report in one language, laid out once; served while its version
    (`data_version`: the report's data version and the figures its first page read, such as the
    review queue; `reports.storage.pdf_version`) is still the current one."""

    __tablename__ = "stored_report_pdfs"
    __table_args__ = (UniqueConstraint("report_id", "language", name="uq_stored_report_pdfs_report_id_language"),)
    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(sa_column=Column(Integer, ForeignKey("stored_reports.id", ondelete="CASCADE"),
                                            nullable=False))
    language: str = Field(max_length=8)
    data_version: str = Field(sa_column=Column(Text, nullable=False))
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


# The SQL of the triggers, the same in the migration that adds them (migrations keep a copy, so a
# later change here cannot rewrite history). `{window}`: months whose writes bump.
PG_FUNCTION = """
CREATE FUNCTION bump_report_data_versions() RETURNS trigger AS $$
DECLARE
    closing date := date_trunc('month', (clock_timestamp() AT TIME ZONE 'UTC') + interval '2 days')::date;
BEGIN
    IF TG_TABLE_NAME <> 'stops' THEN  -- traffic counts, areas: one counter each, named by the trigger
        INSERT INTO report_data_versions (name, version) VALUES (TG_ARGV[0], 1)
        ON CONFLICT (name) DO UPDATE SET version = report_data_versions.version + 1;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO report_data_versions (name, version)
        SELECT DISTINCT to_char(local_date, 'YYYY-MM'), 1 FROM new_stops WHERE local_date < closing
        ON CONFLICT (name) DO UPDATE SET version = report_data_versions.version + 1;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO report_data_versions (name, version)
        SELECT DISTINCT to_char(local_date, 'YYYY-MM'), 1 FROM old_stops WHERE local_date < closing
        ON CONFLICT (name) DO UPDATE SET version = report_data_versions.version + 1;
    ELSE
        INSERT INTO report_data_versions (name, version)
        SELECT to_char(local_date, 'YYYY-MM'), 1 FROM new_stops WHERE local_date < closing
        UNION SELECT to_char(local_date, 'YYYY-MM'), 1 FROM old_stops WHERE local_date < closing
        ON CONFLICT (name) DO UPDATE SET version = report_data_versions.version + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""
PG_TRIGGERS = (
    "CREATE TRIGGER stops_report_versions_insert AFTER INSERT ON stops REFERENCING NEW TABLE AS new_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_versions()",
    "CREATE TRIGGER stops_report_versions_update AFTER UPDATE ON stops "
    "REFERENCING OLD TABLE AS old_stops NEW TABLE AS new_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_versions()",
    "CREATE TRIGGER stops_report_versions_delete AFTER DELETE ON stops REFERENCING OLD TABLE AS old_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_versions()",
    "CREATE TRIGGER traffic_counts_report_version AFTER INSERT OR UPDATE OR DELETE ON traffic_counts "
    "FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_versions('traffic')",
    "CREATE TRIGGER areas_report_version AFTER INSERT OR UPDATE OR DELETE ON areas "
    "FOR EACH STATEMENT EXECUTE FUNCTION bump_report_data_versions('areas')",
)
_SQLITE_CLOSING = "date('now', '+2 days', 'start of month')"
_SQLITE_BUMP = ("INSERT INTO report_data_versions (name, version) SELECT substr({row}.local_date, 1, 7), 1 "
                f"WHERE {{row}}.local_date < {_SQLITE_CLOSING} "
                "ON CONFLICT (name) DO UPDATE SET version = version + 1;")
_SQLITE_COUNTER = ("INSERT INTO report_data_versions (name, version) VALUES ('{name}', 1) "
                   "ON CONFLICT (name) DO UPDATE SET version = version + 1;")
SQLITE_TRIGGERS = (
    f"CREATE TRIGGER stops_report_versions_insert AFTER INSERT ON stops BEGIN {_SQLITE_BUMP.format(row='NEW')} END",
    "CREATE TRIGGER stops_report_versions_update AFTER UPDATE ON stops BEGIN "
    f"{_SQLITE_BUMP.format(row='OLD')} {_SQLITE_BUMP.format(row='NEW')} END",
    f"CREATE TRIGGER stops_report_versions_delete AFTER DELETE ON stops BEGIN {_SQLITE_BUMP.format(row='OLD')} END",
    *(f"CREATE TRIGGER {table}_report_version_{event_name.lower()} AFTER {event_name} ON {table} "
      f"BEGIN {_SQLITE_COUNTER.format(name=name)} END"
      for table, name in COUNTED_TABLES.items() for event_name in ("INSERT", "UPDATE", "DELETE")),
)

# `create_all` (the tests' schema) gets the same triggers as the migration.
for _statement in (PG_FUNCTION, *PG_TRIGGERS):
    event.listen(SQLModel.metadata, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
for _statement in SQLITE_TRIGGERS:
    event.listen(SQLModel.metadata, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
