"""Reading conversations: only participants (who have not left) read one;
everyone else gets None (a 404 for the views and the API)."""
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.pagination import paginate
from community.messages.models import Conversation, ConversationParticipant, Message
from wiki import view_facts


def _signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False) and not user.is_blocked


def participant(conversation_id, user):
    """``user``'s participation in the conversation, or None (not theirs, left, or missing)."""
    if not _signed_in(user) or not isinstance(conversation_id, int) \
            or not 0 < conversation_id < 2**31:
        return None
    return db.session.scalar(select(ConversationParticipant).where(
        ConversationParticipant.conversation_id == conversation_id,
        ConversationParticipant.user_id == user.id,
        ConversationParticipant.left_at.is_(None)))


def readable_conversation(conversation_id, user):
    """(conversation, participant) or (None, None)."""
    found = participant(conversation_id, user)
    if found is None:
        return None, None
    return found.conversation, found


def can_read_message(user, message):
    """The reporter's check: only participants read a message."""
    return message is not None and participant(message.conversation_id, user) is not None


def _unread_clause():
    return or_(ConversationParticipant.last_read_at.is_(None),
               ConversationParticipant.last_read_at < Conversation.last_message_at)


def _shown():
    """The conversation has a message not hidden by a moderator: one whose every
    message was hidden (a spammer's, reverted) is listed and counted nowhere."""
    return (select(Message.id).where(Message.conversation_id == Conversation.id,
                                     Message.hidden_at.is_(None)).exists())


def _unread(user_id):
    return (select(func.count()).select_from(ConversationParticipant)
            .join(Conversation, Conversation.id == ConversationParticipant.conversation_id)
            .where(ConversationParticipant.user_id == user_id,
                   ConversationParticipant.left_at.is_(None), _unread_clause(), _shown()))


def unread_count(user):
    """How many conversations have news for ``user``: one query."""
    return db.session.scalar(_unread(user.id))


def unread_fact(dialect_name):
    """``unread_count`` of the reader, read with the page they view (``wiki.view_facts``)."""
    return _unread(view_facts.READER_ID).scalar_subquery()


def inbox(user, page, per_page, archived=False):
    """A page of ``(participant, conversation)``, newest activity first, with
    every conversation's participants loaded in one more query."""
    statement = (
        select(ConversationParticipant)
        .join(Conversation, Conversation.id == ConversationParticipant.conversation_id)
        .where(ConversationParticipant.user_id == user.id,
               ConversationParticipant.left_at.is_(None),
               ConversationParticipant.archived_at.is_not(None) if archived
               else ConversationParticipant.archived_at.is_(None), _shown())
        .options(selectinload(ConversationParticipant.conversation)
                 .selectinload(Conversation.participants))
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc()))
    return paginate(statement, page, per_page, scalars=True)


def sent(user, page, per_page):
    """A page of the messages ``user`` wrote in conversations they still take part in."""
    mine = select(ConversationParticipant.conversation_id).where(
        ConversationParticipant.user_id == user.id, ConversationParticipant.left_at.is_(None))
    statement = (select(Message).where(Message.author_id == user.id,
                                       Message.conversation_id.in_(mine))
                 .options(selectinload(Message.conversation)
                          .selectinload(Conversation.participants))
                 .order_by(Message.created_at.desc(), Message.id.desc()))
    return paginate(statement, page, per_page, scalars=True)


def messages_of(conversation):
    return list(db.session.scalars(select(Message).where(
        Message.conversation_id == conversation.id).order_by(Message.created_at, Message.id)))


def other_names(conversation, user):
    """The other participants' names, for lists."""
    return [p.user.name for p in conversation.participants
            if p.user_id != user.id and p.left_at is None]
