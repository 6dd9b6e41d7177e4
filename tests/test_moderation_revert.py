"""Revert all of a spammer's edits at once (wiki.moderation and the moderation page)."""
import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.audit import AuditEntry
from app.extensions import db
from wiki import queries
from wiki.models import Page


@pytest.fixture
def spam_world(make_user, make_page, make_workspace, make_post, make_comment):
    """A spammer edits three pages (two on top of others' text, one after which
    someone else edited) and creates one; comments and a message too."""
    from community.messages import services as messages
    ana, bo = make_user("ana"), make_user("bo")
    spammer = make_user("spammer")
    make_page("Alpha", body="Alpha by ana.", author=ana)
    make_page("Alpha", body="Alpha improved by bo.", author=bo)
    make_page("Alpha", body="Alpha SPAM", author=spammer)
    make_page("Beta", body="Beta by bo.", author=bo)
    make_page("Beta", body="Beta SPAM 1", author=spammer)
    make_page("Beta", body="Beta SPAM 2", author=spammer)
    make_page("Gamma", body="Gamma by ana.", author=ana)
    make_page("Gamma", body="Gamma SPAM", author=spammer)
    make_page("Gamma", body="Gamma fixed by bo.", author=bo)
    make_page("Spam only", body="Pure SPAM", author=spammer)
    make_page("Untouched", body="Nothing to see.", author=ana)
    space = make_workspace("coop", ana)
    post = make_post(space, ana, "News", slug="news")
    make_comment(post, spammer, "SPAM comment")
    kept = make_comment(post, bo, "A real comment")
    messages.start_conversation(spammer, [ana], "Deal", "SPAM message")
    db.session.commit()
    return spammer, kept


def body(title):
    page = db.session.scalar(select(Page).where(Page.title == title))
    return queries.get_revision(page).body, page


def test_revert_all_edits(client, auth, make_user, spam_world):
    spammer, kept = spam_world
    make_user("mod", role="moderator")
    auth.login("mod")
    assert "/moderation/users/spammer" in client.get("/u/spammer").get_data(as_text=True)
    page = client.get("/moderation/users/spammer").get_data(as_text=True)
    assert "Revert all edits" in page
    response = client.post("/moderation/users/spammer/revert", data={"reason": "spam wave"})
    assert response.status_code == 302
    db.session.expire_all()
    text, alpha = body("Alpha")
    assert text == "Alpha improved by bo." and alpha.head_number == 4
    assert queries.get_revision(alpha).summary == "Reverted edits by spammer"
    assert body("Beta")[0] == "Beta by bo."
    assert body("Gamma")[0] == "Gamma fixed by bo."  # someone edited after: left alone
    assert body("Untouched")[1].head_number == 1
    _text, spam_only = body("Spam only")
    assert spam_only.deleted_at is not None
    assert client.get("/wiki/Spam_only").status_code == 200  # moderators still see it
    from workspaces.models import Comment
    comments = {c.body: c.deleted_at for c in db.session.scalars(select(Comment))}
    assert comments["SPAM comment"] is not None and comments["A real comment"] is None
    from community.messages.models import Message
    assert db.session.scalar(select(Message.hidden_at)) is not None
    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "user.edits_reverted"))
    assert entry.target_label == "spammer" and entry.reason == "spam wave"
    auth.logout()
    assert client.get("/wiki/Spam_only").status_code == 404


def test_revert_service_counts(app, make_user, spam_world):
    from wiki.moderation import revert_user_edits
    spammer, _kept = spam_world
    counts = revert_user_edits(spammer, make_user("mod", role="moderator"))
    db.session.commit()
    assert counts == {"reverted": 2, "deleted": 1}


def test_revert_from_the_queue_and_member_page_is_for_moderators(client, auth, make_user,
                                                                 spam_world):
    auth.login("ana")
    assert "/moderation/users/" not in client.get("/u/spammer").get_data(as_text=True)
    assert client.get("/moderation/users/spammer").status_code == 404
    assert client.post("/moderation/users/spammer/revert").status_code == 404
    assert client.post("/moderation/users/spammer/trust").status_code == 404
    assert body("Beta")[0] == "Beta SPAM 2"


def test_trust_and_block_from_the_member_page(client, auth, make_user, spam_world):
    from app import antispam
    spammer, _kept = spam_world
    make_user("mod", role="moderator")
    auth.login("mod")
    assert client.post("/moderation/users/spammer/trust").status_code == 302
    assert antispam.is_trusted(spammer)
    assert client.post("/moderation/users/spammer/untrust").status_code == 302
    assert not antispam.is_trusted(spammer)
    assert client.post("/moderation/users/spammer/block",
                       data={"reason": "spam"}).status_code == 302
    db.session.expire_all()
    assert spammer.is_blocked
    assert [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))] \
        == ["user.trusted", "user.untrusted", "user.blocked"]
    assert client.get("/moderation/users/nobody-here").status_code == 404


def test_revert_removes_the_spammers_messages_from_inboxes(client, auth, make_user,
                                                           spam_world, api_token):
    """ana got "Deal" (the spammer's only) and answered in "Lunch" (bo's, where
    the spammer wrote last): after the revert "Deal" is gone and "Lunch" is read."""
    import re
    from community.messages import services as messages
    spammer, _kept = spam_world
    ana, bo = (db.session.scalar(select(User).where(User.username == n)) for n in ("ana", "bo"))
    make_user("mod", role="moderator")
    lunch, _first = messages.start_conversation(bo, [ana, spammer], "Lunch", "Noon?")
    db.session.commit()
    auth.login("ana")
    client.get(f"/messages/{lunch.id}")  # read bo's message
    auth.logout()
    messages.reply(lunch, spammer, "SPAM reply")
    db.session.commit()

    def inbox_of(name):
        """The inbox, and the unread badge (the same on a page view, which reads
        it with the page: ``queries.unread_fact``)."""
        auth.login(name)
        page = client.get("/messages").get_data(as_text=True)
        badges = {int(found.group(1)) if found else 0 for found in (
            re.search(r'id="unread-count">(\d+)', client.get(url).get_data(as_text=True))
            for url in ("/", "/wiki/Untouched"))}
        auth.logout()
        assert len(badges) == 1
        return page, badges.pop()

    page, unread = inbox_of("ana")
    assert "Deal" in page and "Lunch" in page and unread == 2
    auth.login("mod")
    assert client.post("/moderation/users/spammer/revert").status_code == 302
    auth.logout()
    page, unread = inbox_of("ana")
    assert "Deal" not in page and "Lunch" in page and "unread-marker" not in page
    assert unread == 0
    page, unread = inbox_of("bo")
    assert "Lunch" in page and "unread-marker" not in page and unread == 0
    listed = client.get("/api/v1/messages", headers=api_token(ana)).get_json()
    assert [(c["subject"], c["unread"]) for c in listed] == [("Lunch", False)]
    auth.login("ana")
    text = client.get(f"/messages/{lunch.id}").get_data(as_text=True)
    assert "Noon?" in text and "SPAM reply" not in text
    # A new message brings the conversation back as news.
    auth.logout()
    messages.reply(lunch, bo, "Still on?")
    db.session.commit()
    assert inbox_of("ana")[1] == 1
