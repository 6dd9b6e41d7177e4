"""Watching things, and the dashboard of what one watches."""
import pytest
from sqlalchemy import select

from app.extensions import db
from feeds.models import Watch


def _targets(user):
    return set(db.session.scalars(select(Watch.target).where(Watch.user_id == user.id)))


def test_watch_and_unwatch(app, client, auth, make_user, make_page, make_workspace):
    ana = make_user("ana")
    bob = make_user("bob")
    page = make_page("Library:Foo", author=ana)
    space = make_workspace("team", ana)
    auth.login("bob")
    forms = [{"kind": "page", "page_id": page.id}, {"kind": "space", "space_id": space.id},
             {"kind": "blog", "space_id": space.id}, {"kind": "user", "user_id": ana.id},
             {"kind": "namespace", "space_id": page.space_id, "namespace": "library"}]
    for form in forms:
        response = client.post("/watch", data={**form, "next": "/recent"})
        assert response.status_code == 302 and response.headers["Location"] == "/recent"
    client.post("/watch", data=forms[0])  # idempotent
    assert _targets(bob) == {f"page:{page.id}", f"space:{space.id}", f"blog:{space.id}",
                             f"user:{ana.id}", f"namespace:{page.space_id}:Library"}
    client.post("/watch", data={**forms[0], "action": "unwatch"})
    assert f"page:{page.id}" not in _targets(bob)
    assert client.post("/watch", data={"kind": "page", "page_id": "x"}).status_code == 400
    assert client.post("/watch", data={"kind": "page", "page_id": 999}).status_code == 404
    assert client.post("/watch", data={"kind": "moon"}).status_code == 400


def test_watch_needs_login_and_readable_target(app, client, auth, make_user, make_workspace):
    ana = make_user("ana")
    make_user("eve")
    space = make_workspace("secret", ana, visibility="private")
    response = client.post("/watch", data={"kind": "space", "space_id": space.id})
    assert response.status_code in (302, 401)
    auth.login("eve")
    assert client.post("/watch", data={"kind": "space", "space_id": space.id}).status_code == 404


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_watch_requires_csrf(app, client, make_user, make_page):
    ana = make_user("ana")
    page = make_page("Library:Foo", author=ana)
    response = client.post("/watch", data={"kind": "page", "page_id": page.id})
    assert response.status_code == 400
    assert _targets(ana) == {f"page:{page.id}"}  # only the automatic watch


def test_watch_button_renders(app, client, auth, make_user, make_page):
    ana = make_user("ana")
    make_user("bob")
    auth.login("bob")
    html = client.get("/u/ana/activity").get_data(as_text=True)
    assert 'class="inline watch-form"' in html and 'name="kind" value="user"' in html
    assert 'name="action" value="watch"' in html
    client.post("/watch", data={"kind": "user", "user_id": ana.id})
    html = client.get("/u/ana/activity").get_data(as_text=True)
    assert 'name="action" value="unwatch"' in html


def test_dashboard(app, client, auth, make_user, make_page, make_workspace):
    from workspaces import services as ws
    ana = make_user("ana")
    bob = make_user("bob")
    assert client.get("/dashboard").status_code in (302, 401)
    make_page("Library:Mine", author=bob)
    make_page("Library:Mine", author=ana, body="changed by ana")
    make_page("Library:Other", author=ana)
    space = make_workspace("team", ana)
    ws.invite_member(space, ana, bob, role="editor")
    db.session.commit()
    auth.login("bob")
    html = client.get("/dashboard").get_data(as_text=True)
    assert "Library:Mine" in html and "Library:Other" not in html
    assert 'class="invitation"' in html and 'href="/w/team/"' in html
    client.post("/watch", data={"kind": "user", "user_id": ana.id})
    assert "Library:Other" in client.get("/dashboard").get_data(as_text=True)
