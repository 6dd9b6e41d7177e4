"""Following a thread: mail on each reply after the commit, never to the
reply's author, never to a follower who lost access; unsubscribe links."""
import re

import pytest

from app.extensions import db


@pytest.fixture
def thread(make_user, make_category, make_thread):
    make_user("ana"), make_user("bo"), make_user("cy")
    from app.accounts.services import user_by_name
    return make_thread(user_by_name("ana"), make_category(), title="Premiums in 2026")


def to(outbox, address):
    return [m for m in outbox() if m["To"] == address]


def test_author_follows_and_gets_replies_but_not_their_own(client, auth, outbox, thread):
    auth.login("bo")
    client.post(f"/forum/t/{thread.id}/reply", data={"body": "Bo's answer"})
    mails = to(outbox, "ana@example.org")
    assert len(mails) == 1
    assert "Premiums in 2026" in mails[0]["Subject"]
    text = mails[0].get_content()
    assert "Bo's answer" in text and f"/forum/t/{thread.id}" in text
    assert not to(outbox, "bo@example.org")  # bo wrote it (and now follows)
    auth.logout()
    auth.login("ana")
    client.post(f"/forum/t/{thread.id}/reply", data={"body": "Thanks"})
    assert len(to(outbox, "bo@example.org")) == 1
    assert len(to(outbox, "ana@example.org")) == 1  # not about her own reply


def test_subscribe_and_unsubscribe_buttons(client, auth, outbox, thread, make_reply):
    from app.accounts.services import user_by_name
    auth.login("cy")
    assert "Follow by mail" in client.get(f"/forum/t/{thread.id}").get_data(as_text=True)
    client.post(f"/forum/t/{thread.id}/subscribe")
    assert "Stop following" in client.get(f"/forum/t/{thread.id}").get_data(as_text=True)
    auth.logout()
    auth.login("bo")
    client.post(f"/forum/t/{thread.id}/reply", data={"body": "One"})
    assert len(to(outbox, "cy@example.org")) == 1
    auth.logout()
    auth.login("cy")
    client.post(f"/forum/t/{thread.id}/subscribe", data={"subscribe": "0"})
    auth.logout()
    auth.login("bo")
    client.post(f"/forum/t/{thread.id}/reply", data={"body": "Two"})
    assert len(to(outbox, "cy@example.org")) == 1
    assert user_by_name("cy") is not None


def test_unsubscribe_link_in_the_mail(client, auth, outbox, thread):
    auth.login("bo")
    client.post(f"/forum/t/{thread.id}/reply", data={"body": "Hello"})
    auth.logout()
    mail = to(outbox, "ana@example.org")[0]
    link = re.search(r"http://localhost(/forum/unsubscribe/\S+)", mail.get_content()).group(1)
    assert mail["List-Unsubscribe"] == f"<http://localhost{link}>"
    page = client.get(link)
    assert page.status_code == 200 and "Premiums in 2026" in page.get_data(as_text=True)
    assert client.post(link).status_code == 200
    auth.login("cy")
    client.post(f"/forum/t/{thread.id}/reply", data={"body": "Again"})
    assert len(to(outbox, "ana@example.org")) == 1
    assert client.get("/forum/unsubscribe/forged-token").status_code == 404


def test_no_mail_to_a_follower_who_lost_access(client, auth, outbox, make_user,
                                               make_workspace, make_category, make_thread):
    owner, member, other = make_user("olga"), make_user("vic"), make_user("wu")
    space = make_workspace("coop", owner, visibility="private",
                           members={member: "editor", other: "viewer"})
    thread = make_thread(member, make_category(space=space, name="Plans"))
    from app.spaces.models import Membership
    from sqlalchemy import delete
    db.session.execute(delete(Membership).where(Membership.user_id == member.id))
    db.session.commit()
    auth.login("wu")
    assert client.post(f"/w/coop/forum/t/{thread.id}/reply",
                       data={"body": "Secret plan"}).status_code == 302
    assert not to(outbox, "vic@example.org")


def test_mail_goes_through_smtp_after_commit(app, client, auth, smtp_server, thread):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    auth.login("bo")
    client.post(f"/forum/t/{thread.id}/reply", data={"body": "Over SMTP"})
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["ana@example.org"]]
    # A refused reply (empty) mails nobody.
    client.post(f"/forum/t/{thread.id}/reply", data={"body": ""})
    assert len(smtp_server.envelopes) == 1
