"""Reading the news: published and not deleted, newest first."""
from flask import abort
from sqlalchemy import select

from app.extensions import db
from app.pagination import paginate
from community.news.models import NewsPost

PER_PAGE = 10


def _live():
    return select(NewsPost).where(NewsPost.deleted_at.is_(None)).order_by(
        NewsPost.published_at.desc(), NewsPost.id.desc())


def listing(page, per_page=PER_PAGE):
    return paginate(_live(), page, per_page, scalars=True)


def latest(limit=3):
    return list(db.session.scalars(_live().limit(limit)))


def news_or_404(news_id):
    news = db.session.get(NewsPost, news_id) if 0 < news_id < 2**31 else None
    if news is None or news.deleted_at is not None:
        abort(404)
    return news


def newest():
    """``(id, updated_at)`` of the most recently changed live news, for ETags."""
    return db.session.execute(
        select(NewsPost.id, NewsPost.updated_at).where(NewsPost.deleted_at.is_(None))
        .order_by(NewsPost.updated_at.desc(), NewsPost.id.desc()).limit(1)).first()
