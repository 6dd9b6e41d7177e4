"""Signal receivers: one Activity row per change, in the change's transaction.

Receivers only ``add`` and ``flush`` (never commit): if the change is rolled
back, its activity and the notifications it queued vanish with it. Watchers'
notifications are queued here too (``MailQueue``) and sent after the commit
by ``feeds.notifications``."""
from sqlalchemy import select

from app import signals
from app.extensions import db
from feeds.models import (MAIL_IMMEDIATE, MAIL_NONE, Activity, MailQueue,
                          NotificationPreference, Watch)
from feeds.watching import watch_target, watch_targets_for

#: session.info key: the activity recorded for each revision id in this transaction.
BY_REVISION = "feeds_activity_by_revision"
#: session.info key: an immediate notification was queued in this transaction.
PENDING_MAIL = "feeds_mail_pending"


def _id(thing):
    return getattr(thing, "id", None)


def record(verb, space, actor=None, object_type="", object_id=None, page=None, post=None,
           title="", minor=False, **data):
    """Add one Activity (and its watchers' notifications) to the session; flush."""
    activity = Activity(
        verb=verb, space_id=space.id if hasattr(space, "id") else space,
        actor_id=_id(actor), object_type=object_type, object_id=object_id,
        page_id=_id(page), namespace=getattr(page, "namespace", None) if page else None,
        post_id=_id(post), title=(title or "")[:300], minor=bool(minor),
        data={k: v for k, v in data.items() if v is not None})
    db.session.add(activity)
    db.session.flush()
    _queue_notifications(activity)
    return activity


def _queue_notifications(activity):
    """Queue a mail for every watcher but the actor, by their chosen mode."""
    targets = watch_targets_for(activity)
    rows = db.session.execute(
        select(Watch.user_id, NotificationPreference.mode)
        .outerjoin(NotificationPreference, NotificationPreference.user_id == Watch.user_id)
        .where(Watch.target.in_(targets))
        .distinct()).all()
    queued = False
    for user_id, mode in rows:
        mode = mode or MAIL_IMMEDIATE
        if user_id == activity.actor_id or mode == MAIL_NONE:
            continue
        db.session.add(MailQueue(user_id=user_id, activity_id=activity.id, mode=mode))
        queued = queued or mode == MAIL_IMMEDIATE
    if rows:
        db.session.flush()
    if queued:
        db.session.info[PENDING_MAIL] = True


def _auto_watch(user, target):
    """Watching what you create or edit is the default (as in MediaWiki)."""
    if user is None or getattr(user, "id", None) is None:
        return
    exists = db.session.scalar(
        select(Watch.id).where(Watch.user_id == user.id, Watch.target == target))
    if exists is None:
        db.session.add(Watch(user_id=user.id, target=target))
        db.session.flush()


# --- wiki ------------------------------------------------------------------

def on_page_saved(page, actor=None, revision=None, created=False, merged=False,
                  previous=None, **extra):
    number = getattr(revision, "number", None)
    activity = record(
        "page.created" if created else "page.edited", page.space, actor, "page", page.id,
        page=page, title=page.full_title, minor=getattr(revision, "minor", False),
        summary=getattr(revision, "summary", "") or None, rev=number,
        old_rev=getattr(previous, "number", None),
        size_delta=getattr(revision, "size_delta", None), merged=merged or None)
    if revision is not None and getattr(revision, "id", None) is not None:
        db.session.info.setdefault(BY_REVISION, {})[revision.id] = activity
    _auto_watch(actor, watch_target("page", page.id))


def on_page_reverted(page, actor=None, revision=None, to_number=None, **extra):
    """``page_saved`` already recorded the new revision: turn it into a revert."""
    activity = db.session.info.get(BY_REVISION, {}).get(getattr(revision, "id", None))
    if activity is None:
        record("page.reverted", page.space, actor, "page", page.id, page=page,
               title=page.full_title, rev=getattr(revision, "number", None), to_rev=to_number)
        return
    activity.verb = "page.reverted"
    activity.data = dict(activity.data or {}, to_rev=to_number)
    db.session.flush()


def on_page_moved(page, actor=None, old_namespace=None, old_title=None, redirect=None,
                  revision=None, **extra):
    old = old_title if old_namespace in (None, "Main") else f"{old_namespace}:{old_title}"
    record("page.moved", page.space, actor, "page", page.id, page=page, title=page.full_title,
           old_title=old, rev=getattr(revision, "number", None))


def on_page_deleted(page, actor=None, reason=None, **extra):
    record("page.deleted", page.space, actor, "page", page.id, page=page,
           title=page.full_title, reason=reason or None)


def on_page_restored(page, actor=None, **extra):
    record("page.restored", page.space, actor, "page", page.id, page=page,
           title=page.full_title)


def on_page_protected(page, actor=None, protected=True, **extra):
    record("page.protected" if protected else "page.unprotected", page.space, actor, "page",
           page.id, page=page, title=page.full_title)


