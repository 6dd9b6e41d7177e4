"""Moderators' verbs on threads: pin, lock, move, delete.

Every one is audited (``app.audit.record_action``) in the same transaction.
The views check ``policy.can_moderate_forum`` first."""
from flask_babel import lazy_gettext as _l

from app import signals
from app.audit import record_action
from app.extensions import db
from app.timeutil import utcnow
from community.forum.models import ForumCategory
from community.forum.services import ForumError
from community.forum.urls import thread_path


def _change(thread, actor, change, category=None, reason=""):
    record_action(actor, f"forum.thread_{change}", "forum_thread", thread.id, thread.title,
                  reason)
    db.session.flush()
    signals.forum_thread_changed.send(thread, actor=actor, change=change, category=category)


def set_pinned(thread, actor, pinned=True):
    """Pinned threads come first in their category."""
    if thread.pinned == bool(pinned):
        return False
    thread.pinned = bool(pinned)
    _change(thread, actor, "pinned" if pinned else "unpinned")
    return True


def set_locked(thread, actor, locked=True):
    """A locked thread takes no more replies."""
    if thread.locked == bool(locked):
        return False
    thread.locked = bool(locked)
    _change(thread, actor, "locked" if locked else "unlocked")
    return True


def move_thread(thread, actor, category):
    """Move a thread to another category of the same forum."""
    if not isinstance(category, ForumCategory) or category.space_id != thread.space_id:
        raise ForumError(_l("Choose a category of this forum."), 422, "category")
    if thread.page_id is not None:
        raise ForumError(_l("A page's discussion stays on its page."), 409)
    if category.id == thread.category_id:
        return False
    thread.category = category
    thread.category_id = category.id
    _change(thread, actor, "moved", category=category)
    return True


def delete_thread(thread, actor, reason=""):
    """Delete a thread and with it every post (soft: the managers still see it)."""
    if thread.deleted_at is not None:
        raise ForumError(_l("This discussion was already deleted."), 409)
    thread.deleted_at = utcnow()
    record_action(actor, "forum.thread_deleted", "forum_thread", thread.id, thread.title, reason)
    db.session.flush()
    signals.forum_thread_deleted.send(thread, actor=actor, space=thread.space,
                                      title=thread.title, path=thread_path(thread))
