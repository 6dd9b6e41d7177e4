"""Space services shared by the wiki and workspaces."""
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import make_transient_to_detached

from app.extensions import db
from app.spaces.models import COMMONS_SLUG, KIND_COMMONS, PUBLIC, Space


def commons():
    """The commons space, created on first use (``flask init`` also makes it).

    Nearly every request needs it, and its id, kind, slug and visibility never
    change, nor is it ever deleted: after the first read they come from memory,
    attached to the session without a query (any other column loads when first used)."""
    snapshot = current_app.extensions.get(_COMMONS_SNAPSHOT)
    if snapshot is not None:
        return db.session.merge(snapshot, load=False)
    space = db.session.scalar(select(Space).where(Space.kind == KIND_COMMONS))
    if space is None:
        space = Space(kind=KIND_COMMONS, slug=COMMONS_SLUG, name="Commons", visibility=PUBLIC)
        db.session.add(space)
        db.session.flush()
        return space  # not kept: the transaction that made it may yet roll back
    # The commons is never deleted: ``deleted_at`` is None for good.
    snapshot = Space(id=space.id, kind=space.kind, slug=space.slug, visibility=space.visibility,
                     deleted_at=None)
    make_transient_to_detached(snapshot)
    current_app.extensions[_COMMONS_SNAPSHOT] = snapshot
    return space


_COMMONS_SNAPSHOT = "konbit_commons"


def space_by_slug(slug):
    return db.session.scalar(select(Space).where(Space.slug == slug))
