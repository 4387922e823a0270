"""Catalogue version 2 beside version 1: dated rows, closed old rows, records keep their day's version."""
from datetime import date, timedelta

from sqlmodel import select

from stopform.catalog.bases_v2 import CATALOG_V2_START
from stopform.catalog.services import load_catalog, sync_catalog
from stopform.models import CatalogCode, LegalBasis


def test_version_1_rows_are_closed_where_version_2_begins(db_session):
    old = db_session.exec(select(LegalBasis).where(LegalBasis.code == "WVW160-1",
                                                   LegalBasis.valid_from < CATALOG_V2_START)).one()
    assert old.valid_to == CATALOG_V2_START
    assert db_session.exec(select(CatalogCode).where(CatalogCode.code == "other_non_western")).one().valid_to \
        == CATALOG_V2_START


def test_sync_closes_an_open_version_1_row_and_is_idempotent(db_session):
    old = db_session.exec(select(LegalBasis).where(LegalBasis.code == "POLW8-ID",
                                                   LegalBasis.valid_from < CATALOG_V2_START)).one()
    old.valid_to = None
    db_session.add(old)
    db_session.flush()
    assert sync_catalog(db_session).added == 0
    db_session.refresh(old)
    assert old.valid_to == CATALOG_V2_START


def test_each_day_reads_its_own_version(db_session):
    before = load_catalog(db_session, CATALOG_V2_START - timedelta(days=1))
    after = load_catalog(db_session, CATALOG_V2_START)
    assert before.bases["POLW8-ID"].stop_power and not after.bases["POLW8-ID"].stop_power
    assert "VW50-MTV" in before.bases and "VW50-MTV" not in after.bases
    assert before.valid("perceived_origin", "other_non_western")
    assert not after.valid("perceived_origin", "other_non_western") and after.valid("perceived_origin", "morocco")
    assert "27a" in after.bases["SV52"].citation and "27a" not in before.bases["SV52"].citation
    assert load_catalog(db_session, date(2024, 5, 1)).bases["SV52"].criminal_procedure is False
