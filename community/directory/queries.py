"""The directory's queries: members found by name and filters (newest
first, or only those online), the expertise cloud, a country's experts.

Every filter and count looks only at the values the reader may see: for an
anonymous reader a members-only country is no country at all, so filtering
on it finds nobody and counting it counts nothing (``visible``). Blocked
accounts are never listed. Each list runs a fixed number of statements."""
from sqlalchemy import and_, exists, func, or_, select, true
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.profile_models import (PUBLIC, Profile, ProfileCountry, ProfileExpertise,
                                         ProfileLanguage)
from app.accounts.profiles import ONLINE_WINDOW, sees_members_fields
from app.extensions import db
from app.pagination import paginate
from app.timeutil import utcnow

PER_PAGE = 30
CLOUD_SIZE = 40


def visible(reader, field):
    """SQL: this row's ``field`` is one ``reader`` may see (the profile row
    may be missing: then every field has the default, public)."""
    if sees_members_fields(reader):
        return true()
    column = getattr(Profile, f"{field}_visibility")
    return func.coalesce(column, PUBLIC) == PUBLIC


def _active_people():
    return (select(User).outerjoin(Profile, Profile.user_id == User.id)
            .where(User.blocked_at.is_(None)))


def _like(column, pattern):
    return func.lower(column).like(pattern, escape="\\")


def _search(reader, q):
    literal = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{literal}%"
    return or_(User.username_key.like(pattern, escape="\\"),
               _like(User.display_name, pattern),
               and_(visible(reader, "organisation"), _like(User.organisation, pattern)),
               and_(visible(reader, "position"), _like(Profile.position, pattern)),
               and_(visible(reader, "bio"), _like(User.bio, pattern)))


def _in_country(reader, country):
    """Home country or a country of experience, each as far as it is visible."""
    experience = exists().where(ProfileCountry.user_id == User.id, ProfileCountry.iso2 == country)
    return or_(and_(visible(reader, "country"), User.country == country),
               and_(visible(reader, "countries"), experience))


def members(reader, q="", country="", expertise="", language="", experts=False,
            online=False, sort="name", page=1, per_page=PER_PAGE):
    """One page of members matching every filter given, by name (or newest
    first: ``sort="newest"``); ``online`` keeps those seen in the last minutes."""
    statement = _active_people()
    q = (q or "").strip()[:100]
    if q:
        statement = statement.where(_search(reader, q))
    if country:
        statement = statement.where(_in_country(reader, country))
    if expertise:
        statement = statement.where(visible(reader, "expertise"), exists().where(
            ProfileExpertise.user_id == User.id, ProfileExpertise.tag == expertise))
    if language:
        statement = statement.where(visible(reader, "languages"), exists().where(
            ProfileLanguage.user_id == User.id, ProfileLanguage.code == language))
    if experts:
        statement = statement.where(Profile.available_as_expert.is_(True))
    if online:
        statement = statement.where(*_online())
    if sort == "newest":
        order = (User.created_at.desc(), User.id.desc())
    else:
        order = (_name_order(), User.id)
    statement = statement.options(selectinload(User.profile)).order_by(*order)
    return paginate(statement, page, per_page, scalars=True)


def _name_order():
    return func.lower(func.coalesce(func.nullif(User.display_name, ""), User.username))


def _online():
    """Seen in the last five minutes, and not hiding it."""
    return (User.last_seen_at >= utcnow() - ONLINE_WINDOW,
            or_(Profile.hide_online.is_(None), Profile.hide_online.is_(False)))


def expertise_cloud(reader, experts=False, limit=CLOUD_SIZE):
    """``[(tag, count, weight 1..5)]``, most common first then by name,
    counting only profiles whose expertise ``reader`` may see."""
    statement = (select(ProfileExpertise.tag, func.count().label("n"))
                 .join(Profile, Profile.user_id == ProfileExpertise.user_id)
                 .join(User, User.id == Profile.user_id)
                 .where(User.blocked_at.is_(None), visible(reader, "expertise"))
                 .group_by(ProfileExpertise.tag)
                 .order_by(func.count().desc(), ProfileExpertise.tag).limit(limit))
    if experts:
        statement = statement.where(Profile.available_as_expert.is_(True))
    rows = db.session.execute(statement).all()
    top = max((row.n for row in rows), default=1)
    cloud = [(row.tag, row.n, 1 + round(4 * (row.n - 1) / max(top - 1, 1))) for row in rows]
    return sorted(cloud, key=lambda item: item[0])


def spoken_languages(reader):
    """Codes of the languages some listed member speaks (visibly), for the filter."""
    return list(db.session.scalars(
        select(ProfileLanguage.code).distinct()
        .join(Profile, Profile.user_id == ProfileLanguage.user_id)
        .join(User, User.id == Profile.user_id)
        .where(User.blocked_at.is_(None), visible(reader, "languages"))))


def experts_for_country(reader, country, limit=20):
    """Experts whose (visible) home country or countries of experience include ``country``."""
    return list(db.session.scalars(
        _active_people().where(Profile.available_as_expert.is_(True),
                               _in_country(reader, country))
        .options(selectinload(User.profile))
        .order_by(_name_order(), User.id).limit(limit)))
