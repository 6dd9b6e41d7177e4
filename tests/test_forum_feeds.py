"""Feeds of a forum, a category and a thread: valid Atom/RSS, full text,
ETag and 304, 404 when unreadable; <link rel="alternate"> on the pages."""
import pytest

from app.extensions import db


@pytest.fixture
def thread(make_user, make_category, make_thread, make_reply):
    ana, bo = make_user("ana"), make_user("bo")
    thread = make_thread(ana, make_category(name="General"), title="Claims delays",
                         body="How long do *claims* take?")
    make_reply(thread, bo, "About **two weeks** here.")
    return thread


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_thread_feed(read_feed, thread, fmt):
    response, parsed = read_feed(f"/forum/t/{thread.id}.{fmt}")
    titles = [e.title for e in parsed.entries]
    assert titles == ["Re: Claims delays", "Claims delays"]
    content = parsed.entries[0].get("content", [{}])[0].get("value") or parsed.entries[0].summary
    assert "<strong>two weeks</strong>" in content
    assert parsed.entries[0].link.startswith("http://localhost/forum/t/")
    assert response.headers["ETag"] and response.headers["Last-Modified"]


def test_category_and_forum_feeds(read_feed, thread, make_category, make_thread):
    other = make_category(name="Other")
    make_thread(thread.author, other, title="Elsewhere")
    _response, parsed = read_feed("/forum/general.atom")
    assert {e.title for e in parsed.entries} == {"Claims delays", "Re: Claims delays"}
    _response, parsed = read_feed("/forum.rss")
    assert "Elsewhere" in {e.title for e in parsed.entries}
    read_feed("/forum/nope.atom", status=404)
    read_feed("/forum/t/999.atom", status=404)


def test_conditional_get(client, thread, make_reply):
    first = client.get(f"/forum/t/{thread.id}.atom")
    etag = first.headers["ETag"]
    again = client.get(f"/forum/t/{thread.id}.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    make_reply(thread, thread.author, "New")
    changed = client.get(f"/forum/t/{thread.id}.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    # Deleting a post changes the feed too.
    etag = changed.headers["ETag"]
    from community.forum import services
    from community.forum.models import ForumPost
    from sqlalchemy import select
    last = db.session.scalars(select(ForumPost).order_by(ForumPost.id.desc())).first()
    services.delete_post(last, thread.author)
    db.session.commit()
    assert client.get(f"/forum/t/{thread.id}.atom",
                      headers={"If-None-Match": etag}).status_code == 200


def test_pages_link_their_feeds(client, thread):
    assert 'rel="alternate" type="application/atom+xml" href="/forum.atom"' in \
        client.get("/forum/").get_data(as_text=True)
    assert 'href="/forum/general.rss"' in client.get("/forum/general/").get_data(as_text=True)
    assert f'href="/forum/t/{thread.id}.atom"' in \
        client.get(f"/forum/t/{thread.id}").get_data(as_text=True)


def test_deleted_thread_feed_is_empty_or_gone(client, read_feed, thread, make_user):
    from community.forum import moderation
    moderation.delete_thread(thread, make_user("mod", role="moderator"))
    db.session.commit()
    read_feed(f"/forum/t/{thread.id}.atom", status=404)
    _response, parsed = read_feed("/forum.atom")
    assert parsed.entries == []
