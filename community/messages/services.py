"""Private messages: start a conversation, reply, read marks, archive, leave,
blocking and the mail setting. Services flush; the caller commits.

Anti-spam (``app.antispam.check_write``) is the views' business: they call it
before these, so that a refused write shows on the form with the text kept."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app import signals
from app.extensions import db
from app.markup import render_plain
from app.timeutil import utcnow
from community.messages.models import (Conversation, ConversationParticipant, Message,
                                       MessageBlock, MessagePreference)

MAX_SUBJECT = 200
MAX_BODY = 20_000
MAX_RECIPIENTS = 20


class MessageError(ValueError):
    """A refused message; ``status`` for the answer, ``field`` for the form."""

    def __init__(self, message, status=422, field=None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def has_blocked(user, other):
    """Does ``user`` refuse messages from ``other``?"""
    return db.session.scalar(select(MessageBlock.id).where(
        MessageBlock.user_id == user.id, MessageBlock.blocked_id == other.id)) is not None


def _clean_body(body):
    body = (body if isinstance(body, str) else "").replace("\r\n", "\n").strip()
    if not body:
        raise MessageError(_l("A message cannot be empty."), 422, "body")
    if len(body) > MAX_BODY:
        raise MessageError(_l("A message has at most %(n)d characters.", n=MAX_BODY),
                           422, "body")
    return body


def _check_recipient(author, recipient):
    if recipient.id == author.id:
        raise MessageError(_l("You cannot send a message to yourself."), 422, "to")
    if recipient.is_blocked or has_blocked(recipient, author):
        # The same words for both: a block is nobody else's business.
        raise MessageError(_l("%(name)s does not accept messages from you.",
                              name=recipient.username), 403, "to")


def _add_message(conversation, author, body, recipients):
    now = utcnow()
    message = Message(conversation=conversation, conversation_id=conversation.id,
                      author_id=author.id, author=author, body=body,
                      html=str(render_plain(body)), created_at=now)
    db.session.add(message)
    conversation.last_message_at = now
    # The author has read what they wrote; the others get it back in their inbox.
    db.session.execute(update(ConversationParticipant).where(
        ConversationParticipant.conversation_id == conversation.id,
        ConversationParticipant.user_id == author.id).values(last_read_at=now))
    db.session.execute(update(ConversationParticipant).where(
        ConversationParticipant.conversation_id == conversation.id,
        ConversationParticipant.user_id != author.id).values(archived_at=None))
    db.session.flush()
    signals.message_sent.send(message, actor=author, conversation=conversation,
                              recipients=recipients)
    return message


def start_conversation(author, recipients, subject, body):
    """A new conversation between ``author`` and ``recipients`` (Users), with its
    first message. Raises MessageError before writing anything."""
    subject = (subject if isinstance(subject, str) else "").strip()
    if not subject or len(subject) > MAX_SUBJECT:
        raise MessageError(_l("A subject has 1 to %(n)d characters.", n=MAX_SUBJECT),
                           422, "subject")
    unique = {}
    for recipient in recipients:
        unique.setdefault(recipient.id, recipient)
    recipients = list(unique.values())
    if not recipients:
        raise MessageError(_l("Say who the message is for."), 422, "to")
    if len(recipients) > MAX_RECIPIENTS:
        raise MessageError(_l("At most %(n)d recipients.", n=MAX_RECIPIENTS), 422, "to")
    for recipient in recipients:
        _check_recipient(author, recipient)
    body = _clean_body(body)
    now = utcnow()
    conversation = Conversation(subject=subject, created_by_id=author.id, created_at=now,
                                last_message_at=now)
    db.session.add(conversation)
    for user in [author] + recipients:
        conversation.participants.append(ConversationParticipant(user_id=user.id, user=user,
                                                                 created_at=now))
    db.session.flush()
    message = _add_message(conversation, author, body, recipients)
    return conversation, message


def active_participants(conversation):
    return [p for p in conversation.participants if p.left_at is None]


def reply(conversation, author, body):
    """A new message in ``conversation`` from one of its participants."""
    others = [p.user for p in active_participants(conversation) if p.user_id != author.id]
    if not others:
        raise MessageError(_l("Everyone else has left this conversation."), 409)
    for other in others:
        if other.is_blocked or has_blocked(other, author):
            raise MessageError(_l("%(name)s does not accept messages from you.",
                                  name=other.username), 403)
    return _add_message(conversation, author, _clean_body(body), others)


def mark_read(participant, conversation):
    if participant.is_unread(conversation):
        participant.last_read_at = conversation.last_message_at
        db.session.flush()
        return True
    return False


def archive(participant, archived=True):
    participant.archived_at = utcnow() if archived else None
    db.session.flush()


def leave(participant):
    """Leave (delete for oneself): the others keep the conversation."""
    participant.left_at = utcnow()
    db.session.flush()


def _refresh_last_message(conversation_ids):
    """Date the conversations by their newest message still shown: a hidden one
    brings no news (no unread mark, no place at the top of the inbox). A
    conversation with nothing shown keeps its date; the inbox leaves it out."""
    if not conversation_ids:
        return
    newest = (select(func.max(Message.created_at))
              .where(Message.conversation_id == Conversation.id, Message.hidden_at.is_(None))
              .scalar_subquery())
    db.session.execute(update(Conversation).where(Conversation.id.in_(conversation_ids))
                       .values(last_message_at=func.coalesce(newest,
                                                             Conversation.last_message_at))
                       .execution_options(synchronize_session="fetch"))
    db.session.flush()


def hide_message(message, actor):
    """A moderator hides a reported message from its participants."""
    if message.hidden_at is None:
        message.hidden_at = utcnow()
        message.hidden_by_id = getattr(actor, "id", None)
        db.session.flush()
        _refresh_last_message([message.conversation_id])
    return message


def hide_messages_by(user, actor):
    """Hide every message ``user`` wrote (a spammer's clean-up); returns how many.
    Their conversations no longer show as news to the others, and those with
    nothing else in them leave the others' inboxes (``queries.inbox``)."""
    conversation_ids = list(db.session.scalars(select(Message.conversation_id).where(
        Message.author_id == user.id, Message.hidden_at.is_(None)).distinct()))
    result = db.session.execute(update(Message).where(
        Message.author_id == user.id, Message.hidden_at.is_(None)).values(
        hidden_at=utcnow(), hidden_by_id=getattr(actor, "id", None))
        .execution_options(synchronize_session=False))
    db.session.flush()
    _refresh_last_message(conversation_ids)
    return result.rowcount or 0


def block(user, other):
    """``user`` refuses messages from ``other`` from now on."""
    if other.id == user.id:
        raise MessageError(_l("You cannot block yourself."), 422)
    if not has_blocked(user, other):
        db.session.add(MessageBlock(user_id=user.id, blocked_id=other.id, created_at=utcnow()))
        db.session.flush()


def unblock(user, other):
    row = db.session.scalar(select(MessageBlock).where(
        MessageBlock.user_id == user.id, MessageBlock.blocked_id == other.id))
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def blocked_by(user):
    """The blocks ``user`` made, newest first."""
    return list(db.session.scalars(select(MessageBlock).where(
        MessageBlock.user_id == user.id).order_by(MessageBlock.created_at.desc())))


def wants_mail(user):
    pref = db.session.get(MessagePreference, user.id)
    return pref.mail_on_message if pref is not None else True


def set_mail_on_message(user, wanted):
    pref = db.session.get(MessagePreference, user.id)
    if pref is None:
        db.session.add(MessagePreference(user_id=user.id, mail_on_message=bool(wanted)))
    else:
        pref.mail_on_message = bool(wanted)
    db.session.flush()
