"""Locale selection: the user's setting, then the session (the switcher), then
``Accept-Language``, then ``DEFAULT_LOCALE``."""
import os

from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

from app import REPOSITORY_ROOT
from app.extensions import babel

TRANSLATIONS_PATH = os.path.join(REPOSITORY_ROOT, "translations")

#: Each language named in itself, for the switcher.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}


def select_locale():
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # the CLI: no session, no Accept-Language
        return current_app.config["DEFAULT_LOCALE"]
    user_choice = getattr(current_user, "locale", "") if current_user else ""
    if user_choice in languages:
        return user_choice
    if session.get("locale") in languages:
        return session["locale"]
    best = request.accept_languages.best_match(languages)
    return best or current_app.config["DEFAULT_LOCALE"]


def init_app(app):
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = TRANSLATIONS_PATH
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def language_context():
        return {"language_names": LANGUAGE_NAMES, "current_locale": str(get_locale())}
