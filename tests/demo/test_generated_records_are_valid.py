"""The synthetic generator makes records the app itself accepts: same rules, same legality guard."""
from datetime import timedelta

import pandas as pd

from stopform.demo.synthetic import generate_stops
from stopform.models import utcnow
from stopform.stops.rules import RuleContext, validate_record
from stopform.stops.services import RECORD_FIELDS


def test_every_generated_record_passes_the_rules(catalog):
    month = (utcnow() - timedelta(days=40)).strftime("%Y-%m")
    frame = generate_stops(3000, seed=7, month=month)
    context = RuleContext(catalog=catalog, areas=frozenset(frame["area"]), now=utcnow(), max_age=None)
    problems = []
    for row in frame.to_dict("records"):
        record = {name: (None if pd.isna(row.get(name)) else row.get(name)) if not isinstance(row.get(name), bool)
                  else row.get(name) for name in RECORD_FIELDS}
        record["occurred_at"] = pd.Timestamp(row["occurred_at"]).to_pydatetime()
        errors = validate_record(record, context)
        if errors:
            problems.append(errors)
    assert problems == []
