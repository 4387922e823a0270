"""Every route × every role: one table says what each role gets, and a test fails when a route
is added without a row here (so nobody forgets to decide who may use it)."""
import pytest

from stopform.receipts.services import issue_receipt

ROLES = ("anonymous", "officer", "other_unit_officer", "supervisor", "admin", "oversight")
LOGIN = 302  # staff pages send anonymous visitors to the login page
PUBLIC = dict.fromkeys(ROLES, 200)


def expect(anonymous, officer, other_unit_officer, supervisor, admin, oversight):
    return dict(zip(ROLES, (anonymous, officer, other_unit_officer, supervisor, admin, oversight), strict=True))


# (endpoint, method, path template, {role: status}). {stop}, {token} and {month} are filled in.
MATRIX = [
    ("main.index", "GET", "/", expect(302, 302, 302, 302, 302, 302)),
    ("main.overview", "GET", "/overview", expect(LOGIN, 403, 403, 200, 200, 200)),
    ("main.start", "GET", "/start", expect(LOGIN, 403, 403, 200, 200, 403)),
    ("auth.login", "GET", "/auth/login", PUBLIC),
    ("auth.logout", "POST", "/auth/logout", expect(302, 302, 302, 302, 302, 302)),
    ("auth.change_password", "GET", "/auth/password", expect(LOGIN, 200, 200, 200, 200, 200)),
    ("stops.new", "GET", "/stops/new", expect(LOGIN, 200, 200, 200, 403, 403)),
    ("stops.mine", "GET", "/stops/", expect(LOGIN, 200, 200, 200, 200, 403)),
    ("stops.show", "GET", "/stops/{stop}", expect(LOGIN, 200, 404, 200, 200, 403)),
    ("stops.amend", "GET", "/stops/{stop}/amend", expect(LOGIN, 200, 404, 200, 403, 403)),
    ("stops.done", "GET", "/stops/{stop}/done", expect(LOGIN, 200, 404, 200, 403, 403)),
    ("admin.users", "GET", "/admin/users", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("admin.edit_user", "GET", "/admin/users/new", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("admin.units", "GET", "/admin/units", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("admin.edit_unit", "GET", "/admin/units/999999", expect(LOGIN, 403, 403, 403, 404, 403)),
    ("admin.areas", "GET", "/admin/areas", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("admin.edit_area", "GET", "/admin/areas/new", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("admin.stop_templates", "GET", "/admin/templates", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("admin.edit_stop_template", "GET", "/admin/templates/new", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("admin.tokens", "GET", "/admin/tokens", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("admin.revoke_api_token", "POST", "/admin/tokens/999999/revoke", expect(LOGIN, 403, 403, 403, 404, 403)),
    ("admin.receipts", "GET", "/admin/receipts", expect(LOGIN, 403, 403, 403, 200, 403)),
    ("audit.index", "GET", "/audit/", expect(LOGIN, 403, 403, 403, 200, 200)),
    ("api.openapi", "GET", "/api/v1/openapi.json", PUBLIC),
    ("api.list_stops", "GET", "/api/v1/stops", expect(401, 200, 200, 200, 200, 200)),
    ("api.get_stop", "GET", "/api/v1/stops/{stop}", expect(401, 200, 404, 200, 200, 404)),
    ("api.create_stop", "POST", "/api/v1/stops", expect(401, 422, 422, 422, 403, 403)),
    ("api.new_receipt_slots", "POST", "/api/v1/receipt-slots", expect(401, 200, 200, 200, 403, 403)),
    ("api.areas", "GET", "/api/v1/areas", expect(401, 200, 200, 200, 200, 200)),
    ("api.catalog", "GET", "/api/v1/catalog", expect(401, 200, 200, 200, 200, 200)),
    ("receipts.lookup", "GET", "/r", PUBLIC),
    ("receipts.show", "GET", "/r/{token}", PUBLIC),
    ("receipts.show_qr", "GET", "/R/{token}", PUBLIC),
    ("receipts.card", "GET", "/r/{token}/card.pdf", PUBLIC),
    ("receipts.feedback", "GET", "/r/{token}/feedback", PUBLIC),
    ("receipts.favicon", "GET", "/favicon.ico", PUBLIC),
    ("reports.choose", "GET", "/reports/", expect(LOGIN, 403, 403, 302, 302, 302)),
    ("reports.page", "GET", "/reports/{month}", expect(LOGIN, 403, 403, 200, 200, 200)),
    ("reports.export", "GET", "/reports/{month}.json", expect(LOGIN, 403, 403, 200, 200, 200)),
    ("reports.open_data", "GET", "/reports/{month}/open-data.csv", expect(LOGIN, 403, 403, 403, 200, 200)),
    ("review.review_list", "GET", "/reports/{month}/review", expect(LOGIN, 403, 403, 200, 200, 403)),
    ("review.add_review", "POST", "/reports/{month}/review/{stop}", expect(LOGIN, 403, 403, 422, 422, 403)),
    ("retention.legal_hold", "POST", "/stops/{stop}/legal-hold", expect(LOGIN, 403, 403, 302, 302, 403)),
    ("pwa.manifest", "GET", "/manifest.webmanifest", PUBLIC),
    ("pwa.service_worker", "GET", "/sw.js", PUBLIC),
    ("pwa.offline", "GET", "/offline", PUBLIC),
    ("pwa.session_probe", "GET", "/pwa/session", expect(401, 200, 200, 200, 200, 200)),
]


@pytest.fixture()
def world(app, db_session, make_user, make_stop):
    officer = make_user("officer")
    stop = make_stop(officer, force_used=True)  # force puts it on the supervisors' review list
    credentials = issue_receipt(session=db_session, stop=stop)
    db_session.commit()
    users = {"officer": officer, "other_unit_officer": make_user("officer", unit="LIMBURG-ZUID"),
             "supervisor": make_user("supervisor"), "admin": make_user("admin"), "oversight": make_user("oversight")}
    values = {"stop": stop.stop_id, "token": credentials.token, "month": stop.occurred_at.strftime("%Y-%m")}
    return users, values


def test_every_route_is_in_the_matrix(app):
    routed = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert routed == {endpoint for endpoint, *_ in MATRIX}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says(client, auth, world, role):
    users, values = world
    if role != "anonymous":
        auth.login(users[role].username)
    got = {}
    for endpoint, method, template, _expected in MATRIX:
        path = template.format(**values)
        response = client.open(path, method=method, json={} if endpoint.startswith("api.") and method == "POST"
                               else None)
        got[endpoint] = response.status_code
        if endpoint == "auth.logout" and role != "anonymous":
            auth.login(users[role].username)  # stay logged in for the rest of the table
    wanted = {endpoint: expected[role] for endpoint, _, _, expected in MATRIX}
    assert got == wanted


def test_login_redirects_keep_the_page_asked_for(client):
    response = client.get("/stops/new")
    assert response.status_code == 302 and "next=/stops/new" in response.headers["Location"]


FORM_POSTS = [(endpoint, template) for endpoint, method, template, _ in MATRIX
              if method == "POST" and not endpoint.startswith("api.")] + [
    ("auth.login", "/auth/login"), ("auth.change_password", "/auth/password"),
    ("stops.new", "/stops/new"), ("stops.amend", "/stops/{stop}/amend"),
    ("admin.edit_user", "/admin/users/new"), ("admin.units", "/admin/units"), ("admin.areas", "/admin/areas"),
    ("admin.edit_area", "/admin/areas/new"), ("admin.edit_stop_template", "/admin/templates/new"),
    ("admin.tokens", "/admin/tokens"), ("admin.receipts", "/admin/receipts"),
    ("api.create_stop", "/api/v1/stops"), ("api.new_receipt_slots", "/api/v1/receipt-slots")]


@pytest.mark.parametrize(("endpoint", "template"), FORM_POSTS, ids=[e for e, _ in FORM_POSTS])
def test_every_post_without_csrf_token_gets_400(app, client, auth, world, endpoint, template):
    users, values = world
    role = "admin" if endpoint.startswith("admin.") else "supervisor"
    auth.login(users[role].username)  # logged in with CSRF still off, then switched on
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(template.format(**values), data={"anything": "x"})
    assert response.status_code == 400


def test_citizen_feedback_is_guarded_by_the_receipt_token_instead(app, client, world):
    """Citizen pages set no cookie, so there is no session to forge a request from: the form's
    address carries the 128-bit receipt token, which a forging site cannot know."""
    _, values = world
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.get(f"/r/{values['token']}/feedback")
    assert "Set-Cookie" not in response.headers
    assert client.post("/r/0000000000000000000000000A/feedback", data={}).status_code == 404
