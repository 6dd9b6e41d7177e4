"""Private messages: sending, replying, the inbox and sent box, unread counts and
read marks, archive and leave, and privacy (404 for everyone but participants)."""
import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from community.messages.models import Conversation, Message


@pytest.fixture
def people(make_user):
    return {name: make_user(name) for name in ("ana", "bo", "cy")}


def send(client, to, subject="Hello", body="Hi there."):
    return client.post("/messages/new", data={"to": to, "subject": subject, "body": body})


def conversation_id(response):
    return int(re.search(r"/messages/(\d+)", response.headers["Location"]).group(1))


def unread_badge(client):
    page = client.get("/").get_data(as_text=True)
    match = re.search(r'id="unread-count">(\d+)', page)
    return int(match.group(1)) if match else 0


def test_send_reply_and_read(app, client, auth, people):
    auth.login("ana")
    assert client.get("/messages/new?to=bo").status_code == 200
    assert 'value="bo"' in client.get("/messages/new?to=bo").get_data(as_text=True)
    response = send(client, "bo", "Lunch", "Shall we **meet**?")
    assert response.status_code == 302
    cid = conversation_id(response)
    page = client.get(f"/messages/{cid}").get_data(as_text=True)
    assert "<strong>meet</strong>" in page and "Lunch" in page
    # The author has nothing unread; the recipient has one conversation.
    assert unread_badge(client) == 0
    auth.logout()
    auth.login("bo")
    assert unread_badge(client) == 1
    inbox = client.get("/messages").get_data(as_text=True)
    assert "Lunch" in inbox and "unread-marker" in inbox
    assert client.get(f"/messages/{cid}").status_code == 200
    assert unread_badge(client) == 0
    assert "unread-marker" not in client.get("/messages").get_data(as_text=True)
    response = client.post(f"/messages/{cid}", data={"body": "Yes, at noon."})
    assert response.status_code == 302
    auth.logout()
    auth.login("ana")
    assert unread_badge(client) == 1
    page = client.get(f"/messages/{cid}").get_data(as_text=True)
    assert "Yes, at noon." in page
    assert db.session.scalar(select(func.count()).select_from(Message)) == 2


def test_sent_box_lists_what_i_wrote(client, auth, people):
    auth.login("ana")
    send(client, "bo", "First", "One.")
    send(client, "cy", "Second", "Two.")
    page = client.get("/messages/sent").get_data(as_text=True)
    assert "First" in page and "Second" in page and "to bo" in page
    auth.logout()
    auth.login("bo")
    sent = client.get("/messages/sent").get_data(as_text=True)
    assert "First" not in sent


def test_several_recipients_and_errors_keep_the_text(client, auth, people):
    auth.login("ana")
    response = send(client, "bo, cy", "Group", "To you both.")
    cid = conversation_id(response)
    conversation = db.session.get(Conversation, cid)
    assert {p.user.username for p in conversation.participants} == {"ana", "bo", "cy"}
    response = send(client, "bo, nobody-here", "Oops", "Kept text")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "nobody-here" in page and "Kept text" in page
    assert send(client, "ana", "Me", "Myself").status_code == 422
    assert send(client, "", "Nobody", "Text").status_code == 422
    assert send(client, "bo", "", "No subject").status_code == 422
    assert send(client, "bo", "Empty", "   ").status_code == 422
    assert db.session.scalar(select(func.count()).select_from(Conversation)) == 1


def test_non_participants_get_404_everywhere(app, client, auth, people, make_user,
                                              api_token):
    make_user("mod", role="moderator")
    make_user("root", role="admin")
    auth.login("ana")
    cid = conversation_id(send(client, "bo", "Private", "Secret words"))
    auth.logout()
    for outsider in ("cy", "mod", "root"):
        auth.login(outsider)
        assert client.get(f"/messages/{cid}").status_code == 404
        assert client.post(f"/messages/{cid}", data={"body": "intrude"}).status_code == 404
        for action in ("archive", "unarchive", "leave"):
            assert client.post(f"/messages/{cid}/{action}").status_code == 404
        assert "Private" not in client.get("/messages").get_data(as_text=True)
        auth.logout()
    headers = api_token(people["cy"])
    assert client.get(f"/api/v1/messages/{cid}", headers=headers).status_code == 404
    assert client.post(f"/api/v1/messages/{cid}", json={"body": "x"},
                       headers=headers).status_code == 404
    assert client.get("/api/v1/messages", headers=headers).get_json() == []
    assert client.get(f"/messages/{cid}").status_code == 302  # anonymous: log in first
    assert db.session.scalar(select(func.count()).select_from(Message)) == 1


