"""The synthetic generator makes records the app itself accepts: same rules, same legality guard."""
from datetime import timedelta

import pandas as pd
import pytest

from stopform.catalog.services import load_catalog
from stopform.demo.synthetic import generate_stops
from stopform.models.stops import LOCAL_ZONE
from stopform.stops.rules import RuleContext, validate_record
from stopform.stops.services import RECORD_FIELDS


@pytest.mark.parametrize("month", ["2026-10", "2026-12"])
def test_every_generated_record_passes_the_rules(db_session, month):
    """Against the catalogue valid on each stop's date, as the API and the import check them:
    a month before the catalogue's version 2 (1 December 2026) keeps the codes valid then."""
    frame = generate_stops(3000, seed=7, month=month)
    now = pd.Timestamp(frame["occurred_at"].max()).to_pydatetime() + timedelta(hours=1)
    contexts = {}
    problems = []
    for row in frame.to_dict("records"):
        day = pd.Timestamp(row["occurred_at"]).tz_convert(LOCAL_ZONE).date()
        if day not in contexts:
            contexts[day] = RuleContext(catalog=load_catalog(db_session, day), areas=frozenset(frame["area"]),
                                        now=now, max_age=None)
        context = contexts[day]
        record = {name: (None if pd.isna(row.get(name)) else row.get(name)) if not isinstance(row.get(name), bool)
                  else row.get(name) for name in RECORD_FIELDS}
        record["occurred_at"] = pd.Timestamp(row["occurred_at"]).to_pydatetime()
        errors = validate_record(record, context)
        if errors:
            problems.append(errors)
    assert problems == []
