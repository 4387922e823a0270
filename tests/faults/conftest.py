"""Fault tests need PostgreSQL: SQLite has no server connection to drop."""
import pytest
from sqlalchemy.engine import make_url


@pytest.fixture()
def postgres_url(committing_url):
    if make_url(committing_url).get_backend_name() != "postgresql":
        # These run in CI's PostgreSQL pass (make test-postgres); SQLite has no connection to drop.
        pytest.skip("needs PostgreSQL (STOPFORM_TEST_DATABASE_URL)")
    return committing_url
