"""Panels: on the home page, latest blog posts and active workspaces; on a
profile, the person's posts and workspaces; on a tag's page, the posts tagged
so. Readable ones only."""
from flask import render_template

from workspaces import queries

PANEL_SIZE = 5
PROFILE_SIZE = 10


def latest_posts_panel(user):
    posts = queries.latest_posts_everywhere(user, PANEL_SIZE)
    if not posts:
        return None
    return render_template("workspaces/panel_posts.html", posts=posts)


def active_workspaces_panel(user):
    listing = queries.directory(user, page=1, per_page=PANEL_SIZE)
    return render_template("workspaces/panel_workspaces.html", listing=listing)


def profile_posts_panel(user, viewer):
    """PROFILE: the person's published posts, in workspaces the reader may read."""
    posts = queries.posts_by(user, viewer, PROFILE_SIZE)
    if not posts:
        return None
    return render_template("workspaces/panel_profile_posts.html", posts=posts)


def profile_workspaces_panel(user, viewer):
    """PROFILE: the workspaces the person belongs to, those the reader may read."""
    rows = queries.workspaces_of(user, viewer)
    if not rows:
        return None
    return render_template("workspaces/panel_profile_workspaces.html", rows=rows)


def tagged_posts_panel(tag, reader, space):
    """``tag`` (``/tags/<tag>``): published posts carrying the tag, in ``space`` (a
    workspace's tag page) or in every workspace the reader may read."""
    posts = queries.posts_tagged(tag, reader, space)
    if not posts:
        return None
    return render_template("workspaces/panel_tagged_posts.html", posts=posts,
                           show_space=space is None)


def init_app(app):
    from app.panels import HOME, PROFILE, add_panel
    from wiki.tags import register_tag_counter
    add_panel(app, "tag", 20, tagged_posts_panel)
    register_tag_counter(app, queries.post_tag_counts)
    add_panel(app, HOME, 20, latest_posts_panel)
    add_panel(app, HOME, 30, active_workspaces_panel)
    add_panel(app, PROFILE, 15, profile_posts_panel)
    add_panel(app, PROFILE, 20, profile_workspaces_panel)
