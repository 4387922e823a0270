"""Receipt fixtures: a stop with a live receipt, and an app whose rate limiter is switched on."""
from __future__ import annotations

import pytest

from stopform.receipts.services import issue_receipt

LANGUAGES = ("nl", "en", "de", "fr", "pl", "ro", "bg", "tr", "ar")
BASE_URL = "https://bon.example.nl"


@pytest.fixture()
def officer(app, make_user):
    return make_user("officer", service_number="NL-31337")


@pytest.fixture()
def receipted(app, db_session, make_stop, officer):
    """Factory: receipted(**record_overrides) -> (stop, credentials), a stop with a fresh receipt."""
    app.config["PUBLIC_BASE_URL"] = BASE_URL

    def factory(**overrides):
        with app.test_request_context():  # the legality guard words its findings with gettext
            stop = make_stop(officer, with_receipt=False, **overrides)
        credentials = issue_receipt(session=db_session, stop=stop)
        db_session.commit()
        return stop, credentials
    return factory


@pytest.fixture()
def limited_client(limited_app):
    """A client of an app with rate limiting on (see tests/conftest.py `limited_app`)."""
    return limited_app.test_client()


def translated(app, lang: str, text) -> str:
    """A (lazy) message as the citizen's page renders it in `lang`."""
    from flask import g
    from flask_babel import refresh
    with app.test_request_context(f"/r?lang={lang}"):
        g.page_locales = LANGUAGES
        refresh()
        return str(text)
