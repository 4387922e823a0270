"""stored reports, their PDFs and report data versions

Revision ID: a17c5e0d4f21
Revises: a15f0e3c7d21
Create Date: 2026-12-05 07:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a17c5e0d4f21'
down_revision: str | None = 'a15f0e3c7d21'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# On SQLite a later `batch_alter_table("stops")` recreates the table without these triggers:
# such a migration must create them again (PostgreSQL keeps them through ALTER TABLE).
# A copy of stopform/models/stored_reports.py's trigger SQL as it was when this migration was
# written: any insert, update or delete of a stop bumps the counter of its month (from the
# month's last two days on), any change of traffic counts the `traffic` counter, of areas `areas`.
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
_SQLITE_BUMP = ("INSERT INTO report_data_versions (name, version) SELECT substr({row}.local_date, 1, 7), 1 "
                "WHERE {row}.local_date < date('now', '+2 days', 'start of month') "
                "ON CONFLICT (name) DO UPDATE SET version = version + 1;")
_SQLITE_COUNTER = ("INSERT INTO report_data_versions (name, version) VALUES ('{name}', 1) "
                   "ON CONFLICT (name) DO UPDATE SET version = version + 1;")
SQLITE_TRIGGERS = {
    "stops_report_versions_insert": f"AFTER INSERT ON stops BEGIN {_SQLITE_BUMP.format(row='NEW')} END",
    "stops_report_versions_update": "AFTER UPDATE ON stops BEGIN "
                                    f"{_SQLITE_BUMP.format(row='OLD')} {_SQLITE_BUMP.format(row='NEW')} END",
    "stops_report_versions_delete": f"AFTER DELETE ON stops BEGIN {_SQLITE_BUMP.format(row='OLD')} END",
    **{f"{table}_report_version_{event.lower()}":
       f"AFTER {event} ON {table} BEGIN {_SQLITE_COUNTER.format(name=name)} END"
       for table, name in (("traffic_counts", "traffic"), ("areas", "areas")) for event in ("INSERT", "UPDATE", "DELETE")},
}


def upgrade() -> None:
    op.create_table(
        "report_data_versions",
        sa.Column("name", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_report_data_versions")),
    )
    op.create_table(
        "stored_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("scope_key", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("data_version", sa.Text(), nullable=False),
        sa.Column("code_version", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("charts", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_reports")),
        sa.UniqueConstraint("month", "scope_key", name="uq_stored_reports_month_scope_key"),
    )
    op.create_table(
        "stored_report_pdfs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("data_version", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["stored_reports.id"],
                                name=op.f("fk_stored_report_pdfs_report_id_stored_reports"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_report_pdfs")),
        sa.UniqueConstraint("report_id", "language", name="uq_stored_report_pdfs_report_id_language"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table in (("stops_report_versions_insert", "stops"), ("stops_report_versions_update", "stops"),
                            ("stops_report_versions_delete", "stops"),
                            ("traffic_counts_report_version", "traffic_counts"), ("areas_report_version", "areas")):
            op.execute(f"DROP TRIGGER {name} ON {table}")
        op.execute("DROP FUNCTION bump_report_data_versions()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("stored_report_pdfs")
    op.drop_table("stored_reports")
    op.drop_table("report_data_versions")
