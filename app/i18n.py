"""Locale selection: the signed-in user's setting, then the ``locale`` cookie
(the switcher), then ``Accept-Language``, then ``DEFAULT_LOCALE``.

The switcher is a plain link for anonymous readers, ``GET /language/<code>``:
it sets a long-lived ``locale`` cookie and sends the reader back (303), like
MediaWiki's ``?uselang``. So an anonymous page carries no form, no CSRF token
and no session: it can be cached whole and answered without a Set-Cookie.
Signed-in members get the POST form (``main.set_language``), which also saves
the choice to their account."""
import os
from urllib.parse import urlencode

from flask import (Blueprint, abort, current_app, has_request_context, redirect, request,
                   url_for)
from flask_babel import get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from app import REPOSITORY_ROOT
from app.extensions import babel
from app.redirects import safe_next

TRANSLATIONS_PATH = os.path.join(REPOSITORY_ROOT, "translations")

#: Each language named in itself, for the switcher.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}
#: The switcher's cookie: only ever holds one of ``LANGUAGES`` (checked on
#: every read), so it needs no signature; a year, like a preference.
LOCALE_COOKIE = "locale"
LOCALE_COOKIE_AGE = 365 * 24 * 3600

bp = Blueprint("i18n", __name__)


def anonymous_locale():
    """The locale of a reader without an account setting: cookie, browser, default."""
    return negotiated_locale(current_app, request.cookies,
                             request.headers.get("Accept-Language", ""))


def negotiated_locale(app, cookies, accept_language):
    """The locale a ``locale`` cookie or an ``Accept-Language`` header asks for.

    Reads only headers (no session, no database, no request context), so the
    front cache can call it before the app runs."""
    languages = app.config["LANGUAGES"]
    chosen = cookies.get(LOCALE_COOKIE)
    if chosen in languages:
        return chosen
    header = (languages, accept_language)
    best = _negotiated.get(header)
    if best is None:
        best = parse_accept_header(accept_language, LanguageAccept).best_match(languages) or ""
        if len(_negotiated) >= 1000:  # browsers send few distinct headers; bound it anyway
            _negotiated.clear()
        _negotiated[header] = best
    return best or app.config["DEFAULT_LOCALE"]


#: (languages offered, Accept-Language header) -> best of them ("" for none): negotiated once.
_negotiated = {}


def select_locale():
    if not has_request_context():  # the CLI: no cookie, no Accept-Language
        return current_app.config["DEFAULT_LOCALE"]
    user_choice = getattr(current_user, "locale", "") if current_user else ""
    if user_choice in current_app.config["LANGUAGES"]:
        return user_choice
    return anonymous_locale()


def remember_locale(response, code):
    """Set the switcher's cookie on ``response``."""
    response.set_cookie(LOCALE_COOKIE, code, max_age=LOCALE_COOKIE_AGE,
                        secure=current_app.config["SESSION_COOKIE_SECURE"],
                        httponly=True, samesite="Lax")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/language/<code>")
def switch_language(code):
    """The switcher's link: a preference for this browser, no account change
    (a GET changes nothing stored; members save theirs with the POST form)."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    return remember_locale(redirect(safe_next(request.args.get("next")), 303), code)


def switcher_next():
    """Where the switcher sends the reader back to: this very page."""
    return request.full_path if request.query_string else request.path


#: What ``url_for`` leaves unquoted in a query string (as werkzeug does).
URL_QUERY_SAFE = "!$'()*,/:;?@"


def switcher_links():
    """(code, name, URL) of the anonymous switcher's links back to this page
    (one ``url_for``: the four differ only by the code)."""
    stem = url_for("i18n.switch_language", code="_")[:-1]
    back = "?" + urlencode({"next": switcher_next()}, safe=URL_QUERY_SAFE)
    return [(code, name, stem + code + back) for code, name in LANGUAGE_NAMES.items()]


#: The template context's catalog (put there once per render by ``language_context``).
CATALOG = "konbit_catalog"


def _catalog(context):
    """The catalog of the template being rendered: looked up once per render
    rather than once per string (a page shows dozens). Templates rendered
    without the context processors (panels, imported macros) look it up."""
    return context.get(CATALOG) or get_translations()


@pass_context
def _gettext(context, string):
    return _catalog(context).ugettext(string)


@pass_context
def _ngettext(context, singular, plural, n):
    return _catalog(context).ungettext(singular, plural, n)


@pass_context
def _pgettext(context, message_context, string):
    return _catalog(context).upgettext(message_context, string)


@pass_context
def _npgettext(context, message_context, singular, plural, n):
    return _catalog(context).unpgettext(message_context, singular, plural, n)


def init_app(app):
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = TRANSLATIONS_PATH
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(gettext=_gettext, ngettext=_ngettext,
                                            pgettext=_pgettext, npgettext=_npgettext,
                                            newstyle=True)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(language_names=LANGUAGE_NAMES, switcher_next=switcher_next,
                                 switcher_links=switcher_links)

    @app.context_processor
    def language_context():
        # Inside force_locale (a mail in its reader's language) both follow it.
        return {"current_locale": str(get_locale()), CATALOG: get_translations()}
