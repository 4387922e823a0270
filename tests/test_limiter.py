"""The rate limiter's scope: the login and receipt pages are limited, the API is not looked at."""
from stopform.limiter import api_request


def test_api_requests_skip_the_limiter_and_pages_do_not(limited_app):
    with limited_app.test_request_context("/api/v1/stops", method="POST"):
        assert api_request()
    for path, method in (("/login", "POST"), ("/r/some-token", "GET"), ("/stops/new", "GET")):
        with limited_app.test_request_context(path, method=method):
            assert not api_request(), path
