"""Review pages are checked in English (staff pages default to Dutch)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
