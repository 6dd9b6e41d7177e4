"""The audit log: what moderators and admins did, to what, when and why.

Every moderation or administration action (blocking a user, deleting or
hiding content, pinning or locking a thread, changing a role, reverting a
spammer's edits) calls ``record_action`` in the same transaction as the
action. Entries are never edited; only admins read them (``/admin/audit``)."""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_created", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True)
    #: Dotted and untranslated: ``user.blocked``, ``forum.thread_locked``, ``page.deleted``.
    action: Mapped[str] = mapped_column(String(60))
    #: What it was done to: a kind (``user``, ``page``, ``forum_post``...), its id,
    #: and a label kept as it was then (the thing may be renamed or deleted later).
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[Optional[int]] = mapped_column(Integer, default=None)
    target_label: Mapped[str] = mapped_column(String(300), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor = relationship("User", lazy="joined")


def record_action(actor, action, target_type="", target_id=None, target_label="", reason=""):
    """Add an audit entry for ``actor`` doing ``action``; the caller commits."""
    entry = AuditEntry(actor_id=getattr(actor, "id", None), action=action,
                       target_type=target_type, target_id=target_id,
                       target_label=(target_label or "")[:300], reason=reason or "")
    db.session.add(entry)
    return entry
