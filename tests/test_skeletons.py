"""Signed-in page views made from kept skeletons (app/skeletons.py).

Readers with the same rights share one skeleton of a page; each still gets
their own name, unread count, CSRF token, watch button and flashed messages;
readers with other rights (a moderator, a workspace's editor) never get
another class's page; and anything the page shows that changes is on the
next view."""
import re

import pytest

from app.extensions import db
from tests.conftest import PASSWORD

pytestmark = pytest.mark.config(PAGE_CACHE_MIN_REQUESTS=1, WTF_CSRF_ENABLED=True)

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def browser(app, username):
    """A browser signed in as ``username`` through the login form."""
    client = app.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"login": username, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302
    return client


def view(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.headers.get("X-Cache"), response.get_data(as_text=True)


def tokens_in(html):
    return set(TOKEN.findall(html))


def marks_left(app, html):
    from app.skeletons import _secret
    with app.test_request_context():
        return _secret() in html


def test_members_share_a_skeleton_each_with_their_own_header(app, make_user, make_page):
    make_user("ana", display_name="Ana Alves")
    make_user("bea", display_name="Bea Bento")
    make_page("Foo", body="Shared text.")
    ana, bea = browser(app, "ana"), browser(app, "bea")

    made, ana_html = view(ana, "/wiki/Foo")
    assert made == "miss"
    assert "Ana Alves" in ana_html and "Shared text." in ana_html
    made, bea_html = view(bea, "/wiki/Foo")
    assert made == "hit"
    assert "Bea Bento" in bea_html and "Shared text." in bea_html
    assert "Ana Alves" not in bea_html
    assert not marks_left(app, ana_html) and not marks_left(app, bea_html)
    # The same page but for what is each reader's own: their name, link and token.

    def own_parts_out(html, username, name):
        return TOKEN.sub("", html.replace(name, "").replace(f"/u/{username}", ""))
    assert own_parts_out(ana_html, "ana", "Ana Alves") == own_parts_out(bea_html, "bea",
                                                                        "Bea Bento")


def test_each_reader_gets_their_own_working_csrf_token(app, make_user, make_page):
    make_user("ana")
    make_user("bea")
    make_page("Foo")
    ana, bea = browser(app, "ana"), browser(app, "bea")
    ana_tokens = tokens_in(view(ana, "/wiki/Foo")[1])
    made, bea_html = view(bea, "/wiki/Foo")
    bea_tokens = tokens_in(bea_html)
    assert made == "hit"
    assert len(ana_tokens) == 1 and len(bea_tokens) == 1 and ana_tokens != bea_tokens
    # Ana's token is no good in Bea's session; Bea's own is.
    assert bea.post("/logout", data={"csrf_token": ana_tokens.pop()}).status_code == 400
    assert bea.post("/logout", data={"csrf_token": bea_tokens.pop()}).status_code == 302
    assert bea.get("/settings").status_code == 302  # signed out


def test_each_reader_sees_their_own_unread_messages(app, make_user, make_page):
    from community.messages.services import start_conversation
    ana, bea = make_user("ana"), make_user("bea")
    make_user("cleo")
    start_conversation(ana, [bea], "Hello", "A first message.")
    db.session.commit()
    make_page("Foo")
    assert 'id="unread-count"' not in view(browser(app, "cleo"), "/wiki/Foo")[1]
    made, bea_html = view(browser(app, "bea"), "/wiki/Foo")
    assert made == "hit"
    assert re.search(r'id="unread-count">1<', bea_html)


def test_the_watch_button_is_each_readers_own(app, make_user, make_page):
    from feeds import watching
    make_user("ana")
    bea = make_user("bea")
    make_user("cleo")
    page = make_page("Foo")
    watching.watch(bea, watching.watch_target("page", page.id))
    db.session.commit()

    def pressed(html):
        return re.search(r'class="watch-button" aria-pressed="(\w+)"', html).group(1)

    assert pressed(view(browser(app, "ana"), "/wiki/Foo")[1]) == "false"
    made, bea_html = view(browser(app, "bea"), "/wiki/Foo")
    assert made == "miss" and pressed(bea_html) == "true"
    made, cleo_html = view(browser(app, "cleo"), "/wiki/Foo")
    assert made == "hit" and pressed(cleo_html) == "false"


def test_a_flashed_message_shows_on_a_page_made_from_a_skeleton(app, make_user, make_page):
    make_user("ana")
    make_user("bea")
    make_page("Foo")
    view(browser(app, "ana"), "/wiki/Foo")
    bea = browser(app, "bea")
    with bea.session_transaction() as session:
        session["_flashes"] = [("info", "Welcome back, Bea.")]
    made, html = view(bea, "/wiki/Foo")
    assert made == "hit" and "Welcome back, Bea." in html
    assert "Welcome back, Bea." not in view(bea, "/wiki/Foo")[1]  # shown once


def test_a_moderators_page_is_never_a_members_and_back(app, make_user, make_page):
    make_user("mo", role="moderator")
    make_user("ana")
    make_user("bea")
    make_page("Foo")
    protect = 'action="/wiki/Foo/protect"'
    assert protect in view(browser(app, "mo"), "/wiki/Foo")[1]
    made, ana_html = view(browser(app, "ana"), "/wiki/Foo")
    assert made == "miss" and protect not in ana_html
    assert view(browser(app, "bea"), "/wiki/Foo")[0] == "hit"
    made, mo_html = view(browser(app, "mo"), "/wiki/Foo")
    assert made == "hit" and protect in mo_html


def test_roles_in_a_workspace_make_different_pages(app, make_user, make_page, make_space):
    ana, bea, cleo = make_user("ana"), make_user("bea"), make_user("cleo")
    make_user("dan")
    space = make_space("health", visibility="private",
                       members={ana: "editor", bea: "viewer", cleo: "viewer"})
    make_page("Plan", body="Private plan.", space=space)
    edit_tab = 'id="tab-edit"'
    made, ana_html = view(browser(app, "ana"), "/w/health/wiki/Plan")
    assert made == "miss" and edit_tab in ana_html
    made, bea_html = view(browser(app, "bea"), "/w/health/wiki/Plan")
    assert made == "miss" and edit_tab not in bea_html and "Private plan." in bea_html
    assert view(browser(app, "cleo"), "/w/health/wiki/Plan")[0] == "hit"
    assert browser(app, "dan").get("/w/health/wiki/Plan").status_code == 404

    from app.spaces.models import Membership
    membership = db.session.scalar(db.select(Membership).where(Membership.user_id == bea.id))
    membership.role = "editor"
    db.session.commit()
    made, bea_html = view(browser(app, "bea"), "/w/health/wiki/Plan")
    assert edit_tab in bea_html


def test_an_edit_shows_on_the_next_signed_in_view(app, make_user, make_page):
    make_user("ana")
    make_user("bea")
    page = make_page("Foo", body="Old text.")
    ana, bea = browser(app, "ana"), browser(app, "bea")
    view(ana, "/wiki/Foo")
    assert view(bea, "/wiki/Foo")[0] == "hit"
    edit = ana.get("/wiki/Foo/edit").get_data(as_text=True)
    saved = ana.post("/wiki/Foo/edit", data={
        "body": "New text.", "summary": "", "base_rev": page.head_number,
        "csrf_token": TOKEN.search(edit).group(1)})
    assert saved.status_code == 302
    made, html = view(bea, "/wiki/Foo")
    assert made == "miss" and "New text." in html and "Old text." not in html


def test_a_renamed_member_sees_their_new_name_at_once(app, make_user, make_page):
    ana = make_user("ana", display_name="Ana Alves")
    make_page("Foo")
    client = browser(app, "ana")
    assert "Ana Alves" in view(client, "/wiki/Foo")[1]
    ana.display_name = "Ana Souza"
    db.session.commit()
    html = view(client, "/wiki/Foo")[1]
    assert "Ana Souza" in html and "Ana Alves" not in html


def test_which_views_are_made_from_skeletons(app, client, make_user, make_page):
    """Not an anonymous reader's (their whole answers are cached); an old
    revision's, under its own key; not a view with arguments it does not cache with."""
    make_user("ana")
    make_page("Foo", body="First.")
    make_page("Foo", body="Second.", base_number=1)
    ana = browser(app, "ana")
    view(ana, "/wiki/Foo")
    anonymous = client.get("/wiki/Foo")
    assert "Log in" in anonymous.get_data(as_text=True) and "csrf_token" not in \
        anonymous.get_data(as_text=True)
    assert view(ana, "/wiki/Foo?rev=1")[0] == "miss"
    made, html = view(ana, "/wiki/Foo?rev=1")
    assert made == "hit" and "First." in html and "Second." not in html
    # Arguments the view does not cache with: rendered for the reader alone.
    response = ana.get("/wiki/Foo?utm=x")
    assert response.status_code == 200 and "X-Cache" not in response.headers


def test_cache_pages_as_a_member_fills_the_skeletons_of_their_class(
        app, runner, make_user, make_page, make_space):
    owner = make_user("ana")
    make_user("bea")
    make_page("Foo", body="One.")
    make_page("Bar", body="Two.")
    private = make_space("closed", visibility="private", members={owner: "owner"})
    make_page("Secret", body="Hidden.", space=private)
    result = runner.invoke(args=["cache-pages", "--as", "bea", "--url", "http://localhost"])
    assert result.exit_code == 0, result.output
    assert "did not answer 200" in result.output
    bea = browser(app, "bea")
    for path in ("/wiki/Foo", "/wiki/Bar"):
        assert view(bea, path)[0] == "hit"
    # Bea may not read the private workspace: nothing of it was rendered for her class.
    assert bea.get("/w/closed/wiki/Secret").status_code == 404
    assert runner.invoke(args=["cache-pages", "--as", "nobody"]).exit_code != 0


def test_a_skeleton_holding_a_readers_token_is_not_kept(app, make_user, make_page):
    """Should a template ever get Flask-WTF's own ``csrf_token`` again, the
    reader's token would be in the skeleton: it is then not kept."""
    from flask_wtf.csrf import generate_csrf
    app.context_processor(lambda: {"csrf_token": generate_csrf})
    make_user("ana")
    make_user("bea")
    make_page("Foo")
    ana_tokens = tokens_in(view(browser(app, "ana"), "/wiki/Foo")[1])
    made, bea_html = view(browser(app, "bea"), "/wiki/Foo")
    assert made == "miss" and not ana_tokens & tokens_in(bea_html)


def test_skeletons_kept_under_another_secret_key_are_not_used(
        app, app_factory, make_user, make_page):
    """The store outlives a restart; a new ``SECRET_KEY`` means new marks."""
    make_user("ana", display_name="Ana Alves")
    make_user("bea", display_name="Bea Bento")
    make_page("Foo")
    view(browser(app, "ana"), "/wiki/Foo")
    assert view(browser(app, "bea"), "/wiki/Foo")[0] == "hit"
    restarted = app_factory(PAGE_CACHE_MIN_REQUESTS=1, WTF_CSRF_ENABLED=True,
                            SECRET_KEY="another secret key, after a rotation")
    bea = browser(restarted, "bea")
    made, html = view(bea, "/wiki/Foo")
    assert made == "miss" and "Bea Bento" in html and not marks_left(restarted, html)
    token = TOKEN.search(html).group(1)
    assert bea.post("/logout", data={"csrf_token": token}).status_code == 302
