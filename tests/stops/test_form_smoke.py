def test_officer_sees_form(client, auth, make_user):
    user = make_user("officer")
    r = auth.login(user.username)
    assert r.status_code == 302
    r = client.get("/stops/new")
    assert r.status_code == 200, r.data[:2000]
    assert b'name="plate"' in r.data
