"""The audit log: admins only, filtered by actor and action; existing moderator
actions (blocking, deleting, restoring, protecting pages) write entries too."""
from sqlalchemy import select

from app.audit import AuditEntry, record_action
from app.extensions import db


def actions():
    return [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_only_admins_read_the_audit_log(client, auth, make_user):
    make_user("member")
    make_user("mod", role="moderator")
    make_user("root", role="admin")
    assert client.get("/admin/audit").status_code == 404
    for name in ("member", "mod"):
        auth.login(name)
        assert client.get("/admin/audit").status_code == 404
        auth.logout()
    auth.login("root")
    assert client.get("/admin/audit").status_code == 200


def test_filters_and_paging(client, auth, make_user):
    root = make_user("root", role="admin")
    mod = make_user("mod", role="moderator")
    record_action(mod, "user.blocked", "user", 7, "spammer-one", "ads")
    record_action(mod, "page.deleted", "page", 3, "Spam page", "junk")
    record_action(root, "user.unblocked", "user", 7, "spammer-one", "appeal")
    for n in range(55):
        record_action(root, "report.dismissed", "page", n, f"Fine page {n}")
    db.session.commit()
    auth.login("root")
    page = client.get("/admin/audit?actor=mod").get_data(as_text=True)
    assert "spammer-one" in page and "Spam page" in page and "appeal" not in page
    assert "Blocked a user" in page and "ads" in page
    page = client.get("/admin/audit?action=user").get_data(as_text=True)
    assert "ads" in page and "appeal" in page and "Spam page" not in page
    page = client.get("/admin/audit?action=user.unblocked").get_data(as_text=True)
    assert "appeal" in page and "ads" not in page
    first = client.get("/admin/audit").get_data(as_text=True)
    assert 'rel="next"' in first and "Fine page 54" in first and "ads" not in first
    assert "ads" in client.get("/admin/audit?page=2").get_data(as_text=True)
    assert client.get("/admin/audit?actor=nobody").status_code == 200


def test_blocking_from_the_profile_is_audited(client, auth, make_user):
    make_user("mod", role="moderator")
    make_user("spammer")
    auth.login("mod")
    client.post("/u/spammer/block", data={"reason": "ads"})
    client.post("/u/spammer/unblock")
    assert actions() == ["user.blocked", "user.unblocked"]
    assert db.session.scalar(select(AuditEntry.reason)) == "ads"


def test_page_management_is_audited(client, auth, make_user, make_page):
    make_user("mod", role="moderator")
    make_page("Target", body="Text")
    auth.login("mod")
    client.post("/wiki/Target/protect")
    client.post("/wiki/Target/unprotect")
    client.post("/wiki/Target/delete", data={"reason": "vandalism"})
    client.post("/wiki/Target/restore")
    assert actions() == ["page.protected", "page.unprotected", "page.deleted", "page.restored"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "page.deleted"))
    assert (entry.target_type, entry.target_label, entry.reason) == ("page", "Target",
                                                                     "vandalism")
