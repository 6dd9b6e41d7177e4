"""Mail about watched changes, through a real SMTP server on loopback."""
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.spaces.services import commons
from feeds.models import MailQueue
from wiki import services as wiki
from wiki.titles import parse


def _edit(client, auth, who, title, body):
    """Save through the app so the after-commit hook runs, as in production."""
    auth.login(who)
    response = client.post(f"/wiki/{title}/edit", data={"body": body, "summary": "s",
                                                        "base_rev": _head(title)})
    auth.logout()
    assert response.status_code in (302, 303), response.status_code
    return response


def _head(title):
    from wiki.queries import find_page
    page = find_page(commons(), parse(title))
    return page.head_number if page else ""


def test_immediate_mail_after_commit(app, client, auth, mail_app, make_user, make_page):
    ana = make_user("ana", locale="en")
    make_user("bob")
    make_page("Library:Foo", author=ana, body="one")
    mail_app.clear()
    _edit(client, auth, "bob", "Library:Foo", "two")
    mails = mail_app.to("ana@example.org")
    assert len(mails) == 1
    body = mails[0].get_content()
    assert "Library:Foo" in body and "http://localhost/wiki/Library:Foo" in body
    assert "http://localhost/unsubscribe/" in body
    assert str(mails[0]["List-Unsubscribe"]).strip().startswith("<http://localhost/unsubscribe/")
    # Never a mail for one's own change.
    mail_app.clear()
    _edit(client, auth, "ana", "Library:Foo", "three")
    assert mail_app.to("ana@example.org") == []
    # Nothing stays queued.
    assert db.session.scalar(select(MailQueue.id).where(MailQueue.sent_at.is_(None))) is None


def test_rolled_back_change_sends_nothing(app, client, mail_app, make_user, make_page):
    from feeds.notifications import send_immediate
    ana = make_user("ana")
    bob = make_user("bob")
    make_page("Library:Foo", author=ana, body="one")
    page = wiki.save_page(commons(), parse("Library:Foo"), "two", bob, base_number=1).page
    assert page is not None
    db.session.rollback()
    assert send_immediate() == 0
    assert mail_app.envelopes == []


def test_private_change_is_mailed_only_to_readers(app, client, auth, mail_app, make_user,
                                                  make_page, make_workspace):
    from feeds.notifications import send_immediate
    from feeds.watching import watch, watch_target
    ana = make_user("ana")
    eve = make_user("eve")
    space = make_workspace("secret", ana, visibility="private")
    bob = make_user("bob")
    from app.spaces.models import Membership
    db.session.add(Membership(space_id=space.id, user_id=bob.id, role="editor"))
    watch(eve, watch_target("user", ana.id))
    watch(bob, watch_target("space", space.id))
    db.session.commit()
    make_page("Plans", author=ana, space=space)
    send_immediate()
    assert mail_app.to("eve@example.org") == []
    assert len(mail_app.to("bob@example.org")) == 1


def test_daily_digest(app, client, auth, runner, mail_app, make_user, make_page):
    ana = make_user("ana")
    make_user("bob")
    make_page("Library:Foo", author=ana, body="one")
    make_page("Library:Bar", author=ana, body="one")
    auth.login("ana")
    assert client.post("/settings/notifications", data={"mode": "daily"}).status_code == 302
    assert client.post("/settings/notifications", data={"mode": "x"}).status_code == 400
    settings = client.get("/settings").get_data(as_text=True)
    assert 'value="daily" checked' in settings
    auth.logout()
    mail_app.clear()
    _edit(client, auth, "bob", "Library:Foo", "two")
    _edit(client, auth, "bob", "Library:Bar", "two")
    assert mail_app.envelopes == []
    result = runner.invoke(args=["send-digests"])
    assert result.exit_code == 0 and "1 digest" in result.output
    mails = mail_app.to("ana@example.org")
    assert len(mails) == 1
    body = mails[0].get_content()
    assert "Library:Foo" in body and "Library:Bar" in body
    runner.invoke(args=["send-digests"])
    assert len(mail_app.to("ana@example.org")) == 1  # sent once


def test_unsubscribe_without_login(app, client, auth, mail_app, make_user, make_page):
    from feeds.notifications import mail_mode
    ana = make_user("ana")
    make_user("bob")
    make_page("Library:Foo", author=ana, body="one")
    _edit(client, auth, "bob", "Library:Foo", "two")
    link = re.search(r"http://localhost(/unsubscribe/\S+)",
                     mail_app.to("ana@example.org")[0].get_content()).group(1)
    page = client.get(link)
    assert page.status_code == 200 and mail_mode(ana) == "immediate"
    done = client.post(link)
    assert done.status_code == 200 and 'id="unsubscribed"' in done.get_data(as_text=True)
    db.session.expire_all()
    assert mail_mode(ana) == "none"
    mail_app.clear()
    _edit(client, auth, "bob", "Library:Foo", "three")
    assert mail_app.to("ana@example.org") == []
    assert client.get("/unsubscribe/forged-token").status_code == 404


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_unsubscribe_one_click_needs_no_csrf(app, client, make_user):
    from feeds.notifications import mail_mode, unsubscribe_token
    ana = make_user("ana")
    assert client.post(f"/unsubscribe/{unsubscribe_token(ana)}").status_code == 200
    db.session.expire_all()
    assert mail_mode(ana) == "none"
