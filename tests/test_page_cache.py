"""The whole-page cache for anonymous readers (app/cache.py, app/generation.py).

An anonymous reader's second view of a page comes from the cache; any change
that the page may show (edit, move, deletion, protection, visibility, a new
subpage, a red link's target) is on the very next view; signed-in readers and
readers of private spaces never get a cached page."""
import pytest

from app.extensions import db
from tests.conftest import PASSWORD

# Most tests look at what a stored answer does: store from the first request.
pytestmark = pytest.mark.config(PAGE_CACHE_MIN_REQUESTS=1)


def member_browser(app, username):
    """A second browser, signed in as ``username`` (the ``client`` stays anonymous)."""
    browser = app.test_client()
    response = browser.post("/login", data={"login": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def view(client, path, **headers):
    response = client.get(path, headers=headers)
    return response, response.get_data(as_text=True)


def test_a_second_anonymous_view_is_served_from_the_cache(client, make_page):
    make_page("Foo", body="Mutual health organisations.")
    first, first_html = view(client, "/wiki/Foo")
    assert first.status_code == 200 and first.headers["X-Cache"] == "miss"
    second, second_html = view(client, "/wiki/Foo")
    assert second.headers["X-Cache"] == "hit"
    assert second_html == first_html and "Mutual health organisations." in second_html
    for response in (first, second):
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
        assert response.headers["ETag"] == first.headers["ETag"]
        assert {"Cookie", "Accept-Language"} <= set(response.vary)
        assert response.headers["Content-Security-Policy"]
        assert response.mimetype == "text/html"


def test_a_matching_conditional_get_is_answered_304(client, make_user, make_page):
    make_page("Foo", body="First text.")
    etag = client.get("/wiki/Foo").headers["ETag"]
    again = client.get("/wiki/Foo", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    make_page("Foo", body="Second text.", author=make_user("ana"))
    changed, html = view(client, "/wiki/Foo", **{"If-None-Match": etag})
    assert changed.status_code == 200 and "Second text." in html
    assert changed.headers["ETag"] != etag


def test_an_edit_shows_on_the_next_anonymous_view(app, client, make_user, make_page):
    make_user("ana")
    page = make_page("Foo", body="Old text.")
    assert "Old text." in view(client, "/wiki/Foo")[1]
    assert view(client, "/wiki/Foo")[0].headers["X-Cache"] == "hit"
    ana = member_browser(app, "ana")
    saved = ana.post("/wiki/Foo/edit", data={
        "body": "New text.", "summary": "", "base_rev": page.head_number})
    assert saved.status_code == 302
    response, html = view(client, "/wiki/Foo")
    assert response.headers["X-Cache"] == "miss"
    assert "New text." in html and "Old text." not in html


def test_move_delete_and_protection_show_at_once(app, client, make_user, make_page):
    make_user("mo", role="moderator")
    make_page("Foo", body="Text.")
    make_page("Bar", body="Other text.")
    mo = member_browser(app, "mo")
    assert "protected-notice" not in view(client, "/wiki/Bar")[1]
    assert mo.post("/wiki/Bar/protect").status_code == 302
    assert "protected-notice" in view(client, "/wiki/Bar")[1]

    assert view(client, "/wiki/Foo")[0].status_code == 200
    assert mo.post("/wiki/Foo/move", data={"new_title": "Baz"}).status_code == 302
    moved = client.get("/wiki/Foo")
    assert moved.status_code == 302 and "/wiki/Baz" in moved.headers["Location"]
    assert view(client, "/wiki/Baz")[0].status_code == 200

    view(client, "/wiki/Bar")
    assert view(client, "/wiki/Bar")[0].headers["X-Cache"] == "hit"
    assert mo.post("/wiki/Bar/delete", data={"reason": "spam"}).status_code == 302
    assert client.get("/wiki/Bar").status_code == 404


def test_a_new_subpage_and_a_red_links_target_show_at_once(client, make_user, make_page):
    ana = make_user("ana")
    make_page("Knowledge:Mechanisms", body="See [[Knowledge:Pooling]].", author=ana)
    html = view(client, "/wiki/Knowledge:Mechanisms")[1]
    assert "/wiki/Knowledge:Pooling/edit" in html and "Microinsurance" not in html
    make_page("Knowledge:Mechanisms/Microinsurance", author=ana)
    html = view(client, "/wiki/Knowledge:Mechanisms")[1]
    assert 'id="children-heading"' in html and "Microinsurance" in html
    make_page("Knowledge:Pooling", author=ana)
    html = view(client, "/wiki/Knowledge:Mechanisms")[1]
    assert "/wiki/Knowledge:Pooling/edit" not in html and 'href="/wiki/Knowledge:Pooling"' in html


def test_signed_in_readers_never_get_a_cached_page(app, client, make_user, make_page):
    make_user("ana", display_name="Ana Sow")
    make_page("Foo", body="Text.")
    view(client, "/wiki/Foo")
    assert view(client, "/wiki/Foo")[0].headers["X-Cache"] == "hit"
    ana = member_browser(app, "ana")
    response, html = view(ana, "/wiki/Foo")
    # Not the anonymous answer (a skeleton of members' views was rendered: app.skeletons).
    assert response.headers["X-Cache"] == "miss" and "Ana Sow" in html and "Log in" not in html
    assert "Cache-Control" not in response.headers or "public" not in response.headers[
        "Cache-Control"]
    # Nor is what a member saw kept for anonymous readers.
    make_page("Bar")
    view(ana, "/wiki/Bar")
    response, html = view(client, "/wiki/Bar")
    assert response.headers["X-Cache"] == "miss" and "Ana Sow" not in html


def test_browsing_members_do_not_empty_the_cache(app, client, make_user, make_page):
    """Only writes a page may show change the generation ("last seen" does not)."""
    from app.generation import generation
    make_user("ana")
    make_page("Foo")
    ana = member_browser(app, "ana")
    with app.app_context():
        before = generation()
    view(client, "/wiki/Foo")
    ana.get("/wiki/Foo")
    ana.get("/")
    assert view(client, "/wiki/Foo")[0].headers["X-Cache"] == "hit"
    with app.app_context():
        assert generation() == before


def test_a_workspace_made_private_is_never_served_from_the_cache(
        app, client, make_user, make_workspace, make_page):
    from app.spaces.models import PRIVATE
    ana = make_user("ana")
    space = make_workspace("health", ana)
    make_page("Plan", body="Our plan.", space=space, author=ana)
    assert "Our plan." in view(client, "/w/health/wiki/Plan")[1]
    assert view(client, "/w/health/wiki/Plan")[0].headers["X-Cache"] == "hit"
    space.visibility = PRIVATE
    db.session.commit()
    assert client.get("/w/health/wiki/Plan").status_code == 404
    member = member_browser(app, "ana")
    assert "Our plan." in view(member, "/w/health/wiki/Plan")[1]
    assert client.get("/w/health/wiki/Plan").status_code == 404


def test_the_readers_language_is_part_of_the_key(client, make_page):
    make_page("Foo")
    english = view(client, "/wiki/Foo")[1]
    french = view(client, "/wiki/Foo", **{"Accept-Language": "fr"})
    assert french[0].headers["X-Cache"] == "miss" and '<html lang="fr">' in french[1]
    client.set_cookie("locale", "es")
    spanish = view(client, "/wiki/Foo", **{"Accept-Language": "fr"})[1]
    assert '<html lang="es">' in spanish
    client.delete_cookie("locale")
    again = view(client, "/wiki/Foo")
    assert again[0].headers["X-Cache"] == "hit" and again[1] == english


def test_unknown_query_arguments_and_errors_are_not_cached(client, make_page):
    make_page("Foo")
    for _ in range(2):
        response = client.get("/wiki/Foo?utm_source=x")
        assert response.status_code == 200 and "X-Cache" not in response.headers
        missing = client.get("/wiki/Nothing_here")
        assert missing.status_code == 404 and "X-Cache" not in missing.headers
    # An old revision is a page of its own.
    old = client.get("/wiki/Foo?rev=1")
    assert old.status_code == 200 and old.headers["X-Cache"] == "miss"


def test_a_flash_in_the_session_is_never_cached(app, client, make_page):
    """A reader with a session (here: a flashed message) renders afresh."""
    make_page("Foo")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Hello from the session")]
    response, html = view(client, "/wiki/Foo")
    assert "Hello from the session" in html and "X-Cache" not in response.headers
    client.delete_cookie("session")
    assert "Hello from the session" not in view(client, "/wiki/Foo")[1]


@pytest.mark.config(PAGE_CACHE=False)
def test_the_cache_can_be_turned_off(client, make_page):
    make_page("Foo")
    client.get("/wiki/Foo")
    assert "X-Cache" not in client.get("/wiki/Foo").headers


def test_anonymous_feeds_are_cached_and_token_feeds_are_not(client, make_user, make_page):
    from feeds.tokens import regenerate_feed_token
    ana = make_user("ana")
    make_page("Foo", author=ana)
    first = client.get("/recent.atom")
    second = client.get("/recent.atom")
    assert second.headers["X-Cache"] == "hit" and second.data == first.data
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert second.headers["Last-Modified"] == first.headers["Last-Modified"]
    token = regenerate_feed_token(ana)
    db.session.commit()
    personal = client.get(f"/recent.atom?token={token}")
    assert personal.status_code == 200 and "X-Cache" not in personal.headers
    assert "private" in personal.headers["Cache-Control"]
    make_page("Bar", author=ana)
    fresh = client.get("/recent.atom")
    assert fresh.headers["X-Cache"] == "miss" and b"Bar" in fresh.data


def test_the_generation_changes_with_the_write_itself(app, make_user):
    """The bump is part of the writer's transaction: a rolled-back write keeps
    the generation, and a write whose first bump ran in a savepoint that was
    rolled back still changes it when it commits."""
    from app.accounts.models import User
    from app.extensions import db
    from app.generation import generation
    make_user("ana")
    with app.app_context():
        before = generation()
        user = db.session.scalar(db.select(User).filter_by(username="ana"))
        user.display_name = "Ana Sow"
        db.session.flush()
        db.session.rollback()
        assert generation() == before
        user = db.session.scalar(db.select(User).filter_by(username="ana"))
        savepoint = db.session.begin_nested()
        user.display_name = "Gone"
        db.session.flush()
        savepoint.rollback()
        user.organisation = "Mutual"
        db.session.commit()
        after = generation()
        assert after != before
        user.display_name = "Ana"
        db.session.commit()
        assert generation() != after


def test_the_workers_of_one_server_share_the_cache(app, app_factory, client, make_page):
    """By default the store is a folder of the instance: a page one worker
    rendered is a hit in the other (and takes none of their memory)."""
    assert app.config["CACHE_TYPE"] == "FileSystemCache"
    make_page("Shared", body="Rendered once.")
    assert view(client, "/wiki/Shared")[0].headers["X-Cache"] == "miss"
    other_worker = app_factory()
    with other_worker.app_context():
        response = other_worker.test_client().get("/wiki/Shared")
    assert response.headers["X-Cache"] == "hit"
    assert "Rendered once." in response.get_data(as_text=True)
    assert app.config["CACHE_DIR"].startswith(app.instance_path)


@pytest.mark.config(PAGE_CACHE_MIN_REQUESTS=2)
def test_an_answer_is_stored_on_its_second_request(app, client, make_page):
    """A page read once (a crawler's walk through the site) is not written to
    the store; the second request of the same answer is."""
    make_page("Popular", body="Read often.")
    make_page("Once", body="Read once.")
    assert view(client, "/wiki/Once")[0].headers["X-Cache"] == "miss"
    first, second, third = (view(client, "/wiki/Popular") for _ in range(3))
    assert first[0].headers["X-Cache"] == "miss" and second[0].headers["X-Cache"] == "miss"
    assert third[0].headers["X-Cache"] == "hit" and third[1] == first[1]
    # Each answer's requests count apart: /wiki/Once was asked for once only.
    assert view(client, "/wiki/Once")[0].headers["X-Cache"] == "miss"
    assert view(client, "/wiki/Once")[0].headers["X-Cache"] == "hit"
    # Stored or not, the ETag answers a conditional GET with 304.
    etag = first[0].headers["ETag"]
    assert client.get("/wiki/Popular", headers={"If-None-Match": etag}).status_code == 304


def test_an_edit_leaves_the_other_pages_stored_views_alone(app, client, make_user, make_page):
    """An edit makes stale the view of the page it changed (its ``touched`` stamp)
    and the answers that depend on the whole site (a feed), not every page view."""
    ana = make_user("ana")
    make_page("Foo", body="Old text.")
    make_page("Bar", body="Untouched text.")
    for path in ("/wiki/Foo", "/wiki/Bar", "/recent.atom"):
        client.get(path)
        assert client.get(path).headers["X-Cache"] == "hit", path
    make_page("Foo", body="New text.", author=ana)
    bar, bar_html = view(client, "/wiki/Bar")
    assert bar.headers["X-Cache"] == "hit" and "Untouched text." in bar_html
    foo, foo_html = view(client, "/wiki/Foo")
    assert foo.headers["X-Cache"] == "miss" and "New text." in foo_html
    feed = client.get("/recent.atom")
    assert feed.headers["X-Cache"] == "miss" and b"Foo" in feed.data
    # Retagging without new text is an edit of the page too.
    make_page("Foo", body="New text.", author=ana, tags=["health"])
    assert "health" in view(client, "/wiki/Foo")[1]
    assert view(client, "/wiki/Bar")[0].headers["X-Cache"] == "hit"


def test_writes_that_show_on_other_pages_make_every_view_stale(app, client, make_user,
                                                              make_page):
    """A new page (red links, lists of subpages), an edit of a translation's
    source (the "may be outdated" notice), of a key question (its Knowledge page
    says whether it is answered) or of a record (indexes, country profiles)."""
    from wiki import translations
    ana = make_user("ana")
    make_page("Bar", body="Links to [[Baz]].")
    source = make_page("Risk", body="One.", language="en")
    french = make_page("Risque", body="Un.", language="fr")
    translations.link_translation(french, source)
    db.session.commit()
    make_page("Knowledge:Mechanisms", body="How schemes work.")
    make_page("Knowledge:Mechanisms/Key questions/Who pays", body="")

    def stored(path):
        client.get(path)
        response, html = view(client, path)
        assert response.headers["X-Cache"] == "hit", path
        return html

    assert "Baz" in stored("/wiki/Bar")
    make_page("Baz", body="Now it exists.", author=ana)
    assert view(client, "/wiki/Bar")[0].headers["X-Cache"] == "miss"

    assert 'id="translation-outdated"' not in stored("/wiki/Risque")
    make_page("Risk", body="One.\n\nTwo.", author=ana)
    response, html = view(client, "/wiki/Risque")
    assert response.headers["X-Cache"] == "miss" and 'id="translation-outdated"' in html

    assert "not answered yet" in stored("/wiki/Knowledge:Mechanisms")
    make_page("Knowledge:Mechanisms/Key questions/Who pays", body="Members do.", author=ana)
    response, html = view(client, "/wiki/Knowledge:Mechanisms")
    assert response.headers["X-Cache"] == "miss" and "(answered)" in html

    make_page("Library:Guide", body="---\nyear: 2019\n---\nA guide.", author=ana)
    stored("/wiki/Bar")
    make_page("Library:Guide", body="---\nyear: 2020\n---\nA guide.", author=ana)
    assert view(client, "/wiki/Bar")[0].headers["X-Cache"] == "miss"


def test_only_a_page_edit_keeps_the_page_views_generation(app, make_user, make_page):
    from app.generation import generations
    from wiki.services import move_page
    from wiki.titles import parse
    ana = make_user("ana")
    page = make_page("Foo", body="One.")
    before = generations()
    make_page("Foo", body="Two.", author=ana)
    after_edit = generations()
    assert after_edit[0] != before[0] and after_edit[1] == before[1]
    move_page(page, parse("Foo moved"), ana)
    db.session.commit()
    assert generations()[1] != after_edit[1]


@pytest.mark.config(PAGE_CACHE_MIN_REQUESTS=2)
def test_cache_pages_renders_every_public_page_ahead_of_its_readers(
        app, client, runner, make_user, make_page, make_workspace):
    """``flask cache-pages``: each page an anonymous reader may read is stored, in
    each language asked for; the first reader's view is a hit; a private
    workspace's pages are neither rendered nor stored."""
    make_page("Foo", body="Ready before anyone asks.")
    make_page("Library:Guide", body="A guide.")
    public = make_workspace("health", "owner")
    private = make_workspace("secret", "owner", visibility="private")
    make_page("Plan", body="Public plan.", space=public)
    make_page("Plan", body="Secret plan.", space=private)
    result = runner.invoke(args=["cache-pages", "--url", "http://localhost",
                                 "--lang", "en", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "; 0 did not answer 200" in result.output  # the private page was not asked for
    stored = int(result.output.split("Stored ")[1].split()[0])
    for path in ("/wiki/Foo", "/wiki/Library:Guide", "/w/health/wiki/Plan"):
        english = client.get(path)
        assert english.headers["X-Cache"] == "hit", path
        french = client.get(path, headers={"Accept-Language": "fr"})
        assert french.headers["X-Cache"] == "hit" and '<html lang="fr">' in french.get_data(
            as_text=True), path
    assert client.get("/w/secret/wiki/Plan").status_code == 404
    again = runner.invoke(args=["cache-pages", "--url", "http://localhost"])
    assert f"({stored // 2} were stored already" in again.output
