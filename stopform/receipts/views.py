"""The public receipt pages: no login, no scripts, no cookies, nine languages.

`/r` (type the fallback code), `/r/<token>` (the QR's address; `/R/` too, since the QR is
upper case), the card `/r/<token>/card.pdf` and the optional feedback form. Only misses count
against an address's limit (unknown, expired and revoked receipts, which all get the same 404
page): limits are there to stop guessing, and a person reading their own receipt, switching
language and downloading the card never meets one. Rendering the card is capped per receipt.
"""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from ..db import get_session
from ..i18n import LOCALE_NAMES
from ..limiter import limiter, seconds_until_reset
from ..security import csrf
from . import labels, rights
from .card import render_card
from .codes import canonical_credential, display_code, read_typed_code
from .feedback import CHOICES, parse_answers, record_feedback
from .public import PublicReceipt, open_receipt
from .qr import qr_payload, qr_svg
from .services import receipt_url, typeable_lookup_url

bp = Blueprint("receipts", __name__)
# The bearer token in the URL is the only credential, so a cross-site form cannot forge a
# request without already holding it; no CSRF cookie keeps the pages cookie-free.
csrf.exempt(bp)
CITIZEN_LOCALES = tuple(LOCALE_NAMES)
STYLE_TEMPLATE = "receipts/style.css"
STYLE_KEY = "stopform.receipts.style"
MISSES_PER_MINUTE = "10 per minute"
CARDS_PER_RECEIPT_HOUR = 20  # nine languages, twice over: rendering a PDF is the costly page
FAVICON_FILE = "favicon.ico"
FALLBACK_LOCALE = "en"  # a visitor asking for a language we lack reads English better than Dutch


def _is_miss(response: Response) -> bool:
    """Only an unknown, expired or revoked receipt counts against the address's limit."""
    return response.status_code == 404


def _card_key() -> str:
    """The receipt a card request is for (its token and its code share one key)."""
    credential = canonical_credential((request.view_args or {}).get("credential", ""))
    return "receipt-card:" + display_code(credential)


receipt_limit = limiter.shared_limit(MISSES_PER_MINUTE, scope="receipts", deduct_when=_is_miss)


def _cards_per_receipt() -> str:
    return f"{current_app.config.get('RECEIPT_CARDS_PER_HOUR', CARDS_PER_RECEIPT_HOUR)} per hour"


card_limit = limiter.limit(_cards_per_receipt, key_func=_card_key, scope="receipt-card",
                           deduct_when=lambda response: response.status_code == 200)


def inline_style() -> tuple[str, str]:
    """The pages' CSS and its CSP hash, rendered once per app."""
    cached = current_app.extensions.get(STYLE_KEY)
    if cached is None:
        css = current_app.jinja_env.get_template(STYLE_TEMPLATE).render().strip()
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        cached = current_app.extensions[STYLE_KEY] = (css, f"'sha256-{digest}'")
    return cached


@bp.before_request
def offer_citizen_languages() -> None:
    """Citizen pages offer all nine languages (stopform.i18n reads g.page_locales)."""
    g.page_locales = CITIZEN_LOCALES
    g.fallback_locale = FALLBACK_LOCALE


@bp.after_request
def public_headers(response: Response) -> Response:
    """No referrer, no caching, no indexing, no scripts: the URL itself is a secret."""
    style_hash = inline_style()[1]
    response.headers.update({
        "Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": f"default-src 'none'; style-src {style_hash}; img-src 'self' data:; "
                                   "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"})
    return response


@bp.context_processor
def receipt_context() -> dict:
    """What every receipt template may use."""
    return {"inline_style": Markup(inline_style()[0]), "rights": rights.BASIS_RIGHTS, "labels": labels,
            "label": labels.label, "remedies": rights.REMEDIES, "retention_text": rights.RETENTION,
            "local_date": _local_date, "lang_url": _lang_url}


def _lang_url(code: str) -> str:
    """This page in another language (the choice lives in the URL, not in a cookie)."""
    endpoint = ".show" if request.endpoint == "receipts.show_qr" else request.endpoint or ".lookup"
    return url_for(endpoint, **{**(request.view_args or {}), "lang": code})


def _local_date(moment) -> str:
    return format_date(moment.astimezone(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])).date(), "long")


def _lang() -> str:
    return str(get_locale())


def _open_or_404(credential: str) -> PublicReceipt:
    receipt = open_receipt(session=get_session(), credential=credential,
                           timezone=current_app.config["DISPLAY_TIMEZONE"])
    if receipt is None:
        abort(404)
    return receipt


@bp.route("/r")
@receipt_limit
def lookup():
    """The form to type a fallback code; a known code leads to its receipt, a stop's reference
    to a page saying why it cannot open one."""
    typed = request.args.get("code")
    if typed is None:
        return render_template("receipts/lookup.html", typed="")
    reading = read_typed_code(typed)
    if reading.problem == "reference":
        return render_template("receipts/reference.html", typed=typed), 422
    if reading.problem:
        return render_template("receipts/lookup.html", typed=typed, problem=reading.problem), 422
    _open_or_404(reading.credential)
    return redirect(url_for(".show", credential=reading.credential, lang=_lang()), 303)


@bp.route("/r/<credential>")
@bp.route("/R/<credential>", endpoint="show_qr")
@receipt_limit
def show(credential: str):
    """The receipt: what happened, on which legal basis, and the rights that go with it."""
    receipt = _open_or_404(credential)
    return render_template("receipts/receipt.html", receipt=receipt, credential=canonical_credential(credential))


@bp.route("/r/<credential>/card.pdf")
@receipt_limit
@card_limit
def card(credential: str):
    """The printable A6 card in the chosen language."""
    receipt = _open_or_404(credential)
    canonical = canonical_credential(credential)
    base_url = current_app.config["PUBLIC_BASE_URL"]
    qr = qr_svg(qr_payload(receipt_url(base_url, canonical)), size="30mm", label=_("QR code of this receipt"))
    pdf = render_card(receipt=receipt, qr=qr, code=display_code(canonical), lookup_url=typeable_lookup_url(base_url))
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="receipt-{receipt.reference}.pdf"'})


@bp.route("/r/<credential>/feedback", methods=["GET", "POST"])
@receipt_limit
def feedback(credential: str):
    """Optional, anonymous feedback about the stop; once per receipt."""
    canonical = canonical_credential(credential)
    if request.method == "POST":
        result = record_feedback(session=get_session(), credential=credential, answers=parse_answers(request.form),
                                 timezone=current_app.config["DISPLAY_TIMEZONE"])
        if result == "not_found":
            abort(404)
        if result != "empty":
            return redirect(url_for(".feedback", credential=canonical, lang=_lang()), 303)
    receipt = _open_or_404(credential)
    return render_template("receipts/feedback.html", receipt=receipt, credential=canonical, choices=CHOICES,
                           empty=request.method == "POST")


@bp.route("/favicon.ico")
def favicon():
    """The site's icon, served by the receipt pages themselves (a public instance serves no
    static files), so browsers find it where they look by default."""
    icon = (Path(__file__).parent / FAVICON_FILE).read_bytes()
    return Response(icon, mimetype="image/vnd.microsoft.icon")


@bp.errorhandler(404)
def not_found(_error):
    """One page for unknown, expired and revoked receipts alike."""
    return render_template("receipts/not_found.html"), 404


@bp.errorhandler(429)
def too_many(_error):
    """Too many lookups from this address: wait, in the citizen's language."""
    response = Response(render_template("receipts/too_many.html"), status=429)
    response.headers["Retry-After"] = str(seconds_until_reset())
    return response
