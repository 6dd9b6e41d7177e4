"""Private conversations between members.

A conversation has participants (each with their own read mark, archive and
leave state) and messages. Only its participants read it: there is no space,
so ``app.policy`` is not asked; ``queries.participant`` is the check."""
from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow


class Conversation(db.Model):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: When the newest message came: the inbox's order and its unread marks.
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    participants = relationship("ConversationParticipant", back_populates="conversation",
                                cascade="all, delete-orphan", lazy="select")


class ConversationParticipant(db.Model):
    __tablename__ = "conversation_participants"
    __table_args__ = (UniqueConstraint("conversation_id", "user_id"),
                      Index("ix_conversation_participants_user", "user_id", "left_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: Everything up to this moment was read; None: nothing yet.
    last_read_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    #: Hidden from the inbox until a new message comes.
    archived_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    #: Left (deleted for this user): no longer read, listed or written to.
    left_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conversation = relationship("Conversation", back_populates="participants")
    user = relationship("User", lazy="joined")

    def is_unread(self, conversation=None):
        conversation = conversation or self.conversation
        return self.last_read_at is None or self.last_read_at < conversation.last_message_at


class Message(db.Model):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_created", "conversation_id", "created_at"),
                      Index("ix_messages_author_created", "author_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"))
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    #: Markdown as typed, and its sanitised HTML (rendered once, at write time).
    body: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Hidden by a moderator (after a report): participants see a notice instead.
    hidden_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    hidden_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)

    conversation = relationship("Conversation", lazy="joined")
    author = relationship("User", lazy="joined", foreign_keys=[author_id])


class MessagePreference(db.Model):
    """A member's choices about messages (no row: the defaults)."""

    __tablename__ = "message_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    #: Send an e-mail when a message arrives (default on).
    mail_on_message: Mapped[bool] = mapped_column(Boolean, default=True)


class MessageBlock(db.Model):
    """``user`` accepts no message from ``blocked``."""

    __tablename__ = "message_blocks"
    __table_args__ = (UniqueConstraint("user_id", "blocked_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    blocked_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                            index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    blocked = relationship("User", foreign_keys=[blocked_id], lazy="joined")
