"""From a flag or a table row of the report to the stops behind it (reports.drilldown)."""
from __future__ import annotations

import html as html_module
import re

import pytest

from stopform.reports import drilldown
from tests.conftest import UNIT
from tests.reports.conftest import search_polish_plates_more

MONTH = "2025-03"


@pytest.fixture()
def month_rows(seed_stops):
    """1,500 synthetic stops, Polish-plated vehicles searched far more often (a flag)."""
    return seed_stops(count=1500, tweak=search_polish_plates_more)


def _listed(client, href: str) -> int:
    page = client.get(href)
    assert page.status_code == 200, href
    return int(re.search(r"(\d+) stops? listed\.", page.get_data(as_text=True)).group(1))


def _href_of(html: str, text: str) -> str:
    match = re.search(r'<a href="([^"]+)">' + re.escape(text) + "</a>", html)
    assert match, text
    return html_module.unescape(match.group(1))


def _row(report: dict, test: str, group: str) -> dict:
    block = next(b for b in report["tests"] if b["test"] == test and b["dimension"] == "plate_country")
    return next(r for r in block["rows"] if r["group"] == group)


def test_a_flag_links_to_exactly_the_stops_it_counted(english, login, month_rows):
    login("admin", unit=None)
    page = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    report = english.get(f"/reports/{MONTH}.json").get_json()
    flag = next(f for f in report["flags"] if f["test"] == "search_rate" and f["group"] == "PL")
    flags = page[page.index('id="flags-title"'):page.index('id="tests-title"')]
    hrefs = [html_module.unescape(h) for h in re.findall(r'<a href="([^"]+)">The stops behind this flag</a>', flags)]
    href = next(h for h in hrefs if "plate_country=PL" in h and "metric=searched" in h)
    assert href.startswith(f"/reports/{MONTH}/review?") and "status=all" in href and "why=all" in href
    searched_pl = sum(r["plate_country"] == "PL" and (r["vehicle_searched"] or r["persons_searched"] > 0)
                      for r in month_rows)
    assert _listed(english, href) == searched_pl == _row(report, "search_rate", "PL")["events"]
    assert flag["window"] in (1, 3, 12)
    by_month = flags[flags.index(href.replace("&", "&amp;")):]
    month_href = _href_of(by_month, MONTH)  # the flag's month-by-month table: that month only
    assert "months=" not in month_href and "metric=searched" in month_href
    assert _listed(english, month_href) == searched_pl


def test_each_test_row_and_compliance_row_links_to_its_stops(english, login, month_rows):
    login("admin", unit=None)
    page = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    report = english.get(f"/reports/{MONTH}.json").get_json()
    search_table = page[page.index("Search rate · plate country"):]
    href = _href_of(search_table, "DE")
    assert "metric=searched" in href and "plate_country=DE" in href
    row = _row(report, "search_rate", "DE")
    assert row["window"] == 1 or "months=" in href
    searched_de = sum(r["plate_country"] == "DE" and (r["vehicle_searched"] or r["persons_searched"] > 0)
                      for r in month_rows)
    assert _listed(english, href) == searched_de  # the row itself may withhold a small count
    unit_href = _href_of(page[page.index('id="compliance-title"'):], UNIT)
    assert _listed(english, unit_href) == sum(r["unit"] == UNIT for r in month_rows)
    extra = _href_of(page[page.index('id="compliance-title"'):], "WVW160-1")
    assert _listed(english, extra) == sum(r["legal_basis"] == "WVW160-1" and r["beyond_basis"] for r in month_rows)


def test_the_report_scope_is_carried_to_the_list(english, login, month_rows):
    login("supervisor", unit=UNIT)
    page = english.get(f"/reports/{MONTH}?area=VENLO").get_data(as_text=True)
    href = _href_of(page[page.index('id="trend-title"'):], MONTH)
    assert "area=VENLO" in href
    assert _listed(english, href) == sum(r["area"] == "VENLO" and r["unit"] == UNIT for r in month_rows)


def test_oversight_gets_no_links_to_records(english, login, month_rows):
    login("oversight", unit=None)
    page = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    assert "/review" not in page and "The stops behind this flag" not in page


def test_one_month_drops_the_window():
    assert drilldown.one_month({"metric": "force", "months": 12}) == {"metric": "force"}
    assert drilldown.searched_args() == {"status": "all", "why": "all", "metric": "searched"}


def test_row_arguments_per_test():
    search = {"test": "search_rate", "dimension": "plate_country"}
    assert drilldown.row_args(search, {"group": "PL", "window": 3}) == {
        "status": "all", "why": "all", "metric": "searched", "plate_country": "PL", "months": 3}
    officer = {"test": "officer_benchmark", "dimension": "officer", "measure": "extra_actions_rate",
               "studied_group": "BE"}
    assert drilldown.row_args(officer, {"group": "NL-123"}) == {
        "status": "all", "why": "all", "metric": "extra_action", "plate_country": "BE", "officer": "NL-123",
        "months": 12}
    traffic = {"test": "stop_rate_vs_traffic", "dimension": "plate_country", "trigger": "hit_triggered"}
    assert drilldown.row_args(traffic, {"group": "DE", "window": 1}) == {
        "status": "all", "why": "all", "trigger": "hit_triggered", "plate_country": "DE"}
    veil = {"test": "veil_of_darkness", "dimension": "plate_country"}
    assert drilldown.row_args(veil, {"group": "BE"})["trigger"] == "officer_initiated"
    nationality = {"test": "hit_rate", "dimension": "driver_nationality"}
    assert drilldown.row_args(nationality, {"group": "TR", "window": 12})["driver_nationality"] == "TR"
    flag = {"test": "force_rate", "dimension": "perceived_origin", "group": "north_african", "window": 1}
    assert drilldown.flag_args(flag) == {"status": "all", "why": "all", "metric": "force",
                                         "perceived_origin": "north_african"}
