"""Forum threads and posts as reportable things (community.moderation):
how to load, name, link and remove them, through the forum's own services."""
from flask_babel import lazy_gettext as _l

from app.extensions import db
from community.forum import moderation, services
from community.forum.models import ForumPost, Thread
from community.forum.urls import post_path, thread_path


def _load(model):
    def load(obj_id):
        try:
            obj_id = int(obj_id)
        except (TypeError, ValueError):
            return None
        return db.session.get(model, obj_id) if 0 < obj_id < 2**31 else None
    return load


def _remove_post(post, actor):
    """A reply is deleted; the opening post takes its thread with it."""
    if post.id == services.opening_post_id(post.thread):
        if post.thread.deleted_at is None:
            moderation.delete_thread(post.thread, actor, "reported")
        return
    if post.deleted_at is None:
        services.delete_post(post, actor, "reported")


def _remove_thread(thread, actor):
    if thread.deleted_at is None:
        moderation.delete_thread(thread, actor, "reported")


def init_app(app):
    try:
        from community.moderation.registry import register_reportable
    except ImportError:  # pragma: no cover - moderation is part of the site
        return
    register_reportable(app, "forum_thread", label=lambda t: t.title, load=_load(Thread),
                        url=thread_path, author=lambda t: t.author,
                        hide=_remove_thread, delete=_remove_thread,
                        kind_label=_l("Forum discussion"))
    register_reportable(app, "forum_post", label=lambda p: p.thread.title, load=_load(ForumPost),
                        url=lambda p: post_path(p, services.page_of(p)),
                        author=lambda p: p.author, hide=_remove_post, delete=_remove_post,
                        kind_label=_l("Forum message"))
