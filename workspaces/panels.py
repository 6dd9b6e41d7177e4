"""Home-page panels: latest blog posts and active workspaces, readable ones only."""
from flask import render_template

from workspaces import queries

PANEL_SIZE = 5


def latest_posts_panel(user):
    posts = queries.latest_posts_everywhere(user, PANEL_SIZE)
    if not posts:
        return None
    return render_template("workspaces/panel_posts.html", posts=posts)


def active_workspaces_panel(user):
    listing = queries.directory(user, page=1, per_page=PANEL_SIZE)
    return render_template("workspaces/panel_workspaces.html", listing=listing)


def init_app(app):
    from app.panels import HOME, add_panel
    add_panel(app, HOME, 20, latest_posts_panel)
    add_panel(app, HOME, 30, active_workspaces_panel)
