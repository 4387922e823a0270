"""/reports/<YYYY-MM>: who may see it, what it shows, and that every view is logged."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import select

from stopform.models import AuditEntry, ReceiptFeedback
from tests.conftest import OTHER_UNIT, UNIT
from tests.reports.conftest import search_polish_plates_more

MONTH = "2025-03"


def _events(db_session, action: str) -> list[AuditEntry]:
    return list(db_session.execute(select(AuditEntry).where(AuditEntry.action == action)
                                   .order_by(AuditEntry.seq)).scalars())


def _stops_shown(html: str) -> int:
    match = re.search(r"<strong>([\d,]+)</strong> stops", html)
    return int(match.group(1).replace(",", ""))


@pytest.fixture()
def month_rows(seed_stops):
    """1,500 synthetic stops in both units, Polish-plated vehicles searched far more often."""
    return seed_stops(count=1500, tweak=search_polish_plates_more)


def test_anonymous_readers_are_sent_to_log_in(client):
    response = client.get(f"/reports/{MONTH}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get(f"/reports/{MONTH}.json").status_code == 302


def test_officers_are_refused(english, login, db_session):
    login("officer")
    for path in (f"/reports/{MONTH}", f"/reports/{MONTH}.pdf", f"/reports/{MONTH}.json", f"/reports/{MONTH}.csv",
                 "/reports/"):
        assert english.get(path).status_code == 403, path
    assert "/reports/" not in english.get("/stops/mine").get_data(as_text=True)
    assert _events(db_session, "report_viewed") == []


def test_supervisors_see_only_their_units(english, login, month_rows):
    login("supervisor", unit=UNIT)
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    assert _stops_shown(html) == sum(r["unit"] == UNIT for r in month_rows)
    assert f'<option value="{UNIT}"' in html and f'<option value="{OTHER_UNIT}"' not in html
    assert english.get(f"/reports/{MONTH}?unit={OTHER_UNIT}").status_code == 403
    assert english.get(f"/reports/{MONTH}.json?unit={OTHER_UNIT}").status_code == 403
    own = english.get(f"/reports/{MONTH}.json?unit={UNIT}").get_json()
    assert own["scope"] == {"unit": UNIT, "area": None}


@pytest.mark.parametrize("role", ["admin", "oversight"])
def test_admins_and_oversight_see_every_unit(english, login, month_rows, role):
    login(role, unit=None)
    response = english.get(f"/reports/{MONTH}?unit={OTHER_UNIT}")
    assert response.status_code == 200
    assert _stops_shown(response.get_data(as_text=True)) == sum(r["unit"] == OTHER_UNIT for r in month_rows)
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    assert _stops_shown(html) == len(month_rows)
    assert ("/review" in html) is (role == "admin")  # the review list holds records: not for oversight


def test_flags_come_first_with_message_and_caveat(english, login, month_rows):
    login("admin", unit=None)
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    assert html.index('id="flags-title"') < html.index('id="tests-title"') < html.index('id="trend-title"')
    flags = html[html.index('id="flags-title"'):html.index('id="tests-title"')]
    assert "Search rate, plate country PL" in flags
    assert "Vehicles with Polish plates (PL) were searched" in flags
    assert "Keep in mind:" in flags and "Plate country is not ethnicity" in flags
    assert "<details" in flags and "The statistics behind this flag" in flags and "(adjusted p " in flags
    assert "month by month" in flags  # the flag's 12-month trend table


def test_every_chart_is_labelled_svg_with_a_table_beside_it(english, login, month_rows):
    login("admin", unit=None)
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    charts = re.findall(r"<svg [^>]*>.*?</svg>", html, re.S)
    assert len(charts) >= 5 and len(charts) == html.count("<figure")
    for chart in charts:
        title_id = re.search(r'aria-labelledby="([^"]+)"', chart).group(1)
        assert 'role="img"' in chart and f'<title id="{title_id}">' in chart
        after = html[html.index(chart) + len(chart):]
        next_table, next_chart = after.find("<table"), after.find("<svg")
        assert next_table != -1 and (next_chart == -1 or next_table < next_chart)
    assert "<script" not in html.split('<main id="main"')[1].split("</main>")[0]
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []


def test_tables_trend_compliance_and_feedback(english, login, month_rows, db_session):
    login("admin", unit=None)
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    assert "<caption" in html and '<th scope="col">' in html and '<th scope="row">' in html
    assert "Search rate · plate country" in html and "Veil of darkness" in html
    assert "Stops per month by plate country" in html and "2024-04" in html
    assert "Registration compliance" in html and "Extra actions by legal basis" in html
    assert "Fewer than 10 people answered this month, so nothing is shown." in html
    for _ in range(10):
        db_session.add(ReceiptFeedback(month=month_rows[0]["occurred_at"].date().replace(day=1), unit=UNIT,
                                       area="ROERMOND", respect=5, reason_explained="yes"))
    db_session.commit()
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    assert "Answers given with the receipt" in html and "Everyone" in html


def test_filters_and_links_keep_the_scope(english, login, month_rows):
    login("supervisor", unit=UNIT)
    html = english.get(f"/reports/{MONTH}?area=VENLO").get_data(as_text=True)
    assert f'href="/reports/{MONTH}.pdf?area=VENLO"' in html
    assert f'href="/reports/{MONTH}.csv?area=VENLO"' in html and f'href="/reports/{MONTH}.json?area=VENLO"' in html
    assert 'href="/reports/2025-02?area=VENLO"' in html and 'href="/reports/2025-04?area=VENLO"' in html
    assert f'href="/reports/{MONTH}/review"' in html
    chosen = english.get(f"/reports/?month=2025-01&unit={UNIT}")
    assert chosen.status_code == 302 and chosen.headers["Location"].endswith(f"/reports/2025-01?unit={UNIT}")
    assert english.get("/reports/2025-13").status_code == 404
    assert english.get("/reports/march").status_code == 404


def test_nav_links_to_this_months_report(english, login):
    login("oversight", unit=None)
    html = english.get("/overview").get_data(as_text=True)
    assert re.search(r'href="/reports/\d{4}-\d{2}">Monthly report</a>', html)


def test_json_and_csv_downloads(english, login, month_rows):
    login("admin", unit=None)
    response = english.get(f"/reports/{MONTH}.json?area=VENLO")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert 'filename="stop-report-2025-03-VENLO.json"' in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    data = response.get_json()
    # the report contract's keys, then the page's own block on the time to record
    assert list(data) == ["period", "scope", "n_stops", "tests", "flags", "time_to_record"]
    assert data["n_stops"] == sum(r["area"] == "VENLO" for r in month_rows)
    csv_response = english.get(f"/reports/{MONTH}.csv")
    assert csv_response.mimetype == "text/csv"
    lines = csv_response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("test,dimension,reference_group,group,n,events,rate")
    assert any(line.startswith("search_rate,plate_country,NL,PL,") and ",true,false" in line for line in lines)


def test_every_view_and_export_is_audited(english, login, month_rows, db_session):
    user = login("supervisor", unit=UNIT)
    english.get(f"/reports/{MONTH}?area=VENLO")
    english.get(f"/reports/{MONTH}.csv?unit={UNIT}")
    english.get(f"/reports/{MONTH}.json?unit={OTHER_UNIT}")  # refused: nothing logged
    viewed, exported = _events(db_session, "report_viewed"), _events(db_session, "report_exported")
    assert [(e.actor, e.actor_role, e.target_id) for e in viewed] == [(user.username, "supervisor", MONTH)]
    assert viewed[0].details == {"month": MONTH, "unit": None, "area": "VENLO", "format": "html"}
    assert [e.details for e in exported] == [{"month": MONTH, "unit": UNIT, "area": None, "format": "csv"}]


def test_page_stays_within_the_size_budget(english, login, month_rows):
    login("admin", unit=None)
    assert len(english.get(f"/reports/{MONTH}").data) <= 500_000


def test_searches_by_consent_and_by_legal_basis_have_their_own_section(english, login, month_rows):
    login("admin", unit=None)
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    section = html[html.index("Searches by consent and by legal basis"):html.index("12-month trend")]
    assert 'id="search-kind-consent"' in section and 'id="search-kind-compulsory"' in section
    assert "By legal basis of the search" in section and 'id="search-basis-' in section
    assert "(reference)" in section and "Share of the group" in section
    # Not one generic test table each: the breakdown is descriptive, without p or flag columns.
    assert "search_hit_rate_by_basis" not in html and "Adjusted p" not in section
    assert "Force used · plate country" in html  # force by group


def _table_counts(html: str, caption: str) -> list[str]:
    start = html.index(caption)
    table = html[start:html.index("</table>", start)]
    return re.findall(r'<td class="num">([^<(]*)', table)


def test_trend_and_compliance_tables_show_no_count_under_ten(english, login, seed_stops, hand_rows):
    # RO's 4 stops in the trend and OTHER_UNIT's 3 declined receipts are small cells.
    seed_stops(hand_rows(120, plate_country="NL", unit=UNIT) + hand_rows(4, plate_country="RO", unit=UNIT)
               + hand_rows(30, plate_country="DE", receipt="declined", unit=UNIT)
               + hand_rows(3, plate_country="BE", receipt="declined", unit=OTHER_UNIT)
               + hand_rows(20, plate_country="BE", unit=OTHER_UNIT))
    login("admin", unit=None)
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    for caption in ("Stops per month by plate country</caption>", "Receipts and system hits per unit</caption>",
                    "Extra actions by legal basis"):
        cells = [cell.strip().replace(",", "") for cell in _table_counts(html, caption)]
        assert cells and not [c for c in cells if c.isdigit() and 1 <= int(c) <= 9], caption
    assert "–" in "".join(_table_counts(html, "Stops per month by plate country</caption>"))
    assert "–" in "".join(_table_counts(html, "Receipts and system hits per unit</caption>"))
