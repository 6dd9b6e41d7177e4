"""HTML streams: /recent and its filters, workspace and person activity, panels."""
import re

from app.extensions import db
from tests.fixtures.sql import count_queries
from wiki import services as wiki


def _ids(html):
    return re.findall(r'id="activity-(\d+)"', html)


def test_recent_lists_and_links_feeds(app, client, make_user, make_page):
    ana = make_user("ana")
    make_page("Library:Foo", author=ana, summary="hello <there>")
    html = client.get("/recent").get_data(as_text=True)
    assert 'data-verb="page.created"' in html
    assert 'href="/wiki/Library:Foo"' in html
    assert "hello &lt;there&gt;" in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'type="application/rss+xml"' in html and 'href="/recent.rss"' in html


def test_recent_filters(app, client, make_user, make_page, make_workspace):
    ana = make_user("ana")
    bob = make_user("bob")
    make_page("Library:Foo", author=ana, body="one")
    make_page("Library:Foo", author=bob, body="two", minor=True)
    make_page("Glossary:Bar", author=bob)
    space = make_workspace("team", ana)
    make_page("Notes", author=ana, space=space)
    ns = client.get("/recent?ns=Glossary").get_data(as_text=True)
    assert "Glossary:Bar" in ns and "Library:Foo" not in ns
    assert 'href="/recent.atom?ns=Glossary"' in ns
    ws = client.get("/recent?ws=team").get_data(as_text=True)
    assert 'href="/w/team/wiki/Notes"' in ws and "Glossary:Bar" not in ws
    by_bob = client.get("/recent?user=bob").get_data(as_text=True)
    assert 'data-verb="page.edited"' in by_bob and "Notes" not in by_bob
    no_minor = client.get("/recent?user=bob&minor=0").get_data(as_text=True)
    assert 'data-verb="page.edited"' not in no_minor and "Glossary:Bar" in no_minor
    assert client.get("/recent?ns=Nowhere").status_code == 404
    assert client.get("/recent?user=nobody").status_code == 404
    assert client.get("/recent?ws=nowhere").status_code == 404
    assert client.get("/recent?before=x").status_code == 400


def test_recent_is_paginated(app, client, make_user, make_page):
    ana = make_user("ana")
    for n in range(5):
        make_page(f"Page {n}", author=ana)
    first = client.get("/recent?limit=2").get_data(as_text=True)
    assert len(_ids(first)) == 2
    older = re.search(r'rel="next" class="older" href="([^"]+)"', first).group(1)
    second = client.get(older.replace("&amp;", "&")).get_data(as_text=True)
    assert len(_ids(second)) == 2 and not set(_ids(first)) & set(_ids(second))


def test_private_and_deleted_things_stay_hidden(app, client, auth, make_user, make_page,
                                                make_workspace):
    ana = make_user("ana")
    make_user("eve")
    make_user("mod", role="moderator")
    space = make_workspace("secret", ana, visibility="private")
    make_page("Plans", author=ana, space=space)
    doomed = make_page("Library:Doomed", author=ana)
    wiki.delete_page(doomed, ana)
    db.session.commit()
    for who in (None, "eve"):
        if who:
            auth.login(who)
        html = client.get("/recent").get_data(as_text=True)
        assert "Plans" not in html and "Doomed" not in html
        assert client.get("/w/secret/activity").status_code == 404
        assert "Plans" not in client.get("/u/ana/activity").get_data(as_text=True)
        auth.logout()
    auth.login("ana")
    html = client.get("/recent").get_data(as_text=True)
    assert "Plans" in html and "Doomed" not in html
    assert "Plans" in client.get("/w/secret/activity").get_data(as_text=True)
    auth.logout()
    auth.login("mod")  # the commons' moderators still see the deleted page
    assert "Doomed" in client.get("/recent").get_data(as_text=True)


def test_drafts_show_only_to_their_author(app, client, auth, make_user, make_workspace):
    from workspaces import services as ws
    ana = make_user("ana")
    bob = make_user("bob")
    space = make_workspace("team", ana, members={bob: "editor"})
    ws.create_post(space, bob, "Secret draft", body="x")
    db.session.commit()
    assert "Secret draft" not in client.get("/w/team/activity").get_data(as_text=True)
    auth.login("bob")
    assert "Secret draft" in client.get("/w/team/activity").get_data(as_text=True)


def test_user_activity_and_panels(app, client, auth, make_user, make_page, make_workspace):
    ana = make_user("ana")
    make_page("Library:Foo", author=ana)
    space = make_workspace("team", ana)
    make_page("Notes", author=ana, space=space)
    html = client.get("/u/ana/activity").get_data(as_text=True)
    assert "Library:Foo" in html and 'href="/u/ana/activity.atom"' in html
    assert client.get("/u/nobody/activity").status_code == 404
    home = client.get("/").get_data(as_text=True)
    assert 'class="panel whats-new"' in home and "Library:Foo" in home
    workspace_home = client.get("/w/team/").get_data(as_text=True)
    assert 'class="panel workspace-activity"' in workspace_home
    assert 'href="/w/team/wiki/Notes"' in workspace_home
    auth.login("ana")
    workspace_home = client.get("/w/team/").get_data(as_text=True)
    assert 'name="kind" value="space"' in workspace_home


def test_reader_language(app, client, make_user, make_page):
    ana = make_user("ana")
    make_page("Library:Foo", author=ana)
    english = client.get("/recent", headers={"Accept-Language": "en"}).get_data(as_text=True)
    french = client.get("/recent", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'lang="en"' in english and 'lang="fr"' in french
    assert 'data-verb="page.created"' in french


def test_profile_and_tag_pages_link_feeds(app, client, auth, make_user, make_page):
    ana = make_user("ana")
    make_user("bob")
    make_page("Library:Foo", author=ana, tags=["health"])
    auth.login("bob")
    profile = client.get("/u/ana").get_data(as_text=True)
    assert 'href="/u/ana/activity"' in profile and 'name="kind" value="user"' in profile
    tag_page = client.get("/tags/health").get_data(as_text=True)
    assert 'href="/tags/health.atom"' in tag_page and 'href="/tags/health.rss"' in tag_page


def _count_queries(call):
    with count_queries() as statements:
        call()
    return len(statements)


def test_streams_make_no_query_per_row(app, client, make_user, make_page):
    users = [make_user(f"user{n}") for n in range(4)]
    for n in range(4):
        make_page(f"Library:Page {n}", author=users[n])
    make_page("Library:Page 0", author=users[1], body="edited")
    client.get("/recent")  # warm caches (search drain, compiled statements)
    few = _count_queries(lambda: client.get("/recent.atom"))
    for n in range(4, 24):
        make_page(f"Library:Page {n}", author=users[n % 4], body="x")
        make_page(f"Library:Page {n}", author=users[(n + 1) % 4], body="y")
    many = _count_queries(lambda: client.get("/recent.atom"))
    assert many == few
    html_few = _count_queries(lambda: client.get("/recent?limit=5"))
    html_many = _count_queries(lambda: client.get("/recent?limit=40"))
    assert html_many == html_few
