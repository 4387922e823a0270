"""What the page benchmarks need: demo stops with a receipt, and signed-in staff cookies."""
from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request

from .data import previous_month
from .pg import stopform_app

DEMO_STOPS = 3000
RECEIPT_PATH = re.compile(r"https?://\S+?(/r/[A-Za-z0-9_-]+)")


def demo_stops_with_receipt(database: str, stops: int = DEMO_STOPS) -> str:
    """Store a month of demo stops (as `make run` does) and return one receipt's path."""
    with stopform_app(database) as app:
        result = app.test_cli_runner().invoke(args=["demo-data", "--stops", str(stops), "--seed", "2",
                                                    "--month", previous_month()], catch_exceptions=False)
    found = RECEIPT_PATH.search(result.output)
    if result.exit_code != 0 or found is None:
        raise RuntimeError(f"demo-data gave no receipt: {result.output[-500:]}")
    return found.group(1)


def signed_in_cookie(base_url: str, username: str, password: str = "demo") -> str:
    """Sign in through the login form; the Cookie header value of the signed-in session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base_url}/auth/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "username": username, "password": password}).encode()
    opener.open(f"{base_url}/auth/login", data=data).read()
    if not any(cookie.name == "session" for cookie in jar):
        raise RuntimeError(f"signing in as {username} set no session cookie")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
