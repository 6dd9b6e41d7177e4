"""People as search documents: display name, organisation, country and bio.

The accounts services send no signal when a profile changes, so this module
watches the session instead: after a flush that created a user or changed a
field search shows, it queues that user in the same transaction. A blocked
user's profile leaves the index."""
from babel import Locale
from sqlalchemy import event, insert, inspect, select

from app.accounts.models import User
from app.extensions import db
from app.search.documents import PUBLIC_SPACE, SearchDoc, doc_key, register_provider

KIND = "person"
#: The columns that make up a person's document.
INDEXED = ("username", "display_name", "organisation", "country", "bio", "blocked_at")


def _document(user):
    # The English name, whatever the locale of the request that saved it.
    country = Locale("en").territories.get(user.country.upper(), "") if user.country else ""
    return SearchDoc(
        kind=KIND, id=user.id, title=user.name, url=f"/u/{user.username}",
        space_id=PUBLIC_SPACE, body=user.bio or "", namespace="People",
        language=user.locale or "en", author=user.username.lower(), author_name=user.name,
        updated_at=user.created_at,
        extra=" ".join(filter(None, [user.username, user.organisation, user.country,
                                     str(country or "")])))


def load(session, ids):
    users = session.scalars(select(User).where(User.id.in_(ids))).all()
    return {u.id: (None if u.is_blocked else _document(u)) for u in users}


def all_ids(session):
    return session.scalars(select(User.id).where(User.blocked_at.is_(None))).all()


def _changed(user):
    state = inspect(user)
    return any(state.attrs[name].history.has_changes() for name in INDEXED)


def _after_flush(session, flush_context):
    from app.search.models import SearchQueueEntry
    keys = [doc_key(KIND, u.id) for u in session.new if isinstance(u, User)]
    keys += [doc_key(KIND, u.id) for u in session.dirty
             if isinstance(u, User) and _changed(u)]
    keys += [doc_key(KIND, u.id) for u in session.deleted if isinstance(u, User)]
    if keys:
        session.execute(insert(SearchQueueEntry), [{"key": key} for key in keys])
        session.info["search_pending"] = True


def init_app(app):
    register_provider(app, KIND, load, all_ids)
    if not event.contains(db.session, "after_flush", _after_flush):
        event.listen(db.session, "after_flush", _after_flush)
