"""Languages: Dutch and English for staff pages; more on the citizen's pages."""
from __future__ import annotations

from flask import Flask, g, request
from flask_babel import Babel, refresh

STAFF_LOCALES = ("nl", "en")
LOCALE_NAMES = {"nl": "Nederlands", "en": "English", "de": "Deutsch", "fr": "Français", "pl": "Polski",
                "ro": "Română", "bg": "Български", "tr": "Türkçe", "ar": "العربية"}
RTL_LOCALES = frozenset({"ar"})
babel = Babel()


def supported_locales() -> tuple[str, ...]:
    """The languages the current page offers (a blueprint may declare more)."""
    return getattr(g, "page_locales", STAFF_LOCALES)


def select_locale() -> str:
    """`?lang=` when offered, else the browser's best match, else Dutch; a page with a fallback
    (the citizen's pages: English) uses it when a language was asked for that it lacks."""
    offered = supported_locales()
    asked = request.args.get("lang", "")
    if asked in offered:
        return asked
    matched = request.accept_languages.best_match(offered)
    if matched:
        return matched
    fallback = getattr(g, "fallback_locale", None)
    wanted_another = asked or any(lang != "*" for lang, _quality in request.accept_languages)
    return fallback if fallback in offered and wanted_another else offered[0]


def text_direction(locale: str) -> str:
    """'rtl' for right-to-left scripts, else 'ltr'."""
    return "rtl" if locale in RTL_LOCALES else "ltr"


def init_app(app: Flask) -> None:
    """Attach Flask-Babel and expose the page's language to templates."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel caches the language on the app context, which tests and CLI commands keep
    # across requests: choose it afresh for every request.
    app.before_request(refresh)

    @app.context_processor
    def language_context():
        from flask_babel import get_locale
        locale = str(get_locale() or "nl")
        return {"page_lang": locale, "page_dir": text_direction(locale), "locale_names": LOCALE_NAMES,
                "page_locales": supported_locales()}

    @app.template_filter("local_time")
    def local_time(moment) -> str:
        from zoneinfo import ZoneInfo
        if moment is None:
            return ""
        return moment.astimezone(ZoneInfo(app.config["DISPLAY_TIMEZONE"])).strftime("%Y-%m-%d %H:%M")

    @app.after_request
    def content_language(response):
        from flask_babel import get_locale
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Language", str(get_locale() or "nl"))
        return response
