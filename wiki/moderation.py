"""Undo everything one user wrote in the wiki (a spammer's edits) at once.

For every page the user edited:
- a page only they ever edited (they created it, nobody else touched it) is
  soft-deleted (its history stays, managers can restore it);
- a page whose newest revision is theirs goes back to the newest revision by
  someone else, as a new revision ("Reverted edits by X");
- a page someone else edited after them is left alone: their later edit may
  already have removed the spam, and a rollback would throw that work away.

The wiki's own services do the work (``revert_page``, ``delete_page``), so
signals, links and the activity log behave as for any edit. The caller commits
once, so the whole clean-up is one transaction."""
from sqlalchemy import select

from app.extensions import db
from wiki import services
from wiki.models import Page, Revision


def pages_edited_by(user):
    """Pages with at least one revision by ``user`` (deleted ones excluded)."""
    edited = select(Revision.page_id).where(Revision.author_id == user.id).distinct()
    return list(db.session.scalars(select(Page).where(
        Page.id.in_(edited), Page.deleted_at.is_(None)).order_by(Page.id)))


def _revisions(page):
    """(number, author_id) of every revision, newest first."""
    return db.session.execute(select(Revision.number, Revision.author_id).where(
        Revision.page_id == page.id).order_by(Revision.number.desc())).all()


def revert_user_edits(user, actor):
    """Revert or delete as described above; returns ``{"reverted": n, "deleted": m}``."""
    counts = {"reverted": 0, "deleted": 0}
    summary = f"Reverted edits by {user.username}"
    for page in pages_edited_by(user):
        revisions = _revisions(page)
        if not revisions or revisions[0].author_id != user.id:
            continue
        restore_to = next((r.number for r in revisions if r.author_id != user.id), None)
        if restore_to is None:
            services.delete_page(page, actor, reason=summary)
            counts["deleted"] += 1
            continue
        result = services.revert_page(page, restore_to, actor, summary=summary)
        if result.revision is not None:
            counts["reverted"] += 1
    return counts