def on_attachment_added(attachment, actor=None, version=None, **extra):
    page = attachment.page
    record("attachment.added", page.space, actor, "attachment", attachment.id, page=page,
           title=page.full_title, name=attachment.name,
           version=getattr(version, "number", None), size=getattr(version, "size", None))


# --- workspaces --------------------------------------------------------------

def _post_space(post):
    return getattr(post, "space", None) or getattr(post, "space_id", None)


def on_workspace_created(space, actor=None, **extra):
    record("workspace.created", space, actor, "space", space.id, title=space.name)
    _auto_watch(actor, watch_target("space", space.id))


def on_member_invited(invitation, actor=None, space=None, user=None, role=None, **extra):
    record("member.invited", space, actor, "user", _id(user), title=space.name,
           user=getattr(user, "username", None), role=role)


def on_member_joined(membership, actor=None, space=None, user=None, role=None, **extra):
    """The one who joined is the actor, also when an owner let them in."""
    admitted_by = actor if actor is not None and user is not None and actor.id != user.id \
        else None
    record("member.joined", space, user or actor, "user", _id(user), title=space.name,
           user=getattr(user, "username", None), role=role,
           **({"admitted_by": admitted_by.username} if admitted_by is not None else {}))


def on_member_left(space, actor=None, user=None, removed=False, **extra):
    record("member.left", space, actor, "user", _id(user), title=space.name,
           user=getattr(user, "username", None), removed=bool(removed) or None)


def _post_data(post):
    return {"slug": getattr(post, "slug", None)}


def on_post_published(post, actor=None, revision=None, **extra):
    record("post.published", _post_space(post), actor, "post", post.id, post=post,
           title=post.title, **_post_data(post))
    _auto_watch(actor, watch_target("post", post.id))


def on_post_edited(post, actor=None, revision=None, **extra):
    record("post.edited", _post_space(post), actor, "post", post.id, post=post,
           title=post.title, **_post_data(post))


def on_post_deleted(post, actor=None, **extra):
    record("post.deleted", _post_space(post), actor, "post", post.id, post=post,
           title=post.title, **_post_data(post))


def on_comment_added(comment, actor=None, post=None, **extra):
    post = post or getattr(comment, "post", None)
    record("comment.added", _post_space(post), actor, "comment", comment.id, post=post,
           title=post.title, **_post_data(post))
    _auto_watch(actor, watch_target("post", post.id))


# --- forums and news (community) ---------------------------------------------
# The signals carry the space, title and path: feeds never imports community.

def on_forum_thread_created(thread, actor=None, space=None, title="", path=None, **extra):
    record("forum.thread_created", space, actor, "forum_thread", thread.id, title=title,
           path=path, thread_id=thread.id)


def on_forum_post_added(post, actor=None, thread=None, space=None, title="", path=None,
                        **extra):
    record("forum.replied", space, actor, "forum_post", post.id, title=title, path=path,
           thread_id=getattr(thread, "id", None))


def on_forum_thread_deleted(thread, actor=None, space=None, title="", path=None, **extra):
    # Shown to the forum's managers only (the thread is gone for the others);
    # it also tells cached feeds that what they show has changed.
    record("forum.thread_deleted", space, actor, "forum_thread", thread.id, title=title,
           path=path, thread_id=thread.id)


def on_forum_post_deleted(post, actor=None, thread=None, space=None, title="", path=None,
                          **extra):
    record("forum.post_deleted", space, actor, "forum_post", post.id, title=title, path=path,
           thread_id=getattr(thread, "id", None))


def on_news_published(news, actor=None, space=None, title="", path=None, **extra):
    record("news.published", space, actor, "news", news.id, title=title, path=path)


RECEIVERS = (
    (signals.page_saved, on_page_saved),
    (signals.page_reverted, on_page_reverted),
    (signals.page_moved, on_page_moved),
    (signals.page_deleted, on_page_deleted),
    (signals.page_restored, on_page_restored),
    (signals.page_protected, on_page_protected),
    (signals.attachment_added, on_attachment_added),
    (signals.workspace_created, on_workspace_created),
    (signals.member_invited, on_member_invited),
    (signals.member_joined, on_member_joined),
    (signals.member_left, on_member_left),
    (signals.post_published, on_post_published),
    (signals.post_edited, on_post_edited),
    (signals.post_deleted, on_post_deleted),
    (signals.comment_added, on_comment_added),
    (signals.forum_thread_created, on_forum_thread_created),
    (signals.forum_post_added, on_forum_post_added),
    (signals.forum_thread_deleted, on_forum_thread_deleted),
    (signals.forum_post_deleted, on_forum_post_deleted),
    (signals.news_published, on_news_published),
)


def connect():
    """Connect every receiver (weak=False: they are module functions, connected once)."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, weak=False)
