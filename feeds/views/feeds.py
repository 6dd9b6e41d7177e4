"""Atom and RSS: every stream of SPEC.md "Feeds" at ``<stream>.atom|.rss``.

Each view resolves its stream for the feed's reader (404 when unreadable),
answers a conditional GET from one cheap query, and only then builds.
An anonymous reader's feed (no token, no session) is cached whole, and its
conditional GET answered before the view runs (``app.cache``)."""
import re

from flask import abort, g, request
from flask_babel import gettext as _
from app import policy
from app.cache import cached_for_anonymous
from app.spaces.services import commons, space_by_slug
from feeds import blog, building, streams
from feeds.views import bp, page_bp
from feeds.views.common import conditional_feed, feed_reader, parse_limit, user_or_404
from feeds.views.html import recent_filters
from wiki.queries import readable_page
from wiki.titles import TitleError, canonical_namespace, parse
from wiki.urls import page_path

FORMATS = "<any(atom, rss):fmt>"
TAG_PATTERN = re.compile(r"[a-z0-9-]{1,40}")


def _self_path():
    """The feed's own address, keeping its query (but never the token)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
    from urllib.parse import urlencode
    return request.path + ("?" + urlencode(args) if args else "")


def activity_feed(fmt, stream, title, html_path):
    reader = stream.reader
    limit = parse_limit()

    def build():
        rows = stream.rows(limit)
        fg = building.new_feed(fmt, title, html_path, _self_path(),
                               updated=rows[0].created_at if rows else None)
        building.add_activities(fg, rows)
        return building.serialise(fg, fmt)

    return conditional_feed(fmt, stream.newest(), reader, limit, build)


@bp.route(f"/recent.{FORMATS}")
@cached_for_anonymous("limit", "ns", "ws", "user", "minor")
def recent_feed(fmt):
    reader = feed_reader()
    stream, _filters = recent_filters(reader)
    return activity_feed(fmt, stream, _("Recent changes"), "/recent")


def _readable_space(slug, reader):
    space = space_by_slug(slug)
    if space is None or not policy.can_read(reader, space):
        abort(404)
    return space


@bp.route(f"/w/<slug>/activity.{FORMATS}")
@cached_for_anonymous("limit")
def space_feed(slug, fmt):
    reader = feed_reader()
    space = _readable_space(slug, reader)
    return activity_feed(fmt, streams.space_stream(reader, space),
                         _("Activity in %(name)s", name=space.name), f"/w/{space.slug}/activity")


@bp.route(f"/w/<slug>/blog.{FORMATS}")
@cached_for_anonymous("limit")
def blog_feed(slug, fmt):
    reader = feed_reader()
    space = _readable_space(slug, reader)
    if space.is_commons or not blog.available():
        abort(404)
    limit = parse_limit()

    def build():
        posts = blog.published_posts(space, limit)
        newest = max((blog.updated_of(p) for p in posts), default=None)
        fg = building.new_feed(fmt, _("Blog of %(name)s", name=space.name),
                               f"/w/{space.slug}/blog/", _self_path(), updated=newest)
        building.add_posts(fg, posts, space)
        return building.serialise(fg, fmt)

    return conditional_feed(fmt, blog.newest(space), reader, limit, build)


@bp.route(f"/u/<username>/activity.{FORMATS}")
@cached_for_anonymous("limit")
def user_feed(username, fmt):
    user = user_or_404(username)
    return activity_feed(fmt, streams.user_stream(feed_reader(), user),
                         _("Contributions of %(name)s", name=user.name),
                         f"/u/{user.username}/activity")


def page_or_404(raw_title, reader):
    """The page under ``raw_title`` in the mount's space, if ``reader`` may read it."""
    space = _mount_space(reader)
    try:
        title = parse(raw_title)
    except TitleError:
        abort(404)
    page = readable_page(space, title, reader)
    if page is None:
        abort(404)
    return page


def _mount_space(reader):
    """The space of the mount the request came through: the commons at the root,
    the workspace under /w/<slug>/ (404 if ``reader`` may not read it)."""
    slug = g.get("feeds_space_slug")
    return commons() if slug is None else _readable_space(slug, reader)


@page_bp.route(f"/ns/<namespace>.{FORMATS}")
@cached_for_anonymous("limit")
def namespace_feed(namespace, fmt):
    name = canonical_namespace(namespace)
    reader = feed_reader()
    space = _mount_space(reader)
    if name is None:
        abort(404)
    prefix = "" if space.is_commons else f"/w/{space.slug}"
    return activity_feed(fmt, streams.namespace_stream(reader, space, name),
                         _("Changes in %(namespace)s", namespace=name), f"{prefix}/ns/{name}")


@page_bp.route(f"/tags/<tag>.{FORMATS}")
@cached_for_anonymous("limit")
def tag_feed(tag, fmt):
    """Site-wide at the root; only the workspace's things under /w/<slug>/."""
    reader = feed_reader()
    space = _mount_space(reader)
    if not TAG_PATTERN.fullmatch(tag):
        abort(404)
    stream = streams.tag_stream(reader, tag)
    prefix = ""
    if not space.is_commons:
        stream = stream.where(streams.Activity.space_id == space.id)
        prefix = f"/w/{space.slug}"
    return activity_feed(fmt, stream, _("Tagged %(tag)s", tag=tag), f"{prefix}/tags/{tag}")


@page_bp.route(f"/wiki/<path:title>/history.{FORMATS}")
@cached_for_anonymous("limit")
def history_feed(title, fmt):
    reader = feed_reader()
    page = page_or_404(title, reader)
    return activity_feed(fmt, streams.page_history(reader, page),
                         _("History of %(title)s", title=page.full_title),
                         page_path(page.space, page, "history"))
