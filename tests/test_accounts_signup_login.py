"""Sign up, log in (username or e-mail), log out; field errors with 422."""
import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from tests.conftest import PASSWORD


def signup(client, **fields):
    data = {"username": "ana", "email": "ana@example.org", "password": PASSWORD}
    data.update(fields)
    return client.post("/signup", data=data)


def test_signup_creates_a_hashed_account_and_signs_in(app, client):
    assert client.get("/signup").status_code == 200
    response = signup(client, username="Ana.Maria-1_x")
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username_key == "ana.maria-1_x"))
    assert user.username == "Ana.Maria-1_x"
    assert user.role == "member"
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("pbkdf2:sha256:1000$")
    page = client.get("/settings")
    assert page.status_code == 200


def test_the_default_password_hash_is_scrypt(app_factory):
    from app.accounts.passwords import hash_password
    app = app_factory(PASSWORD_HASH_METHOD="scrypt")
    with app.app_context():
        assert hash_password("whatever passphrase").startswith("scrypt:")
    from app.config import Defaults
    assert Defaults.PASSWORD_HASH_METHOD == "scrypt"


@pytest.mark.parametrize("fields, field", [
    ({"username": "a"}, "username"),
    ({"username": "x" * 41}, "username"),
    ({"username": "has space"}, "username"),
    ({"username": "émile"}, "username"),
    ({"username": "admin"}, "username"),
    ({"username": ".."}, "username"),
    ({"username": "-_"}, "username"),
    ({"username": ""}, "username"),
    ({"email": "not-an-address"}, "email"),
    ({"email": "a,b@example.org"}, "email"),
    ({"email": "x" * 250 + "@example.org"}, "email"),
    ({"password": "short"}, "password"),
    ({"password": "x" * 5000}, "password"),
])
def test_signup_errors_show_under_the_field_with_422(client, fields, field):
    response = signup(client, **fields)
    assert response.status_code == 422
    assert f'id="{field}-error"'.encode() in response.data
    assert db.session.scalar(select(User)) is None


def test_signup_keeps_what_was_typed_except_the_password(client):
    response = signup(client, username="ana maria", email="ana@example.org",
                      password="secret typed here")
    assert response.status_code == 422
    assert b'value="ana maria"' in response.data
    assert b'value="ana@example.org"' in response.data
    assert b"secret typed here" not in response.data


def test_usernames_and_emails_are_unique_case_insensitively(client, make_user):
    make_user("Ana", email="Ana@Example.org")
    response = signup(client, username="aNA", email="other@example.org")
    assert response.status_code == 422
    assert b'id="username-error"' in response.data
    response = signup(client, username="bo", email="ANA@example.ORG")
    assert response.status_code == 422
    assert b'id="email-error"' in response.data


def test_signup_takes_the_switcher_language(client):
    client.post("/language", data={"locale": "pt"})
    signup(client)
    assert db.session.scalar(select(User.locale)) == "pt"


@pytest.mark.parametrize("login", ["ana", "ANA", "ana@example.org", "Ana@Example.ORG", " ana "])
def test_login_with_username_or_email(client, make_user, login):
    make_user("ana")
    response = client.post("/login", data={"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/settings").status_code == 200


def test_wrong_credentials_answer_422_and_keep_the_login(client, make_user):
    make_user("ana")
    for login in ("ana", "nobody"):
        response = client.post("/login", data={"login": login, "password": "wrong password"})
        assert response.status_code == 422
        assert f'value="{login}"'.encode() in response.data
        assert b"wrong password" not in response.data
    assert client.get("/settings").status_code == 302


@pytest.mark.parametrize("data", [
    {"login": "", "password": ""},
    {"login": "ana"},
    {"login": "x" * 300, "password": PASSWORD},
    {"login": "ana", "password": "x" * 5000},
])
def test_malformed_login_answers_422(client, make_user, data):
    make_user("ana")
    assert client.post("/login", data=data).status_code == 422


def test_logout_is_post_only(client, auth, make_user):
    make_user("ana")
    auth.login("ana")
    assert client.get("/logout").status_code == 405
    assert client.get("/settings").status_code == 200
    assert auth.logout().status_code == 302
    assert client.get("/settings").status_code == 302


def test_login_follows_only_local_next(client, make_user):
    make_user("ana")
    response = client.post("/login?next=/settings", data={"login": "ana", "password": PASSWORD})
    assert response.headers["Location"] == "/settings"
    client.post("/logout")
    response = client.post("/login?next=https://evil.example/",
                           data={"login": "ana", "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_login_required_pages_send_to_login_with_next(client):
    response = client.get("/settings")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert "settings" in response.headers["Location"]


def test_blocked_user_cannot_log_in(client, make_user):
    from app.timeutil import utcnow
    make_user("ana", blocked_at=utcnow())
    response = client.post("/login", data={"login": "ana", "password": PASSWORD})
    assert response.status_code == 403
    assert client.get("/settings").status_code == 302


def test_signed_in_user_is_sent_home_from_signup(client, auth, make_user):
    make_user("ana")
    auth.login("ana")
    assert client.get("/signup").status_code == 302


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3 per minute")
def test_login_is_rate_limited_with_a_page_in_the_users_language(client, make_user):
    make_user("ana")
    for _ in range(3):
        client.post("/login", data={"login": "ana", "password": "wrong password"},
                    headers={"Accept-Language": "fr"})
    response = client.post("/login", data={"login": "ana", "password": PASSWORD},
                           headers={"Accept-Language": "fr"})
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert b'<html lang="fr">' in response.data
    assert b"<h1>" in response.data
    # GET is not limited: the form can still be read.
    assert client.get("/login").status_code == 200


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_SIGNUP="2 per hour")
def test_signup_is_rate_limited(client):
    signup(client, username="a1", email="a1@example.org")
    client.post("/logout")
    signup(client, username="a2", email="a2@example.org")
    client.post("/logout")
    assert signup(client, username="a3", email="a3@example.org").status_code == 429
