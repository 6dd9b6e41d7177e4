"""Watching: what a user follows, as one string key per target.

Keys: ``page:<page id>``, ``namespace:<space id>:<Namespace>``, ``space:<space id>``,
``blog:<space id>``, ``user:<user id>`` and ``post:<post id>`` (set by
commenting or publishing, so authors hear about replies)."""
from sqlalchemy import delete, select

from app.extensions import db
from feeds.models import Watch


def watch_target(kind, *parts):
    return ":".join([kind, *(str(p) for p in parts)])


def watch_targets_for(activity):
    """Every key whose watchers hear about ``activity``."""
    targets = [watch_target("space", activity.space_id)]
    if activity.page_id is not None:
        targets.append(watch_target("page", activity.page_id))
    if activity.namespace:
        targets.append(watch_target("namespace", activity.space_id, activity.namespace))
    if activity.post_id is not None:
        targets.append(watch_target("post", activity.post_id))
        targets.append(watch_target("blog", activity.space_id))
    if activity.actor_id is not None:
        targets.append(watch_target("user", activity.actor_id))
    return targets


def is_watching(user, target):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(
        select(Watch.id).where(Watch.user_id == user.id, Watch.target == target)) is not None


def watch(user, target):
    """Follow ``target``; idempotent. Flushes, never commits."""
    if not is_watching(user, target):
        db.session.add(Watch(user_id=user.id, target=target))
        db.session.flush()


def unwatch(user, target):
    """Stop following ``target``; idempotent."""
    db.session.execute(delete(Watch).where(Watch.user_id == user.id, Watch.target == target))
    db.session.flush()


def watched_targets(user):
    return list(db.session.scalars(select(Watch.target).where(Watch.user_id == user.id)))
