"""Create, change, delete and restore workspaces."""
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import signals
from app.extensions import db
from app.spaces.models import (JOIN_OPEN, JOIN_POLICIES, KIND_WORKSPACE, OWNER, PRIVATE,
                               SLUG_PATTERN, VISIBILITIES, Membership, Space)
from app.timeutil import utcnow
from workspaces.services.errors import WorkspaceError

#: Slugs that would shadow a route under /w/ or read like the site speaking.
RESERVED_SLUGS = {"new", "commons", "api", "admin", "static", "wiki", "blog", "settings",
                  "search", "feeds", "www"}
MAX_NAME = 120
MAX_DESCRIPTION = 5000
#: Fields that ``update_workspace`` may change.
SETTINGS_FIELDS = ("name", "description", "visibility", "join_policy")


def touch(space, moment=None):
    """Something happened in ``space``: the directory orders by this."""
    space.last_activity_at = moment or utcnow()


def validate_slug(slug):
    """A free, well-formed workspace slug, or WorkspaceError."""
    slug = (slug or "").strip()
    if not isinstance(slug, str) or not re.fullmatch(SLUG_PATTERN, slug):
        raise WorkspaceError(_l("A workspace address has 2 to 40 lower-case letters, digits or "
                                "dashes, and starts with a letter or a digit."), 422, "slug")
    if slug in RESERVED_SLUGS:
        raise WorkspaceError(_l("This address is reserved."), 409, "slug")
    if db.session.scalar(select(Space.id).where(Space.slug == slug)) is not None:
        raise WorkspaceError(_l("This address is taken."), 409, "slug")
    return slug


def _clean_name(name):
    name = (name or "").strip() if isinstance(name, str) else ""
    if not name or len(name) > MAX_NAME:
        raise WorkspaceError(_l("A name has 1 to %(n)d characters.", n=MAX_NAME), 422, "name")
    return name


def _clean_description(description):
    if description is None:
        return ""
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION:
        raise WorkspaceError(_l("A description has at most %(n)d characters.",
                                n=MAX_DESCRIPTION), 422, "description")
    return description.strip()


def _check_access_settings(visibility, join_policy):
    if visibility not in VISIBILITIES:
        raise WorkspaceError(_l("Visibility is public or private."), 422, "visibility")
    if join_policy not in JOIN_POLICIES:
        raise WorkspaceError(_l("Joining is by invitation, by request or open."), 422,
                             "join_policy")
    if visibility == PRIVATE and join_policy == JOIN_OPEN:
        raise WorkspaceError(_l("Only a public workspace can be open to anyone."), 422,
                             "join_policy")


def create_workspace(actor, slug, name, description="", visibility="public",
                     join_policy="invite"):
    """Make a workspace whose owner is ``actor``."""
    name = _clean_name(name)
    description = _clean_description(description)
    _check_access_settings(visibility, join_policy)
    slug = validate_slug(slug)
    now = utcnow()
    space = Space(kind=KIND_WORKSPACE, slug=slug, name=name, description=description,
                  visibility=visibility, join_policy=join_policy, created_by_id=actor.id,
                  created_at=now, last_activity_at=now)
    db.session.add(space)
    db.session.flush()
    db.session.add(Membership(space_id=space.id, user_id=actor.id, role=OWNER, created_at=now))
    db.session.flush()
    signals.workspace_created.send(space, actor=actor)
    return space


def update_workspace(space, actor, **fields):
    """Change settings; returns the changes as ``{field: (old, new)}``."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise WorkspaceError(_l("Unknown field."), 422, sorted(unknown)[0])
    wanted = {name: getattr(space, name) for name in SETTINGS_FIELDS}
    if "name" in fields:
        wanted["name"] = _clean_name(fields["name"])
    if "description" in fields:
        wanted["description"] = _clean_description(fields["description"])
    for name in ("visibility", "join_policy"):
        if name in fields:
            wanted[name] = fields[name]
    _check_access_settings(wanted["visibility"], wanted["join_policy"])
    changes = {}
    for name, value in wanted.items():
        if getattr(space, name) != value:
            changes[name] = (getattr(space, name), value)
            setattr(space, name, value)
    if changes:
        touch(space)
        db.session.flush()
        signals.workspace_updated.send(space, actor=actor, changes=changes)
    return changes


def delete_workspace(space, actor):
    """Soft delete: the workspace vanishes for all but admins, who may restore it."""
    if space.deleted_at is not None:
        raise WorkspaceError(_l("This workspace is already deleted."), 409)
    space.deleted_at = utcnow()
    db.session.flush()
    signals.workspace_deleted.send(space, actor=actor)


def restore_workspace(space, actor):
    if space.deleted_at is None:
        raise WorkspaceError(_l("This workspace is not deleted."), 409)
    space.deleted_at = None
    touch(space)
    db.session.flush()
    signals.workspace_restored.send(space, actor=actor)
