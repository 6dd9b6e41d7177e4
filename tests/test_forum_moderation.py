"""Moderators pin, lock, move and delete; every action is audited; others may not."""
import re

import pytest
from sqlalchemy import select

from app.extensions import db


@pytest.fixture
def setup(make_user, make_category, make_thread, make_reply):
    ana, bo = make_user("ana"), make_user("bo")
    mod = make_user("mod", role="moderator")
    general = make_category(name="General")
    other = make_category(name="Other")
    thread = make_thread(ana, general, title="To moderate")
    reply = make_reply(thread, bo, "A reply by bo")
    return {"ana": ana, "bo": bo, "mod": mod, "general": general, "other": other,
            "thread": thread, "reply": reply}


def audit_actions():
    from app.audit import AuditEntry
    return [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_members_cannot_moderate(client, auth, setup):
    thread = setup["thread"]
    auth.login("ana")
    for path, data in (("moderate", {"action": "lock"}), ("move", {"category": "other"}),
                       ("delete", {})):
        assert client.post(f"/forum/t/{thread.id}/{path}", data=data).status_code == 403
    assert audit_actions() == []


def test_lock_refuses_replies_with_409(client, auth, setup):
    thread = setup["thread"]
    auth.login("mod")
    assert client.post(f"/forum/t/{thread.id}/moderate",
                       data={"action": "lock"}).status_code == 302
    auth.logout()
    auth.login("bo")
    response = client.post(f"/forum/t/{thread.id}/reply", data={"body": "Still here?"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "locked" in html and "Still here?" in html  # the message and the typed text
    auth.logout()
    auth.login("mod")
    client.post(f"/forum/t/{thread.id}/moderate", data={"action": "unlock"})
    auth.logout()
    auth.login("bo")
    assert client.post(f"/forum/t/{thread.id}/reply", data={"body": "Open"}).status_code == 302
    assert audit_actions() == ["forum.thread_locked", "forum.thread_unlocked"]


def test_move_to_another_category_of_the_same_forum(client, auth, setup, make_space,
                                                    make_category):
    thread = setup["thread"]
    auth.login("mod")
    assert client.post(f"/forum/t/{thread.id}/move", data={"category": "nope"}).status_code \
        == 422
    assert client.post(f"/forum/t/{thread.id}/move",
                       data={"category": "other"}).status_code == 302
    db.session.refresh(thread)
    assert thread.category_id == setup["other"].id
    assert "To moderate" in client.get("/forum/other/").get_data(as_text=True)
    assert "To moderate" not in client.get("/forum/general/").get_data(as_text=True)
    # A category of another forum is not offered, and not accepted.
    from community.forum import moderation
    from community.forum.services import ForumError
    elsewhere = make_category(space=make_space("coop"), name="Coop")
    with pytest.raises(ForumError):
        moderation.move_thread(thread, setup["mod"], elsewhere)
    assert "forum.thread_moved" in audit_actions()


def test_delete_thread(client, auth, setup):
    thread = setup["thread"]
    auth.login("mod")
    response = client.post(f"/forum/t/{thread.id}/delete", data={"reason": "spam"})
    assert response.status_code == 302 and response.headers["Location"] == "/forum/general/"
    auth.logout()
    assert client.get(f"/forum/t/{thread.id}").status_code == 404
    assert "To moderate" not in client.get("/forum/general/").get_data(as_text=True)
    assert "To moderate" not in client.get("/forum/").get_data(as_text=True)
    from app.audit import AuditEntry
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.target_id, entry.reason) == \
        ("forum.thread_deleted", thread.id, "spam")


def test_delete_post_by_author_and_by_moderator(client, auth, setup, make_reply):
    thread, reply = setup["thread"], setup["reply"]
    second = make_reply(thread, setup["ana"], "Second by ana")
    auth.login("ana")  # not bo's post
    assert client.post(f"/forum/t/{thread.id}/delete/{reply.id}").status_code == 403
    assert client.post(f"/forum/t/{thread.id}/delete/{second.id}").status_code == 302
    assert audit_actions() == []  # authors deleting their own words are not audited
    auth.logout()
    auth.login("mod")
    assert client.post(f"/forum/t/{thread.id}/delete/{reply.id}").status_code == 302
    assert audit_actions() == ["forum.post_deleted"]
    db.session.refresh(thread)
    assert thread.reply_count == 0
    # The opening post goes with its thread only.
    from community.forum.services import opening_post_id
    assert client.post(f"/forum/t/{thread.id}/delete/{opening_post_id(thread)}").status_code \
        == 409
    auth.logout()
    html = client.get(f"/forum/t/{thread.id}").get_data(as_text=True)
    assert "A reply by bo" not in html and "Second by ana" not in html


def test_workspace_owners_moderate_their_forum(client, auth, make_user, make_workspace,
                                               make_category, make_thread):
    owner, member = make_user("olga"), make_user("vic")
    space = make_workspace("coop", owner, members={member: "editor"})
    thread = make_thread(member, make_category(space=space, name="Chat"))
    auth.login("vic")
    assert client.post(f"/w/coop/forum/t/{thread.id}/moderate",
                       data={"action": "pin"}).status_code == 403
    auth.logout()
    auth.login("olga")
    assert client.post(f"/w/coop/forum/t/{thread.id}/moderate",
                       data={"action": "pin"}).status_code == 302
    db.session.refresh(thread)
    assert thread.pinned
    # Owners create their forum's categories; editors do not.
    assert client.post("/w/coop/forum/categories", data={"name": "Plans"}).status_code == 302
    auth.logout()
    auth.login("vic")
    assert client.get("/w/coop/forum/categories").status_code == 403


def test_reportable_kinds_are_registered(app, setup):
    from community.moderation.registry import get
    thread, reply = setup["thread"], setup["reply"]
    entry = get(app, "forum_post")
    assert entry.load(reply.id) is reply and entry.author(reply) is setup["bo"]
    assert entry.url(reply).endswith(f"#post-{reply.id}")
    entry.delete(reply, setup["mod"])
    db.session.commit()
    assert reply.deleted_at is not None
    thread_entry = get(app, "forum_thread")
    assert thread_entry.label(thread) == "To moderate"
    thread_entry.hide(thread, setup["mod"])
    db.session.commit()
    assert thread.deleted_at is not None


def test_report_button_beside_others_posts(client, auth, setup):
    thread, reply = setup["thread"], setup["reply"]
    auth.login("ana")
    html = client.get(f"/forum/t/{thread.id}").get_data(as_text=True)
    assert 'action="/report"' in html and f'name="id" value="{reply.id}"' in html
    assert 'name="kind" value="forum_post"' in html


def test_forum_actions_are_named_in_the_audit_log(client, auth, setup, make_user, make_reply):
    thread = setup["thread"]
    doomed = make_reply(thread, setup["bo"], "Spam reply")
    make_user("root", role="admin")
    auth.login("mod")
    for action in ("pin", "unpin", "lock", "unlock"):
        client.post(f"/forum/t/{thread.id}/moderate", data={"action": action})
    client.post(f"/forum/t/{thread.id}/move", data={"category": "other"})
    client.post(f"/forum/t/{thread.id}/delete/{setup['reply'].id}")
    client.post("/report", data={"kind": "forum_post", "id": doomed.id})
    client.post("/moderation/act", data={"kind": "forum_post", "id": doomed.id,
                                         "action": "delete"})
    client.post(f"/forum/t/{thread.id}/delete", data={"reason": "spam"})
    auth.logout()
    assert set(audit_actions()) == {
        "forum.thread_pinned", "forum.thread_unpinned", "forum.thread_locked",
        "forum.thread_unlocked", "forum.thread_moved", "forum.post_deleted",
        "forum_post.deleted", "forum.thread_deleted"}
    auth.login("root")
    page = client.get("/admin/audit").get_data(as_text=True)
    for label in ("Pinned a discussion", "Unpinned a discussion", "Locked a discussion",
                  "Unlocked a discussion", "Moved a discussion", "Deleted a forum message",
                  "Deleted a discussion"):
        assert label in page
    assert not re.search(r">forum[._]\w+<", page)  # no raw action code shown
    page = client.get("/admin/audit", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "A épinglé une discussion" in page and "A supprimé un message du forum" in page
    assert not re.search(r">forum[._]\w+<", page)
