"""Signed-in page views filled in front of Flask (app/front_skeletons.py).

Once a reader's view was made from a skeleton, their next views of kept
skeletons are filled before Flask runs: the same page, headers and working
CSRF token the app would give; and whatever the app would decide otherwise
(a watch, a message, an edit, a role, another browser, a new session, the
visit to note down) sends the request to the app again."""
import gzip
import re
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from flask import request_started

from app.extensions import db
from tests.test_skeletons import TOKEN, browser, view

pytestmark = pytest.mark.config(PAGE_CACHE_MIN_REQUESTS=1, WTF_CSRF_ENABLED=True)


@contextmanager
def flask_requests(app):
    """The requests Flask itself ran while the block ran (those answered in
    front of it never start one)."""
    started = []

    def note(sender, **extra):
        from flask import request
        started.append(request.path)
    request_started.connect(note, app)
    try:
        yield started
    finally:
        request_started.disconnect(note, app)


def without_tokens(html):
    return TOKEN.sub("", html)


def test_a_readers_next_views_are_the_apps_page_made_in_front(app, make_user, make_page):
    make_user("ana", display_name="Ana Alves")
    make_page("Foo", body="Shared text.")
    make_page("Bar", body="Other text.")
    ana = browser(app, "ana")
    by_app = ana.get("/wiki/Foo")
    assert by_app.headers["X-Cache"] == "miss"
    with flask_requests(app) as started:
        in_front = ana.get("/wiki/Foo")
        head = ana.head("/wiki/Foo")
        zipped = ana.get("/wiki/Foo", headers={"Accept-Encoding": "gzip"})
    assert started == []
    assert in_front.status_code == 200 and in_front.headers["X-Cache"] == "hit"
    page = in_front.get_data(as_text=True)
    assert "Ana Alves" in page and "Shared text." in page
    assert without_tokens(page) == without_tokens(by_app.get_data(as_text=True))
    assert {name: value for name, value in in_front.headers.items() if name != "X-Cache"} == \
        {name: value for name, value in by_app.headers.items() if name != "X-Cache"}
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Length"] == in_front.headers["Content-Length"]
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert without_tokens(gzip.decompress(zipped.data).decode()) == without_tokens(page)
    # Another page whose skeleton is kept: made in front from the first view on.
    view(browser(app, "ana"), "/wiki/Bar")
    with flask_requests(app) as started:
        made, html = view(ana, "/wiki/Bar")
    assert started == [] and made == "hit" and "Other text." in html and "Ana Alves" in html
    # Its CSRF token is the reader's own, and works.
    assert ana.post("/logout", data={"csrf_token": TOKEN.search(html).group(1)}).status_code == 302
    assert "Ana Alves" not in ana.get("/wiki/Foo").get_data(as_text=True)


def test_each_reader_gets_their_own_page_in_front(app, make_user, make_page):
    make_user("ana", display_name="Ana Alves")
    make_user("bea", display_name="Bea Bento")
    make_page("Foo")
    ana, bea = browser(app, "ana"), browser(app, "bea")
    for client in (ana, bea):
        view(client, "/wiki/Foo")
    with flask_requests(app) as started:
        ana_html, bea_html = view(ana, "/wiki/Foo")[1], view(bea, "/wiki/Foo")[1]
    assert started == []
    assert "Ana Alves" in ana_html and "Bea Bento" not in ana_html
    assert "Bea Bento" in bea_html and "Ana Alves" not in bea_html
    # Bea's token is refused in Ana's session.
    assert ana.post("/logout", data={"csrf_token": TOKEN.search(bea_html).group(1)}
                    ).status_code == 400


def test_a_watch_shows_on_the_next_view_made_in_front(app, make_user, make_page):
    """Watching writes nothing a page shows to others (no new generation): the
    variant is read for each view."""
    from feeds import watching
    ana = make_user("ana")
    page = make_page("Foo")
    client = browser(app, "ana")
    view(client, "/wiki/Foo")
    view(client, "/wiki/Foo")

    def pressed(html):
        return re.search(r'class="watch-button" aria-pressed="(\w+)"', html).group(1)

    with flask_requests(app) as started:
        assert pressed(view(client, "/wiki/Foo")[1]) == "false"
    assert started == []
    watching.watch(ana, watching.watch_target("page", page.id))
    db.session.commit()
    # The variant "watched" is not kept yet: the app renders it, then it is kept.
    with flask_requests(app) as started:
        assert pressed(view(client, "/wiki/Foo")[1]) == "true"
        assert pressed(view(client, "/wiki/Foo")[1]) == "true"
    assert started == ["/wiki/Foo"]


