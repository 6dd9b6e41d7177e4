"""Settings: profile fields, language, e-mail, password change, API tokens."""
import re

import pytest
from sqlalchemy import select

from app.accounts.models import ApiToken, hash_token
from app.extensions import db
from tests.conftest import PASSWORD


def settings_data(**fields):
    data = {"display_name": "Ana Maria", "email": "ana@example.org", "locale": "fr",
            "country": "HT", "organisation": "Konbit Coop", "bio": "Micro-insurance."}
    data.update(fields)
    return data


@pytest.fixture
def ana(make_user, auth):
    user = make_user("ana")
    auth.login("ana")
    return user


def test_settings_save_every_field(client, ana):
    page = client.get("/settings")
    assert page.status_code == 200
    assert b'value="ana@example.org"' in page.data
    response = client.post("/settings", data=settings_data())
    assert response.status_code == 302
    db.session.refresh(ana)
    assert (ana.display_name, ana.locale, ana.country, ana.organisation, ana.bio) == (
        "Ana Maria", "fr", "HT", "Konbit Coop", "Micro-insurance.")
    # The chosen language applies at once.
    assert b'<html lang="fr">' in client.get("/settings").data
    profile = client.get("/u/ana")
    assert b"Ana Maria" in profile.data and b"Konbit Coop" in profile.data


def test_settings_send_profile_updated(client, ana):
    from app.signals import profile_updated
    seen = []

    def receiver(sender, **kwargs):
        seen.append((sender.username, kwargs["actor"].username))

    profile_updated.connect(receiver)
    try:
        client.post("/settings", data=settings_data())
    finally:
        profile_updated.disconnect(receiver)
    assert seen == [("ana", "ana")]


@pytest.mark.parametrize("fields, field", [
    ({"country": "XX"}, "country"),
    ({"country": "not a country"}, "country"),
    ({"locale": "de"}, "locale"),
    ({"display_name": "x" * 101}, "display_name"),
    ({"organisation": "x" * 201}, "organisation"),
    ({"bio": "x" * 5001}, "bio"),
    ({"email": "nope"}, "email"),
    ({"email": ""}, "email"),
])
def test_bad_settings_answer_422_and_change_nothing(client, ana, fields, field):
    response = client.post("/settings", data=settings_data(**fields))
    assert response.status_code == 422
    assert f'id="{field}-error"'.encode() in response.data
    db.session.refresh(ana)
    assert ana.display_name == "" and ana.locale == ""


def test_email_taken_by_another_account(client, ana, make_user):
    make_user("bo", email="bo@example.org")
    response = client.post("/settings", data=settings_data(email="BO@example.org"))
    assert response.status_code == 422
    assert b'id="email-error"' in response.data
    db.session.refresh(ana)
    assert ana.email == "ana@example.org" and ana.display_name == ""


def test_email_change_needs_the_current_password(client, ana):
    for password in ("", "wrong password"):
        response = client.post("/settings", data=settings_data(email="Ana.New@Example.org",
                                                               password=password))
        assert response.status_code == 422
        assert b'id="password-error"' in response.data
        assert b'value="Ana.New@Example.org"' in response.data
        db.session.refresh(ana)
        assert ana.email == "ana@example.org" and ana.display_name == ""
    response = client.post("/settings", data=settings_data(email="Ana.New@Example.org",
                                                           password=PASSWORD))
    assert response.status_code == 302
    db.session.refresh(ana)
    assert ana.email == "Ana.New@Example.org" and ana.email_key == "ana.new@example.org"
    # The same address in another case is no change and needs no password.
    assert client.post("/settings", data=settings_data(
        email="ana.new@example.org")).status_code == 302


def test_change_password_ends_other_sessions(app, client, ana):
    other = app.test_client()
    other.post("/login", data={"login": "ana", "password": PASSWORD})
    assert other.get("/settings").status_code == 200

    response = client.post("/settings/password", data={"current_password": PASSWORD,
                                                       "new_password": "another passphrase"})
    assert response.status_code == 302
    # This browser stays signed in, the other one is signed out.
    assert client.get("/settings").status_code == 200
    assert other.get("/settings").status_code == 302
    client.post("/logout")
    assert client.post("/login", data={"login": "ana", "password": PASSWORD}).status_code == 422
    assert client.post("/login", data={"login": "ana",
                                       "password": "another passphrase"}).status_code == 302


@pytest.mark.parametrize("data, field", [
    ({"current_password": "wrong password", "new_password": "another passphrase"},
     "current_password"),
    ({"current_password": PASSWORD, "new_password": "short"}, "new_password"),
    ({"current_password": PASSWORD, "new_password": ""}, "new_password"),
])
def test_change_password_errors(client, ana, data, field):
    response = client.post("/settings/password", data=data)
    assert response.status_code == 422
    assert f'id="{field}-error"'.encode() in response.data
    client.post("/logout")
    assert client.post("/login", data={"login": "ana", "password": PASSWORD}).status_code == 302


def test_settings_need_a_session(client):
    assert client.get("/settings").status_code == 302
    assert client.post("/settings/password", data={}).status_code == 302
    assert client.post("/settings/tokens", data={"name": "x"}).status_code == 302


def test_tokens_are_made_shown_once_stored_hashed_and_revoked(client, ana):
    response = client.post("/settings/tokens", data={"name": "laptop script"})
    assert response.status_code == 201
    raw = re.search(rb'id="new-token">([^<]+)<', response.data).group(1).decode()
    token = db.session.scalar(select(ApiToken))
    assert token.name == "laptop script"
    assert token.token_hash == hash_token(raw) and raw not in token.token_hash
    # Not in the session cookie, not shown again.
    assert raw not in (response.headers.get("Set-Cookie") or "")
    assert raw.encode() not in client.get("/settings").data
    assert b"laptop script" in client.get("/settings").data

    headers = {"Authorization": f"Bearer {raw}"}
    assert client.application.test_client().get("/api/v1/me", headers=headers).status_code == 200

    response = client.post(f"/settings/tokens/{token.id}/revoke")
    assert response.status_code == 302
    assert db.session.scalar(select(ApiToken)) is None
    assert client.application.test_client().get("/api/v1/me", headers=headers).status_code == 401


def test_token_name_is_required_and_bounded(client, ana):
    assert client.post("/settings/tokens", data={"name": ""}).status_code == 422
    assert client.post("/settings/tokens", data={"name": "x" * 101}).status_code == 422
    assert db.session.scalar(select(ApiToken)) is None


def test_nobody_revokes_another_users_token(client, ana, make_user, api_token):
    bo = make_user("bo")
    api_token(bo)
    token = db.session.scalar(select(ApiToken))
    assert client.post(f"/settings/tokens/{token.id}/revoke").status_code == 404
    assert client.post("/settings/tokens/999999/revoke").status_code == 404
    assert db.session.scalar(select(ApiToken)) is not None


def test_profile_redirects_to_the_canonical_name_and_404s(client, make_user):
    make_user("Ana")
    response = client.get("/u/ana")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/u/Ana")
    assert client.get("/u/Ana").status_code == 200
    assert client.get("/u/nobody").status_code == 404
    assert client.get("/u/" + "x" * 300).status_code == 404
