"""The budgets of issue 7: each key's limit and whether a figure keeps it."""
from __future__ import annotations

AT_LEAST, AT_MOST = ">=", "<="
BUDGETS: dict[str, tuple[str, float]] = {
    "submit_ratio": (AT_LEAST, 0.25),
    "submit_p95_ms": (AT_MOST, 50),
    # The API's rate over a bare Flask view storing the same SQL under the same gunicorn, in the
    # same run: what the app's own code costs, whatever the machine (issue 13: no slower).
    "submit_vs_floor": (AT_LEAST, 0.7),
    "import_ratio": (AT_LEAST, 0.2),
    "report_ratio": (AT_MOST, 10),
    "report_peak_rss_mb": (AT_MOST, 1024),
    "pdf_seconds": (AT_MOST, 3),
    # Issue 17: a stored report opens at the cost of a read; a month opened for the first time
    # (nothing stored yet) still within a second and a half.
    "report_page_ms": (AT_MOST, 300),
    "report_page_cold_ms": (AT_MOST, 1500),
    "form_bytes": (AT_MOST, 60_000),
    "receipt_bytes": (AT_MOST, 20_000),
}
LIGHTHOUSE_PAGES = ("form", "receipt", "report")
LIGHTHOUSE_BUDGETS = {"performance": (AT_LEAST, 0.9), "accessibility": (AT_LEAST, 1.0)}
LIGHTHOUSE_PAGE_BUDGETS = {("report", "performance"): (AT_LEAST, 0.95)}  # issue 17


def lighthouse_budget(page: str, category: str) -> tuple[str, float]:
    """The budget of one Lighthouse category on one page (the browser test holds pages to it too)."""
    return LIGHTHOUSE_PAGE_BUDGETS.get((page, category), LIGHTHOUSE_BUDGETS[category])


def keeps(value: float, rule: tuple[str, float]) -> bool:
    """Whether `value` keeps the budget `rule` (operator, limit)."""
    operator, limit = rule
    return value >= limit if operator == AT_LEAST else value <= limit


def verdicts(results: dict) -> list[tuple[str, float | None, str, bool]]:
    """(key, value, budget text, kept) for every budgeted figure; a missing figure is not kept."""
    rows = []
    for key, rule in BUDGETS.items():
        value = results.get(key)
        rows.append((key, value, f"{rule[0]} {rule[1]:g}", value is not None and keeps(value, rule)))
    for page in LIGHTHOUSE_PAGES:
        scores = results.get("lighthouse", {}).get(page, {})
        for category in LIGHTHOUSE_BUDGETS:
            rule = lighthouse_budget(page, category)
            value = scores.get(category)
            rows.append((f"lighthouse.{page}.{category}", value, f"{rule[0]} {rule[1]:g}",
                         value is not None and keeps(value, rule)))
    return rows
