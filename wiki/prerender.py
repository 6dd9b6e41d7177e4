"""Rendering anonymous page views ahead of their readers (``flask cache-pages``).

After an import or an upgrade, every page's first reader would wait for a
render, and a page is only stored from its second request on. This renders
each page an anonymous reader may see, through the app itself, and stores the
answer, as MediaWiki's ``rebuildFileCache.php`` fills its file cache. A stored
view holds until its page is edited or something every page may show changes
(``app.front_cache``), so the work is not lost at the next edit elsewhere."""
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


def anonymous_page_paths(app):
    """The view paths of every page an anonymous reader may read."""
    with app.app_context():
        paths = [page_path(page.space, page)
                 for page in list_pages(AnonymousUserMixin(), limit=None)]
        db.session.remove()
    return paths


def prerender(app, base_url, locales, paths, progress=None):
    """Request each path anonymously in each locale and store the answer.

    Run without an application context: each request then has its own (and
    its own database session), exactly as a reader's request has."""
    report = Report()
    client = Client(app, use_cookies=False)
    for locale in locales:
        for number, path in enumerate(paths, 1):
            response = client.get(path, base_url=base_url,
                                  headers={"Accept-Language": locale},
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
