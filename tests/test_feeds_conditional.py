"""ETag, Last-Modified and 304, and private feeds through a personal token."""
import pytest

from app.extensions import db


def test_etag_and_304(app, client, make_user, make_page):
    ana = make_user("ana")
    make_page("Library:Foo", author=ana)
    first = client.get("/recent.atom")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag and modified
    again = client.get("/recent.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    since = client.get("/recent.rss", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    # Another limit or format is another document.
    assert client.get("/recent.atom?limit=5", headers={"If-None-Match": etag}).status_code == 200
    assert client.get("/recent.rss", headers={"If-None-Match": etag}).status_code == 200
    # A new change makes a new ETag.
    make_page("Library:Bar", author=ana)
    changed = client.get("/recent.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_304_does_not_build_the_feed(app, client, make_user, make_page, monkeypatch):
    ana = make_user("ana")
    make_page("Library:Foo", author=ana)
    etag = client.get("/wiki/Library:Foo/history.atom").headers["ETag"]
    from feeds import building
    built = []
    original = building.new_feed
    monkeypatch.setattr(building, "new_feed", lambda *a, **k: built.append(1) or original(*a, **k))
    response = client.get("/wiki/Library:Foo/history.atom", headers={"If-None-Match": etag})
    assert response.status_code == 304 and built == []


def test_etag_changes_when_visibility_changes(app, client, make_user, make_workspace,
                                              make_page):
    from workspaces import services as ws
    ana = make_user("ana")
    make_page("Library:Foo", author=ana)
    space = make_workspace("team", ana)
    make_page("Notes", author=ana, space=space)
    make_page("Library:Newest", author=ana)
    etag = client.get("/recent.atom").headers["ETag"]
    ws.update_workspace(space, ana, visibility="private")
    db.session.commit()
    response = client.get("/recent.atom", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert b"/w/team/" not in response.data


def test_private_stream_with_feed_token(app, client, auth, make_user, make_workspace,
                                        make_page, read_feed):
    from feeds.models import FeedToken
    ana = make_user("ana")
    make_user("eve")
    space = make_workspace("secret", ana, visibility="private")
    make_page("Plans", author=ana, space=space, body="hidden")
    assert client.get("/w/secret/activity.atom").status_code == 404

    auth.login("ana")
    assert client.post("/settings/feed-token").status_code == 302
    token = db.session.scalar(db.select(FeedToken.token))
    settings = client.get("/settings").get_data(as_text=True)
    assert token in settings
    auth.logout()

    _r, parsed = read_feed(f"/w/secret/activity.atom?token={token}")
    assert any("Plans" in e.title for e in parsed.entries)
    self_link = [link for link in parsed.feed.links if link.rel == "self"][0]
    assert "token" not in self_link.href
    _r, parsed = read_feed(f"/recent.rss?token={token}")
    assert any("/w/secret/" in e.link for e in parsed.entries)
    read_feed(f"/w/secret/wiki/Plans/history.atom?token={token}")
    # Another user's session does not open it, nor does a wrong token.
    auth.login("eve")
    assert client.get("/w/secret/activity.atom").status_code == 404
    auth.logout()
    assert client.get("/w/secret/activity.atom?token=wrong").status_code == 404

    # Regenerating kills the old value at once; revoking kills the new one.
    auth.login("ana")
    client.post("/settings/feed-token")
    new_token = db.session.scalar(db.select(FeedToken.token))
    client.post("/settings/feed-token/revoke")
    auth.logout()
    for value in (token, new_token):
        assert client.get(f"/w/secret/activity.atom?token={value}").status_code == 404
        _r, parsed = read_feed(f"/recent.atom?token={value}")
        assert not any("/w/secret/" in e.link for e in parsed.entries)


@pytest.mark.config(PAGE_CACHE_MIN_REQUESTS=1)  # stored from the first request
def test_anonymous_repeat_gets_neither_build_nor_run_the_view(app, client, make_user,
                                                               make_page, monkeypatch):
    """An anonymous feed is built once; a repeat GET and a conditional GET are
    answered from the cache, before the view (and its queries) run."""
    ana = make_user("ana")
    make_page("Library:Foo", author=ana)
    first = client.get("/recent.atom")
    from feeds import streams
    from feeds.views import common
    calls = []
    monkeypatch.setattr(streams, "last_activity_id", lambda: calls.append(1) or 0)
    monkeypatch.setattr(common, "feed_reader", lambda: calls.append(1))
    again = client.get("/recent.atom")
    assert again.status_code == 200 and again.data == first.data
    etag = again.headers["ETag"]
    not_modified = client.get("/recent.atom", headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.data == b""
    since = client.get("/recent.atom",
                       headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    assert calls == []


def test_anonymous_304_comes_without_a_session_cookie(client, make_user, make_page):
    make_page("Library:Foo", author=make_user("ana"))
    etag = client.get("/recent.rss").headers["ETag"]
    response = client.get("/recent.rss", headers={"If-None-Match": etag})
    assert response.status_code == 304 and "Set-Cookie" not in response.headers


def test_weak_etags_match_and_a_star_never_answers_for_what_is_missing(
        client, make_user, make_page, make_workspace):
    from workspaces import services as ws
    ana = make_user("ana")
    make_page("Library:Foo", author=ana)
    space = make_workspace("closed", ana)
    ws.update_workspace(space, ana, visibility="private")
    db.session.commit()
    etag = client.get("/recent.atom").headers["ETag"]
    weak = client.get("/recent.atom", headers={"If-None-Match": "W/" + etag})
    assert weak.status_code == 304
    assert client.get("/recent.atom", headers={"If-None-Match": "*"}).status_code == 304
    for url in ("/w/nowhere/blog.atom", "/w/closed/activity.atom", "/w/closed/blog.rss",
                "/api/v1/w/closed/posts", "/wiki/Nope/history.atom"):
        for _ in range(2):  # the second request could be answered from the cache
            assert client.get(url, headers={"If-None-Match": "*"}).status_code == 404, url


def test_a_feed_whose_entries_left_is_not_answered_304_by_date(
        client, make_user, make_workspace, make_page):
    """Entries leaving a feed (a workspace made private) can move its Last-Modified
    back: a reader's later date must not keep them in the reader's copy."""
    from workspaces import services as ws
    from datetime import timedelta

    from sqlalchemy import update

    from app.timeutil import utcnow
    from feeds.models import Activity
    ana = make_user("ana")
    for number in range(6):  # enough to be compressed (COMPRESS_MIN_SIZE)
        make_page(f"Library:Foo {number}", body="Some words.", author=ana)
    db.session.execute(update(Activity).values(created_at=utcnow() - timedelta(hours=1)))
    space = make_workspace("health", ana)
    make_page("Notes", body="later", author=ana, space=space)
    db.session.commit()
    before = client.get("/recent.atom")
    assert b"/w/health/" in before.data
    ws.update_workspace(space, ana, visibility="private")
    db.session.commit()
    since = before.headers["Last-Modified"]
    for accepted in ("identity", "gzip"):  # Flask-Compress judges dates too
        after = client.get("/recent.atom", headers={"If-Modified-Since": since,
                                                    "Accept-Encoding": accepted})
        assert after.status_code == 200, accepted
        assert (after.headers.get("Content-Encoding") == "gzip") == (accepted == "gzip")
    after = client.get("/recent.atom", headers={"If-Modified-Since": since})
    assert after.status_code == 200 and b"/w/health/" not in after.data
    assert after.headers["Last-Modified"] != since
    again = client.get("/recent.atom",
                       headers={"If-Modified-Since": after.headers["Last-Modified"]})
    assert again.status_code == 304
