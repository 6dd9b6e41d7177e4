"""The activity log, watches, feed tokens and notification state.

An Activity row is structured and untranslated (actor, dotted verb, space,
object, title snapshot, data); who may see it is decided when it is read, by
the policy, never copied into the row."""
from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow

#: Notification modes a user chooses in /settings.
MAIL_IMMEDIATE = "immediate"
MAIL_DAILY = "daily"
MAIL_NONE = "none"
MAIL_MODES = (MAIL_IMMEDIATE, MAIL_DAILY, MAIL_NONE)

#: What a Watch follows.
WATCH_PAGE = "page"
WATCH_NAMESPACE = "namespace"
WATCH_SPACE = "space"
WATCH_BLOG = "blog"
WATCH_USER = "user"
WATCH_KINDS = (WATCH_PAGE, WATCH_NAMESPACE, WATCH_SPACE, WATCH_BLOG, WATCH_USER)


class Activity(db.Model):
    """One change: ``page.edited``, ``post.published``, ``member.joined``..."""

    __tablename__ = "activities"
    # Every stream reads "newest first" under one filter: one index per filter.
    __table_args__ = (
        Index("ix_activities_created", "created_at", "id"),
        Index("ix_activities_space_created", "space_id", "created_at", "id"),
        Index("ix_activities_actor_created", "actor_id", "created_at", "id"),
        Index("ix_activities_space_ns_created", "space_id", "namespace", "created_at", "id"),
        Index("ix_activities_page_created", "page_id", "created_at", "id"),
        Index("ix_activities_post_created", "post_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    #: Dotted and untranslated: ``page.edited``; rendered by ``feeds.render``.
    verb: Mapped[str] = mapped_column(String(40))
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    #: The page's namespace for page activities, else None.
    namespace: Mapped[Optional[str]] = mapped_column(String(40), default=None)
    #: ``page``, ``post``, ``comment``, ``attachment``, ``space``, ``user``.
    object_type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[Optional[int]] = mapped_column(Integer, default=None)
    page_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("pages.id", ondelete="CASCADE"), default=None)
    #: Blog post (for posts and their comments). No foreign key: feeds must not
    #: make the wiki-only schema depend on the workspaces tables.
    post_id: Mapped[Optional[int]] = mapped_column(Integer, default=None)
    #: Title of the object when it happened (``Library:Foo``, a post's title...).
    title: Mapped[str] = mapped_column(String(300), default="")
    #: A minor edit: hidden by ``/recent?minor=0``.
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    #: summary, size_delta, rev, old_rev, old_title, name, role, ...
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    actor = relationship("User", lazy="joined", foreign_keys=[actor_id])
    space = relationship("Space", lazy="joined")
    page = relationship("Page", lazy="select")

    def __repr__(self):
        return f"<Activity {self.id} {self.verb}>"


class Watch(db.Model):
    """A user follows a page, a namespace, a workspace, a blog or a person.

    ``target`` is one string key (``page:12``, ``namespace:1:Library``,
    ``space:3``, ``blog:3``, ``user:5``) so that one unique constraint and one
    index serve every kind."""

    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("user_id", "target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FeedToken(db.Model):
    """A personal token that identifies its owner to feeds only; only its hash is kept."""

    __tablename__ = "feed_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Shown in /settings so the owner can copy the feed address again.
    token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User", lazy="joined")


class NotificationPreference(db.Model):
    """How a user wants mail about watched changes (no row: immediate)."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    mode: Mapped[str] = mapped_column(String(10), default=MAIL_IMMEDIATE)


class MailQueue(db.Model):
    """A notification owed to a watcher, written in the transaction of the change.

    Immediate ones are sent right after the commit; daily ones by
    ``flask send-digests``. A rolled-back change leaves no row, hence no mail."""

    __tablename__ = "mail_queue"
    __table_args__ = (Index("ix_mail_queue_pending", "sent_at", "mode", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    mode: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Set when claimed for sending (or skipped because the reader lost access).
    sent_at: Mapped[Optional[datetime]] = mapped_column(default=None)

    user = relationship("User", lazy="joined")
    activity = relationship("Activity", lazy="joined")
