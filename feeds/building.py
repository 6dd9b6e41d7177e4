"""Atom 1.0 and RSS 2.0 documents with feedgen.

Entry ids are ``tag:`` URIs (RFC 4151) built from the BASE_URL's host and the
row's own creation date and id, so they never change; every link is absolute;
entry content is HTML rendered by a template (escaped there, never by hand), its
relative links made absolute against the entry's own address."""
import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from flask import current_app, render_template
from flask_babel import get_locale
from lxml import html as lxml_html
from markupsafe import escape
from sqlalchemy import and_, or_, select

from app.extensions import db
from app.timeutil import aware
from app.urls import absolute_url
from feeds.render import activity_path, actor_name, sentence, user_path
from wiki import diff
from wiki.models import Revision

ATOM = "atom"
RSS = "rss"
MIME = {ATOM: "application/atom+xml; charset=utf-8", RSS: "application/rss+xml; charset=utf-8"}
#: Lines of unified diff shown in an edit's entry.
DIFF_LINES = 20
#: An empty feed still needs an ``updated``: a fixed instant keeps its ETag stable.
EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)
#: A link or source without a scheme (``/w/...``, ``#fn1``, ``//host/x``): sanitised
#: HTML quotes every attribute with double quotes.
_RELATIVE_LINK = re.compile(r'\s(?:href|src)="(?![a-z][a-z0-9+.-]*:)', re.I)


def tag_uri(kind, created_at, object_id):
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"
    return f"tag:{host},{created_at:%Y-%m-%d}:{kind}/{object_id}"


def new_feed(kind, title, html_path, self_path, updated=None, subtitle=None):
    """A feed with its id (the HTML page's absolute URL), links and author."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    site = current_app.config["SITE_NAME"]
    fg.id(absolute_url(html_path))
    fg.title(f"{title} · {site}")
    fg.author({"name": site, "uri": absolute_url("/")})
    fg.link(href=absolute_url(self_path), rel="self", type=MIME[kind].split(";")[0])
    # Last: feedgen makes the last link the RSS channel's <link>.
    fg.link(href=absolute_url(html_path), rel="alternate", type="text/html")
    fg.description(subtitle or title)
    fg.language(str(get_locale() or current_app.config["DEFAULT_LOCALE"]))
    fg.generator(site, uri=absolute_url("/"))
    fg.updated(aware(updated) if updated else EPOCH)
    return fg


def _entry(fg, entry_id, title, link, updated, author=None, author_path=None,
           summary=None, content=None, published=None):
    # feedgen prepends by default: order=append keeps newest first as given.
    fe = fg.add_entry(order="append")
    fe.id(entry_id)
    fe.title(title)
    fe.link(href=link, rel="alternate", type="text/html")
    fe.updated(aware(updated))
    fe.published(aware(published or updated))
    if author:
        fe.author({"name": author, **({"uri": absolute_url(author_path)} if author_path else {})})
        fe.dc.dc_creator(author)
    if summary:
        # Plain text, escaped as HTML: RSS readers take <description> as HTML.
        fe.summary(str(escape(summary)), type="html")
    if content:
        fe.content(absolute_links(str(content), link), type="html")
    return fe


def absolute_links(html, base):
    """``html`` with its relative links and image sources made absolute against
    ``base``: a feed reader shows the entry away from the site, with no base URL."""
    if not _RELATIVE_LINK.search(html):
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    root.make_links_absolute(base, resolve_base_href=False)
    return lxml_html.tostring(root, encoding="unicode")[len("<div>"):-len("</div>")]


def add_activities(fg, activities):
    diffs = short_diffs(activities)
    for activity in activities:
        actor = activity.actor
        content = render_template("feeds/entry.html", activity=activity,
                                  diff=diffs.get(activity.id), link=absolute_url)
        summary = (activity.data or {}).get("summary") or sentence(activity)
        title = sentence(activity)
        if activity.space is not None and not activity.space.is_commons:
            title = f"{title} · {activity.space.name}"
        _entry(fg, tag_uri("activity", activity.created_at, activity.id), title,
               absolute_url(activity_path(activity)), activity.created_at,
               author=actor_name(activity),
               author_path=user_path(actor) if actor is not None else None,
               summary=summary, content=content)


def add_posts(fg, posts, space):
    """Blog entries with the post's full sanitised HTML."""
    from feeds.render import post_path
    for post in posts:
        author = getattr(post, "author", None)
        published = getattr(post, "published_at", None) or post.created_at
        updated = getattr(post, "updated_at", None) or published
        html = render_template("feeds/post_entry.html", post=post, space=space,
                               html=post_html(post))
        _entry(fg, tag_uri("post", post.created_at, post.id), post.title,
               absolute_url(post_path(space, {"slug": getattr(post, "slug", None)}, post.id)),
               max(updated, published), author=author.name if author else None,
               author_path=user_path(author) if author else None, content=html,
               published=published)


def post_html(post):
    """The post's sanitised HTML, from the one renderer."""
    for name in ("html", "rendered_html", "body_html"):
        value = getattr(post, name, None)
        if isinstance(value, str) and value:
            return value
    from app import markup
    return markup.render(getattr(post, "body", "") or "")


def short_diffs(activities):
    """First lines of the unified diff of each edit, in two queries at most."""
    wanted = {}
    for activity in activities:
        data = activity.data or {}
        if activity.verb in ("page.edited", "page.reverted") and data.get("old_rev") \
                and data.get("rev") and activity.page_id is not None:
            wanted[activity.id] = (activity.page_id, data["old_rev"], data["rev"])
    if not wanted:
        return {}
    pairs = {(p, n) for p, a, b in wanted.values() for n in (a, b)}
    rows = db.session.execute(
        select(Revision.page_id, Revision.number, Revision.body).where(or_(
            *(and_(Revision.page_id == p, Revision.number == n) for p, n in pairs)))).all()
    bodies = {(p, n): body for p, n, body in rows}
    result = {}
    for activity_id, (page_id, old, new) in wanted.items():
        if (page_id, old) in bodies and (page_id, new) in bodies:
            text = diff.unified(bodies[page_id, old], bodies[page_id, new],
                                f"r{old}", f"r{new}", context=1)
            result[activity_id] = text.splitlines()[:DIFF_LINES]
    return result


def serialise(fg, kind):
    return fg.atom_str(pretty=False) if kind == ATOM else fg.rss_str(pretty=False)
