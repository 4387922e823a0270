"""Issuing, finding and revoking receipts: server-minted online, device-minted offline."""
from datetime import timedelta

import pytest
from sqlmodel import select

from stopform.core.months import shift_months
from stopform.models import Receipt, utcnow
from stopform.receipts.codes import code_for_token, new_token, secret_hash
from stopform.receipts.services import (
    ReceiptError,
    find_receipt,
    issue_receipt,
    issue_receipts_bulk,
    revoke_receipts,
    stops_without_receipt,
)

from .conftest import BASE_URL


def _row(db_session, credentials) -> Receipt:
    return db_session.exec(select(Receipt).where(Receipt.token_hash == secret_hash(credentials.token))).one()


def test_server_minted_receipt_stores_only_hashes(db_session, receipted):
    stop, credentials = receipted()
    row = _row(db_session, credentials)
    assert credentials.url == f"{BASE_URL}/r/{credentials.token}"
    assert credentials.code == code_for_token(credentials.token)
    assert row.stop_id == stop.stop_id and row.minted_by == "server"
    assert row.code_hash == secret_hash(credentials.code.replace("-", ""))
    stored = " ".join(str(value) for value in row.model_dump().values())
    assert credentials.token not in stored
    assert credentials.code.replace("-", "") not in stored and credentials.code not in stored


def test_expiry_follows_the_retention_period(app, db_session, receipted):
    app.config["RETENTION_MONTHS"] = 6
    stop, credentials = receipted()
    assert _row(db_session, credentials).expires_at == shift_months(stop.occurred_at, 6)


def test_device_minted_token_and_code_are_registered_on_sync(db_session, make_stop, officer):
    stop = make_stop(officer, with_receipt=False)
    token = new_token()
    credentials = issue_receipt(session=db_session, stop=stop, token=token.lower(),
                                code=code_for_token(token).lower(), base_url=BASE_URL)
    assert credentials.token == token
    assert _row(db_session, credentials).minted_by == "device"
    assert find_receipt(session=db_session, credential=token).stop_id == stop.stop_id


def test_a_replayed_sync_is_idempotent(db_session, make_stop, officer):
    stop = make_stop(officer, with_receipt=False)
    token = new_token()
    first = issue_receipt(session=db_session, stop=stop, token=token, base_url=BASE_URL)
    again = issue_receipt(session=db_session, stop=stop, token=token, base_url=BASE_URL)
    assert first == again
    assert len(db_session.exec(select(Receipt).where(Receipt.stop_id == stop.stop_id)).all()) == 1


@pytest.mark.parametrize("token, code", [("too-short", None), ("U" * 26, None),
                                         (new_token(), "AAAA-AAAA-AAAA-AAAA")])
def test_malformed_device_values_are_refused(db_session, make_stop, officer, token, code):
    with pytest.raises(ReceiptError):
        issue_receipt(session=db_session, stop=make_stop(officer, with_receipt=False), token=token, code=code,
                      base_url=BASE_URL)


def test_a_token_cannot_be_registered_for_two_stops(db_session, make_stop, officer):
    token = new_token()
    issue_receipt(session=db_session, stop=make_stop(officer, with_receipt=False), token=token, base_url=BASE_URL)
    with pytest.raises(ReceiptError, match="another stop"):
        issue_receipt(session=db_session, stop=make_stop(officer, with_receipt=False), token=token, base_url=BASE_URL)


def test_find_by_token_or_code_in_any_case(db_session, receipted):
    stop, credentials = receipted()
    for credential in (credentials.token, credentials.token.lower(), credentials.code,
                       credentials.code.lower().replace("-", " ").replace("0", "o").replace("1", "l")):
        assert find_receipt(session=db_session, credential=credential).stop_id == stop.stop_id
    assert find_receipt(session=db_session, credential=new_token()) is None
    assert find_receipt(session=db_session, credential="nonsense") is None


def test_expired_and_revoked_receipts_are_not_found(db_session, receipted):
    stop, credentials = receipted()
    row = _row(db_session, credentials)
    later = row.expires_at + timedelta(seconds=1)
    assert find_receipt(session=db_session, credential=credentials.token, now=later) is None
    assert revoke_receipts(session=db_session, stop_id=stop.stop_id) == 1
    assert find_receipt(session=db_session, credential=credentials.token) is None
    assert find_receipt(session=db_session, credential=credentials.code) is None
    assert _row(db_session, credentials).revoked_at is not None


def test_bulk_issue_for_stops_without_receipts(db_session, make_stop, officer, receipted):
    with_receipt, _ = receipted()
    fresh = [make_stop(officer, with_receipt=False) for _ in range(3)]
    ids = [stop.stop_id for stop in fresh] + [with_receipt.stop_id]
    missing = stops_without_receipt(session=db_session, stop_ids=ids)
    assert missing == {stop.stop_id for stop in fresh}
    issued = issue_receipts_bulk(session=db_session, stops=[(s.stop_id, s.occurred_at) for s in fresh],
                                 base_url=BASE_URL, retention_months=12)
    assert [stop_id for stop_id, _ in issued] == [stop.stop_id for stop in fresh]
    for stop_id, credentials in issued:
        assert find_receipt(session=db_session, credential=credentials.code).stop_id == stop_id
    assert stops_without_receipt(session=db_session, stop_ids=ids) == set()


def test_add_months_clips_to_the_month_end():
    moment = utcnow().replace(year=2026, month=1, day=31)
    assert shift_months(moment, 1).day == 28 and shift_months(moment, 1).month == 2
    assert shift_months(moment, 12).year == 2027
