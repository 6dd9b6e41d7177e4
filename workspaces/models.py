"""What a workspace adds to its space: invitations, join requests and the blog.

A workspace itself is a ``Space`` row (kind ``workspace``) with ``Membership``
rows; the policy reads those. Posts and comments expose ``space``, ``status``,
``author_id`` and ``parent_for_policy`` so that ``app.policy`` can judge them
like any other thing inside a space."""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow

DRAFT = "draft"
PUBLISHED = "published"
POST_STATUSES = (DRAFT, PUBLISHED)

PENDING = "pending"
ACCEPTED = "accepted"
DECLINED = "declined"
CANCELLED = "cancelled"

#: A post's slug: lower-case ASCII words joined by dashes.
POST_SLUG_PATTERN = r"[a-z0-9][a-z0-9-]{0,79}"
#: Slugs that would shadow a blog route.
RESERVED_POST_SLUGS = {"new"}


class Invitation(db.Model):
    """An owner asked a user to join with a role; the invitee accepts or declines."""

    __tablename__ = "workspace_invitations"
    __table_args__ = (Index("ix_workspace_invitations_user_status", "user_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    invited_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    role: Mapped[str] = mapped_column(String(10))
    #: ``pending``, ``accepted``, ``declined`` or ``cancelled`` (by an owner).
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[Optional[datetime]] = mapped_column(default=None)

    space = relationship("Space", lazy="joined")
    user = relationship("User", foreign_keys=[user_id], lazy="joined")
    invited_by = relationship("User", foreign_keys=[invited_by_id], lazy="joined")


class JoinRequest(db.Model):
    """A user asked to join a workspace whose join policy is ``request``."""

    __tablename__ = "workspace_join_requests"
    __table_args__ = (Index("ix_workspace_join_requests_space_status", "space_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(String(1000), default="")
    #: ``pending``, ``accepted`` or ``declined`` (refused by an owner).
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    decided_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)

    space = relationship("Space", lazy="joined")
    user = relationship("User", foreign_keys=[user_id], lazy="joined")


class Post(db.Model):
    """A blog post of a workspace; every edit keeps a PostRevision."""

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("space_id", "slug"),
        Index("ix_posts_space_status_published", "space_id", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown source, and its sanitised HTML rendered at save time.
    body: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")
    #: ``draft`` (seen by its author and the owners) or ``published``.
    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    #: First publication; kept when a post goes back to draft and out again.
    published_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    #: Number of the newest revision.
    head_number: Mapped[int] = mapped_column(Integer, default=0)

    space = relationship("Space", lazy="joined")
    author = relationship("User", lazy="joined")
    tags = relationship("PostTag", cascade="all, delete-orphan", lazy="selectin",
                        order_by="PostTag.tag")

    @property
    def tag_names(self):
        return [t.tag for t in self.tags]

    @property
    def is_draft(self):
        return self.status == DRAFT

    def __repr__(self):
        return f"<Post {self.space_id}:{self.slug}>"


class PostTag(db.Model):
    __tablename__ = "post_tags"
    __table_args__ = (UniqueConstraint("post_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(40), index=True)


class PostRevision(db.Model):
    """One saved state of a post (title, body, tags, status); never changed once written."""

    __tablename__ = "post_revisions"
    __table_args__ = (UniqueConstraint("post_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    #: Tags at this revision, space-separated.
    tags: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    post = relationship("Post", lazy="select")
    author = relationship("User", lazy="joined")


class Comment(db.Model):
    """A signed-in reader's comment on a post; its HTML is sanitised Markdown."""

    __tablename__ = "post_comments"
    __table_args__ = (Index("ix_post_comments_post_created", "post_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True)
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[Optional[datetime]] = mapped_column(default=None)

    post = relationship("Post", lazy="joined")
    author = relationship("User", lazy="joined")

    @property
    def space(self):
        return self.post.space

    @property
    def parent_for_policy(self):
        """A comment is readable only where its post is."""
        return self.post
