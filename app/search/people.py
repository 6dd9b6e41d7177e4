"""People as search documents: display name, organisation, country, bio,
position and expertise, as far as the person shows them to everyone.

The accounts services send no signal when a profile changes, so this module
watches the session instead: after a flush that created a user or changed a
field search shows, it queues that user in the same transaction. A blocked
user's profile leaves the index."""
from babel import Locale
from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import selectinload

from app.accounts.models import Profile, ProfileExpertise, User
from app.extensions import db
from app.search.documents import PUBLIC_SPACE, SearchDoc, doc_key, register_provider

KIND = "person"
#: The columns that make up a person's document.
INDEXED = ("username", "display_name", "organisation", "country", "bio", "blocked_at")
#: Rows of a profile whose change changes the person's document.
PROFILE_MODELS = (Profile, ProfileExpertise)


def _document(user):
    # Everyone may search: only the fields the person shows to everyone go in
    # (app.accounts.profiles.visible_fields for an anonymous reader).
    from app.accounts.profiles import visible_fields
    shown = visible_fields(None, user)
    code = user.country if "country" in shown else ""
    # The English name, whatever the locale of the request that saved it.
    country = Locale("en").territories.get(code.upper(), "") if code else ""
    profile = user.profile
    position = profile.position if profile is not None and "position" in shown else ""
    expertise = profile.expertise if profile is not None and "expertise" in shown else []
    return SearchDoc(
        kind=KIND, id=user.id, title=user.name, url=f"/u/{user.username}",
        space_id=PUBLIC_SPACE, body=(user.bio or "") if "bio" in shown else "",
        namespace="People", language=user.locale or "en", author=user.username.lower(),
        author_name=user.name, updated_at=user.created_at,
        extra=" ".join(filter(None, [user.username, user.organisation if "organisation" in shown
                                     else "", code, str(country or ""), position, *expertise])))


def load(session, ids):
    users = session.scalars(select(User).where(User.id.in_(ids))
                            .options(selectinload(User.profile))).all()
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
    # A profile's position, expertise or visibility changed: its person's document too.
    keys += [doc_key(KIND, p.user_id) for p in (*session.new, *session.dirty)
             if isinstance(p, PROFILE_MODELS) and p.user_id is not None]
    keys = list(dict.fromkeys(keys))
    if keys:
        session.execute(insert(SearchQueueEntry), [{"key": key} for key in keys])
        session.info["search_pending"] = True


def init_app(app):
    register_provider(app, KIND, load, all_ids)
    if not event.contains(db.session, "after_flush", _after_flush):
        event.listen(db.session, "after_flush", _after_flush)
