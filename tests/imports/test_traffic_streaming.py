"""import-traffic reads and stores its file in chunks (so a large file takes little memory), and
still finds a key repeated anywhere in the file, naming both lines."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from stopform.imports import traffic
from stopform.imports.problems import ImportRefused
from stopform.models import TrafficCount


def rows(count: int) -> list[dict]:
    first = date(2025, 1, 1)
    return [{"period_start": str(first + timedelta(days=n)), "period_end": str(first + timedelta(days=n)),
             "area": "VENLO", "plate_country": "NL", "passages": str(100 + n), "hits": "1"} for n in range(count)]


def test_the_file_is_read_and_stored_chunk_by_chunk(app, db_session, write_csv, monkeypatch):
    stored_chunks = []
    real_store = traffic._store
    monkeypatch.setattr(traffic, "_store", lambda session, counts, tally: (stored_chunks.append(len(counts)),
                                                                          real_store(session, counts, tally)))
    tally = traffic.import_traffic_csv(session=db_session, path=write_csv(rows(10), name="t.csv"), chunk_size=3)
    assert stored_chunks == [3, 3, 3, 1]
    assert (tally.rows, tally.added) == (10, 10)
    assert db_session.execute(select(func.count()).select_from(TrafficCount)).scalar_one() == 10


def test_a_key_repeated_in_a_later_chunk_is_found_with_its_first_line(db_session, write_csv):
    content = rows(8)
    content.append(dict(content[1], passages="999"))  # line 10 repeats line 3, three chunks later
    with pytest.raises(ImportRefused) as refused:
        traffic.import_traffic_csv(session=db_session, path=write_csv(content, name="t.csv"), chunk_size=2)
    assert refused.value.problems.lines() == [
        "line 10, column period_start: the same period, area and country as line 3"]


def test_a_changed_reimport_counts_every_replacement_but_lists_only_the_first(db_session, write_csv):
    traffic.import_traffic_csv(session=db_session, path=write_csv(rows(5), name="a.csv"), chunk_size=2)
    changed = [dict(row, passages="7") for row in rows(5)]
    tally = traffic.import_traffic_csv(session=db_session, path=write_csv(changed, name="b.csv"), chunk_size=2)
    assert tally.replaced_count == 5 and len(tally.replaced) == 5 and tally.added == 0
