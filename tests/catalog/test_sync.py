"""The catalogue sync rewrites the wording of existing rows and guards the legal content of versions in use."""
import pytest
from sqlmodel import select

from stopform.catalog import data
from stopform.catalog.bases_v2 import CATALOG_V2_START
from stopform.catalog.services import CatalogConflict, load_catalog, sync_catalog
from stopform.models import CatalogCode, LegalBasis

SHIPPED_V2 = {entry["code"]: entry for entry in data.LEGAL_BASES if entry.get("valid_from") == CATALOG_V2_START}


def stored_v2(db_session, code: str) -> LegalBasis:
    return db_session.exec(select(LegalBasis).where(LegalBasis.code == code,
                                                    LegalBasis.valid_from == CATALOG_V2_START)).one()


def test_sync_rewrites_the_wording_of_an_existing_row(db_session):
    row = stored_v2(db_session, "POLW7-1")
    row.source, row.summary_en, row.citation = "statute text not read by us", "old words", "Art. 7 (old)"
    db_session.add(row)
    db_session.flush()

    synced = sync_catalog(db_session)

    db_session.refresh(row)
    shipped = SHIPPED_V2["POLW7-1"]
    assert (row.source, row.summary_en, row.citation) == (shipped["source"], shipped["en"], shipped["citation"])
    assert synced.added == 0 and synced.updated == (f"POLW7-1 {CATALOG_V2_START.isoformat()}",)
    assert load_catalog(db_session, CATALOG_V2_START).bases["POLW7-1"].source == shipped["source"]


def test_sync_rewrites_the_labels_of_a_code(db_session):
    row = db_session.exec(select(CatalogCode).where(CatalogCode.kind == "outcome", CatalogCode.code == "arrest")).one()
    row.label_en, row.label_nl = "Arrested", "Gearresteerd"
    db_session.add(row)
    db_session.flush()

    synced = sync_catalog(db_session)

    db_session.refresh(row)
    assert (row.label_en, row.label_nl) == ("Arrest", "Aanhouding")
    assert [entry for entry in synced.updated if entry.startswith("outcome:arrest")]


def test_a_second_sync_changes_nothing(db_session):
    sync_catalog(db_session)
    assert sync_catalog(db_session).updated == ()


def test_legal_content_is_corrected_while_no_record_uses_the_version(db_session):
    row = stored_v2(db_session, "WWM52")
    row.permits, row.requires = ["person_search", "vehicle_search"], []
    db_session.add(row)
    db_session.flush()

    sync_catalog(db_session)

    db_session.refresh(row)
    assert sorted(row.permits) == ["person_search"] and row.requires == ["suspected_offence"]


def test_the_order_of_permits_is_no_change(db_session):
    row = stored_v2(db_session, "WWM-VRG")
    row.permits = list(reversed(row.permits))
    db_session.add(row)
    db_session.flush()
    assert sync_catalog(db_session).updated == ()


def test_legal_content_of_a_version_records_use_is_never_changed_silently(db_session, make_user, make_stop):
    make_stop(make_user(), with_receipt=False)  # today: catalogue version 2 applies
    row = stored_v2(db_session, "WWM52")
    row.permits = ["person_search", "vehicle_search"]
    db_session.add(row)
    db_session.flush()

    with pytest.raises(CatalogConflict, match="WWM52.*permits.*new version"):
        sync_catalog(db_session)


def test_wording_of_a_version_records_use_is_still_updated(db_session, make_user, make_stop):
    make_stop(make_user(), with_receipt=False)
    row = stored_v2(db_session, "WED23")
    row.source = "statute text not read by us"
    db_session.add(row)
    db_session.flush()

    sync_catalog(db_session)

    db_session.refresh(row)
    assert row.source == SHIPPED_V2["WED23"]["source"]
