"""officer_cells and repeat_vehicles: report counts kept by triggers as stops are written

Revision ID: b2c4e6a8d010
Revises: a17b3c5d7e90
Create Date: 2026-12-05 10:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'b2c4e6a8d010'
down_revision: str | None = 'a17b3c5d7e90'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A copy of stopform/models/report_cells.py's SQL as it was when this migration was written (see
# its docstring). On SQLite a later `batch_alter_table("stops")` recreates the table without
# these triggers: such a migration must create them again.
PG_FUNCTIONS = (
    "\nCREATE FUNCTION count_officer_cells() RETURNS trigger AS $$\nBEGIN\n    IF TG_OP = 'INSERT' THEN\n        INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) SELECT date_trunc('month', s.local_date)::date, s.unit, s.triggered_by_hit, s.officer_ref, s.area, s.local_hour / 4, CASE WHEN mod(mod(s.local_date - DATE '1970-01-04', 7) + 7, 7) IN (0, 6) THEN 1 ELSE 0 END, s.reason, s.plate_country, 1 * count(*), 1 * count(*) FILTER (WHERE (s.vehicle_searched OR s.persons_searched > 0)), 1 * count(*) FILTER (WHERE s.beyond_basis) FROM new_stops s  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ON CONFLICT (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country) DO UPDATE SET n = officer_cells.n + excluded.n, searched = officer_cells.searched + excluded.searched, extra = officer_cells.extra + excluded.extra;\n    ELSIF TG_OP = 'DELETE' THEN\n        INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) SELECT date_trunc('month', s.local_date)::date, s.unit, s.triggered_by_hit, s.officer_ref, s.area, s.local_hour / 4, CASE WHEN mod(mod(s.local_date - DATE '1970-01-04', 7) + 7, 7) IN (0, 6) THEN 1 ELSE 0 END, s.reason, s.plate_country, -1 * count(*), -1 * count(*) FILTER (WHERE (s.vehicle_searched OR s.persons_searched > 0)), -1 * count(*) FILTER (WHERE s.beyond_basis) FROM old_stops s  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ON CONFLICT (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country) DO UPDATE SET n = officer_cells.n + excluded.n, searched = officer_cells.searched + excluded.searched, extra = officer_cells.extra + excluded.extra;\n    ELSE\n        INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) SELECT date_trunc('month', s.local_date)::date, s.unit, s.triggered_by_hit, s.officer_ref, s.area, s.local_hour / 4, CASE WHEN mod(mod(s.local_date - DATE '1970-01-04', 7) + 7, 7) IN (0, 6) THEN 1 ELSE 0 END, s.reason, s.plate_country, -1 * count(*), -1 * count(*) FILTER (WHERE (s.vehicle_searched OR s.persons_searched > 0)), -1 * count(*) FILTER (WHERE s.beyond_basis) FROM old_stops s JOIN new_stops o ON o.stop_id = s.stop_id WHERE (s.local_date, s.local_hour, s.unit, s.triggered_by_hit, s.officer_ref, s.area, s.reason, s.plate_country, s.vehicle_searched, s.persons_searched, s.beyond_basis) IS DISTINCT FROM (o.local_date, o.local_hour, o.unit, o.triggered_by_hit, o.officer_ref, o.area, o.reason, o.plate_country, o.vehicle_searched, o.persons_searched, o.beyond_basis) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ON CONFLICT (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country) DO UPDATE SET n = officer_cells.n + excluded.n, searched = officer_cells.searched + excluded.searched, extra = officer_cells.extra + excluded.extra;\n        INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) SELECT date_trunc('month', s.local_date)::date, s.unit, s.triggered_by_hit, s.officer_ref, s.area, s.local_hour / 4, CASE WHEN mod(mod(s.local_date - DATE '1970-01-04', 7) + 7, 7) IN (0, 6) THEN 1 ELSE 0 END, s.reason, s.plate_country, 1 * count(*), 1 * count(*) FILTER (WHERE (s.vehicle_searched OR s.persons_searched > 0)), 1 * count(*) FILTER (WHERE s.beyond_basis) FROM new_stops s JOIN old_stops o ON o.stop_id = s.stop_id WHERE (s.local_date, s.local_hour, s.unit, s.triggered_by_hit, s.officer_ref, s.area, s.reason, s.plate_country, s.vehicle_searched, s.persons_searched, s.beyond_basis) IS DISTINCT FROM (o.local_date, o.local_hour, o.unit, o.triggered_by_hit, o.officer_ref, o.area, o.reason, o.plate_country, o.vehicle_searched, o.persons_searched, o.beyond_basis) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ON CONFLICT (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country) DO UPDATE SET n = officer_cells.n + excluded.n, searched = officer_cells.searched + excluded.searched, extra = officer_cells.extra + excluded.extra;\n    END IF;\n    RETURN NULL;\nEND;\n$$ LANGUAGE plpgsql\n",
    "\nCREATE FUNCTION note_repeat_vehicles() RETURNS trigger AS $$\nBEGIN\n    IF TG_OP = 'INSERT' THEN\n        PERFORM pg_advisory_xact_lock(7041, b) FROM (SELECT DISTINCT hashtext(n.vehicle_pseudonym) & 255 AS b FROM new_stops n ORDER BY b) AS buckets;\n        INSERT INTO repeat_vehicles (month, vehicle_pseudonym) SELECT DISTINCT date_trunc('month', n.local_date)::date, n.vehicle_pseudonym FROM new_stops n WHERE EXISTS (SELECT 1 FROM stops t WHERE t.vehicle_pseudonym = n.vehicle_pseudonym AND t.local_date >= date_trunc('month', n.local_date)::date AND t.local_date < (date_trunc('month', n.local_date)::date + interval '1 month')::date AND t.stop_id <> n.stop_id) ON CONFLICT DO NOTHING;\n    ELSIF TG_OP = 'DELETE' THEN\n        PERFORM pg_advisory_xact_lock(7041, b) FROM (SELECT DISTINCT hashtext(o.vehicle_pseudonym) & 255 AS b FROM old_stops o ORDER BY b) AS buckets;\n        DELETE FROM repeat_vehicles v USING (SELECT DISTINCT date_trunc('month', o.local_date)::date AS month, o.vehicle_pseudonym FROM old_stops o) AS gone WHERE v.month = gone.month AND v.vehicle_pseudonym = gone.vehicle_pseudonym AND (SELECT count(*) FROM (SELECT 1 FROM stops t WHERE t.vehicle_pseudonym = gone.vehicle_pseudonym AND t.local_date >= gone.month AND t.local_date < (gone.month + interval '1 month')::date LIMIT 2) AS left_over) < 2;\n    ELSE\n        PERFORM pg_advisory_xact_lock(7041, b) FROM (SELECT DISTINCT hashtext(x.vehicle_pseudonym) & 255 AS b FROM (SELECT vehicle_pseudonym FROM old_stops UNION SELECT vehicle_pseudonym FROM new_stops) x ORDER BY b) AS buckets;\n        DELETE FROM repeat_vehicles v USING (SELECT DISTINCT date_trunc('month', o.local_date)::date AS month, o.vehicle_pseudonym FROM old_stops o) AS gone WHERE v.month = gone.month AND v.vehicle_pseudonym = gone.vehicle_pseudonym AND (SELECT count(*) FROM (SELECT 1 FROM stops t WHERE t.vehicle_pseudonym = gone.vehicle_pseudonym AND t.local_date >= gone.month AND t.local_date < (gone.month + interval '1 month')::date LIMIT 2) AS left_over) < 2;\n        INSERT INTO repeat_vehicles (month, vehicle_pseudonym) SELECT DISTINCT date_trunc('month', n.local_date)::date, n.vehicle_pseudonym FROM new_stops n WHERE EXISTS (SELECT 1 FROM stops t WHERE t.vehicle_pseudonym = n.vehicle_pseudonym AND t.local_date >= date_trunc('month', n.local_date)::date AND t.local_date < (date_trunc('month', n.local_date)::date + interval '1 month')::date AND t.stop_id <> n.stop_id) ON CONFLICT DO NOTHING;\n    END IF;\n    RETURN NULL;\nEND;\n$$ LANGUAGE plpgsql\n",
)
PG_TRIGGERS = (
    'CREATE TRIGGER stops_officer_cells_insert AFTER INSERT ON stops REFERENCING NEW TABLE AS new_stops FOR EACH STATEMENT EXECUTE FUNCTION count_officer_cells()',
    'CREATE TRIGGER stops_officer_cells_update AFTER UPDATE ON stops REFERENCING OLD TABLE AS old_stops NEW TABLE AS new_stops FOR EACH STATEMENT EXECUTE FUNCTION count_officer_cells()',
    'CREATE TRIGGER stops_officer_cells_delete AFTER DELETE ON stops REFERENCING OLD TABLE AS old_stops FOR EACH STATEMENT EXECUTE FUNCTION count_officer_cells()',
    'CREATE TRIGGER stops_repeat_vehicles_insert AFTER INSERT ON stops REFERENCING NEW TABLE AS new_stops FOR EACH STATEMENT EXECUTE FUNCTION note_repeat_vehicles()',
    'CREATE TRIGGER stops_repeat_vehicles_update AFTER UPDATE ON stops REFERENCING OLD TABLE AS old_stops NEW TABLE AS new_stops FOR EACH STATEMENT EXECUTE FUNCTION note_repeat_vehicles()',
    'CREATE TRIGGER stops_repeat_vehicles_delete AFTER DELETE ON stops REFERENCING OLD TABLE AS old_stops FOR EACH STATEMENT EXECUTE FUNCTION note_repeat_vehicles()',
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER stops_officer_cells_insert AFTER INSERT ON stops BEGIN INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) VALUES (date(NEW.local_date, 'start of month'), NEW.unit, NEW.triggered_by_hit, NEW.officer_ref, NEW.area, NEW.local_hour / 4, CASE WHEN CAST(strftime('%w', NEW.local_date) AS INTEGER) IN (0, 6) THEN 1 ELSE 0 END, NEW.reason, NEW.plate_country, 1, 1 * (CASE WHEN (NEW.vehicle_searched OR NEW.persons_searched > 0) THEN 1 ELSE 0 END), 1 * (CASE WHEN NEW.beyond_basis THEN 1 ELSE 0 END)) ON CONFLICT (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country) DO UPDATE SET n = officer_cells.n + excluded.n, searched = officer_cells.searched + excluded.searched, extra = officer_cells.extra + excluded.extra; END",
    "CREATE TRIGGER stops_officer_cells_update AFTER UPDATE ON stops WHEN OLD.local_date IS NOT NEW.local_date OR OLD.local_hour IS NOT NEW.local_hour OR OLD.unit IS NOT NEW.unit OR OLD.triggered_by_hit IS NOT NEW.triggered_by_hit OR OLD.officer_ref IS NOT NEW.officer_ref OR OLD.area IS NOT NEW.area OR OLD.reason IS NOT NEW.reason OR OLD.plate_country IS NOT NEW.plate_country OR OLD.vehicle_searched IS NOT NEW.vehicle_searched OR OLD.persons_searched IS NOT NEW.persons_searched OR OLD.beyond_basis IS NOT NEW.beyond_basis BEGIN INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) VALUES (date(OLD.local_date, 'start of month'), OLD.unit, OLD.triggered_by_hit, OLD.officer_ref, OLD.area, OLD.local_hour / 4, CASE WHEN CAST(strftime('%w', OLD.local_date) AS INTEGER) IN (0, 6) THEN 1 ELSE 0 END, OLD.reason, OLD.plate_country, -1, -1 * (CASE WHEN (OLD.vehicle_searched OR OLD.persons_searched > 0) THEN 1 ELSE 0 END), -1 * (CASE WHEN OLD.beyond_basis THEN 1 ELSE 0 END)) ON CONFLICT (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country) DO UPDATE SET n = officer_cells.n + excluded.n, searched = officer_cells.searched + excluded.searched, extra = officer_cells.extra + excluded.extra; INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) VALUES (date(NEW.local_date, 'start of month'), NEW.unit, NEW.triggered_by_hit, NEW.officer_ref, NEW.area, NEW.local_hour / 4, CASE WHEN CAST(strftime('%w', NEW.local_date) AS INTEGER) IN (0, 6) THEN 1 ELSE 0 END, NEW.reason, NEW.plate_country, 1, 1 * (CASE WHEN (NEW.vehicle_searched OR NEW.persons_searched > 0) THEN 1 ELSE 0 END), 1 * (CASE WHEN NEW.beyond_basis THEN 1 ELSE 0 END)) ON CONFLICT (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country) DO UPDATE SET n = officer_cells.n + excluded.n, searched = officer_cells.searched + excluded.searched, extra = officer_cells.extra + excluded.extra; END",
    "CREATE TRIGGER stops_officer_cells_delete AFTER DELETE ON stops BEGIN INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) VALUES (date(OLD.local_date, 'start of month'), OLD.unit, OLD.triggered_by_hit, OLD.officer_ref, OLD.area, OLD.local_hour / 4, CASE WHEN CAST(strftime('%w', OLD.local_date) AS INTEGER) IN (0, 6) THEN 1 ELSE 0 END, OLD.reason, OLD.plate_country, -1, -1 * (CASE WHEN (OLD.vehicle_searched OR OLD.persons_searched > 0) THEN 1 ELSE 0 END), -1 * (CASE WHEN OLD.beyond_basis THEN 1 ELSE 0 END)) ON CONFLICT (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country) DO UPDATE SET n = officer_cells.n + excluded.n, searched = officer_cells.searched + excluded.searched, extra = officer_cells.extra + excluded.extra; END",
    "CREATE TRIGGER stops_repeat_vehicles_insert AFTER INSERT ON stops BEGIN INSERT INTO repeat_vehicles (month, vehicle_pseudonym) SELECT date(NEW.local_date, 'start of month'), NEW.vehicle_pseudonym WHERE EXISTS (SELECT 1 FROM stops t WHERE t.vehicle_pseudonym = NEW.vehicle_pseudonym AND t.local_date >= date(NEW.local_date, 'start of month') AND t.local_date < date(date(NEW.local_date, 'start of month'), '+1 month') AND t.stop_id <> NEW.stop_id) ON CONFLICT DO NOTHING; END",
    "CREATE TRIGGER stops_repeat_vehicles_update AFTER UPDATE OF vehicle_pseudonym, local_date ON stops BEGIN DELETE FROM repeat_vehicles WHERE month = date(OLD.local_date, 'start of month') AND vehicle_pseudonym = OLD.vehicle_pseudonym AND (SELECT count(*) FROM (SELECT 1 FROM stops t WHERE t.vehicle_pseudonym = OLD.vehicle_pseudonym AND t.local_date >= date(OLD.local_date, 'start of month') AND t.local_date < date(date(OLD.local_date, 'start of month'), '+1 month') LIMIT 2)) < 2; INSERT INTO repeat_vehicles (month, vehicle_pseudonym) SELECT date(NEW.local_date, 'start of month'), NEW.vehicle_pseudonym WHERE EXISTS (SELECT 1 FROM stops t WHERE t.vehicle_pseudonym = NEW.vehicle_pseudonym AND t.local_date >= date(NEW.local_date, 'start of month') AND t.local_date < date(date(NEW.local_date, 'start of month'), '+1 month') AND t.stop_id <> NEW.stop_id) ON CONFLICT DO NOTHING; END",
    "CREATE TRIGGER stops_repeat_vehicles_delete AFTER DELETE ON stops BEGIN DELETE FROM repeat_vehicles WHERE month = date(OLD.local_date, 'start of month') AND vehicle_pseudonym = OLD.vehicle_pseudonym AND (SELECT count(*) FROM (SELECT 1 FROM stops t WHERE t.vehicle_pseudonym = OLD.vehicle_pseudonym AND t.local_date >= date(OLD.local_date, 'start of month') AND t.local_date < date(date(OLD.local_date, 'start of month'), '+1 month') LIMIT 2)) < 2; END",
)

# The counts of the stops already stored.
BACKFILL = {
    "postgresql": ("INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) SELECT date_trunc('month', s.local_date)::date, s.unit, s.triggered_by_hit, s.officer_ref, s.area, s.local_hour / 4, CASE WHEN mod(mod(s.local_date - DATE '1970-01-04', 7) + 7, 7) IN (0, 6) THEN 1 ELSE 0 END, s.reason, s.plate_country, count(*), count(*) FILTER (WHERE s.vehicle_searched OR s.persons_searched > 0), count(*) FILTER (WHERE s.beyond_basis) FROM stops s GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9",
                   "INSERT INTO repeat_vehicles (month, vehicle_pseudonym) SELECT date_trunc('month', local_date)::date, vehicle_pseudonym FROM stops GROUP BY 1, 2 HAVING count(*) > 1"),
    "sqlite": ("INSERT INTO officer_cells (month, unit, triggered_by_hit, officer_ref, area, hour_band, weekend, reason, plate_country, n, searched, extra) SELECT date(s.local_date, 'start of month'), s.unit, s.triggered_by_hit, s.officer_ref, s.area, s.local_hour / 4, CASE WHEN CAST(strftime('%w', s.local_date) AS INTEGER) IN (0, 6) THEN 1 ELSE 0 END, s.reason, s.plate_country, count(*), sum(CASE WHEN s.vehicle_searched OR s.persons_searched > 0 THEN 1 ELSE 0 END), sum(CASE WHEN s.beyond_basis THEN 1 ELSE 0 END) FROM stops s WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9",
               "INSERT INTO repeat_vehicles (month, vehicle_pseudonym) SELECT date(local_date, 'start of month'), vehicle_pseudonym FROM stops GROUP BY 1, 2 HAVING count(*) > 1"),
}
TRIGGER_NAMES = ("stops_officer_cells_insert", "stops_officer_cells_update", "stops_officer_cells_delete",
                 "stops_repeat_vehicles_insert", "stops_repeat_vehicles_update", "stops_repeat_vehicles_delete")


def upgrade() -> None:
    op.create_table(
        "officer_cells",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("triggered_by_hit", sa.Boolean(), nullable=False),
        sa.Column("officer_ref", sa.String(length=64), nullable=False),
        sa.Column("area", sa.String(length=64), nullable=False),
        sa.Column("hour_band", sa.SmallInteger(), nullable=False),
        sa.Column("weekend", sa.SmallInteger(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("plate_country", sa.String(length=2), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("searched", sa.Integer(), nullable=False),
        sa.Column("extra", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "unit", "triggered_by_hit", "officer_ref", "area", "hour_band", "weekend",
                                "reason", "plate_country", name=op.f("pk_officer_cells")),
    )
    op.create_table(
        "repeat_vehicles",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("vehicle_pseudonym", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("month", "vehicle_pseudonym", name=op.f("pk_repeat_vehicles")),
    )
    dialect = op.get_bind().dialect.name
    for statement in BACKFILL[dialect]:
        op.execute(sa.text(statement))
    if dialect == "postgresql":
        for statement in (*PG_FUNCTIONS, *PG_TRIGGERS):
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER {name} ON stops" if postgres else f"DROP TRIGGER {name}")
    if postgres:
        op.execute("DROP FUNCTION count_officer_cells()")
        op.execute("DROP FUNCTION note_repeat_vehicles()")
    op.drop_table("repeat_vehicles")
    op.drop_table("officer_cells")
