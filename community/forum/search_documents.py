"""Forum threads as search documents: the title and every visible post's text,
in the thread's space (so the search filter shows a private workspace's
threads to its members only). A deleted thread answers None: it leaves the
index."""
from sqlalchemy import select

from app import search, signals
from community.forum.models import ForumPost, Thread
from community.forum.urls import thread_path

KIND = "forum_thread"
#: Characters of posts indexed per thread.
MAX_TEXT = 100_000


def load(session, ids):
    threads = session.scalars(select(Thread).where(Thread.id.in_(ids))).all()
    texts = {}
    for thread_id, body in session.execute(
            select(ForumPost.thread_id, ForumPost.body)
            .where(ForumPost.thread_id.in_(ids), ForumPost.deleted_at.is_(None))
            .order_by(ForumPost.id)):
        texts.setdefault(thread_id, []).append(body)
    return {t.id: _document(t, "\n\n".join(texts.get(t.id, []))[:MAX_TEXT]) for t in threads}


def _document(thread, text):
    if thread.deleted_at is not None or (thread.page_id is not None and (
            thread.page is None or thread.page.deleted_at is not None)):
        return None
    author = thread.author
    space = thread.space
    return search.documents.SearchDoc(
        kind=KIND, id=thread.id, title=thread.title, url=thread_path(thread),
        space_id=thread.space_id, body=text, namespace="Forum",
        workspace="" if space.is_commons else space.slug,
        language=(author.locale if author and author.locale else "en"),
        author=author.username if author else "", author_name=author.name if author else "",
        updated_at=thread.last_post_at)


def all_ids(session):
    return session.scalars(select(Thread.id).where(Thread.deleted_at.is_(None))).all()


def _queue_thread(thread, **kwargs):
    search.enqueue(KIND, thread.id)


def _queue_post(post, **kwargs):
    search.enqueue(KIND, post.thread_id)


def init_app(app):
    search.register_provider(app, KIND, load, all_ids)
    for signal in (signals.forum_thread_created, signals.forum_thread_deleted,
                   signals.forum_thread_changed):
        signal.connect(_queue_thread, weak=False)
    for signal in (signals.forum_post_added, signals.forum_post_edited,
                   signals.forum_post_deleted):
        signal.connect(_queue_post, weak=False)
