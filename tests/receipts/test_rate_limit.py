"""Limits stop guessing, not reading: only misses count (ten a minute per address), a person with a
valid receipt never meets a limit, and rendering the card is capped per receipt."""
from stopform.limiter import limiter
from stopform.receipts.codes import new_token

LIMIT = 10


def test_the_eleventh_miss_in_a_minute_gets_429(limited_client):
    for attempt in range(LIMIT):
        response = limited_client.get(f"/r/{new_token()}?lang=de")
        assert response.status_code == 404, attempt
    blocked = limited_client.get(f"/r/{new_token()}?lang=de")
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert b"Zu viele Versuche" in blocked.data
    assert blocked.headers["Cache-Control"] == "no-store"


def test_misses_count_alike_on_lookup_card_and_feedback(limited_client):
    misses = (("/r?code=0000-0000-0000-0000",) * 4 + (f"/r/{new_token()}/card.pdf",) * 3
              + (f"/r/{new_token()}/feedback",) * 3)
    for path in misses:
        assert limited_client.get(path).status_code == 404, path
    assert limited_client.get("/r").status_code == 429
    other_address = limited_client.get("/r", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other_address.status_code == 200


def test_a_citizen_session_of_fifteen_views_meets_no_limit(receipted, limited_client):
    # `receipted` first: its app must not be the last to configure the shared limiter
    _stop, credentials = receipted()
    assert limiter.enabled
    token, code = credentials.token, credentials.code
    views = [("get", f"/r/{token}", {}), ("get", f"/r/{token}?lang=en", {}), ("get", f"/r/{token}?lang=tr", {}),
             ("get", f"/r/{token}?lang=ar", {}), ("get", f"/r/{token}/feedback?lang=ar", {}),
             ("post", f"/r/{token}/feedback?lang=ar", {"reason_explained": "yes", "respect": "4"}),
             ("get", f"/r/{token}/feedback?lang=ar", {}), ("get", f"/r/{token}/card.pdf?lang=ar", {}),
             ("get", f"/r/{token}/card.pdf?lang=nl", {}), ("get", "/r?lang=en", {}),
             ("get", "/r?lang=en&code=", {}), ("get", f"/r?lang=en&code={code.lower()}", {}),
             ("get", f"/r/{code.replace('-', '')}?lang=en", {}), ("get", f"/R/{token}", {}),
             ("get", f"/r/{token}?lang=de", {})]
    statuses = [getattr(limited_client, method)(path, data=data).status_code for method, path, data in views]
    assert len(statuses) == 15 and 429 not in statuses
    assert statuses.count(200) >= 11


def test_card_rendering_is_capped_per_receipt(receipted, limited_app, limited_client):
    limited_app.config["RECEIPT_CARDS_PER_HOUR"] = 2
    _stop, credentials = receipted()
    assert limiter.enabled
    first, second = (limited_client.get(f"/r/{credentials.token}/card.pdf?lang={lang}") for lang in ("nl", "en"))
    assert first.status_code == second.status_code == 200
    by_code = limited_client.get(f"/r/{credentials.code}/card.pdf", environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert by_code.status_code == 429 and by_code.headers["Retry-After"]
    assert limited_client.get(f"/r/{credentials.token}?lang=en").status_code == 200


def test_signed_in_staff_are_limited_like_anyone(limited_client, make_user):
    """No staff exemption: a signed-in browser could otherwise probe receipts without limit."""
    officer = make_user("officer")
    limited_client.post("/auth/login", data={"username": officer.username, "password": "pw12"})
    statuses = [limited_client.get(f"/r/{new_token()}/card.pdf").status_code for _ in range(LIMIT + 1)]
    assert statuses == [404] * LIMIT + [429]


def test_other_tests_are_not_limited(client):
    for _ in range(LIMIT + 3):
        assert client.get(f"/r/{new_token()}").status_code == 404
