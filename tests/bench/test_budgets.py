"""The benchmark's budget check and summary (the benchmarks themselves run with `make bench`)."""
from bench.__main__ import summary
from bench.budgets import AT_LEAST, AT_MOST, LIGHTHOUSE_PAGES, keeps, lighthouse_budget, verdicts


def test_a_budget_is_kept_at_its_limit_and_missed_beyond_it():
    assert keeps(0.25, (AT_LEAST, 0.25)) and not keeps(0.249, (AT_LEAST, 0.25))
    assert keeps(20, (AT_MOST, 20)) and not keeps(20.01, (AT_MOST, 20))


def test_verdicts_cover_every_budget_and_a_missing_figure_is_not_kept():
    rows = {key: (value, kept) for key, value, _, kept in verdicts({"submit_ratio": 0.3, "report_ratio": 25,
                                                                   "lighthouse": {"form": {"accessibility": 1.0}}})}
    assert rows["submit_ratio"] == (0.3, True)
    assert rows["report_ratio"] == (25, False)
    assert rows["report_page_ms"] == (None, False)
    assert rows["lighthouse.form.accessibility"] == (1.0, True)
    assert rows["import_ratio"] == (None, False)
    assert rows["submit_vs_floor"] == (None, False)
    assert len(rows) == 17


def test_the_summary_marks_misses_and_figures_not_run():
    text = summary({"finished_at": "2026-11-30T06:00:00+00:00", "machine": "test", "submit_ratio": 0.1,
                    "form_bytes": 41_000})
    lines = {line.split()[1] if line.split()[0] in {"ok", "MISS"} else line.split()[0]: line
             for line in text.splitlines()[1:]}
    assert lines["submit_ratio"].strip().startswith("MISS")
    assert lines["form_bytes"].strip().startswith("ok")
    assert "not run" in lines["import_ratio"]


def test_lighthouse_budgets_are_those_of_benchmarks_md():
    # What BENCHMARKS.md documents and tests/browser/test_lighthouse.py holds each page to.
    assert lighthouse_budget("report", "performance") == (AT_LEAST, 0.95)  # issue 17
    assert lighthouse_budget("form", "performance") == lighthouse_budget("receipt", "performance") == (AT_LEAST, 0.9)
    assert all(lighthouse_budget(page, "accessibility") == (AT_LEAST, 1.0) for page in LIGHTHOUSE_PAGES)
    rows = {key: kept for key, _, _, kept in verdicts({"lighthouse": {"report": {"performance": 0.94},
                                                                      "form": {"performance": 0.94}}})}
    assert not rows["lighthouse.report.performance"] and rows["lighthouse.form.performance"]
