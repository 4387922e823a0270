"""API tokens (expiry, last use, the admin page) and revoking a receipt; each change is audited."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from stopform.api.tokens import create_token
from stopform.models import ApiToken, AuditEntry, Receipt, utcnow
from stopform.receipts.services import issue_receipt


@pytest.fixture()
def admin(make_user, auth):
    user = make_user("admin")
    auth.login(user.username)
    return user


def logged(db_session, action: str) -> list[AuditEntry]:
    return list(db_session.exec(select(AuditEntry).where(AuditEntry.action == action)))


def test_tokens_expire(client, make_user, db_session):
    row, raw = create_token(session=db_session, user=make_user("officer"), days=1)
    db_session.commit()
    header = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/areas", headers=header).status_code == 200
    db_session.execute(update(ApiToken).where(ApiToken.id == row.id).values(expires_at=utcnow() - timedelta(seconds=1)))
    db_session.commit()
    assert client.get("/api/v1/areas", headers=header).status_code == 401


def test_token_use_is_noted(client, make_user, db_session):
    row, raw = create_token(session=db_session, user=make_user("officer"))
    db_session.commit()
    assert row.last_used_at is None
    client.get("/api/v1/areas", headers={"Authorization": f"Bearer {raw}"})
    db_session.refresh(row)
    assert row.last_used_at is not None and utcnow() - row.last_used_at < timedelta(minutes=1)


def test_token_lifetime_is_bounded(make_user, db_session):
    with pytest.raises(ValueError):
        create_token(session=db_session, user=make_user("officer"), days=10_000)


def test_cli_tokens_are_audited_and_expire(runner, make_user, db_session):
    user = make_user("officer")
    created = runner.invoke(args=["create-token", user.username, "--days", "30"])
    assert created.exit_code == 0, created.output
    row = db_session.exec(select(ApiToken).where(ApiToken.user_id == user.id)).one()
    assert timedelta(days=29) < row.expires_at - utcnow() <= timedelta(days=30)
    assert runner.invoke(args=["revoke-token", str(row.id)]).exit_code == 0
    entry = logged(db_session, "api_token_created")[-1]
    assert entry.target_id == str(row.id) and entry.details["user"] == user.username
    assert logged(db_session, "api_token_revoked")[-1].target_id == str(row.id)


def test_admin_lists_creates_and_revokes_tokens(client, admin, make_user, db_session):
    officer = make_user("officer")
    page = client.post("/admin/tokens", data={"username": officer.username, "label": "tablet 7", "days": "90"})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    raw = re.search(rb"<code>(sfk_[A-Za-z0-9_\-]+)</code>", page.data).group(1).decode()
    assert client.get("/api/v1/areas", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    row = db_session.exec(select(ApiToken).where(ApiToken.user_id == officer.id)).one()
    listing = client.get("/admin/tokens")
    assert b"tablet 7" in listing.data and raw.encode() not in listing.data
    assert client.post(f"/admin/tokens/{row.id}/revoke").status_code == 302
    assert client.get("/api/v1/areas", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert client.post(f"/admin/tokens/{row.id}/revoke").status_code == 404
    created, revoked = logged(db_session, "api_token_created")[-1], logged(db_session, "api_token_revoked")[-1]
    assert created.actor == admin.username and created.details["via"] == "admin"
    assert revoked.actor == admin.username and revoked.target_id == str(row.id)


def test_admin_token_for_unknown_user_is_refused(client, admin):
    page = client.post("/admin/tokens", data={"username": "nobody-here", "days": "30"})
    assert page.status_code == 422 and b'href="#f-username"' in page.data


def test_admin_revokes_a_receipt(client, admin, make_user, make_stop, db_session):
    stop = make_stop(make_user("officer"))
    token = "A" * 26
    issue_receipt(session=db_session, stop=stop, token=token)
    db_session.commit()
    assert client.get(f"/r/{token}").status_code == 200
    response = client.post("/admin/receipts", data={"reference": stop.reference.lower().replace("-", " ")})
    assert response.status_code == 302
    assert client.get(f"/r/{token}").status_code == 404
    assert all(r.revoked for r in db_session.exec(select(Receipt).where(Receipt.stop_id == stop.stop_id)))
    entry = logged(db_session, "receipt_revoked")[-1]
    assert entry.actor == admin.username and entry.target_id == str(stop.stop_id)


def test_admin_receipt_revoke_of_unknown_reference(client, admin):
    page = client.post("/admin/receipts", data={"reference": "ZZZZZZZZ"})
    assert page.status_code == 422 and b'href="#f-reference"' in page.data


@pytest.mark.parametrize("role", ["officer", "supervisor", "oversight"])
def test_credential_pages_are_for_admins_only(client, auth, make_user, role):
    auth.login(make_user(role).username)
    assert client.get("/admin/tokens").status_code == 403
    assert client.post("/admin/receipts", data={"reference": "X"}).status_code == 403
