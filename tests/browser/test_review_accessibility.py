"""axe-core (same harness and tag set as test_accessibility.py) on the supervisor's start page and
the review list: default, filtered (panel open) and with a failed review's error summary."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_accessibility import STAFF_LANGUAGES, assert_no_violations


def _last_month() -> str:
    from stopform.core.months import add_months, parse_month
    from stopform.models import utcnow
    this = utcnow().astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m")
    return add_months(parse_month(this), -1).strftime("%Y-%m")


@pytest.fixture(scope="module")
def last_month_stops(live_app):
    """300 demo stops of the last complete month in the live server's database (no author, so no
    officer's own list changes), some recorded late."""
    from sqlmodel import Session

    from stopform.db import engine_of
    from stopform.demo.loading import demo_rows
    from stopform.demo.synthetic import DEFAULT_AREAS
    from stopform.models import utcnow
    from stopform.stops.bulk import insert_stop_rows
    rows = demo_rows(300, seed=5, month=_last_month(), areas=DEFAULT_AREAS, now=utcnow())
    for index, row in enumerate(rows):
        if index % 7 == 0:
            row["recorded_at"] = row["occurred_at"] + timedelta(days=3)
    with Session(engine_of(live_app)) as session:
        insert_stop_rows(session=session, rows=rows)
        session.commit()
    return rows


@pytest.mark.parametrize("lang", STAFF_LANGUAGES)
@pytest.mark.parametrize("path", ["/start", "/reports/{month}", "/reports/{month}/review",
                                  "/reports/{month}/review?status=all&why=all&metric=searched&sort=area",
                                  "/reports/{month}/review?months=99&area=NOWHERE"])
def test_supervisor_pages(phone, last_month_stops, path, lang):
    login(phone, "supervisor")
    target = path.format(month=_last_month())
    phone.goto(f"{target}{'&' if '?' in target else '?'}lang={lang}")
    assert_no_violations(phone)


@pytest.mark.parametrize("lang", STAFF_LANGUAGES)
def test_failed_review_state(phone, last_month_stops, lang):
    login(phone, "supervisor")
    phone.goto(f"/reports/{_last_month()}/review?lang={lang}")
    first = phone.locator("tbody tr details").first
    first.locator("summary").click()
    first.locator("button[type=submit]").click()
    expect(phone.locator(".error-summary")).to_be_visible()
    assert_no_violations(phone)


def test_unit_edit_page(phone, last_month_stops):
    login(phone, "admin")
    phone.goto("/admin/units?lang=nl")
    assert_no_violations(phone)
    phone.locator("table a").first.click()
    expect(phone.locator("h1")).to_contain_text("LIMBURG")
    assert_no_violations(phone)
