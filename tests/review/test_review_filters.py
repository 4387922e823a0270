"""The review list's filters: open apart from reviewed, filters and sorting in the query string,
junk values reported (never a server error), errors of a review summarised on the list."""
from __future__ import annotations

import re

import pytest

from stopform.models import StopReview, utcnow
from stopform.review.filters import ReviewFilters
from tests.conftest import OTHER_UNIT, UNIT
from tests.review.test_review_list import CONSENT_SEARCH, _month


def _count(html: str) -> int:
    return int(re.search(r"(\d+) stops? listed\.", html).group(1))


@pytest.fixture()
def stops(make_user, make_stop):
    officer = make_user("officer", unit=UNIT)
    return {
        "force_pl": make_stop(officer, force_used=True, plate_country="PL", area="VENLO"),
        "force_nl": make_stop(officer, force_used=True, plate_country="NL", area="ROERMOND"),
        "consent": make_stop(officer, plate_country="PL", **CONSENT_SEARCH),
        "plain_pl": make_stop(officer, plate_country="PL"),
        "other_unit": make_stop(make_user("officer", unit=OTHER_UNIT), unit=OTHER_UNIT, force_used=True),
    }


@pytest.fixture()
def supervisor(auth, make_user):
    user = make_user("supervisor", unit=UNIT)
    auth.login(user.username)
    return user


def _get(client, query: str = ""):
    return client.get(f"/reports/{_month()}/review{query}")


def test_reviewed_stops_leave_the_open_tab(client, supervisor, stops, db_session):
    db_session.add(StopReview(stop_id=stops["force_pl"].stop_id, reviewer_id=supervisor.id, outcome="ok",
                              comment="fine", created_at=utcnow()))
    db_session.add(StopReview(stop_id=stops["force_nl"].stop_id, reviewer_id=supervisor.id, outcome="follow_up",
                              comment="ask", created_at=utcnow()))
    db_session.commit()
    open_html = _get(client).get_data(as_text=True)
    assert stops["consent"].reference in open_html
    assert stops["force_pl"].reference not in open_html and stops["force_nl"].reference not in open_html
    assert "To review (1)" in open_html and "Needs follow-up (1)" in open_html and "Reviewed: in order (1)" in open_html
    follow_up = _get(client, "?status=follow_up").get_data(as_text=True)
    assert stops["force_nl"].reference in follow_up and _count(follow_up) == 1
    everything = _get(client, "?status=all").get_data(as_text=True)
    assert _count(everything) == 3 and stops["other_unit"].reference not in everything


def test_filters_narrow_the_list_and_stay_in_the_links(client, supervisor, stops):
    html = _get(client, "?status=all&why=force&plate_country=PL").get_data(as_text=True)
    assert _count(html) == 1 and stops["force_pl"].reference in html
    assert "why=force" in html and "plate_country=PL" in html  # tabs, months and form keep them
    assert _count(_get(client, "?area=VENLO").get_data(as_text=True)) == 1
    assert _count(_get(client, f"?officer={stops['force_pl'].officer_ref}").get_data(as_text=True)) == 3
    assert _count(_get(client, "?basis=WVW160-1&why=all&status=all").get_data(as_text=True)) == \
        sum(s.legal_basis == "WVW160-1" for k, s in stops.items() if k != "other_unit")
    every_pl = _get(client, "?why=all&plate_country=PL").get_data(as_text=True)
    assert _count(every_pl) == 3 and stops["plain_pl"].reference in every_pl
    assert "Not on the list; shown by the filters" in every_pl
    searched = _get(client, "?why=all&metric=searched").get_data(as_text=True)
    assert _count(searched) == 1 and stops["consent"].reference in searched
    assert "Shown:" in searched and "What happened: <strong>Searched (vehicle or person)</strong>" in searched


def test_sorting(client, supervisor, stops):
    html = _get(client, "?status=all&sort=area").get_data(as_text=True)
    assert html.index(stops["force_nl"].reference) < html.index(stops["force_pl"].reference)  # ROERMOND < VENLO
    newest = _get(client, "?status=all&sort=oldest").get_data(as_text=True)
    assert newest.index(stops["force_pl"].reference) < newest.index(stops["consent"].reference)


@pytest.mark.parametrize("query", [
    "?status=nonsense", "?why=%3Cscript%3E", "?metric=x", "?months=7", "?unit=" + OTHER_UNIT, "?area=NOWHERE",
    "?reason=x", "?basis=x", "?sort=x", "?plate_country=" + "X" * 200,
    "?officer=%00%01", "?trigger=x"])
def test_junk_is_reported_not_a_server_error(client, supervisor, stops, query):
    response = _get(client, query)
    assert response.status_code == 400, query
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and 'class="error-summary"' in html
    assert _count(html) == 3  # the invalid filter is ignored: the open list as without it


def test_a_unit_outside_the_supervisors_is_refused_as_a_filter(client, supervisor, stops):
    html = _get(client, f"?unit={OTHER_UNIT}&status=all").get_data(as_text=True)
    assert stops["other_unit"].reference not in html


def test_pages_keep_the_filters(client, supervisor, make_user, make_stop, monkeypatch):
    from stopform.review import services
    monkeypatch.setattr(services, "PAGE_SIZE", 2)
    officer = make_user("officer", unit=UNIT)
    for _ in range(5):
        make_stop(officer, force_used=True)
    html = _get(client, "?why=force").get_data(as_text=True)
    assert "Page 1 of 3." in html and "why=force&amp;page=2" in html
    last = _get(client, "?why=force&page=99").get_data(as_text=True)
    assert "Page 3 of 3." in last
    for junk in ("abc", "-4", "1e9999"):  # not a page number: the first page, as without one
        response = _get(client, f"?why=force&page={junk}")
        assert response.status_code == 200 and "Page 1 of 3." in response.get_data(as_text=True)


def test_a_failed_review_shows_a_summary_on_the_filtered_list(client, supervisor, stops):
    stop = stops["force_pl"]
    response = client.post(f"/reports/{_month()}/review/{stop.stop_id}?why=force&sort=area",
                           data={"outcome": "", "comment": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="error-summary"' in html and f'href="#comment-{stop.stop_id}"' in html
    assert f'href="#outcome-{stop.stop_id}-ok"' in html
    assert _count(html) == 2 and stops["force_nl"].reference in html  # the whole filtered list, not one row
    saved = client.post(f"/reports/{_month()}/review/{stop.stop_id}?why=force&sort=area",
                        data={"outcome": "ok", "comment": "Checked the report."})
    assert saved.status_code == 302 and "why=force" in saved.headers["Location"]


def test_query_args_leave_defaults_out():
    assert ReviewFilters().query_args() == {}
    assert ReviewFilters(why="force", months=3).query_args(page=2) == {"why": "force", "months": 3, "page": 2}
