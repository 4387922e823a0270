"""The supervisors' review list: who sees what, which stops are listed, append-only reviews."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from stopform.models import StopReview, utcnow
from stopform.review.services import listing_reasons
from tests.conftest import OTHER_UNIT, UNIT


def _month() -> str:
    from zoneinfo import ZoneInfo
    return (utcnow() - timedelta(minutes=30)).astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m")


CONSENT_SEARCH = {"vehicle_searched": True, "search_basis": "CONSENT", "consent_refusal_explained": True}


@pytest.fixture()
def listed(make_user, make_stop):
    """Stops of both units: one of each listing reason in UNIT, one force stop in OTHER_UNIT, one plain."""
    officer = make_user("officer", unit=UNIT)
    other = make_user("officer", unit=OTHER_UNIT)
    stops = {
        "force": make_stop(officer, force_used=True),
        "consent": make_stop(officer, **CONSENT_SEARCH),
        "hit": make_stop(officer, triggered_by_hit=True, hit_source="anpr_reference_list", reason="system_hit",
                         reason_text="Camera alert, nothing else seen."),
        "receipt": make_stop(officer, receipt="not_offered", receipt_not_offered_reason="Driver drove off."),
        "declined": make_stop(officer, receipt="declined"),
        "plain": make_stop(officer),
        "other_unit": make_stop(other, unit=OTHER_UNIT, force_used=True),
    }
    return stops


def _login(auth, make_user, role, unit=UNIT):
    user = make_user(role, unit=unit)
    auth.login(user.username)
    return user


def test_supervisor_sees_only_their_units_listed_stops(client, auth, make_user, listed):
    _login(auth, make_user, "supervisor")
    page = client.get(f"/reports/{_month()}/review")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for key in ("force", "consent", "hit", "receipt"):
        assert listed[key].reference in html, key
    for key in ("declined", "plain", "other_unit"):
        assert listed[key].reference not in html, key
    assert f'href="/stops/{listed["force"].stop_id}"' in html
    assert "4 stops listed." in html


def test_admin_sees_every_unit(client, auth, make_user, listed):
    _login(auth, make_user, "admin", unit=None)
    html = client.get(f"/reports/{_month()}/review").get_data(as_text=True)
    assert listed["other_unit"].reference in html and listed["force"].reference in html


@pytest.mark.parametrize("role", ["officer", "oversight"])
def test_officers_and_oversight_are_refused(client, auth, make_user, role, listed):
    _login(auth, make_user, role)
    assert client.get(f"/reports/{_month()}/review").status_code == 403
    posted = client.post(f"/reports/{_month()}/review/{listed['force'].stop_id}",
                         data={"outcome": "ok", "comment": "fine"})
    assert posted.status_code == 403


def test_listing_reasons_match_the_definitions(listed):
    assert listing_reasons(listed["force"]) == ["force"]
    assert listing_reasons(listed["consent"]) == ["consent_search", "beyond_basis"]
    assert listing_reasons(listed["hit"]) == ["hit_without_own_ground"]
    assert listing_reasons(listed["receipt"]) == ["no_receipt_offered"]
    assert listing_reasons(listed["plain"]) == []


def test_reviews_are_appended_and_shown_as_history(client, auth, make_user, listed, db_session):
    supervisor = _login(auth, make_user, "supervisor")
    stop = listed["force"]
    url = f"/reports/{_month()}/review/{stop.stop_id}"
    first = client.post(url, data={"outcome": "follow_up", "comment": "Ask the officer for the report."})
    assert first.status_code == 302 and f"#stop-{stop.stop_id}" in first.headers["Location"]
    client.post(url, data={"outcome": "ok", "comment": "Report read: force was proportionate."})
    reviews = db_session.execute(select(StopReview).where(StopReview.stop_id == stop.stop_id)
                                 .order_by(StopReview.id)).scalars().all()
    assert [r.outcome for r in reviews] == ["follow_up", "ok"]
    assert all(r.reviewer_id == supervisor.id for r in reviews)
    html = client.get(f"/reports/{_month()}/review?status=all").get_data(as_text=True)
    assert html.index("Ask the officer for the report.") < html.index("Report read: force was proportionate.")
    assert "Needs follow-up" in html and "Add a review" in html


def test_invalid_review_shows_errors_and_stores_nothing(client, auth, make_user, listed, db_session):
    _login(auth, make_user, "supervisor")
    stop = listed["force"]
    response = client.post(f"/reports/{_month()}/review/{stop.stop_id}", data={"outcome": "", "comment": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose an outcome." in html and "Write what you checked and concluded." in html
    assert f'aria-describedby="e-comment-{stop.stop_id}"' in html
    count = db_session.execute(select(func.count()).select_from(StopReview)).scalar_one()
    assert count == 0


def test_supervisor_cannot_review_other_units_or_unlisted_stops(client, auth, make_user, listed):
    _login(auth, make_user, "supervisor")
    for key in ("other_unit", "plain"):
        response = client.post(f"/reports/{_month()}/review/{listed[key].stop_id}",
                               data={"outcome": "ok", "comment": "x"})
        assert response.status_code == 404, key


def test_bad_month_is_not_found(client, auth, make_user):
    _login(auth, make_user, "supervisor")
    assert client.get("/reports/2026-13/review").status_code == 404
    assert client.get("/reports/october/review").status_code == 404


def test_each_view_is_logged_for_the_audit_trail(client, auth, make_user, listed, db_session):
    from sqlmodel import select

    from stopform.models import AuditEntry
    supervisor = _login(auth, make_user, "supervisor")
    client.get(f"/reports/{_month()}/review")
    entry = db_session.exec(select(AuditEntry).where(AuditEntry.action == "review_list_viewed")).one()
    assert entry.actor == supervisor.username
    assert entry.details == {"month": _month(), "page": 1, "listed": 4, "filters": {}}


def test_nav_links_supervisors_to_this_months_list(client, auth, make_user):
    _login(auth, make_user, "supervisor")
    html = client.get("/stops/").get_data(as_text=True)
    assert f'href="/reports/{_month()}/review"' in html


def test_empty_month_says_so(client, auth, make_user):
    _login(auth, make_user, "supervisor")
    html = client.get("/reports/2021-02/review").get_data(as_text=True)
    assert "Nothing to review for this month." in html
