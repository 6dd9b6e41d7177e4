"""Reports: a member tells the moderators that something is spam or abuse."""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow

OPEN = "open"
DISMISSED = "dismissed"
RESOLVED = "resolved"
STATUSES = (OPEN, DISMISSED, RESOLVED)


class Report(db.Model):
    __tablename__ = "reports"
    __table_args__ = (
        # One report per member and target: reporting again changes nothing.
        UniqueConstraint("kind", "target_id", "reporter_id"),
        Index("ix_reports_status_target", "status", "kind", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: A kind registered with ``community.moderation.registry`` (``page``, ``message``...).
    kind: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[int] = mapped_column(Integer)
    reporter_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), default=None)
    #: The target's author when reported, to list what a member was reported for.
    target_author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True)
    #: The target's label when reported (it may be renamed or deleted since).
    target_label: Mapped[str] = mapped_column(String(300), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    #: ``open``, ``dismissed`` (nothing wrong) or ``resolved`` (a moderator acted).
    status: Mapped[str] = mapped_column(String(20), default=OPEN)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    resolved_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)

    reporter = relationship("User", foreign_keys=[reporter_id], lazy="joined")
