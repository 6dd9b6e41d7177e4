"""Space services shared by the wiki and workspaces."""
from sqlalchemy import select

from app.extensions import db
from app.spaces.models import COMMONS_SLUG, KIND_COMMONS, PUBLIC, Space


def commons():
    """The commons space, created on first use (``flask init`` also makes it)."""
    space = db.session.scalar(select(Space).where(Space.kind == KIND_COMMONS))
    if space is None:
        space = Space(kind=KIND_COMMONS, slug=COMMONS_SLUG, name="Commons", visibility=PUBLIC)
        db.session.add(space)
        db.session.flush()
    return space


def space_by_slug(slug):
    return db.session.scalar(select(Space).where(Space.slug == slug))
