"""Site news: posts by the admins and the news team, each with an optional
newsletter issue (a PDF kept in the content-addressed file store)."""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow


class NewsPost(db.Model):
    __tablename__ = "news_posts"
    __table_args__ = (Index("ix_news_posts_published", "deleted_at", "published_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: ASCII words from the title, for readable addresses (``/news/12-<slug>``).
    slug: Mapped[str] = mapped_column(String(80))
    #: Markdown source, and its sanitised HTML rendered at save time.
    body: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    #: The newsletter issue: SHA-256 of the PDF in the file store, its size.
    newsletter_sha256: Mapped[Optional[str]] = mapped_column(String(64), default=None)
    newsletter_size: Mapped[Optional[int]] = mapped_column(Integer, default=None)

    author = relationship("User", lazy="joined")

    @property
    def path(self):
        return f"/news/{self.id}-{self.slug}"

    def __repr__(self):
        return f"<NewsPost {self.id}>"


class NewsTeamMember(db.Model):
    """A member the admins allowed to write news (``policy.can_publish_news``
    reads this table by its name)."""

    __tablename__ = "news_team"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    added_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)

    user = relationship("User", lazy="joined", foreign_keys=[user_id])
