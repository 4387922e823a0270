"""The officer benchmark on the page and in the PDF: one section for all its blocks (one per
plate country and measure), listing only the officers worth a conversation."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from . import drilldown, labels
from .analysis.catalogue import REVIEW_TESTS
from .analysis.group_names import group_label
from .analysis.wording import Wording

# Officers listed: the review threshold (local fdr 0.5, docs/reports.md; all are in JSON/CSV).
OFFICER_REVIEW_FDR = 0.5
MEASURES = {
    "stop_share": _l("share of stops"),
    "search_rate": _l("searches"),
    "extra_actions_rate": _l("actions beyond the legal basis"),
}


@dataclass
class OfficerView:
    """Every officer-benchmark block as one table: the listed rows with what they compare."""

    key: str
    title: str
    explanation: str
    compared: int
    rows: list[dict[str, Any]]


def listed(row: dict[str, Any]) -> bool:
    """An officer row shown on the page: flagged, or a local false discovery rate under 0.5."""
    return bool(row["flag"]) or (row.get("local_fdr") is not None and row["local_fdr"] < OFFICER_REVIEW_FDR)


def officer_view(blocks: list[dict[str, Any]], words: Wording,
                 cells: Callable[[str, dict[str, Any], Wording], dict[str, Any]]) -> OfficerView | None:
    """The officer section from the report's officer blocks (None when there are none); ``cells``
    turns a row into table cells."""
    mine = [block for block in blocks if block["test"] in REVIEW_TESTS]
    if not mine:
        return None
    rows = []
    for block in mine:
        studied = block.get("studied_group")
        measure = str(MEASURES.get(block.get("measure", ""), block.get("measure", "")))
        for row in filter(listed, block["rows"]):
            rows.append(cells(block["test"], row, words) | {"studied": studied or "", "measure": measure,
                                                            "stops": drilldown.row_args(block, row)})
    reference = group_label(mine[0]["dimension"], mine[0]["reference_group"], "reference", words)
    return OfficerView(key="officers", title=labels.test_title("officer_benchmark"),
                       explanation=str(labels.TEST_EXPLANATIONS["officer_benchmark"]) % {"reference": reference},
                       compared=sum(len(block["rows"]) for block in mine), rows=rows)
