"""Page actions through the HTML views: conflicts and merges, revert, move,
delete and restore, protection, backlinks, and what readers may not see."""
import re

import pytest
from sqlalchemy import select

from app import signals
from app.extensions import db
from wiki.models import Page, Revision

BASE = "Intro line.\n\nMiddle line.\n\nClosing line.\n"


@pytest.fixture
def member(make_user, auth):
    user = make_user("ana")
    auth.login("ana")
    return user


def page_named(title, namespace="Main"):
    db.session.expire_all()
    return db.session.scalar(select(Page).where(Page.namespace == namespace,
                                                Page.title == title))


def bodies(page):
    return [r.body for r in db.session.scalars(
        select(Revision).where(Revision.page_id == page.id).order_by(Revision.number))]


def test_clean_concurrent_edit_is_merged_and_said(client, member, make_page, make_user):
    make_page("Shared", body=BASE, author=member)
    make_page("Shared", body=BASE.replace("Intro", "INTRO"), author=make_user("bob"))
    response = client.post("/wiki/Shared/edit", data={
        "body": BASE.replace("Closing", "CLOSING"), "base_rev": "1", "summary": "mine"},
        follow_redirects=True)
    assert response.status_code == 200
    assert b"merged" in response.data
    page = page_named("Shared")
    assert page.head_number == 3
    assert bodies(page)[-1] == "INTRO line.\n\nMiddle line.\n\nCLOSING line.\n"
    assert db.session.get(Revision, page.current_revision_id).parent_number == 1


