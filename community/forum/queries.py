"""Reading forums: lists with their counts, in a fixed number of queries.

Every function is given a space the reader may already read (the views
resolve it through the policy); inside it, deleted threads and posts show
only to those who moderate it, and a Talk thread only where its page reads."""
from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app import policy
from app.extensions import db
from app.pagination import paginate
from community.forum.models import ForumCategory, ForumPost, Thread
from community.forum.services import POSTS_PER_PAGE

THREADS_PER_PAGE = 25


def categories_of(space):
    return list(db.session.scalars(select(ForumCategory).where(
        ForumCategory.space_id == space.id).order_by(ForumCategory.position, ForumCategory.name)))


def category_stats(space):
    """``[(category, threads, posts, last_thread)]`` for the forum's front page: three
    queries whatever the number of categories."""
    categories = categories_of(space)
    ids = [c.id for c in categories]
    if not ids:
        return []
    live = (Thread.category_id.in_(ids), Thread.deleted_at.is_(None))
    thread_counts = dict(db.session.execute(
        select(Thread.category_id, func.count(Thread.id)).where(*live)
        .group_by(Thread.category_id)).all())
    post_counts = dict(db.session.execute(
        select(Thread.category_id, func.count(ForumPost.id))
        .join(ForumPost, ForumPost.thread_id == Thread.id)
        .where(*live, ForumPost.deleted_at.is_(None)).group_by(Thread.category_id)).all())
    newest = (select(Thread.category_id, func.max(Thread.last_post_at).label("at"))
              .where(*live).group_by(Thread.category_id).subquery())
    last = {}
    for thread in db.session.scalars(
            select(Thread).join(newest, (Thread.category_id == newest.c.category_id)
                                & (Thread.last_post_at == newest.c.at))
            .where(Thread.deleted_at.is_(None)).order_by(Thread.id)):
        last.setdefault(thread.category_id, thread)
    return [(c, thread_counts.get(c.id, 0), post_counts.get(c.id, 0), last.get(c.id))
            for c in categories]


def category_or_404(space, slug):
    category = db.session.scalar(select(ForumCategory).where(
        ForumCategory.space_id == space.id, ForumCategory.slug == slug))
    if category is None:
        abort(404)
    return category


def category_threads(category, page, per_page=THREADS_PER_PAGE):
    """Pinned first, then by last post; deleted ones left out."""
    statement = (select(Thread).where(Thread.category_id == category.id,
                                      Thread.deleted_at.is_(None))
                 .order_by(Thread.pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc()))
    return paginate(statement, page, per_page, scalars=True)


def thread_or_404(space, thread_id, reader):
    """The thread of ``space`` numbered ``thread_id``, if ``reader`` may read it."""
    thread = db.session.get(Thread, thread_id) if 0 < thread_id < 2**31 else None
    if thread is None or thread.space_id != space.id or not policy.can_read(reader, thread):
        abort(404)
    return thread


def post_or_404(thread, post_id, reader):
    post = db.session.get(ForumPost, post_id) if 0 < post_id < 2**31 else None
    if post is None or post.thread_id != thread.id or not policy.can_read(reader, post):
        abort(404)
    return post


def thread_posts(thread, reader, page):
    """A page of the thread's posts, oldest first; deleted ones only for moderators."""
    statement = select(ForumPost).where(ForumPost.thread_id == thread.id)
    if not policy.can_moderate_forum(reader, thread):
        statement = statement.where(ForumPost.deleted_at.is_(None))
    return paginate(statement.order_by(ForumPost.id), page, POSTS_PER_PAGE, scalars=True)


def talk_threads(page):
    return list(db.session.scalars(
        select(Thread).where(Thread.page_id == page.id, Thread.deleted_at.is_(None))
        .order_by(Thread.pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc())))


def talk_count(page):
    """Live discussions on a page (the page is readable, so they all are): one query."""
    return db.session.scalar(select(func.count(Thread.id)).where(
        Thread.page_id == page.id, Thread.deleted_at.is_(None))) or 0


def latest_threads(space, limit=5):
    return list(db.session.scalars(
        select(Thread).where(Thread.space_id == space.id, Thread.deleted_at.is_(None),
                             Thread.page_id.is_(None))
        .order_by(Thread.last_post_at.desc(), Thread.id.desc()).limit(limit)))


def feed_posts(reader, space, category=None, thread=None, limit=50):
    """The newest visible posts of a thread, a category or a whole forum, for feeds."""
    statement = (select(ForumPost).join(Thread, Thread.id == ForumPost.thread_id)
                 .where(Thread.space_id == space.id, Thread.deleted_at.is_(None),
                        ForumPost.deleted_at.is_(None))
                 .options(selectinload(ForumPost.thread)))
    if thread is not None:
        statement = statement.where(Thread.id == thread.id)
    elif category is not None:
        statement = statement.where(Thread.category_id == category.id)
    else:
        statement = statement.where(Thread.page_id.is_(None))
    return list(db.session.scalars(
        statement.order_by(ForumPost.created_at.desc(), ForumPost.id.desc()).limit(limit)))
