"""Messages: the mail on arrival (as the recipient chose, in their language, only
after commit), blocking a member, and the hourly limits of new and trusted accounts."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import antispam
from app.extensions import db
from app.timeutil import utcnow
from community.messages.models import Message


def send(client, to, subject="Hello", body="Hi there."):
    return client.post("/messages/new", data={"to": to, "subject": subject, "body": body})


@pytest.fixture
def pair(make_user):
    return make_user("ana"), make_user("bo", locale="fr")


def test_arrival_mail_in_the_recipients_language(client, auth, pair, outbox, catalog):
    catalog("fr", {"[%(site)s] New message from %(name)s: %(subject)s":
                   "[%(site)s] Nouveau message de %(name)s : %(subject)s"})
    auth.login("ana")
    assert send(client, "bo", "Lunch", "See you at noon.").status_code == 302
    mails = outbox()
    assert len(mails) == 1
    assert mails[0]["To"] == "bo@example.org"
    assert mails[0]["Subject"] == "[Konbit] Nouveau message de ana : Lunch"
    text = mails[0].get_content()
    assert "See you at noon." in text and "http://localhost/messages/" in text


def test_no_mail_when_the_recipient_turned_it_off(client, auth, pair, outbox):
    auth.login("bo")
    page = client.get("/settings").get_data(as_text=True)
    assert 'name="mail_on_message"' in page and "checked" in page
    assert client.post("/settings/messages", data={}).status_code == 302
    auth.logout()
    auth.login("ana")
    send(client, "bo")
    assert outbox() == []
    auth.logout()
    auth.login("bo")
    client.post("/settings/messages", data={"mail_on_message": "1"})
    auth.logout()
    auth.login("ana")
    send(client, "bo", "Again")
    assert len(outbox()) == 1


def test_no_mail_for_a_refused_message(client, auth, pair, outbox):
    """Mail goes out after the commit only: a message that was not stored sends nothing."""
    auth.login("bo")
    client.post("/u/ana/messages/block")
    auth.logout()
    auth.login("ana")
    assert send(client, "bo").status_code == 403
    assert outbox() == []


def test_mail_through_a_real_smtp_server(app, client, auth, pair, smtp_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    auth.login("ana")
    send(client, "bo", "Over SMTP")
    assert [m["To"] for m in smtp_server.messages] == ["bo@example.org"]


def test_a_mail_server_down_does_not_lose_the_message(app, client, auth, pair):
    from tests.fixtures.accounts import free_port
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    auth.login("ana")
    assert send(client, "bo", "Stored anyway").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Message)) == 1


def test_blocking_refuses_messages_without_saying_more(client, auth, pair):
    auth.login("ana")
    cid = int(send(client, "bo").headers["Location"].rsplit("/", 1)[1])
    auth.logout()
    auth.login("bo")
    page = client.get("/u/ana").get_data(as_text=True)
    assert "/u/ana/messages/block" in page
    assert client.post("/u/ana/messages/block",
                       data={"conversation": str(cid)}).headers["Location"].endswith(
        f"/messages/{cid}")
    assert "ana" in client.get("/settings").get_data(as_text=True)
    auth.logout()
    auth.login("ana")
    response = send(client, "bo", "Still there?", "Please answer")
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "bo does not accept messages from you." in page and "Please answer" in page
    response = client.post(f"/messages/{cid}", data={"body": "Reply?"})
    assert response.status_code == 403 and "Reply?" in response.get_data(as_text=True)
    auth.logout()
    auth.login("bo")
    assert client.post("/u/ana/messages/unblock").status_code == 302
    auth.logout()
    auth.login("ana")
    assert send(client, "bo", "Friends again").status_code == 302
    assert client.post("/u/nobody-at-all/messages/block").status_code == 404


def test_new_accounts_have_a_smaller_hourly_message_limit(app, client, auth, pair, make_user):
    app.config.update(NEW_ACCOUNT_MAX_MESSAGES_PER_HOUR=2, MAX_MESSAGES_PER_HOUR=3)
    auth.login("ana")
    assert send(client, "bo", "One").status_code == 302
    assert send(client, "bo", "Two").status_code == 302
    response = send(client, "bo", "Three", "Keep this text")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "at most 2 messages an hour" in page and "Keep this text" in page
    # A trusted member gets the higher limit, but a limit still.
    antispam.set_trusted(pair[0], None)
    db.session.commit()
    assert send(client, "bo", "Three").status_code == 302
    assert send(client, "bo", "Four").status_code == 429
    # An hour later, the count starts again.
    db.session.execute(antispam.WriteLog.__table__.update().values(
        created_at=utcnow() - timedelta(hours=2)))
    db.session.commit()
    assert send(client, "bo", "Later").status_code == 302


def test_api_limit_is_429(app, client, pair, api_token):
    app.config.update(NEW_ACCOUNT_MAX_MESSAGES_PER_HOUR=1)
    headers = api_token(pair[0])
    body = {"to": ["bo"], "subject": "s", "body": "b"}
    assert client.post("/api/v1/messages", json=body, headers=headers).status_code == 201
    response = client.post("/api/v1/messages", json=body, headers=headers)
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "too-many-requests"
    assert 3500 < int(response.headers["Retry-After"]) <= 3600  # the hour's, not a minute