def test_what_changes_the_page_goes_to_the_app(app, make_user, make_page):
    from community.messages.services import start_conversation
    ana, bea = make_user("ana"), make_user("bea")
    page = make_page("Foo", body="Old text.")
    client = browser(app, "bea")
    view(client, "/wiki/Foo")
    # A message to Bea: a new generation, so her header is rendered again.
    start_conversation(ana, [bea], "Hello", "A first message.")
    db.session.commit()
    with flask_requests(app) as started:
        html = view(client, "/wiki/Foo")[1]
    assert started == ["/wiki/Foo"] and re.search(r'id="unread-count">1<', html)
    # An edit: the page's stamp changes, its skeleton no longer holds.
    make_page("Foo", body="New text.", base_number=page.head_number)
    with flask_requests(app) as started:
        made, html = view(client, "/wiki/Foo")
    assert started == ["/wiki/Foo"] and made == "miss" and "New text." in html


def test_a_role_change_goes_to_the_app(app, make_user, make_page, make_space):
    bea = make_user("bea")
    space = make_space("health", visibility="private", members={bea: "viewer"})
    make_page("Plan", body="Private plan.", space=space)
    client = browser(app, "bea")
    view(client, "/w/health/wiki/Plan")
    assert 'id="tab-edit"' not in view(client, "/w/health/wiki/Plan")[1]
    from app.spaces.models import Membership
    membership = db.session.scalar(db.select(Membership).where(Membership.user_id == bea.id))
    db.session.delete(membership)
    db.session.commit()
    assert client.get("/w/health/wiki/Plan").status_code == 404


def test_another_browser_with_the_same_cookie_goes_to_the_app(app, make_user, make_page):
    """Flask-Login ties a session to the browser that logged in: a page made in
    front must never skip that check."""
    make_user("ana")
    make_page("Foo")
    ana = browser(app, "ana")
    view(ana, "/wiki/Foo")
    view(ana, "/wiki/Foo")
    with flask_requests(app) as started:
        ana.get("/wiki/Foo", headers={"User-Agent": "Another browser"})
        ana.get("/wiki/Foo", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert started == ["/wiki/Foo", "/wiki/Foo"]


def test_a_new_session_goes_to_the_app(app, make_user, make_page):
    """A flashed message changes the session cookie: its page is the app's.
    (Once shown, the session may be the one it was before, pass and all.)"""
    make_user("ana")
    make_page("Foo")
    ana = browser(app, "ana")
    view(ana, "/wiki/Foo")
    view(ana, "/wiki/Foo")
    with ana.session_transaction() as session:
        session["_flashes"] = [("info", "Welcome back, Ana.")]
    with flask_requests(app) as started:
        assert "Welcome back, Ana." in view(ana, "/wiki/Foo")[1]
    assert started == ["/wiki/Foo"]
    assert "Welcome back, Ana." not in view(ana, "/wiki/Foo")[1]


def test_the_readers_visit_is_still_noted_once_a_minute(app, make_user, make_page):
    """A pass never outlives the moment the app would note the visit again."""
    from app.accounts.models import User
    from app.timeutil import utcnow
    ana = make_user("ana")
    make_page("Foo")
    client = browser(app, "ana")
    almost = utcnow() - timedelta(seconds=59.7)
    db.session.execute(db.update(User).where(User.id == ana.id).values(last_seen_at=almost))
    db.session.commit()
    view(client, "/wiki/Foo")
    view(client, "/wiki/Foo")  # the pass holds for what is left of the minute
    time.sleep(0.4)
    with flask_requests(app) as started:
        view(client, "/wiki/Foo")
    assert started == ["/wiki/Foo"]
    db.session.expire_all()
    assert db.session.get(User, ana.id).last_seen_at > almost + timedelta(seconds=1)


@pytest.mark.config(PAGE_CACHE_MIN_REQUESTS=1, WTF_CSRF_ENABLED=True, WTF_CSRF_TIME_LIMIT=1)
def test_a_pass_never_gives_a_token_near_its_end(app, make_user, make_page):
    """The token in a page made in front was signed when the pass was made:
    the pass ends at half the token's life, so its forms still work."""
    make_user("ana")
    make_page("Foo")
    client = browser(app, "ana")
    view(client, "/wiki/Foo")
    with flask_requests(app) as started:
        view(client, "/wiki/Foo")
        time.sleep(0.6)
        html = view(client, "/wiki/Foo")[1]
    assert started == ["/wiki/Foo"]
    assert client.post("/logout", data={"csrf_token": TOKEN.search(html).group(1)}
                       ).status_code == 302
