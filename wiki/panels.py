"""Panels the wiki puts in core pages: on a profile, the pages the person
edited lately (only in spaces the reader may read)."""
from flask import render_template
from sqlalchemy import func, select

from app import panels, policy
from app.extensions import db
from wiki.models import Page, Revision

PROFILE_SIZE = 10


def recent_edits(user, viewer, limit=PROFILE_SIZE):
    """``[(Page, last edited at)]``: live pages ``user`` edited, newest edit first."""
    last = (select(Revision.page_id, func.max(Revision.created_at).label("last_at"))
            .where(Revision.author_id == user.id).group_by(Revision.page_id).subquery())
    return db.session.execute(
        select(Page, last.c.last_at).join(last, last.c.page_id == Page.id)
        .where(Page.space_id.in_(policy.readable_space_ids(viewer)),
               Page.deleted_at.is_(None), Page.redirect_to_id.is_(None))
        .order_by(last.c.last_at.desc(), Page.id.desc()).limit(limit)).all()


def profile_pages(user, viewer):
    """PROFILE: recent wiki edits."""
    rows = recent_edits(user, viewer)
    if not rows:
        return None
    return render_template("wiki/panel_profile_pages.html", rows=rows, person=user)


def init_app(app):
    panels.add_panel(app, panels.PROFILE, 10, profile_pages)
