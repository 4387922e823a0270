"""The time officers spend recording: the median per month on the report page and in its JSON."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from stopform.reports.recording_time import month_list, monthly_medians


def test_monthly_medians_count_and_round_each_month():
    frame = pd.DataFrame([("2026-11", 60, 1), ("2026-11", 91, 1), ("2026-12", 400, 1), ("2026-12", 30, 1),
                          ("2026-12", 50, 1)], columns=["month", "seconds", "stops"])
    times = monthly_medians(frame, ["2026-10", "2026-11", "2026-12"])
    assert [(t.month, t.measured, t.median_seconds) for t in times] == [
        ("2026-10", 0, None), ("2026-11", 2, 76), ("2026-12", 3, 50)]


@pytest.mark.parametrize("seed", range(20))
def test_medians_of_counted_seconds_are_pandas_medians(seed):
    """Stops per whole second give the median of the stops' times, as pandas rounds it."""
    times = pd.Series(np.random.default_rng(seed).integers(20, 200, 1 + seed * 7))
    counted = times.value_counts().rename_axis("seconds").reset_index(name="stops").assign(month="2026-11")
    (month,) = monthly_medians(counted, ["2026-11"])
    assert (month.measured, month.median_seconds) == (len(times), int(round(times.median())))


def test_no_measured_stop_gives_no_median():
    empty = pd.DataFrame([], columns=["month", "seconds", "stops"])
    assert [t.median_seconds for t in monthly_medians(empty, ["2026-12"])] == [None]


def test_month_list_ends_with_the_month():
    assert month_list("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]


def test_report_page_and_json_show_the_median(client, make_user, make_stop, auth):
    officer, supervisor = make_user("officer"), make_user("supervisor")
    stops = [make_stop(officer, time_to_record_seconds=seconds) for seconds in (40, 70, 100)]
    make_stop(officer)  # not measured: left out
    month = stops[0].local_date.strftime("%Y-%m")
    auth.login(supervisor.username)
    page = client.get(f"/reports/{month}?lang=en").get_data(as_text=True)
    assert "Time to record a stop" in page
    assert f"<th scope=\"row\">{month}</th><td>3</td><td>1 min 10 s</td>" in page
    data = json.loads(client.get(f"/reports/{month}.json").get_data(as_text=True))
    assert data["time_to_record"][-1] == {"month": month, "measured": 3, "median_seconds": 70}
