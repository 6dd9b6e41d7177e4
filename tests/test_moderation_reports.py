"""Reports and the moderation queue: members report what they can read, moderators
(only) see the queue and dismiss, hide or delete content or block its author;
every action lands in the audit log."""
import pytest
from sqlalchemy import func, select

from app.audit import AuditEntry
from app.extensions import db
from community.moderation.models import Report


@pytest.fixture
def world(make_user, make_workspace, make_post, make_comment, make_page):
    people = {name: make_user(name) for name in ("ana", "spammer", "outsider")}
    people["mod"] = make_user("mod", role="moderator")
    people["root"] = make_user("root", role="admin")
    public = make_workspace("open-ws", "olga")
    private = make_workspace("closed-ws", "olga", visibility="private")
    post = make_post(public, public_owner(), "News", slug="news")
    comment = make_comment(post, people["spammer"], "Cheap pills http://spam.example")
    secret_post = make_post(private, public_owner(), "Secret", slug="secret")
    page = make_page("Spam page", body="Spam!", author=people["spammer"])
    return people, {"post": post, "comment": comment, "secret": secret_post, "page": page}


def public_owner():
    from app.accounts.services import user_by_name
    return user_by_name("olga")


def open_reports():
    return db.session.scalar(select(func.count()).select_from(Report).where(
        Report.status == "open"))


def test_report_link_and_form(client, auth, world):
    _people, things = world
    auth.login("ana")
    page = client.get("/w/open-ws/blog/news").get_data(as_text=True)
    assert f"/report?kind=blog_comment&amp;id={things['comment'].id}" in page
    assert f"/report?kind=blog_post&amp;id={things['post'].id}" in page
    assert f"/report?kind=page&amp;id={things['page'].id}" in client.get(
        "/wiki/Spam_page").get_data(as_text=True)
    form = client.get(f"/report?kind=blog_comment&id={things['comment'].id}")
    assert form.status_code == 200 and "News" in form.get_data(as_text=True)
    auth.logout()
    assert "/report?" not in client.get("/w/open-ws/blog/news").get_data(as_text=True)
    assert client.get(f"/report?kind=page&id={things['page'].id}").status_code == 302


def test_member_reports_once(client, auth, world):
    _people, things = world
    auth.login("ana")
    data = {"kind": "blog_comment", "id": things["comment"].id, "reason": "spam"}
    response = client.post("/report", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#comment-{things['comment'].id}")
    assert client.post("/report", data=data).status_code == 302
    assert open_reports() == 1
    report = db.session.scalar(select(Report))
    assert report.reason == "spam" and report.target_author_id == world[0]["spammer"].id


def test_what_the_reporter_cannot_read_is_404(client, auth, world):
    _people, things = world
    auth.login("outsider")
    assert client.post("/report", data={"kind": "blog_post",
                                        "id": things["secret"].id}).status_code == 404
    assert client.get(f"/report?kind=blog_post&id={things['secret'].id}").status_code == 404
    for kind, target in (("blog_post", 999999), ("gizmo", 1), ("page", "x"), ("page", "")):
        assert client.post("/report", data={"kind": kind, "id": target}).status_code == 404
    assert open_reports() == 0


def test_queue_is_for_moderators_only(client, auth, world):
    _people, things = world
    auth.login("ana")
    client.post("/report", data={"kind": "blog_comment", "id": things["comment"].id,
                                 "reason": "pills"})
    assert client.get("/moderation").status_code == 404
    assert client.post("/moderation/act", data={"kind": "blog_comment",
                                                "id": things["comment"].id,
                                                "action": "dismiss"}).status_code == 404
    auth.logout()
    assert client.get("/moderation").status_code == 404
    for name in ("mod", "root"):
        auth.login(name)
        page = client.get("/moderation").get_data(as_text=True)
        assert "Cheap pills" in page and "pills" in page and "ana" in page
        assert 'id="moderation-link"' in page
        auth.logout()


def act(client, kind, target_id, action, reason=""):
    return client.post("/moderation/act", data={"kind": kind, "id": target_id,
                                                "action": action, "reason": reason})


def test_delete_closes_reports_and_is_audited(client, auth, world):
    people, things = world
    auth.login("ana")
    client.post("/report", data={"kind": "blog_comment", "id": things["comment"].id})
    auth.logout()
    auth.login("mod")
    assert act(client, "blog_comment", things["comment"].id, "delete",
               "advertising").status_code == 302
    db.session.expire_all()
    assert things["comment"].deleted_at is not None
    assert open_reports() == 0
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.actor_id, entry.reason) == (
        "blog_comment.deleted", people["mod"].id, "advertising")
    assert "Cheap pills" not in client.get("/moderation").get_data(as_text=True)