def test_archive_and_leave(client, auth, people):
    auth.login("ana")
    cid = conversation_id(send(client, "bo", "Archive me", "Text"))
    auth.logout()
    auth.login("bo")
    assert client.post(f"/messages/{cid}/archive").status_code == 302
    assert "Archive me" not in client.get("/messages").get_data(as_text=True)
    assert "Archive me" in client.get("/messages?archived=1").get_data(as_text=True)
    auth.logout()
    auth.login("ana")
    client.post(f"/messages/{cid}", data={"body": "Back again"})
    auth.logout()
    auth.login("bo")
    assert "Archive me" in client.get("/messages").get_data(as_text=True)
    assert client.post(f"/messages/{cid}/leave").status_code == 302
    assert client.get(f"/messages/{cid}").status_code == 404
    assert "Archive me" not in client.get("/messages").get_data(as_text=True)
    auth.logout()
    auth.login("ana")
    response = client.post(f"/messages/{cid}", data={"body": "Anyone?"})
    assert response.status_code == 409
    assert "Anyone?" in response.get_data(as_text=True)


def test_inbox_is_paginated(client, auth, people):
    from community.messages import services
    ana, bo = people["ana"], people["bo"]
    for n in range(25):
        services.start_conversation(ana, [bo], f"Subject {n:02d}", "Body")
    db.session.commit()
    auth.login("bo")
    first = client.get("/messages").get_data(as_text=True)
    assert "Subject 24" in first and "Subject 00" not in first and 'rel="next"' in first
    second = client.get("/messages?page=2").get_data(as_text=True)
    assert "Subject 00" in second


def test_api_send_list_get_reply(client, people, api_token):
    headers = api_token(people["ana"])
    response = client.post("/api/v1/messages", headers=headers,
                           json={"to": ["bo"], "subject": "API", "body": "Via *API*"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["participants"] == ["ana", "bo"] and body["messages"][0]["body"] == "Via *API*"
    cid = body["id"]
    bo_headers = api_token(people["bo"])
    listing = client.get("/api/v1/messages", headers=bo_headers).get_json()
    assert [c["id"] for c in listing] == [cid] and listing[0]["unread"] is True
    one = client.get(f"/api/v1/messages/{cid}", headers=bo_headers).get_json()
    assert "<em>API</em>" in one["messages"][0]["html"]
    reply = client.post(f"/api/v1/messages/{cid}", headers=bo_headers, json={"body": "Got it"})
    assert reply.status_code == 201 and reply.get_json()["author"] == "bo"
    assert client.post("/api/v1/messages", headers=headers,
                       json={"to": "ghost", "subject": "x", "body": "y"}).status_code == 422
    assert client.post("/api/v1/messages", headers=headers,
                       json={"to": 3, "subject": "x", "body": "y"}).status_code == 422
    assert client.get("/api/v1/messages").status_code == 401


@pytest.mark.parametrize("language, one, two", [
    ("en", "1 unread message", "2 unread messages"),
    ("fr", "1 message non lu", "2 messages non lus"),
    ("pt", "1 mensagem não lida", "2 mensagens não lidas"),
])
def test_the_unread_badge_reads_in_the_readers_grammar(client, auth, people, language, one,
                                                       two):
    auth.login("ana")
    send(client, "bo", "First")
    auth.login("bo")
    headers = {"Accept-Language": language}

    def badge():
        html = client.get("/", headers=headers).get_data(as_text=True)
        found = re.search(r'id="unread-count">(\d+)<span class="visually-hidden"> ([^<]+)<',
                          html)
        return f"{found.group(1)} {found.group(2)}"
    assert badge() == one
    auth.login("ana")
    send(client, "bo", "Second")
    auth.login("bo")
    assert badge() == two
