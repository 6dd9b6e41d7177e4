"""A workspace blog's published posts, for its feed.

The Post model belongs to the workspaces package; this module reads only the
columns a blog must have (space, title, status, dates) and tolerates the
optional ones, so that feeds never constrain how workspaces evolves."""
from sqlalchemy import select

from app.extensions import db
from feeds.streams import post_model


def available():
    return post_model() is not None


def _query(space):
    Post = post_model()
    query = select(Post).where(Post.space_id == space.id)
    if hasattr(Post, "status"):
        query = query.where(Post.status == "published")
    if hasattr(Post, "deleted_at"):
        query = query.where(Post.deleted_at.is_(None))
    return query


def _order_column():
    Post = post_model()
    column = getattr(Post, "published_at", None)
    return column if column is not None else Post.created_at


def published_posts(space, limit):
    """The newest published posts, newest first (with their authors in the same query)."""
    Post = post_model()
    order = _order_column()
    query = _query(space).order_by(order.desc(), Post.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def newest(space):
    """``(key, time)`` of the most recently changed published post, or None."""
    Post = post_model()
    updated = getattr(Post, "updated_at", None)
    updated = updated if updated is not None else _order_column()
    row = db.session.execute(
        _query(space).with_only_columns(Post.id, updated)
        .order_by(updated.desc(), Post.id.desc()).limit(1)).first()
    return row


def updated_of(post):
    return getattr(post, "updated_at", None) or getattr(post, "published_at", None) \
        or post.created_at
