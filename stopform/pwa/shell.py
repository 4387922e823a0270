"""What the service worker precaches, and the version that names its cache.

The version is a hash of the worker and the precached static files, so every deploy that
changes one of them installs a new worker; `PWA_VERSION` in the config overrides it (tests
use that to simulate an update). Queued stops live in IndexedDB, never in this cache, so a
new version cannot strand them (docs/offline.md).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import current_app, url_for

STATIC_FILES = ("css/app.css", "js/start.js", "js/form.js", "js/store.js", "js/outbox.js", "js/steps.js",
                "js/stepper.js", "js/answers.js", "js/export.js", "js/personal_data.js", "js/privacy_hint.js",
                "icons/icon.svg", "icons/icon-192.png", "icons/icon-512.png")
WORKER_FILE = "js/sw.js"
# Pages and data the form needs with no connection.
PAGES = ("stops.new", "pwa.offline")
DATA = ("api.catalog", "api.areas", "pwa.manifest")


def _static_path(name: str) -> Path:
    return Path(current_app.static_folder or "static") / name


def shell_version() -> str:
    """The configured version, else 12 hex digits of SHA-256 over the worker and the shell's files."""
    configured = current_app.config.get("PWA_VERSION")
    if configured:
        return str(configured)
    digest = hashlib.sha256()
    for name in (WORKER_FILE, *STATIC_FILES):
        digest.update(_static_path(name).read_bytes())
    return digest.hexdigest()[:12]


def shell_urls() -> list[str]:
    """Every URL the worker precaches."""
    pages = [url_for(endpoint) for endpoint in PAGES + DATA]
    return pages + [url_for("static", filename=name) for name in STATIC_FILES]


def worker_script() -> str:
    """The service worker's source, preceded by the shell it must precache."""
    shell = {"version": shell_version(), "urls": shell_urls(), "pages": [url_for(e) for e in PAGES],
             "offline": url_for("pwa.offline")}
    return f"const SHELL = {json.dumps(shell)};\n" + _static_path(WORKER_FILE).read_text(encoding="utf-8")
