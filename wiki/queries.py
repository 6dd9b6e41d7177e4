"""Reading pages and revisions, always through the permission policy.

What a reader may not read is treated exactly like what does not exist."""
from flask import abort
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import defer, joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from app import policy
from app.extensions import db
from app.pagination import Paged, paging
from app.accounts.models import User
from wiki import view_facts
from wiki.models import Page, Revision
from wiki.titles import Title

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def find_page(space, title: Title):
    """The page at ``title`` in ``space`` (deleted or not), or None."""
    return db.session.scalar(
        select(Page).where(Page.space_id == space.id, Page.namespace == title.namespace,
                           Page.title == title.title))


def page_to_save(space, title: Title, user):
    """The page a save of ``title`` by ``user`` would change, or None for a new one:
    a deleted page that the user may not see is none (its title is free to them,
    ``services.set_aside``)."""
    page = find_page(space, title)
    if page is not None and page.deleted_at is not None and not policy.can_read(user, page):
        return None
    return page


def readable_page(space, title: Title, user):
    """The page if it exists and ``user`` may read it, else None."""
    page = find_page(space, title)
    return page if page is not None and policy.can_read(user, page) else None


def page_for_view(space, title: Title, user, with_revision=True):
    """The page to show at ``title`` if ``user`` may read it, else None; its
    current revision, that revision's author and the view's facts
    (``wiki.view_facts``) come with it, in one statement built once per
    database. Nothing else is loaded: the page's space is ``space``.

    ``with_revision=False`` leaves the revision to be loaded when first used
    (one more statement): a view made from a kept skeleton never uses it."""
    names, statement = _view_statement(db.session.get_bind().dialect.name, with_revision)
    reader_id = user.id if getattr(user, "is_authenticated", False) else 0
    row = db.session.execute(statement, {"space_id": space.id, "namespace": title.namespace,
                                         "title": title.title, "reader_id": reader_id}).first()
    if row is None:
        return None
    page = row[0]
    # The session's identity map holds objects weakly: tie the revision and its
    # author to the page so that neither is loaded again.
    set_committed_value(page, "space", space)
    if with_revision:
        revision, author = row[1], row[2]
        set_committed_value(page, "current_revision", revision)
        if revision is not None:
            set_committed_value(revision, "author", author)
    view_facts.keep(page, names, row[3 if with_revision else 1:], reader_id)
    return page if policy.can_read(user, page) else None


_view_statements = {}


def _view_statement(dialect_name, with_revision):
    key = (dialect_name, view_facts.registered(), with_revision)
    if key not in _view_statements:
        names, facts = view_facts.columns(dialect_name)
        if with_revision:
            statement = (select(Page, Revision, User, *facts)
                         .outerjoin(Revision, Revision.id == Page.current_revision_id)
                         .outerjoin(User, User.id == Revision.author_id))
        else:
            statement = select(Page, *facts)
        statement = (
            statement.where(Page.space_id == bindparam("space_id"),
                            Page.namespace == bindparam("namespace"),
                            Page.title == bindparam("title"))
            # The space, the revision and its author are in the session's
            # identity map once this row is loaded: no relationship needs a query.
            .options(lazyload("*")))
        _view_statements[key] = (names, statement)
    return _view_statements[key]


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
