"""Reading pages and revisions, always through the permission policy.

What a reader may not read is treated exactly like what does not exist."""
from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import defer, joinedload

from app import policy
from app.extensions import db
from app.pagination import Paged, paging
from wiki.models import Page, Revision
from wiki.titles import Title

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def find_page(space, title: Title):
    """The page at ``title`` in ``space`` (deleted or not), or None."""
    return db.session.scalar(
        select(Page).where(Page.space_id == space.id, Page.namespace == title.namespace,
                           Page.title == title.title))


def readable_page(space, title: Title, user):
    """The page if it exists and ``user`` may read it, else None."""
    page = find_page(space, title)
    return page if page is not None and policy.can_read(user, page) else None


def get_page_or_404(space, title: Title, user):
    page = readable_page(space, title, user)
    if page is None:
        abort(404)
    return page


def get_revision(page, number=None):
    """Revision ``number`` of ``page`` (the current one when None), author loaded, or None."""
    if number is None:
        if page.current_revision_id is None:
            return None
        return db.session.scalar(select(Revision).where(Revision.id == page.current_revision_id))
    return db.session.scalar(select(Revision).where(Revision.page_id == page.id,
                                                    Revision.number == number))


def get_revision_or_404(page, number=None):
    revision = get_revision(page, number)
    if revision is None:
        abort(404)
    return revision


def history(page, number=1, per_page=DEFAULT_PER_PAGE):
    """One page of ``page``'s revisions, newest first (bodies not loaded)."""
    number, per_page = paging(number, per_page, default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    total = page.head_number or db.session.scalar(
        select(func.count(Revision.id)).where(Revision.page_id == page.id)) or 0
    # Revisions are numbered 1..head with no gap (a unique constraint and the
    # save service see to it), so a page of history starts at a known number:
    # the index seeks there instead of walking past every newer revision.
    newest_shown = total - (number - 1) * per_page
    revisions = db.session.scalars(
        select(Revision).where(Revision.page_id == page.id, Revision.number <= newest_shown)
        .options(defer(Revision.body), defer(Revision.html), joinedload(Revision.author))
        .order_by(Revision.number.desc())
        .limit(per_page)).unique().all()
    return Paged(list(revisions), number, per_page, total)


def list_pages(user, space=None, namespace=None, prefix=None, limit=500):
    """Titles readable by ``user``: live pages (no redirects) of readable spaces."""
    query = (select(Page).where(Page.space_id.in_(policy.readable_space_ids(user)),
                                Page.deleted_at.is_(None), Page.redirect_to_id.is_(None))
             .order_by(Page.namespace, Page.title).limit(limit))
    if space is not None:
        query = query.where(Page.space_id == space.id)
    if namespace:
        query = query.where(Page.namespace == namespace)
    if prefix:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Page.title.like(escaped + "%", escape="\\"))
    return list(db.session.scalars(query))
