"""Fault tests need PostgreSQL: SQLite has no server connection to drop."""
import pytest
from sqlalchemy.engine import make_url

from tests.conftest import postgres_only


@pytest.fixture()
def postgres_url(committing_url):
    postgres_only(make_url(committing_url).get_backend_name(), "no server connection to drop")
    return committing_url