def test_dismiss_and_page_delete(client, auth, world):
    _people, things = world
    auth.login("ana")
    client.post("/report", data={"kind": "page", "id": things["page"].id})
    client.post("/report", data={"kind": "blog_post", "id": things["post"].id})
    auth.logout()
    auth.login("mod")
    act(client, "blog_post", things["post"].id, "dismiss", "fine")
    act(client, "page", things["page"].id, "delete")
    db.session.expire_all()
    assert things["post"].deleted_at is None and things["page"].deleted_at is not None
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert actions == {"report.dismissed", "page.deleted"}
    assert db.session.scalar(select(Report.status).where(Report.kind == "blog_post")) == \
        "dismissed"


def test_block_the_author(client, auth, world):
    people, things = world
    auth.login("ana")
    client.post("/report", data={"kind": "blog_comment", "id": things["comment"].id})
    auth.logout()
    auth.login("mod")
    assert act(client, "blog_comment", things["comment"].id, "block", "spam").status_code == 302
    db.session.expire_all()
    assert people["spammer"].is_blocked
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.target_label) == ("user.blocked", "spammer")
    assert act(client, "blog_comment", things["comment"].id, "nonsense").status_code == 400


def test_reported_message_is_seen_by_moderators_not_its_conversation(client, auth, world):
    from community.messages import services
    people, _things = world
    conversation, first = services.start_conversation(
        people["spammer"], [people["ana"]], "Offer", "Private first words")
    spam = services.reply(conversation, people["spammer"], "Buy http://spam.example")
    db.session.commit()
    auth.login("outsider")
    assert client.post("/report", data={"kind": "message", "id": spam.id}).status_code == 404
    auth.logout()
    auth.login("ana")
    page = client.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert f"/report?kind=message&amp;id={spam.id}" in page
    assert client.post("/report", data={"kind": "message", "id": spam.id,
                                        "reason": "spam"}).status_code == 302
    auth.logout()
    auth.login("mod")
    queue = client.get("/moderation").get_data(as_text=True)
    assert "Buy http://spam.example" in queue and "Private first words" not in queue
    assert client.get(f"/messages/{conversation.id}").status_code == 404
    act(client, "message", spam.id, "delete")
    auth.logout()
    auth.login("ana")
    page = client.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert "removed by a moderator" in page and "Buy http://spam.example" not in page
    assert "Private first words" in page


def test_moderators_act_on_a_message_only_once_it_was_reported(client, auth, world):
    from community.messages import services
    people, _things = world
    conversation, message = services.start_conversation(
        people["ana"], [people["outsider"]], "Secret plan", "Meet at dawn.")
    db.session.commit()
    auth.login("mod")
    assert client.get(f"/messages/{conversation.id}").status_code == 404
    for action in ("hide", "delete", "dismiss", "block", "revert"):
        assert act(client, "message", message.id, action, "r").status_code == 404
    db.session.expire_all()
    assert message.hidden_at is None and not people["ana"].is_blocked
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    auth.logout()
    auth.login("outsider")
    client.post("/report", data={"kind": "message", "id": message.id, "reason": "odd"})
    auth.logout()
    auth.login("mod")
    assert act(client, "message", message.id, "hide", "r").status_code == 302
    db.session.expire_all()
    assert message.hidden_at is not None
    auth.logout()
    auth.login("root")
    assert act(client, "message", message.id, "delete").status_code == 302  # still reported


def test_the_audit_log_does_not_name_a_private_conversation(client, auth, world):
    from app.audit import record_action
    from community.messages import services
    people, _things = world
    conversation, message = services.start_conversation(
        people["ana"], [people["outsider"]], "Secret plan", "Meet at dawn.")
    # An entry written before messages were named by kind and id only.
    old = record_action(people["mod"], "message.hidden", "message", message.id, "Secret plan")
    db.session.commit()
    auth.login("outsider")
    client.post("/report", data={"kind": "message", "id": message.id})
    auth.logout()
    auth.login("mod")
    act(client, "message", message.id, "dismiss", "fine")
    act(client, "message", message.id, "hide", "rude")
    assert set(db.session.scalars(select(AuditEntry.target_label).where(
        AuditEntry.id != old.id))) == {""}
    auth.logout()
    auth.login("root")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Secret plan" not in page
    assert page.count(f"Private message (#{message.id})") == 3
    assert "Hid a message" in page and "Dismissed reports" in page and "rude" in page


def test_moderators_act_on_what_they_may_read_or_was_reported(client, auth, world):
    people, things = world
    auth.login("mod")
    # A private workspace's post nobody reported: as if it did not exist.
    assert act(client, "blog_post", things["secret"].id, "delete").status_code == 404
    db.session.expire_all()
    assert things["secret"].deleted_at is None
    # What the moderator may read they may act on, reported or not.
    assert act(client, "blog_comment", things["comment"].id, "delete").status_code == 302
    auth.logout()
    auth.login("olga")
    client.post("/report", data={"kind": "blog_post", "id": things["secret"].id})
    auth.logout()
    auth.login("mod")
    assert act(client, "blog_post", things["secret"].id, "delete").status_code == 302
    db.session.expire_all()
    assert things["secret"].deleted_at is not None
