"""Site news: posts by the admins and a news team, shown as "What's new" on
the home page, with their own feeds and an optional newsletter issue (PDF)."""


def init_app(app):
    from community.news import models  # noqa: F401  (tables in the metadata)
    from community.news import api, seed
    from community.news.views import bp
    from app.panels import HOME, add_panel

    app.register_blueprint(bp)
    add_panel(app, HOME, 5, whats_new_panel)
    seed.init_app(app)
    api.init_app(app)


def whats_new_panel(user):
    """The three latest news on the home page."""
    from flask import render_template

    from community.news.queries import latest
    items = latest(3)
    if not items:
        return None
    return render_template("news/panel_home.html", items=items)
