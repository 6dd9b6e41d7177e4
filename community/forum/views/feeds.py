"""Atom and RSS of a forum, a category and a thread: the newest posts, full
text, built with the feeds package's builders and answered with its
conditional GET (ETag, Last-Modified, 304). Read as the feed's reader
(``?token=`` or the session): 404 when unreadable."""
import hashlib

from flask import abort, g

from app import policy
from app.spaces.services import commons, space_by_slug
from app.urls import absolute_url
from community.forum import queries
from community.forum.urls import category_path, forum_path, post_path, thread_path
from community.forum.views import bp
from feeds import building
from feeds.render import user_path
from feeds.views.common import conditional_feed, feed_reader, parse_limit
from feeds.views.feeds import FORMATS, _self_path
from flask_babel import gettext as _


def _space(reader):
    slug = g.get("forum_space_slug")
    space = commons() if slug is None else space_by_slug(slug)
    if space is None or not policy.can_read(reader, space):
        abort(404)
    return space


def _answer(fmt, reader, posts, title, html_path, limit):
    """The feed of ``posts`` (newest first), or 304 when the reader has it."""
    stamp = "|".join(f"{p.id}:{p.edited_at}" for p in posts)
    newest_at = max((p.edited_at or p.created_at for p in posts), default=None)
    newest = (hashlib.sha1(stamp.encode()).hexdigest()[:16], newest_at) if posts else None

    def build():
        fg = building.new_feed(fmt, title, html_path, _self_path(), updated=newest_at)
        for post in posts:
            thread = post.thread
            author = post.author
            is_reply = post.created_at > thread.created_at
            entry_title = _("Re: %(title)s", title=thread.title) if is_reply else thread.title
            building._entry(fg, building.tag_uri("forum-post", post.created_at, post.id),
                            entry_title, absolute_url(post_path(post)),
                            post.edited_at or post.created_at,
                            author=author.name if author else None,
                            author_path=user_path(author) if author else None,
                            content=post.html, published=post.created_at)
        return building.serialise(fg, fmt)

    return conditional_feed(fmt, newest, reader, limit, build)


@bp.route(f"/forum.{FORMATS}")
def forum_feed(fmt):
    reader = feed_reader()
    space = _space(reader)
    limit = parse_limit()
    posts = queries.feed_posts(reader, space, limit=limit)
    title = _("Forum") if space.is_commons else _("Forum of %(name)s", name=space.name)
    return _answer(fmt, reader, posts, title, forum_path(space), limit)


@bp.route(f"/forum/<category>.{FORMATS}")
def category_feed(category, fmt):
    reader = feed_reader()
    space = _space(reader)
    found = queries.category_or_404(space, category)
    limit = parse_limit()
    posts = queries.feed_posts(reader, space, category=found, limit=limit)
    return _answer(fmt, reader, posts, found.name, category_path(found), limit)


@bp.route(f"/forum/t/<int:thread_id>.{FORMATS}")
def thread_feed(thread_id, fmt):
    reader = feed_reader()
    space = _space(reader)
    thread = queries.thread_or_404(space, thread_id, reader)
    limit = parse_limit()
    posts = queries.feed_posts(reader, space, thread=thread, limit=limit)
    return _answer(fmt, reader, posts, thread.title, thread_path(thread), limit)
