"""Panels the feeds package puts in core and workspace pages."""
from flask import render_template
from flask_login import current_user

from sqlalchemy import String, cast, literal, select

from app import panels, policy, skeletons
from app.generation import read_row
from feeds import notifications, streams, tokens, watching
from feeds.models import MAIL_MODES, Watch
from wiki import view_facts
from wiki.models import Page

#: Entries in the home and workspace panels.
PANEL_SIZE = 10


def _reader(user):
    return user if policy.can_write_anything(user) else None


def whats_new(user):
    """HOME: recent changes readable by the user."""
    rows = streams.recent(_reader(user)).rows(PANEL_SIZE)
    return render_template("feeds/panel_whats_new.html", activities=rows)


def workspace_home(space, user):
    """workspace_home: the workspace's recent activity."""
    rows = streams.space_stream(_reader(user), space).rows(PANEL_SIZE)
    return render_template("feeds/panel_workspace.html", space=space, activities=rows)


def settings(user):
    """SETTINGS: the feed token and how to be told about watched changes."""
    return render_template("feeds/panel_settings.html", token=tokens.feed_token(user),
                           mode=notifications.mail_mode(user), modes=MAIL_MODES)


def profile(user, viewer):
    """PROFILE: a link to the person's activity and a watch button."""
    return render_template("feeds/panel_profile.html", person=user,
                           watching=watching.is_watching(viewer, watching.watch_target(
                               "user", user.id)))


def tag_feeds(tag, reader, space):
    """tag (the wiki's tag page): links to the tag's feeds (site-wide only)."""
    if space is not None:
        return None
    return render_template("feeds/panel_tag.html", tag=tag)


def _watch_button(**ids):
    if not policy.can_write_anything(current_user):
        return None
    return render_template("feeds/_watch_button.html", **ids)


def _page_watched(dialect_name):
    """Does the reader watch the page? (``page:<id>``, as ``watch_target`` writes it)."""
    target = literal("page:") + cast(Page.id, String)
    return (select(Watch.id).where(Watch.user_id == view_facts.READER_ID,
                                   Watch.target == target).exists())


view_facts.register_fact("watched_by_reader", _page_watched)


def _watched(page):
    """Does the reader watch ``page``, as read with it (None when not read)?"""
    watched = view_facts.fact(page, "watched_by_reader", lambda p: None)
    return None if watched is None else bool(watched)


def page_watch(page):
    """PAGE: watch this page (whether the reader does is read with the page)."""
    return _watch_button(kind="page", page_id=page.id, watched=_watched(page))


def page_watched_variant(context):
    """The page's watch button is in a page view's skeleton: whether the
    reader watches the page picks the skeleton (``app.skeletons``)."""
    return _watched(context["page"])


def page_watched_read(engine, user_id, depends):
    """``page_watched_variant`` in front of Flask: one read of the reader's
    watch of the skeleton's page (``depends`` is ``("page", id, touched)``)."""
    if depends[0] != "page":
        return None
    row = read_row(engine, _WATCH_READ, (user_id, "page:%d" % depends[1]))
    return None if row is False else row is not None


_WATCH_READ = "SELECT 1 FROM watches WHERE user_id = %s AND target = %s"


def namespace_watch(space, namespace):
    """NAMESPACE: watch every page of this namespace in this space."""
    return _watch_button(kind="namespace", space_id=space.id, namespace=namespace)


def blog_watch(space):
    """BLOG: watch this workspace's blog."""
    return _watch_button(kind="blog", space_id=space.id)


def post_watch(post):
    """POST: watch a post and its comments."""
    return _watch_button(kind="post", post_id=post.id)


def init_app(app):
    skeletons.register_variant("page_watched", page_watched_variant, page_watched_read)
    panels.add_panel(app, panels.PAGE, 50, page_watch)
    panels.add_panel(app, panels.NAMESPACE, 50, namespace_watch)
    panels.add_panel(app, panels.BLOG, 50, blog_watch)
    panels.add_panel(app, panels.POST, 50, post_watch)
    panels.add_panel(app, "tag", 90, tag_feeds)
    panels.add_panel(app, panels.HOME, 10, whats_new)
    panels.add_panel(app, "workspace_home", 20, workspace_home)
    panels.add_panel(app, panels.SETTINGS, 30, settings)
    panels.add_panel(app, panels.PROFILE, 30, profile)
