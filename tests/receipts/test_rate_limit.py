"""About ten lookups a minute per address; the eleventh gets 429 in the citizen's language."""
from stopform.receipts.codes import new_token

LIMIT = 10


def test_lookups_beyond_ten_a_minute_get_429(limited_client):
    for attempt in range(LIMIT):
        response = limited_client.get(f"/r/{new_token()}?lang=de")
        assert response.status_code == 404, attempt
    blocked = limited_client.get(f"/r/{new_token()}?lang=de")
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert b"Zu viele Versuche" in blocked.data
    assert blocked.headers["Cache-Control"] == "no-store"


def test_the_limit_is_shared_by_receipt_lookup_card_and_feedback(limited_client):
    for path in ("/r", "/r?code=0000-0000-0000-0000") * 3 + (f"/r/{new_token()}/card.pdf",) * 2 + (
            f"/r/{new_token()}/feedback",) * 2:
        assert limited_client.get(path).status_code in (200, 404)
    assert limited_client.get("/r").status_code == 429
    other_address = limited_client.get("/r", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other_address.status_code == 200


def test_signed_in_staff_are_limited_like_anyone(limited_client, make_user):
    """No staff exemption: a signed-in browser could otherwise render card PDFs without limit."""
    officer = make_user("officer")
    limited_client.post("/auth/login", data={"username": officer.username, "password": "pw12"})
    statuses = [limited_client.get(f"/r/{new_token()}/card.pdf").status_code for _ in range(LIMIT + 1)]
    assert statuses == [404] * LIMIT + [429]


def test_other_tests_are_not_limited(client):
    for _ in range(LIMIT + 3):
        assert client.get("/r").status_code == 200
