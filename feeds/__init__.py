"""The activity log, its recorder (signal receivers), streams, Atom/RSS feeds,
watching, the dashboard and mail notifications. Listens to the wiki and
workspaces through ``app.signals``; neither of them imports this package."""


def init_app(app):
    """Register this package's blueprints, signal receivers and panels."""
    from feeds import api, cli, models, notifications, panels, recorder  # noqa: F401
    from feeds.views import bp, page_bp
    recorder.connect()
    app.register_blueprint(bp)
    # One blueprint, two mounts, like the wiki: the commons and each workspace.
    app.register_blueprint(page_bp)
    app.register_blueprint(page_bp, url_prefix="/w/<space_slug>", name="ws_feeds_wiki")
    api.init_app(app)
    notifications.init_app(app)
    panels.init_app(app)
    cli.init_app(app)
    from feeds import render
    app.jinja_env.globals.update(
        feeds_is_watching=_is_watching, feeds_sentence=render.sentence_html,
        feeds_path=render.activity_path, feeds_actor_name=render.actor_name)


def _is_watching(kind, *parts):
    """For ``_watch_button.html``: does the current user watch this?"""
    from flask_login import current_user

    from feeds.watching import is_watching, watch_target
    return is_watching(current_user, watch_target(kind, *parts))
