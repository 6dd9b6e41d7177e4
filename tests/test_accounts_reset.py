"""Password reset by an e-mailed link: signed, expiring, single use; through
the outbox and through a real SMTP server."""
import time
from urllib.parse import urlsplit

import pytest

from tests.conftest import PASSWORD
from tests.fixtures.accounts import read_outbox, reset_link

NEW_PASSWORD = "a brand new passphrase"


def path_of(link):
    parts = urlsplit(link)
    return parts.path


def test_reset_flow_through_a_real_smtp_server(app, client, make_user, smtp_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    make_user("ana", email="ana@example.org")

    response = client.post("/reset", data={"email": "ANA@example.org"})
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert smtp_server.envelopes[0].rcpt_tos == ["ana@example.org"]
    link = reset_link(message)
    # Built on BASE_URL, not on whatever Host the request carried.
    assert link.startswith("http://localhost/reset/")
    assert read_outbox(app) == []

    assert client.get(path_of(link)).status_code == 200
    response = client.post(path_of(link), data={"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")

    assert client.post("/login", data={"login": "ana", "password": PASSWORD}).status_code == 422
    response = client.post("/login", data={"login": "ana", "password": NEW_PASSWORD})
    assert response.status_code == 302
    client.post("/logout")

    # Single use: the same link fails the second time, for GET and POST.
    assert client.get(path_of(link)).status_code == 400
    response = client.post(path_of(link), data={"password": "yet another passphrase"})
    assert response.status_code == 400
    assert client.post("/login", data={"login": "ana",
                                       "password": NEW_PASSWORD}).status_code == 302

    # An expired link fails: a one-second lifetime, honestly waited out.
    client.post("/logout")
    app.config["RESET_TOKEN_MAX_AGE"] = 1
    client.post("/reset", data={"email": "ana@example.org"})
    assert len(smtp_server.messages) == 2
    late_link = reset_link(smtp_server.messages[1])
    time.sleep(2.1)
    assert client.get(path_of(late_link)).status_code == 400
    assert client.post(path_of(late_link), data={"password": "too late passphrase"}
                       ).status_code == 400


def test_reset_flow_through_the_outbox(app, client, make_user):
    make_user("bo", email="bo@example.org")
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"login": "bo", "password": PASSWORD, "remember": "y"})
    assert elsewhere.get("/settings").status_code == 200
    client.post("/reset", data={"email": "bo"})  # a username works too
    messages = read_outbox(app)
    assert len(messages) == 1
    assert messages[0]["To"] == "bo@example.org"
    link = reset_link(messages[0])
    assert client.post(path_of(link), data={"password": NEW_PASSWORD}).status_code == 302
    assert client.post("/login", data={"login": "bo@example.org",
                                       "password": NEW_PASSWORD}).status_code == 302
    # Sessions (and remember-me cookies) from before the reset are over.
    assert elsewhere.get("/settings").status_code == 302


def test_unknown_address_gets_the_same_answer_and_no_mail(app, client, make_user):
    make_user("ana")
    known = client.post("/reset", data={"email": "ana@example.org"})
    unknown = client.post("/reset", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert len(read_outbox(app)) == 1


def test_reset_link_ignores_the_host_header(app, client, make_user):
    make_user("ana")
    client.post("/reset", data={"email": "ana@example.org"},
                headers={"Host": "evil.example"})
    link = reset_link(read_outbox(app)[0])
    assert "evil.example" not in link
    assert link.startswith("http://localhost/")


def test_reset_mail_is_in_the_users_language(app, client, make_user, catalog):
    catalog("fr", {"Reset your password": "Choisissez un mot de passe (test)"})
    make_user("ana", locale="fr")
    make_user("bo")
    client.post("/reset", data={"email": "ana@example.org"})
    client.post("/reset", data={"email": "bo@example.org"})
    to_ana, to_bo = read_outbox(app)
    assert to_ana["Subject"] == "Choisissez un mot de passe (test)"
    assert to_bo["Subject"] == "Reset your password"


def test_tampered_or_garbage_tokens_fail(app, client, make_user):
    make_user("ana")
    client.post("/reset", data={"email": "ana@example.org"})
    path = path_of(reset_link(read_outbox(app)[0]))
    tampered = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    assert client.get(tampered).status_code == 400
    assert client.get("/reset/garbage").status_code == 400
    assert client.get("/reset/" + "x" * 5000).status_code == 400
    assert client.get(path).status_code == 200


def test_blocked_user_gets_no_mail_and_links_stop(app, client, make_user):
    from app.timeutil import utcnow
    from app.extensions import db
    user = make_user("ana")
    client.post("/reset", data={"email": "ana@example.org"})
    path = path_of(reset_link(read_outbox(app)[0]))
    user.blocked_at = utcnow()
    db.session.commit()
    assert client.get(path).status_code == 400
    client.post("/reset", data={"email": "ana@example.org"})
    assert len(read_outbox(app)) == 1


def test_reset_form_errors_answer_422(app, client, make_user):
    make_user("ana")
    assert client.post("/reset", data={"email": ""}).status_code == 422
    assert client.post("/reset", data={"email": "x" * 300 + "@example.org"}).status_code == 422
    client.post("/reset", data={"email": "ana@example.org"})
    path = path_of(reset_link(read_outbox(app)[0]))
    response = client.post(path, data={"password": "short"})
    assert response.status_code == 422
    assert b'id="password-error"' in response.data
    assert b'value="short"' not in response.data
    # The link still works after a refused attempt.
    assert client.post(path, data={"password": NEW_PASSWORD}).status_code == 302


def test_reset_reports_a_mail_failure_without_500(app, client, make_user):
    from tests.fixtures.accounts import free_port
    make_user("ana")
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    response = client.post("/reset", data={"email": "ana@example.org"})
    assert response.status_code == 503
    assert b'name="email"' in response.data


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_RESET="2 per minute")
def test_reset_requests_are_rate_limited(client):
    for _ in range(2):
        assert client.post("/reset", data={"email": "x@example.org"}).status_code == 302
    response = client.post("/reset", data={"email": "x@example.org"})
    assert response.status_code == 429
    assert b"<html" in response.data
