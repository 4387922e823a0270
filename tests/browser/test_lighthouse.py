"""Lighthouse 12.2.3 (mobile profile, simulated throttling) on the officer's form, a citizen's
receipt and the supervisor's monthly report, held to the budgets of BENCHMARKS.md
(`bench.budgets`): performance at least 0.9 (the report at least 0.95), accessibility 1.0.

Lighthouse comes from `npm ci --prefix bench`; without it the test is skipped, except under
CI=true, where a missing Lighthouse fails the run as a missing Chromium does."""
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from bench import lighthouse
from bench.budgets import LIGHTHOUSE_PAGES, keeps, lighthouse_budget
from tests.browser.conftest import login_by_request, phone_with_sent_stop, require_tool

DEMO_STOPS = 800


def _require_lighthouse() -> None:
    # `make test` installs it; only a bare `pytest` without it skips, and never under CI=true.
    require_tool(lighthouse.installed(),
                 in_ci="bench/node_modules has no Lighthouse: `make test` runs `npm ci --prefix bench`",
                 elsewhere="Lighthouse is not installed here (npm ci --prefix bench)")


def previous_month(timezone: str) -> str:
    """Last calendar month in the app's display time zone, as YYYY-MM."""
    first = datetime.now(ZoneInfo(timezone)).replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


def load_demo_month(live_app, month: str) -> None:
    """A month of synthetic stops, so that the report has its tables and charts to draw."""
    from sqlmodel import Session

    from stopform.areas.services import list_areas
    from stopform.db import engine_of
    from stopform.demo.loading import demo_rows
    from stopform.stops.bulk import insert_stop_rows
    with Session(engine_of(live_app)) as session:
        areas = [{"code": a.code, "latitude": float(a.latitude), "longitude": float(a.longitude)}
                 for a in list_areas(session)]
        insert_stop_rows(session=session, rows=demo_rows(DEMO_STOPS, seed=3, month=month, areas=areas))
        session.commit()


def session_cookie(browser, live_server, username: str) -> str:
    """A logged-in session of `username` as a Cookie header value."""
    context = browser.new_context(base_url=live_server)
    login_by_request(context, username)
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
    context.close()
    return cookie


def receipt_path(browser, live_server) -> str:
    """The path of a fresh receipt: an officer records a stop in the browser."""
    context, _, stop = phone_with_sent_stop(browser, live_server)
    context.close()
    return urlsplit(stop["url"]).path


@pytest.fixture(scope="module")
def pages(browser, live_server, live_app):
    """Page name -> (path, Cookie header or None), each page loaded once first: a running server has
    its report statistics imported already, and the first request would time the import."""
    _require_lighthouse()
    month = previous_month(live_app.config["DISPLAY_TIMEZONE"])
    load_demo_month(live_app, month)
    pages = {"form": ("/stops/new", session_cookie(browser, live_server, "officer")),
             "receipt": (receipt_path(browser, live_server), None),
             "report": (f"/reports/{month}", session_cookie(browser, live_server, "supervisor"))}
    context = browser.new_context(base_url=live_server)
    for path, cookie in pages.values():
        response = context.request.get(path, headers={"Cookie": cookie} if cookie else {}, max_redirects=0)
        assert response.status == 200, f"{path}: {response.status}"
    context.close()
    return pages


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_scores(pages, live_server, name):
    path, cookie = pages[name]
    report = lighthouse.audit(live_server + path, cookie)
    scores = lighthouse.scores(report)
    details = f"{name} {path}: {scores}, {lighthouse.metrics(report)}; not passed: {lighthouse.failed_audits(report)}"
    print(f"\n{details}")
    for category, score in scores.items():
        rule = lighthouse_budget(name, category)
        assert keeps(score, rule), f"{category} {score} against the budget {rule[0]} {rule[1]}: {details}"
