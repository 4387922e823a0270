"""Lighthouse on stopform's pages: the pinned 12.2.3 (bench/package.json) in its default mobile
profile (simulated throttling) on the system Chromium, performance and accessibility only.

`npm ci --prefix bench` installs it. A page behind a login gets the session as a `Cookie` header.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
# --no-sandbox because CI runs as root; the others stop Chromium calling home during a run.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility")
METRICS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint",
           "tbt_ms": "total-blocking-time", "cls": "cumulative-layout-shift"}
TIMEOUT_SECONDS = 300


class LighthouseError(RuntimeError):
    """Lighthouse did not produce a usable report; the message carries its own words."""


def installed() -> bool:
    """Whether `npm ci --prefix bench` has put Lighthouse in place."""
    return LIGHTHOUSE.exists()


def _run(command: list[str], env: dict) -> subprocess.CompletedProcess:
    # Its own process group: on a timeout the Chromium that Lighthouse started goes too, instead
    # of rendering on in the background and slowing every later measurement.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise LighthouseError(f"lighthouse gave no report within {TIMEOUT_SECONDS} s: {command[1]}") from None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def audit(url: str, cookie: str | None = None) -> dict:
    """Lighthouse's full JSON report for one page (`cookie`: a Cookie header value, or None)."""
    command = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    result = _run(command, env={**os.environ, "CHROME_PATH": CHROME})
    if result.returncode != 0:
        raise LighthouseError(f"lighthouse {url} exited with {result.returncode}: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise LighthouseError(f"lighthouse {url}: {report['runtimeError']}")
    if report.get("finalDisplayedUrl", url).split("?")[0] != url.split("?")[0]:
        # A login redirect would audit the login page instead: never report that as this page.
        raise LighthouseError(f"lighthouse {url} ended on {report.get('finalDisplayedUrl')}")
    return report


def scores(report: dict) -> dict[str, float]:
    """Each category's score, 0 to 1."""
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def metrics(report: dict) -> dict[str, float]:
    """FCP, LCP and TBT in milliseconds and CLS, as Lighthouse simulated them."""
    return {key: report["audits"][audit_id]["numericValue"] for key, audit_id in METRICS.items()}


def failed_audits(report: dict) -> list[str]:
    """The scored audits of both categories that did not pass, as `category: id (score)`."""
    failed = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                failed.append(f"{name}: {ref['id']} ({result['score']})")
    return failed


def run_lighthouse(base_url: str, pages: dict[str, tuple[str, str | None]]) -> dict[str, dict[str, float]]:
    """Scores per page: `pages` maps a name to (path, Cookie header value or None)."""
    return {name: scores(audit(base_url.rstrip("/") + path, cookie)) for name, (path, cookie) in pages.items()}
