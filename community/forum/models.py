"""Forums: categories of a space, threads (in a category, or a wiki page's Talk),
their posts, and who follows a thread.

A forum belongs to a space (the commons: the site forum; a workspace: its own
forum), so the policy judges threads and posts by that space like any other
thing inside it: they expose ``space``, ``deleted_at``, ``author_id`` and
``parent_for_policy`` (a post reads where its thread reads; a Talk thread
where its page reads)."""
from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow

#: A category's slug: lower-case ASCII words joined by dashes.
CATEGORY_SLUG_PATTERN = r"[a-z0-9][a-z0-9-]{0,39}"
#: Slugs that would shadow a forum route.
RESERVED_CATEGORY_SLUGS = {"t", "new", "categories", "unsubscribe", "talk", "feed"}


class ForumCategory(db.Model):
    __tablename__ = "forum_categories"
    __table_args__ = (UniqueConstraint("space_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    #: Order on the forum's front page, smallest first.
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    space = relationship("Space", lazy="joined")

    def __repr__(self):
        return f"<ForumCategory {self.space_id}:{self.slug}>"


class Thread(db.Model):
    """A discussion: in a category, or on a wiki page (``page_id``: its Talk)."""

    __tablename__ = "forum_threads"
    __table_args__ = (
        Index("ix_forum_threads_category_order", "category_id", "pinned", "last_post_at"),
        Index("ix_forum_threads_page", "page_id", "deleted_at"),
        Index("ix_forum_threads_space_last", "space_id", "last_post_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    category_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("forum_categories.id", ondelete="SET NULL"), default=None)
    page_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("pages.id", ondelete="CASCADE"), default=None)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Visible replies (the opening post not counted).
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_at: Mapped[Optional[datetime]] = mapped_column(default=None)

    space = relationship("Space", lazy="joined")
    category = relationship("ForumCategory", lazy="joined")
    page = relationship("Page", lazy="select")
    author = relationship("User", lazy="joined")

    @property
    def parent_for_policy(self):
        """A page's Talk reads where the page reads."""
        return self.page if self.page_id is not None else None

    def __repr__(self):
        return f"<Thread {self.id}>"


class ForumPost(db.Model):
    """One message of a thread; its HTML is sanitised Markdown rendered at write time."""

    __tablename__ = "forum_posts"
    __table_args__ = (Index("ix_forum_posts_thread_created", "thread_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_threads.id", ondelete="CASCADE"))
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True)
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    #: Deleted (or hidden by a moderator): gone for all but the space's managers.
    deleted_at: Mapped[Optional[datetime]] = mapped_column(default=None)

    thread = relationship("Thread", lazy="joined")
    author = relationship("User", lazy="joined")

    @property
    def space(self):
        return self.thread.space

    @property
    def parent_for_policy(self):
        return self.thread


class ThreadSubscription(db.Model):
    """A user gets mail about new replies in a thread."""

    __tablename__ = "forum_subscriptions"
    __table_args__ = (UniqueConstraint("thread_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_threads.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User", lazy="joined")
