"""Locale selection: the user's setting, then the session (the switcher),
then Accept-Language, then DEFAULT_LOCALE; ``<html lang>`` follows."""
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


def test_the_switcher_form_is_on_every_page_without_script(client):
    page = client.get("/").get_data(as_text=True)
    assert 'action="/language"' in page
    for code in ("en", "fr", "es", "pt"):
        assert f'name="locale" value="{code}"' in page


def test_the_users_setting_beats_the_session(client, make_user, auth):
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
