"""Wiki links between pages: what a page links to, and who links to a page.

A link is stored by the target's name (space, namespace, title), not its id,
so that links to pages that do not exist yet are kept: when the target is
created (or restored, moved, deleted), ``invalidate_linkers`` clears the cached
HTML of the linking pages so their red links turn blue (or back)."""
from sqlalchemy import delete, select, update

from app import policy
from app.extensions import db
from wiki.models import Page, PageLink, Revision


def update_links(page, links):
    """Make ``page``'s PageLink rows exactly ``links``: (space_id, namespace, title)
    triples, or a ``Rendered`` carrying them. Only the difference is written."""
    links = getattr(links, "links", links)
    wanted = list(dict.fromkeys(tuple(link) for link in links or ()))
    existing = {(row.to_space_id, row.to_namespace, row.to_title): row.id
                for row in db.session.execute(
                    select(PageLink.id, PageLink.to_space_id, PageLink.to_namespace,
                           PageLink.to_title).where(PageLink.from_page_id == page.id))}
    stale = [row_id for key, row_id in existing.items() if key not in set(wanted)]
    if stale:
        db.session.execute(delete(PageLink).where(PageLink.id.in_(stale))
                           .execution_options(synchronize_session=False))
    for space_id, namespace, title in wanted:
        if (space_id, namespace, title) not in existing:
            db.session.add(PageLink(from_page_id=page.id, to_space_id=space_id,
                                    to_namespace=namespace, to_title=title))
    db.session.flush()


def backlinks(page, reader, limit=500):
    """Live pages linking to ``page`` that ``reader`` may read, by title."""
    query = (select(Page)
             .join(PageLink, PageLink.from_page_id == Page.id)
             .where(PageLink.to_space_id == page.space_id,
                    PageLink.to_namespace == page.namespace,
                    PageLink.to_title == page.title,
                    Page.id != page.id,
                    Page.deleted_at.is_(None),
                    Page.space_id.in_(policy.readable_space_ids(reader)))
             .order_by(Page.namespace, Page.title).limit(limit))
    return list(db.session.scalars(query).unique())


def linkers_query(space_id, namespace, title):
    """The ids of pages linking to the named target."""
    return select(PageLink.from_page_id).where(PageLink.to_space_id == space_id,
                                               PageLink.to_namespace == namespace,
                                               PageLink.to_title == title)


def invalidate_linkers(space_id, namespace, title):
    """Clear the cached HTML of the current revisions of every page linking to
    (space_id, namespace, title): they render again on their next view."""
    current = (select(Page.current_revision_id)
               .where(Page.id.in_(linkers_query(space_id, namespace, title)),
                      Page.current_revision_id.is_not(None)))
    db.session.execute(update(Revision).where(Revision.id.in_(current)).values(html=None)
                       .execution_options(synchronize_session="fetch"))
    db.session.flush()