def test_real_conflict_shows_the_editor_again_with_nothing_lost(client, member, make_page,
                                                                make_user):
    make_page("Clash", body=BASE, author=member)
    make_page("Clash", body=BASE.replace("Middle line.", "Their middle."),
              author=make_user("bob"))
    mine = BASE.replace("Middle line.", "My <middle> & more.")
    response = client.post("/wiki/Clash/edit", data={"body": mine, "base_rev": "1",
                                                     "summary": "my summary"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert 'id="edit-conflict"' in html
    # The editor holds my text, escaped; the base is now the current revision.
    assert "My &lt;middle&gt; &amp; more." in html
    assert 'name="base_rev" value="2"' in html
    assert 'value="my summary"' in html
    # Both versions, and the conflict markers.
    assert "Their middle." in html and "&lt;&lt;&lt;&lt;&lt;&lt;&lt; current" in html
    assert "<<<" not in html and ">>>" not in html  # the label names the markers as text
    assert page_named("Clash").head_number == 2
    # Saving the resolved text with the new base succeeds.
    resolved = client.post("/wiki/Clash/edit", data={"body": mine, "base_rev": "2"})
    assert resolved.status_code == 302
    assert bodies(page_named("Clash"))[-1] == mine


def test_create_race_is_a_merge_against_an_empty_base(client, member, make_page):
    make_page("Fresh", body="Someone else's start.\n")
    response = client.post("/wiki/Fresh/edit", data={"body": "My start.\n", "base_rev": ""})
    assert response.status_code == 409
    assert b"My start." in response.data
    same = client.post("/wiki/Fresh/edit", data={"body": "Someone else's start.\n",
                                                 "base_rev": ""})
    assert same.status_code == 302 and page_named("Fresh").head_number == 1


def test_revert_makes_a_new_revision_and_signals(client, member, make_page):
    for text in ("one", "two", "three"):
        make_page("Rev", body=text, author=member)
    received = []
    with signals.page_reverted.connected_to(lambda sender, **kw: received.append(kw)):
        response = client.post("/wiki/Rev/revert/1")
    assert response.status_code == 302
    page = page_named("Rev")
    assert bodies(page) == ["one", "two", "three", "one"]
    [kw] = received
    assert kw["to_number"] == 1 and kw["revision"].number == 4 and kw["actor"].id == member.id
    assert client.post("/wiki/Rev/revert/9").status_code == 404
    assert client.get("/wiki/Rev/revert/1").status_code == 404  # POST only


def test_move_leaves_a_redirect(client, member, make_page):
    make_page("Old name", body="Content [[Other]]", author=member)
    make_page("Linker", body="See [[Old name]].")
    moved = []
    with signals.page_moved.connected_to(lambda sender, **kw: moved.append((sender, kw))):
        response = client.post("/wiki/Old_name/move", data={"new_title": "Library:New name"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/wiki/Library:New_name")
    page = page_named("New name", "Library")
    assert page.head_number == 2 and bodies(page)[-1] == "Content [[Other]]"
    sender, kw = moved[0]
    assert sender.id == page.id and kw["old_title"] == "Old name"
    assert kw["old_namespace"] == "Main" and kw["redirect"].redirect_to_id == page.id

    follow = client.get("/wiki/Old_name")
    assert follow.status_code == 302
    target = client.get(follow.headers["Location"])
    assert b'id="redirected-from"' in target.data and b"Old name" in target.data
    assert b'href="/wiki/Old_name?redirect=no">Old name</a>' in target.data
    for claimed in ("Linker", "Nowhere", "Bad|title"):  # not a redirect to this page
        faked = client.get("/wiki/Library:New_name", query_string={"redirected_from": claimed})
        assert faked.status_code == 200 and b'id="redirected-from"' not in faked.data
    stay = client.get("/wiki/Old_name?redirect=no")
    assert stay.status_code == 200 and b'id="redirect-page"' in stay.data
    history = client.get("/wiki/Library:New_name/history")
    assert b"Old name" in history.data  # the older revision's title

    taken = client.post("/wiki/Library:New_name/move", data={"new_title": "Linker"})
    assert taken.status_code == 400 and page_named("New name", "Library") is not None
    bad = client.post("/wiki/Library:New_name/move", data={"new_title": "Bad|title"})
    assert bad.status_code == 400
    # Moving back over its own redirect is allowed.
    back = client.post("/wiki/Library:New_name/move", data={"new_title": "Old name"})
    assert back.status_code == 302 and page_named("Old name").redirect_to_id is None


def test_delete_and_restore_are_for_moderators(client, auth, make_user, make_page):
    make_user("ana")
    make_user("mod", role="moderator")
    make_page("Fragile", body="text")
    auth.login("ana")
    assert client.post("/wiki/Fragile/delete").status_code == 403
    auth.login("mod")
    assert client.post("/wiki/Fragile/delete").status_code == 302
    assert page_named("Fragile").deleted_at is not None
    view = client.get("/wiki/Fragile")
    assert view.status_code == 200 and b'id="deleted-notice"' in view.data
    auth.logout()
    auth.login("ana")
    for url in ("/wiki/Fragile", "/wiki/Fragile/raw", "/wiki/Fragile/history",
                "/wiki/Fragile/diff", "/wiki/Fragile/backlinks"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"text" not in response.data.split(b"<main")[1]  # nothing of the page shows
    # To a member the title is free, as any missing page's (see the next test).
    assert b'id="create-link"' in client.get("/wiki/Fragile").data
    assert client.post("/wiki/Fragile/restore").status_code == 404
    auth.login("mod")
    assert client.post("/wiki/Fragile/restore").status_code == 302
    page = page_named("Fragile")
    assert page.deleted_at is None and page.head_number == 1
    auth.login("ana")
    assert client.get("/wiki/Fragile").status_code == 200


def test_a_deleted_title_can_be_created_again(client, auth, make_user, make_page):
    """As in MediaWiki: a member creates a new page at a deleted page's title; the
    deleted page keeps its history aside, where moderators restore it."""
    make_user("ana")
    make_user("mod", role="moderator")
    make_page("Linker", body="See [[Fragile]].")
    make_page("Fragile", body="old spam")
    auth.login("mod")
    assert client.post("/wiki/Fragile/delete").status_code == 302
    deleted = page_named("Fragile")
    auth.login("ana")
    assert client.get("/wiki/Fragile/edit").status_code == 200
    assert client.post("/wiki/Fragile/edit", data={"body": "A fresh start."}).status_code == 302
    fresh = page_named("Fragile")
    assert fresh.id != deleted.id and fresh.head_number == 1
    assert bodies(fresh) == ["A fresh start."]
    assert client.get("/wiki/Fragile").status_code == 200
    assert b'class="missing"' not in client.get("/wiki/Linker").data  # the link is blue again
    aside = db.session.get(Page, deleted.id)
    assert aside.deleted_at is not None and aside.title == f"Fragile (deleted {deleted.id})"
    assert client.get(f"/wiki/Fragile_(deleted_{deleted.id})").status_code == 404
    # A move onto a deleted title sets it aside too.
    make_page("Other", body="other")
    auth.login("mod")
    assert client.post("/wiki/Fragile/delete").status_code == 302
    auth.login("ana")
    assert client.post("/wiki/Other/move", data={"new_title": "Fragile"}).status_code == 302
    assert bodies(page_named("Fragile"))[-1] == "other"
    # Moderators find the first one where it was set aside, and restore it there.
    auth.login("mod")
    assert client.get(f"/wiki/Fragile_(deleted_{deleted.id})").status_code == 200
    assert client.post(f"/wiki/Fragile_(deleted_{deleted.id})/restore").status_code == 302
    assert db.session.get(Page, deleted.id).deleted_at is None


def test_protected_pages_are_edited_by_moderators_only(client, auth, make_user, make_page):
    make_user("ana")
    make_user("mod", role="moderator")
    make_page("Charter", body="rules")
    auth.login("ana")
    assert client.post("/wiki/Charter/protect").status_code == 403
    auth.login("mod")
    seen = []
    with signals.page_protected.connected_to(lambda sender, **kw: seen.append(kw["protected"])):
        assert client.post("/wiki/Charter/protect").status_code == 302
    assert seen == [True] and page_named("Charter").protected
    assert client.post("/wiki/Charter/edit", data={"body": "new rules",
                                                   "base_rev": "1"}).status_code == 302
    auth.login("ana")
    assert client.get("/wiki/Charter/edit").status_code == 403
    refused = client.post("/wiki/Charter/edit", data={"body": "mine", "base_rev": "2"})
    assert refused.status_code == 403
    assert b'id="tab-edit"' not in client.get("/wiki/Charter").data
    auth.login("mod")
    assert client.post("/wiki/Charter/unprotect").status_code == 302
    assert not page_named("Charter").protected


def test_backlinks_list_readable_linkers_only(client, member, make_page, make_space, make_user):
    make_page("Target", body="I am linked.")
    make_page("Fan", body="See [[Target]].")
    owner = make_user("owner")
    secret = make_space("secret", visibility="private", members={owner: "owner"})
    make_page("Spy", body="See [[commons:Target]].", space=secret)
    response = client.get("/wiki/Target/backlinks")
    assert response.status_code == 200
    assert b"/wiki/Fan" in response.data and b"Spy" not in response.data


def test_private_workspace_pages_are_404_for_outsiders(client, auth, make_user, make_space,
                                                       make_page):
    owner = make_user("owner")
    make_user("outsider")
    team = make_space("team", visibility="private", members={owner: "owner"})
    make_page("Plan", body="secret plan", space=team, author=owner)
    make_page("Plan", body="secret plan v2", space=team, author=owner)
    urls = ["/w/team/wiki/Plan", "/w/team/wiki/Plan/raw", "/w/team/wiki/Plan/history",
            "/w/team/wiki/Plan/diff?from=1&to=2", "/w/team/wiki/Plan/backlinks",
            "/w/team/wiki/Plan/edit", "/w/team/wiki/Nothing"]
    for who in (None, "outsider"):
        if who:
            auth.login(who)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert b"secret plan" not in response.data
        assert client.post("/w/team/wiki/Plan/edit", data={"body": "x"}).status_code == 404
    auth.login("owner")
    page = client.get("/w/team/wiki/Plan")
    assert page.status_code == 200 and b"secret plan v2" in page.data
    assert b'href="/w/team/wiki/Plan/history.atom"' in page.data
    assert client.post("/w/team/wiki/Plan/edit", data={"body": "v3", "base_rev": "2"}
                       ).headers["Location"].endswith("/w/team/wiki/Plan")
    assert client.get("/wiki/Plan").status_code == 404  # not in the commons


def test_workspace_viewer_reads_but_cannot_edit(client, auth, make_user, make_space, make_page):
    owner, viewer = make_user("owner"), make_user("viewer")
    team = make_space("team", visibility="private", members={owner: "owner", viewer: "viewer"})
    make_page("Plan", body="plan", space=team, author=owner)
    auth.login("viewer")
    assert client.get("/w/team/wiki/Plan").status_code == 200
    assert client.get("/w/team/wiki/Plan/edit").status_code == 403
    missing = client.get("/w/team/wiki/Other")
    assert missing.status_code == 404 and b'id="create-link"' not in missing.data


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_forms_carry_a_csrf_token_and_need_it(client, make_user, make_page):
    make_user("ana")
    make_page("Guarded", body="text")
    login_form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', login_form)
    assert token is not None
    client.post("/login", data={"login": "ana", "password": "correct horse battery",
                                "csrf_token": token.group(1)})
    form = client.get("/wiki/Guarded/edit").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    refused = client.post("/wiki/Guarded/edit", data={"body": "forged", "base_rev": "1"})
    assert refused.status_code == 400
    accepted = client.post("/wiki/Guarded/edit", data={"body": "real", "base_rev": "1",
                                                       "csrf_token": token})
    assert accepted.status_code == 302
    assert page_named("Guarded").head_number == 2
