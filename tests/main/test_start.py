"""The supervisor's start page: the last complete month's flags, review queue, receipts and late
records, and which stops those figures count."""
from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from stopform.core.months import add_months, parse_month
from stopform.models import AuditEntry, utcnow
from stopform.stops.bulk import insert_stop_rows
from tests.conftest import UNIT
from tests.reports.conftest import synthetic_rows


def _last_month() -> str:
    this = utcnow().astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m")
    return add_months(parse_month(this), -1).strftime("%Y-%m")


@pytest.fixture()
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture()
def last_month_rows(db_session):
    """2,500 stops of the last complete month; every 10th recorded two days late; a third of them
    searched, and every Polish-plated vehicle (a flag)."""
    rows = synthetic_rows(2500, month=_last_month())
    for index, row in enumerate(rows):
        if index % 10 == 0:
            row["recorded_at"] = row["occurred_at"] + timedelta(days=2)
        if row["plate_country"] == "PL" or index % 3 == 0:
            row.update(vehicle_searched=True)
    insert_stop_rows(session=db_session, rows=rows)
    db_session.commit()
    return rows


def _figure(html: str, words: str) -> int:
    match = re.search(r"<strong>([\d,.]+)</strong> " + re.escape(words), html)
    assert match, words
    return int(match.group(1).replace(",", "").replace(".", ""))


def test_a_supervisor_lands_on_the_start_page(client, auth, make_user):
    auth.login(make_user("supervisor", unit=UNIT).username)
    assert client.get("/").headers["Location"] == "/start"


def test_the_start_page_counts_the_supervisors_units_in_the_last_month(english, auth, make_user,
                                                                        last_month_rows, db_session):
    auth.login(make_user("supervisor", unit=UNIT).username)
    response = english.get("/start")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    mine = [r for r in last_month_rows if r["unit"] == UNIT]
    assert _last_month() in html and UNIT in html and "Stops of other units are never counted." in html
    assert _figure(html, "stops") == len(mine)
    assert _figure(html, "recorded more than 24 hours late") == sum(
        r["recorded_at"] - r["occurred_at"] > timedelta(hours=24) for r in mine)
    assert _figure(html, "without a receipt offered") == sum(r["receipt"] == "not_offered" for r in mine)
    queue = _figure(html, "stops to review")
    assert queue > 0 and f'href="/reports/{_last_month()}/review"' in html
    assert "The stops behind this flag" in html and "metric=searched" in html
    late_href = re.search(r'href="([^"]*metric=late[^"]*)"', html).group(1).replace("&amp;", "&")
    late_list = english.get(late_href).get_data(as_text=True)
    assert f"{_figure(html, 'recorded more than 24 hours late')} stops listed." in late_list
    entry = db_session.execute(select(AuditEntry).where(AuditEntry.action == "report_viewed")).scalars().one()
    assert entry.details["format"] == "start" and entry.details["month"] == _last_month()


def test_the_monthly_report_link_opens_the_last_complete_month(english, auth, make_user):
    auth.login(make_user("supervisor", unit=UNIT).username)
    html = english.get("/start").get_data(as_text=True)
    assert f'href="/reports/{_last_month()}">Monthly report</a>' in html
    assert "No result met the flag rule this month." in html


@pytest.mark.parametrize("role", ["officer", "oversight"])
def test_others_have_no_start_page(client, auth, make_user, role):
    auth.login(make_user(role).username)
    assert client.get("/start").status_code == 403
