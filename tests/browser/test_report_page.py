"""The monthly report page in a browser: axe-core (WCAG 2.2 AA) with the statistics folded and
unfolded, in Dutch and English, and the details toggles working without JavaScript."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_accessibility import assert_no_violations

MONTH = "2025-03"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def report_month(live_app):
    """1,500 stops of the month in the live server's database, Polish-plated vehicles searched
    far more often (so the page has flags)."""
    from sqlmodel import Session

    from stopform.db import engine_of
    from stopform.stops.bulk import insert_stop_rows
    from tests.reports.conftest import search_polish_plates_more, synthetic_rows

    rows = synthetic_rows(1500, seed=29, month=MONTH)  # not the Lighthouse demo month's seed: same seed, same stop ids
    search_polish_plates_more(rows)
    with Session(engine_of(live_app)) as session:
        insert_stop_rows(session=session, rows=rows)
        session.commit()
    return MONTH


@pytest.fixture()
def desk(browser, live_server):
    context = browser.new_context(base_url=live_server, **DESKTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ("nl", "en"))
def test_report_page_has_no_violations(desk, report_month, lang):
    login(desk, "admin")
    desk.goto(f"/reports/{report_month}?lang={lang}")
    expect(desk.locator("article.flag").first).to_be_visible()
    assert_no_violations(desk)
    desk.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert_no_violations(desk)


def test_statistics_open_without_javascript(browser, live_server, report_month):
    context = browser.new_context(base_url=live_server, java_script_enabled=False, **DESKTOP)
    page = context.new_page()
    login(page, "admin")
    page.goto(f"/reports/{report_month}?lang=en")
    statistics = page.locator("article.flag details.statistics").first
    expect(statistics.locator("p")).to_be_hidden()
    statistics.locator("summary").click()
    expect(statistics.locator("p")).to_be_visible()
    expect(statistics.locator("p")).to_contain_text("95% interval")
    context.close()
