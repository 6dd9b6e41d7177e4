"""Workspaces: creating, the directory, the home page, settings, deletion."""
import pytest
from sqlalchemy import select

from app.extensions import db
from app.spaces.models import Membership, Space


@pytest.fixture
def olga(make_user):
    """The owner of most workspaces below."""
    return make_user("olga")


def test_create_workspace_makes_the_creator_owner(client, auth, make_user):
    make_user("ana")
    auth.login("ana")
    response = client.post("/w/new", data={
        "slug": "coop-health", "name": "Coop health", "description": "About mutuals.",
        "visibility": "public", "join_policy": "request"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/w/coop-health/")
    space = db.session.scalar(select(Space).where(Space.slug == "coop-health"))
    assert space.kind == "workspace" and space.join_policy == "request"
    role = db.session.scalar(select(Membership.role).where(Membership.space_id == space.id))
    assert role == "owner"
    page = client.get("/w/coop-health/")
    assert page.status_code == 200
    assert b"About mutuals." in page.data


@pytest.mark.parametrize("slug, status", [
    ("new", 422), ("commons", 422), ("A-caps", 422), ("x", 422), ("-dash", 422),
    ("a" * 41, 422), ("taken", 422)])
def test_bad_or_taken_slugs_are_refused(client, auth, make_user, make_workspace, slug, status):
    make_workspace("taken", make_user("owner"))
    make_user("ana")
    auth.login("ana")
    response = client.post("/w/new", data={"slug": slug, "name": "N", "visibility": "public",
                                           "join_policy": "invite"})
    assert response.status_code == status
    assert b'class="error"' in response.data
    assert db.session.scalar(select(Space).where(Space.slug == slug, Space.name == "N")) is None


def test_private_open_is_refused(client, auth, make_user):
    make_user("ana")
    auth.login("ana")
    response = client.post("/w/new", data={"slug": "secret", "name": "S",
                                           "visibility": "private", "join_policy": "open"})
    assert response.status_code == 422
    assert db.session.scalar(select(Space).where(Space.slug == "secret")) is None


def test_anonymous_create_goes_to_login(client):
    response = client.get("/w/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_directory_hides_private_workspaces_from_non_members(client, auth, make_user,
                                                             make_workspace, add_member, olga):
    make_workspace("open-one", olga)
    secret = make_workspace("secret-one", olga, visibility="private")
    member = make_user("mem")
    add_member(secret, member, "viewer")
    make_user("stranger")
    page = client.get("/w/")
    assert b"workspace-open-one" in page.data and b"workspace-secret-one" not in page.data
    assert b'data-total="1"' in page.data
    auth.login("stranger")
    page = client.get("/w/")
    assert b"workspace-secret-one" not in page.data
    auth.logout()
    auth.login("mem")
    page = client.get("/w/")
    assert b"workspace-secret-one" in page.data and b'data-total="2"' in page.data
    assert client.get("/w/secret-one/").status_code == 200


def test_directory_search_counts_and_pages(client, make_workspace, olga):
    for n in range(25):
        make_workspace(f"group-{n:02d}", olga)
    make_workspace("other", olga)
    page = client.get("/w/?q=group")
    assert b'data-total="25"' in page.data
    assert b"workspace-other" not in page.data
    assert b'rel="next"' in page.data
    second = client.get("/w/?q=group&page=2")
    assert second.data.count(b'class="workspace"') == 5
    assert client.get("/w/?page=zzz").status_code == 200


def test_directory_shows_member_counts(client, make_user, make_workspace, add_member, olga):
    space = make_workspace("counted", olga)
    for name in ("m1", "m2"):
        add_member(space, make_user(name), "viewer")
    page = client.get("/w/")
    assert b'data-count="3"' in page.data


def test_private_workspace_is_404_for_outsiders(client, auth, make_user, make_workspace, olga):
    make_workspace("hidden", olga, visibility="private")
    assert client.get("/w/hidden/").status_code == 404
    make_user("stranger")
    auth.login("stranger")
    assert client.get("/w/hidden/").status_code == 404
    assert client.get("/w/hidden/blog/").status_code == 404
    assert client.get("/w/hidden/members").status_code == 404
    assert client.get("/w/nope/").status_code == 404
    assert client.get("/w/commons/").status_code == 404


def test_settings_by_owner_only(client, auth, make_user, make_workspace, add_member, olga):
    space = make_workspace("setme", olga)
    add_member(space, make_user("ed"), "editor")
    auth.login("ed")
    assert client.get("/w/setme/settings").status_code == 403
    assert client.post("/w/setme/settings", data={"name": "X", "visibility": "public",
                                                  "join_policy": "invite"}).status_code == 403
    auth.logout()
    auth.login("olga")
    assert client.get("/w/setme/settings").status_code == 200
    response = client.post("/w/setme/settings", data={
        "name": "Renamed", "description": "New words", "visibility": "private",
        "join_policy": "request"})
    assert response.status_code == 302
    db.session.refresh(space)
    assert (space.name, space.visibility, space.join_policy) == ("Renamed", "private", "request")


def test_delete_and_admin_restore(client, auth, make_user, make_workspace, olga):
    make_workspace("doomed", olga)
    make_user("root", role="admin")
    auth.login("olga")
    assert client.post("/w/doomed/delete").status_code == 302
    assert client.get("/w/doomed/").status_code == 404
    assert b"doomed" not in client.get("/w/").data
    auth.logout()
    assert client.get("/w/doomed/").status_code == 404
    auth.login("root")
    assert client.get("/w/doomed/").status_code == 200
    assert b"doomed" in client.get("/w/?deleted=1").data
    assert client.post("/w/doomed/restore").status_code == 302
    auth.logout()
    assert client.get("/w/doomed/").status_code == 200


def test_owner_cannot_restore(client, auth, make_workspace, olga):
    make_workspace("doomed", olga)
    auth.login("olga")
    client.post("/w/doomed/delete")
    assert client.post("/w/doomed/restore").status_code == 404


def test_home_shows_members_posts_main_page_and_join(client, auth, make_user, make_workspace,
                                                     make_post, olga):
    space = make_workspace("homely", olga, join_policy="request",
                           description="We insure goats.")
    make_post(space, olga, "First news", "Hello world")
    make_post(space, olga, "Secret draft", "Shh", status="draft")
    from wiki.services import save_page
    from wiki.titles import Title
    save_page(space, Title("Main", "Main Page"), "Welcome to **our wiki**.", olga)
    db.session.commit()
    page = client.get("/w/homely/")
    assert page.status_code == 200
    html = page.data.decode()
    assert "We insure goats." in html
    assert "First news" in html and "Secret draft" not in html
    assert "/w/homely/wiki/Main_Page" in html
    assert "<strong>our wiki</strong>" in html
    assert 'id="join"' in html and "/login" in html
    make_user("visitor")
    auth.login("visitor")
    html = client.get("/w/homely/").data.decode()
    assert 'class="join-request"' in html


def test_workspace_home_panel_slot_is_rendered(app, client, make_workspace, olga):
    from app.panels import add_panel
    from markupsafe import Markup
    seen = []

    def provider(space, user):
        seen.append(space.slug)
        return Markup('<section id="test-panel">panel</section>')

    add_panel(app, "workspace_home", 99, provider)
    make_workspace("panelled", olga)
    assert b'id="test-panel"' in client.get("/w/panelled/").data
    assert seen == ["panelled"]


def test_last_activity_is_bumped(make_workspace, make_post, olga):
    space = make_workspace("busy", olga)
    before = space.last_activity_at
    make_post(space, olga, "News")
    assert space.last_activity_at >= before


def test_anonymous_post_returns_to_the_form_page_after_login(client, make_workspace, olga,
                                                             make_post):
    space = make_workspace("talky", olga)
    post = make_post(space, olga, "Talk")
    page = f"http://localhost/w/talky/blog/{post.slug}"
    response = client.post(f"/w/talky/blog/{post.slug}/comments", data={"body": "hi"},
                           headers={"Referer": page})
    assert response.status_code == 302
    assert "next=/w/talky/blog/talk" in response.headers["Location"].replace("%2F", "/")
    response = client.post("/w/talky/join", headers={"Referer": "http://evil.example/x"})
    assert "next=/w/" in response.headers["Location"].replace("%2F", "/")


def test_nul_bytes_and_huge_numbers_are_not_server_errors(client, auth, make_user,
                                                          make_workspace, make_post,
                                                          api_token):
    olga = make_user("olga")
    space = make_workspace("ws", olga)
    post = make_post(space, olga, "Hello", "Some text.")
    auth.login("olga")
    for url in ("/w/?q=a%00b", "/w/ws/blog/?tag=%00", "/w/ws/blog/%00", "/w/%00/"):
        assert client.get(url).status_code == 400, url
    assert client.post("/w/ws/members/invite", data={"username": "a\x00"}).status_code == 400
    headers = api_token(olga)
    assert client.get("/api/v1/workspaces?q=%00", headers=headers).status_code == 400
    response = client.post("/api/v1/w/ws/posts", headers=headers,
                           json={"title": "Nul \u0000 title"})
    assert response.status_code == 400 and response.get_json()["error"]["message"]
    huge = "9" * 30
    assert client.get(f"/w/ws/blog/{post.slug}?rev={huge}").status_code == 404
    assert client.get(f"/w/ws/blog/{post.slug}?rev=-1").status_code == 404
    for url in (f"/w/ws/invitations/{huge}/accept", f"/w/ws/requests/{huge}/refuse",
                f"/w/ws/blog/{post.slug}/comments/{huge}/delete"):
        assert client.post(url).status_code == 404, url


def test_home_lists_a_few_members_and_counts_all(client, make_user, make_workspace,
                                                 add_member):
    from workspaces.views.space import HOME_MEMBERS
    space = make_workspace("crowd", make_user("olga"))
    for n in range(HOME_MEMBERS + 3):
        add_member(space, make_user(f"member{n:02d}"), "viewer")
    html = client.get("/w/crowd/").data.decode()
    section = html.split('id="members"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li>") == HOME_MEMBERS
    assert f">{HOME_MEMBERS + 4} " in section
    response = client.get("/api/v1/workspaces/crowd")
    assert response.get_json()["member_count"] == HOME_MEMBERS + 4


@pytest.mark.parametrize("language, shown", [("en", "/w/&lt;address&gt;/"),
                                             ("fr", "/w/&lt;adresse&gt;/")])
def test_the_address_hint_shows_its_placeholder_as_text(client, auth, olga, language, shown):
    auth.login("olga")
    html = client.get("/w/new", headers={"Accept-Language": language}).get_data(as_text=True)
    assert shown in html
