"""Forums: the site forum (in the commons), a forum in each workspace (read as
the workspace reads), and every wiki page's discussion ("Talk"), all made of
the same threads and posts. Moderators pin, lock, move and delete; followers
get mail about replies; the activity log, feeds and search see them through
signals and the policy."""


def init_app(app):
    """Register the models, the two mounts of the blueprint, panels, mail,
    search, reports, the activity filter and the demo seeder."""
    from community.forum import models  # noqa: F401  (tables in the metadata)
    from community.forum import mail, panels, reports, search_documents, seed
    from community.forum.views import bp, site_bp

    app.config.setdefault("FORUM_EDIT_MINUTES", 30)
    app.register_blueprint(bp)
    app.register_blueprint(bp, url_prefix="/w/<space_slug>", name="ws_forum")
    app.register_blueprint(site_bp)
    panels.init_app(app)
    mail.init_app(app)
    search_documents.init_app(app)
    reports.init_app(app)
    seed.init_app(app)
    _hide_deleted_in_streams(app)
    app.jinja_env.globals.update(_forum_paths())


def _hide_deleted_in_streams(app):
    """Activities about deleted threads and posts vanish from the streams of
    readers who may not see them (feeds never imports community)."""
    from sqlalchemy import or_, select

    from community.forum.models import ForumPost, Thread
    from feeds.streams import register_hidden_objects

    register_hidden_objects(app, "forum_thread",
                            lambda: select(Thread.id).where(Thread.deleted_at.is_not(None)))
    register_hidden_objects(app, "forum_post", lambda: select(ForumPost.id).join(
        Thread, Thread.id == ForumPost.thread_id).where(
        or_(ForumPost.deleted_at.is_not(None), Thread.deleted_at.is_not(None))))


def _forum_paths():
    from flask_login import current_user

    from app import policy
    from community.forum import urls
    return {"can_post_in_forum": lambda thing: policy.can_post_in_forum(current_user, thing),
            "can_moderate_forum": lambda thing: policy.can_moderate_forum(current_user, thing),
            "can_manage_forum_categories":
                lambda space: policy.can_manage_forum_categories(current_user, space),
            "forum_path": urls.forum_path, "forum_category_path": urls.category_path,
            "forum_thread_path": urls.thread_path, "forum_post_path": urls.post_path,
            "forum_talk_path": urls.talk_path}
