"""Rendering page views ahead of their readers (``flask cache-pages``).

After an import or an upgrade, every page's first reader would wait for a
render, and a page is only stored from its second request on. This renders
each page an anonymous reader may see, through the app itself, and stores the
answer, as MediaWiki's ``rebuildFileCache.php`` fills its file cache. A stored
view holds until its page is edited or something every page may show changes
(``app.front_cache``), so the work is not lost at the next edit elsewhere.

Given a member, it renders instead every page that member may read, signed
in as them, and keeps the skeletons (``app.skeletons``) that every reader
with the same rights then shares: a plain member's, say, serves all plain
members."""
from dataclasses import dataclass, field

from flask_login import AnonymousUserMixin
from werkzeug.test import Client

from app.cache import STORE_NOW
from app.extensions import db
from wiki.queries import list_pages
from wiki.urls import page_path


@dataclass
class Report:
    stored: int = 0
    already: int = 0
    #: Paths whose view did not answer 200 (with the status), for the operator.
    failed: list = field(default_factory=list)


def readable_page_paths(app, reader=None):
    """The view paths of every page ``reader`` (a user; None: anonymous) may read."""
    with app.app_context():
        reader = AnonymousUserMixin() if reader is None else db.session.merge(reader)
        paths = [page_path(page.space, page) for page in list_pages(reader, limit=None)]
        db.session.remove()
    return paths


def session_cookie(app, user):
    """A ``Cookie`` header signing ``user`` in, as the login form's session would."""
    serializer = app.session_interface.get_signing_serializer(app)
    value = serializer.dumps({"_user_id": user.get_id(), "_fresh": False})
    return "%s=%s" % (app.config["SESSION_COOKIE_NAME"], value)


def prerender(app, base_url, locales, paths, progress=None, reader=None):
    """Request each path in each locale, anonymously or signed in as
    ``reader``, and store the answer (the skeleton, for a reader).

    Run without an application context: each request then has its own (and
    its own database session), exactly as a reader's request has."""
    report = Report()
    client = Client(app, use_cookies=False)
    headers = {} if reader is None else {"Cookie": session_cookie(app, reader)}
    for locale in locales:
        for number, path in enumerate(paths, 1):
            response = client.get(path, base_url=base_url,
                                  headers={"Accept-Language": locale, **headers},
                                  environ_overrides={STORE_NOW: True})
            if response.status_code != 200:
                report.failed.append((path, response.status_code))
            elif response.headers.get("X-Cache") == "hit":
                report.already += 1
            else:
                report.stored += 1
            response.close()
            if progress is not None:
                progress(locale, number, len(paths))
    return report
