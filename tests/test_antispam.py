"""The new-account limits (app.antispam): links per text and writes per hour,
in the wiki (form and API), the blog (posts and comments, form and API); trusted
members are not limited."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import antispam
from app.extensions import db
from app.timeutil import utcnow
from wiki.models import Page

SPAM = ("Buy now http://a.example http://b.example http://d.example http://e.example "
        "http://f.example and [c](https://c.example)")


@pytest.mark.parametrize("text, count", [
    ("", 0),
    ("See [[Library:Health financing]] and [[Main Page|home]].", 0),
    ("One http://example.org link.", 1),
    ("[text](https://example.org/x) and <https://example.org/y>", 2),
    ('<a href="http://example.org">x</a> and www.example.com/page', 2),
    ("A relative [link](/wiki/Foo) is not counted.", 0),
    ("Protocol-relative [x](//evil.example/path).", 1),
    (SPAM, 6),
])
def test_count_links(text, count):
    assert antispam.count_links(text) == count


def test_who_is_trusted(app, make_user):
    member = make_user("newbie")
    assert not antispam.is_trusted(member)
    assert antispam.is_trusted(make_user("mod", role="moderator"))
    assert antispam.is_trusted(make_user("root", role="admin"))
    # Old enough, but too few writes yet; then enough writes.
    member.created_at = utcnow() - timedelta(days=app.config["TRUST_AFTER_DAYS"] + 1)
    db.session.commit()
    assert not antispam.is_trusted(member)
    for _ in range(app.config["TRUST_AFTER_WRITES"]):
        antispam.check_write(member, "text", "page")
    db.session.commit()
    assert antispam.is_trusted(member)
    # A moderator's word is enough for a brand-new account.
    other = make_user("vouched")
    antispam.set_trusted(other, None)
    db.session.commit()
    assert antispam.is_trusted(other)
    antispam.set_trusted(other, None, False)
    db.session.commit()
    assert not antispam.is_trusted(other)


def test_wiki_save_with_too_many_links_is_422_and_keeps_the_text(client, auth, make_user):
    make_user("newbie")
    auth.login("newbie")
    response = client.post("/wiki/Spam_page/edit", data={"body": SPAM, "summary": "mine"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "at most 5 links" in page and "http://b.example" in page
    assert db.session.scalar(select(func.count()).select_from(Page)) == 0
    assert client.post("/wiki/Fine_page/edit",
                       data={"body": "Only http://one.example here."}).status_code == 302


def test_wiki_writes_per_hour_is_429(app, client, auth, make_user):
    app.config["NEW_ACCOUNT_MAX_POSTS_PER_HOUR"] = 3
    make_user("newbie")
    auth.login("newbie")
    for n in range(3):
        assert client.post(f"/wiki/Page_{n}/edit", data={"body": f"Text {n}"}).status_code == 302
    response = client.post("/wiki/Page_3/edit", data={"body": "The fourth text"})
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "The fourth text" in page and "at most 3 times an hour" in page
    # Try again when the first of the hour's writes leaves the window, not in a minute.
    assert 3500 < int(response.headers["Retry-After"]) <= 3600


def test_a_failed_save_is_not_counted(app, client, auth, make_user, make_page):
    """The record of a write is rolled back with a write that failed (a conflict)."""
    app.config["NEW_ACCOUNT_MAX_POSTS_PER_HOUR"] = 1
    make_user("newbie")
    make_page("Shared", body="line one\n")
    make_page("Shared", body="line two\n")
    auth.login("newbie")
    response = client.post("/wiki/Shared/edit", data={"body": "mine\n", "base_rev": "1"})
    assert response.status_code == 409
    assert client.post("/wiki/Shared/edit",
                       data={"body": "mine\n", "base_rev": "2"}).status_code == 302


def test_trusted_members_are_not_limited(app, client, auth, make_user):
    app.config["NEW_ACCOUNT_MAX_POSTS_PER_HOUR"] = 1
    make_user("mod", role="moderator")
    auth.login("mod")
    for n in range(3):
        assert client.post(f"/wiki/Mod_{n}/edit", data={"body": SPAM}).status_code == 302


def test_wiki_api_limits(app, client, make_user, api_token):
    app.config["NEW_ACCOUNT_MAX_POSTS_PER_HOUR"] = 1
    headers = api_token(make_user("newbie"))
    response = client.put("/api/v1/pages/Api_spam", json={"body": SPAM}, headers=headers)
    assert response.status_code == 422
    assert "links" in response.get_json()["error"]["message"]
    assert client.put("/api/v1/pages/Api_ok", json={"body": "ok"},
                      headers=headers).status_code == 201
    refused = client.put("/api/v1/pages/Api_more", json={"body": "more"}, headers=headers)
    assert refused.status_code == 429 and 3500 < int(refused.headers["Retry-After"]) <= 3600


@pytest.fixture
def blog(make_user, make_workspace, make_post):
    owner = make_user("olga", role="moderator")  # trusted: writes the post
    space = make_workspace("coop", owner)
    return space, make_post(space, owner, "News", slug="news")


def test_blog_comment_limits(app, client, auth, make_user, blog):
    make_user("newbie")
    auth.login("newbie")
    response = client.post("/w/coop/blog/news/comments", data={"body": SPAM})
    assert response.status_code == 422
    assert "http://b.example" in response.get_data(as_text=True)
    app.config["NEW_ACCOUNT_MAX_POSTS_PER_HOUR"] = 1
    assert client.post("/w/coop/blog/news/comments", data={"body": "Nice"}).status_code == 302
    response = client.post("/w/coop/blog/news/comments", data={"body": "Nice again"})
    assert response.status_code == 429 and "Nice again" in response.get_data(as_text=True)


def test_blog_post_form_and_api_limits(app, client, auth, make_user, add_member, blog,
                                       api_token):
    space, _post = blog
    writer = make_user("newbie")
    add_member(space, writer, "editor")
    auth.login("newbie")
    response = client.post("/w/coop/blog/new", data={"title": "Deals", "body": SPAM,
                                                     "status": "published"})
    assert response.status_code == 422 and "http://b.example" in response.get_data(as_text=True)
    headers = api_token(writer)
    response = client.post("/api/v1/w/coop/posts", headers=headers,
                           json={"title": "Deals", "body": SPAM})
    assert response.status_code == 422
    response = client.post("/api/v1/w/coop/posts/news/comments", headers=headers,
                           json={"body": SPAM})
    assert response.status_code == 422
    app.config["NEW_ACCOUNT_MAX_POSTS_PER_HOUR"] = 0
    response = client.post("/w/coop/blog/new", data={"title": "Later", "body": "Calm text",
                                                     "status": "published"})
    assert response.status_code == 429 and "Calm text" in response.get_data(as_text=True)


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_WRITE="2 per minute")
def test_request_rate_limit_on_writes(client, auth, make_user):
    """Flask-Limiter's RATELIMIT_WRITE, per member, on the views that write
    (trusted members too: this one is about request floods, not spam)."""
    make_user("mod", role="moderator")
    auth.login("mod")
    assert client.post("/wiki/One/edit", data={"body": "1"}).status_code == 302
    assert client.post("/wiki/Two/edit", data={"body": "2"}).status_code == 302
    assert client.post("/wiki/Three/edit", data={"body": "3"}).status_code == 429
    assert client.get("/wiki/One/edit").status_code == 200  # reading is not limited


def test_no_limit_applies_to_a_read(app):
    """The limiter skips reads (``antispam.reads_are_not_limited``): that holds
    only while no limit of a view can apply to GET or HEAD."""
    from flask_limiter.util import get_qualified_name
    from app.extensions import limiter
    decorated = limiter.limit_manager._decorated_limits
    limited = 0
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        for limit in decorated.get(get_qualified_name(view), ()):
            limited += 1
            methods = {m.upper() for m in limit.methods} if limit.methods else rule.methods
            reads = {"GET", "HEAD"} & methods & rule.methods
            assert not reads, f"{rule.rule} limits {reads}: reads_are_not_limited would skip it"
    assert limited >= 5  # the account forms, the token request, the writers
