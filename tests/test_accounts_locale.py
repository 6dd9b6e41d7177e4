"""Locale selection: the user's setting, then the ``locale`` cookie (the
switcher), then Accept-Language, then DEFAULT_LOCALE; ``<html lang>`` follows.

Anonymous readers switch with plain links (``GET /language/<code>``, no
session, no form); signed-in members with the POST form, which also saves the
choice to their account. The old POST form keeps working for everyone."""
import re

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db


def lang(response):
    return response.get_data(as_text=True).split('<html lang="', 1)[1].split('"', 1)[0]


def test_default_locale_when_nothing_is_known(client):
    assert lang(client.get("/")) == "en"


@pytest.mark.config(DEFAULT_LOCALE="pt")
def test_configured_default_locale(client):
    assert lang(client.get("/")) == "pt"
    # A language the site does not offer falls back to the default.
    assert lang(client.get("/", headers={"Accept-Language": "de, ja;q=0.5"})) == "pt"


def test_accept_language_beats_the_default(client):
    assert lang(client.get("/", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"})) == "es"
    assert lang(client.get("/", headers={"Accept-Language": "de, fr;q=0.8, en;q=0.1"})) == "fr"


def test_the_switcher_beats_accept_language(client):
    response = client.post("/language", data={"locale": "fr", "next": "/login?x=1"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?x=1"
    assert lang(client.get("/", headers={"Accept-Language": "es"})) == "fr"


def test_the_switcher_ignores_unknown_languages(client):
    client.post("/language", data={"locale": "fr"})
    response = client.post("/language", data={"locale": "xx"})
    assert response.status_code == 302
    assert lang(client.get("/")) == "fr"
    assert client.post("/language", data={}).status_code == 302


def test_anonymous_pages_offer_switcher_links_without_script_or_session(client):
    response = client.get("/wiki/Main_Page")
    page = response.get_data(as_text=True)
    for code in ("en", "fr", "es", "pt"):
        assert f'href="/language/{code}?next=/wiki/Main_Page"' in page
    assert 'action="/language"' not in page
    assert "csrf_token" not in page
    assert "Set-Cookie" not in response.headers


def test_a_switcher_link_sets_the_cookie_and_comes_back(client):
    response = client.get("/language/es?next=/login?x%3D1")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?x=1"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("locale=es;") and "Max-Age=" in cookie and "HttpOnly" in cookie
    assert "session=" not in cookie
    assert lang(client.get("/", headers={"Accept-Language": "fr"})) == "es"
    # The page itself says which language is on.
    assert re.search(r'href="/language/es\?next=/"[^>]*aria-current="true"',
                     client.get("/").get_data(as_text=True))


def test_a_switcher_link_never_leaves_the_site_and_refuses_unknown_languages(client):
    response = client.get("/language/fr?next=//evil.example/")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert client.get("/language/xx").status_code == 404
    assert lang(client.get("/")) == "fr"  # the unknown one changed nothing


def test_a_forged_locale_cookie_is_ignored(client):
    client.set_cookie("locale", "xx")
    assert lang(client.get("/", headers={"Accept-Language": "pt"})) == "pt"


def test_signed_in_members_get_the_form_with_its_token(client, make_user, auth):
    make_user("ana")
    auth.login("ana")
    page = client.get("/").get_data(as_text=True)
    form = page[page.index('action="/language"'):]
    form = form[:form.index("</form>")]
    assert 'name="csrf_token"' in form
    for code in ("en", "fr", "es", "pt"):
        assert f'name="locale" value="{code}"' in form


def test_the_users_setting_beats_the_cookie(client, make_user, auth):
    make_user("ana", locale="pt")
    client.post("/language", data={"locale": "fr"})
    auth.login("ana")
    assert lang(client.get("/", headers={"Accept-Language": "es"})) == "pt"


def test_the_users_setting_follows_the_account_to_a_new_browser(app, make_user):
    make_user("ana", locale="es")
    browser = app.test_client()
    browser.post("/login", data={"login": "ana", "password": "correct horse battery"})
    assert lang(browser.get("/", headers={"Accept-Language": "fr"})) == "es"


def test_the_switcher_updates_a_signed_in_users_setting(client, make_user, auth):
    make_user("ana", locale="pt")
    auth.login("ana")
    client.post("/language", data={"locale": "fr"})
    assert db.session.scalar(select(User.locale)) == "fr"
    assert lang(client.get("/")) == "fr"


def test_a_switcher_link_does_not_change_a_members_setting(client, make_user, auth):
    """A GET changes nothing stored: the account's language still wins."""
    make_user("ana", locale="pt")
    auth.login("ana")
    assert client.get("/language/fr").status_code == 303
    assert db.session.scalar(select(User.locale)) == "pt"
    assert lang(client.get("/")) == "pt"


def test_an_empty_setting_leaves_the_choice_to_the_browser(client, make_user, auth):
    make_user("ana", locale="")
    auth.login("ana")
    assert lang(client.get("/", headers={"Accept-Language": "es"})) == "es"


def test_the_language_setting_in_settings(client, make_user, auth):
    make_user("ana")
    auth.login("ana")
    client.post("/settings", data={"email": "ana@example.org", "locale": "es", "country": ""})
    assert lang(client.get("/", headers={"Accept-Language": "fr"})) == "es"
    client.post("/settings", data={"email": "ana@example.org", "locale": "", "country": ""})
    assert db.session.scalar(select(User.locale)) == ""


@pytest.mark.config(BABEL_DEFAULT_TIMEZONE="America/Lima")
def test_dates_are_written_in_each_readers_language_and_time_zone(app):
    """The date filters keep what they formatted, per language and time zone: the
    same moment reads as each reader's locale writes it, every time."""
    from datetime import datetime

    from flask import render_template_string
    from flask_babel import force_locale
    moment = datetime(2026, 3, 14, 3, 30)  # stored in UTC: the 13th, 22:30 in Lima
    shown = {}
    with app.test_request_context("/"):
        for code in ("fr", "en", "fr", "es", "en"):
            with force_locale(code):
                text = render_template_string("{{ m|datetime }}|{{ m|date }}", m=moment)
                shown.setdefault(code, set()).add(text)
    assert shown == {"fr": {"13 mars 2026, 22:30:00|13 mars 2026"},
                     "en": {"Mar 13, 2026, 10:30:00\u202fPM|Mar 13, 2026"},
                     "es": {"13 mar 2026, 22:30:00|13 mar 2026"}}
