"""`flask demo-data` leaves the planner statistics it needs (autovacuum may be off or behind)."""
from sqlalchemy import event


def test_demo_data_analyzes_stops_after_storing_them(runner, connection):
    statements = []
    event.listen(connection, "before_cursor_execute", lambda *args: statements.append(args[2]))
    result = runner.invoke(args=["demo-data", "--stops", "20", "--seed", "3", "--no-receipts"])
    assert result.exit_code == 0, result.output
    stored = [index for index, sql in enumerate(statements) if sql.startswith("INSERT INTO stops")]
    assert stored and statements.index("ANALYZE stops") > stored[-1]
