"""Paging, one way for every list: sane numbers from the query string, and a
page of results that knows whether there is a previous or next one."""
from dataclasses import dataclass

from sqlalchemy import func, select

from app.extensions import db

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 100_000


class PageNumbers:
    """What a pager needs from any page of results with ``page``, ``per_page``
    and ``total`` (the macros read these names, like Flask-SQLAlchemy's)."""

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def prev_num(self):
        return self.page - 1

    @property
    def next_num(self):
        return self.page + 1


@dataclass
class Paged(PageNumbers):
    items: list
    page: int
    per_page: int
    total: int


def paging(page, per_page=None, default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE,
           max_page=MAX_PAGE):
    """``(page, per_page)`` from whatever the query string said; nonsense falls back."""
    try:
        page = max(1, min(int(page or 1), max_page))
    except (TypeError, ValueError):
        page = 1
    try:
        per_page = max(1, min(int(per_page or default), maximum))
    except (TypeError, ValueError):
        per_page = default
    return page, per_page


def paginate(statement, page, per_page, scalars=False):
    """Count and slice ``statement`` in SQL: two statements whatever the list's length."""
    total = db.session.scalar(select(func.count()).select_from(
        statement.order_by(None).subquery()))
    sliced = statement.limit(per_page).offset((page - 1) * per_page)
    rows = db.session.scalars(sliced).all() if scalars else db.session.execute(sliced).all()
    return Paged(list(rows), page, per_page, total)
