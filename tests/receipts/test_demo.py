"""`flask demo-data` issues receipts and prints the first few, which open the citizen's view."""
import re
from urllib.parse import urlsplit

LINE = re.compile(r"^  (\S+)  (\S+/r/([0-9A-Z]{26}))  code ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})$", re.MULTILINE)


def test_demo_data_prints_working_receipt_urls_and_codes(app, runner, client):
    result = runner.invoke(args=["demo-data", "--stops", "40", "--seed", "7"])
    assert result.exit_code == 0, result.output
    printed = LINE.findall(result.output)
    assert len(printed) == 5
    for reference, url, _token, code in printed:
        assert url.startswith(app.config["PUBLIC_BASE_URL"])
        page = client.get(urlsplit(url).path + "?lang=en")
        assert page.status_code == 200 and reference.encode() in page.data
        lookup = client.get("/r", query_string={"code": code})
        assert lookup.status_code == 303
    again = runner.invoke(args=["demo-data", "--stops", "40", "--seed", "7"])
    assert again.exit_code == 0 and not LINE.findall(again.output)


def test_demo_data_without_receipts(runner):
    result = runner.invoke(args=["demo-data", "--stops", "10", "--seed", "8", "--no-receipts"])
    assert result.exit_code == 0, result.output
    assert "/r/" not in result.output
