"""The recorder: one structured Activity per change, in the change's transaction."""
import io

from sqlalchemy import select

from app.extensions import db
from app.spaces.services import commons
from feeds.models import Activity, Watch
from wiki import services as wiki
from wiki.titles import parse


def _activities():
    return list(db.session.scalars(select(Activity).order_by(Activity.id)))


def test_page_lifecycle_is_recorded(app, make_user, make_page):
    ana = make_user("ana")
    bob = make_user("bob")
    page = make_page("Library:Health financing", body="one\n", author=ana, summary="start")
    make_page("Library:Health financing", body="one\ntwo\n", author=bob, summary="more",
              minor=True)
    wiki.move_page(page, parse("Library:Health funding"), ana)
    db.session.commit()
    wiki.revert_page(page, 1, bob)
    db.session.commit()
    wiki.delete_page(page, ana, reason="spam")
    db.session.commit()
    wiki.restore_page(page, ana)
    db.session.commit()

    rows = _activities()
    assert [a.verb for a in rows] == ["page.created", "page.edited", "page.moved",
                                      "page.reverted", "page.deleted", "page.restored"]
    created, edited, moved, reverted, deleted, _restored = rows
    assert created.actor_id == ana.id and created.page_id == page.id
    assert created.space_id == commons().id and created.namespace == "Library"
    assert created.title == "Library:Health financing" and created.object_type == "page"
    assert created.data["summary"] == "start" and created.data["rev"] == 1
    assert edited.minor is True and edited.data["old_rev"] == 1 and edited.data["rev"] == 2
    assert edited.data["size_delta"] == 4
    assert moved.data["old_title"] == "Library:Health financing"
    assert moved.title == "Library:Health funding"
    assert reverted.data["to_rev"] == 1 and reverted.actor_id == bob.id
    assert deleted.data["reason"] == "spam"


def test_rolled_back_change_leaves_no_activity(app, make_user):
    ana = make_user("ana")
    wiki.save_page(commons(), parse("Draft"), "text", ana)
    assert db.session.scalar(select(Activity.verb)) == "page.created"  # flushed, not committed
    db.session.rollback()
    assert _activities() == []


def test_editing_watches_the_page(app, make_user, make_page):
    ana = make_user("ana")
    page = make_page("Glossary:Premium", author=ana)
    targets = db.session.scalars(select(Watch.target).where(Watch.user_id == ana.id)).all()
    assert f"page:{page.id}" in targets


def test_attachment_is_recorded(app, make_user, make_page):
    from wiki.attachments import attach_file
    ana = make_user("ana")
    page = make_page("Library:Report", author=ana)
    attach_file(page, "notes.txt", io.BytesIO(b"hello"), ana)
    db.session.commit()
    row = _activities()[-1]
    assert row.verb == "attachment.added" and row.page_id == page.id
    assert row.data["name"] == "notes.txt" and row.data["version"] == 1


def test_workspace_events_are_recorded(app, make_user, make_workspace):
    from workspaces import services as ws
    owner = make_user("owner")
    guest = make_user("guest")
    space = make_workspace("health", owner)
    invitation = ws.invite_member(space, owner, guest, role="editor")
    db.session.commit()
    ws.accept_invitation(invitation, guest)
    db.session.commit()
    post = ws.create_post(space, owner, "Launch <news> & more", body="Hello **all**",
                          status="published")
    db.session.commit()
    ws.edit_post(post, owner, body="Hello again")
    ws.add_comment(post, guest, "Nice")
    db.session.commit()
    ws.leave_workspace(space, guest)
    db.session.commit()
    verbs = [a.verb for a in _activities()]
    assert verbs == ["workspace.created", "member.invited", "member.joined", "post.published",
                     "post.edited", "comment.added", "member.left"]
    rows = _activities()
    assert rows[1].data["user"] == "guest" and rows[1].data["role"] == "editor"
    assert rows[3].post_id == post.id and rows[3].title == "Launch <news> & more"
    assert all(a.space_id == space.id for a in rows)


def test_activity_is_rendered_in_the_readers_language(app, client, make_user, make_page):
    ana = make_user("ana")
    make_page("Library:Foo", author=ana)
    english = client.get("/recent").get_data(as_text=True)
    assert "ana" in english and "Library:Foo" in english
    # The row is untranslated: rendering happens per request.
    row = _activities()[0]
    assert row.verb == "page.created" and "created" not in (row.data or {})


def test_a_member_let_in_by_an_owner_is_the_one_who_joined(app, make_user, make_workspace):
    from workspaces import services as ws
    owner = make_user("owner")
    olga = make_user("olga")
    space = make_workspace("health", owner, join_policy="request")
    request = ws.request_to_join(space, olga)
    db.session.commit()
    ws.accept_join_request(request, owner)
    db.session.commit()
    joined = [a for a in _activities() if a.verb == "member.joined"]
    assert len(joined) == 1
    assert joined[0].actor_id == olga.id
    assert joined[0].data["user"] == "olga" and joined[0].data["admitted_by"] == "owner"
