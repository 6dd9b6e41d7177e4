"""Personal feed tokens: ``?token=`` identifies a reader to feeds, nothing else.

One token per user; regenerating replaces it, revoking deletes it, and the
lookup goes by hash every time, so the old value stops working at once."""
from sqlalchemy import delete, select

from app import policy
from app.accounts.models import hash_token, new_token_value
from app.extensions import db
from feeds.models import FeedToken


def feed_token(user):
    return db.session.scalar(select(FeedToken).where(FeedToken.user_id == user.id))


def regenerate_feed_token(user):
    """Give ``user`` a new feed token (the old one dies); returns the raw value."""
    revoke_feed_token(user)
    raw = new_token_value()
    db.session.add(FeedToken(user_id=user.id, token_hash=hash_token(raw), token=raw))
    db.session.flush()
    return raw


def revoke_feed_token(user):
    db.session.execute(delete(FeedToken).where(FeedToken.user_id == user.id))
    db.session.flush()


def user_for_token(raw):
    """The active user owning ``raw``, or None (anonymous)."""
    if not raw or len(raw) > 200:
        return None
    token = db.session.scalar(select(FeedToken).where(FeedToken.token_hash == hash_token(raw)))
    if token is None or not policy.can_write_anything(token.user):
        return None
    return token.user
