"""A space and who belongs to it: what the permission policy reads."""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow

KIND_COMMONS = "commons"
KIND_WORKSPACE = "workspace"

PUBLIC = "public"
PRIVATE = "private"
VISIBILITIES = (PUBLIC, PRIVATE)

JOIN_INVITE = "invite"
JOIN_REQUEST = "request"
JOIN_OPEN = "open"
JOIN_POLICIES = (JOIN_INVITE, JOIN_REQUEST, JOIN_OPEN)

OWNER = "owner"
EDITOR = "editor"
VIEWER = "viewer"
#: Workspace roles, strongest first.
SPACE_ROLES = (OWNER, EDITOR, VIEWER)

SLUG_PATTERN = r"[a-z0-9][a-z0-9-]{1,39}"
#: The commons' slug; never a valid workspace slug (workspace slugs have 2+ chars
#: but "commons" is reserved too).
COMMONS_SLUG = "commons"


class Space(db.Model):
    """The commons (exactly one) or a workspace."""

    __tablename__ = "spaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``commons`` or ``workspace``.
    kind: Mapped[str] = mapped_column(String(20), default=KIND_WORKSPACE)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(10), default=PUBLIC)
    join_policy: Mapped[str] = mapped_column(String(10), default=JOIN_INVITE)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    #: Soft delete: a deleted workspace is gone for all but admins.
    deleted_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    #: Bumped by any change in the space; orders the directory.
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    memberships = relationship("Membership", back_populates="space",
                               cascade="all, delete-orphan", lazy="select")

    @property
    def is_commons(self):
        return self.kind == KIND_COMMONS

    @property
    def is_public(self):
        return self.visibility == PUBLIC

    def __repr__(self):
        return f"<Space {self.slug}>"


class Membership(db.Model):
    """A user's role in a workspace."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("space_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: ``owner``, ``editor`` or ``viewer``.
    role: Mapped[str] = mapped_column(String(10), default=VIEWER)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    space = relationship("Space", back_populates="memberships")
    user = relationship("User", lazy="joined")
