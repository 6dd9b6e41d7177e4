"""The one permission policy.

Every view, query, feed, search filter, API endpoint and template asks
``can_read``, ``can_edit`` or ``can_manage`` here, and every query that lists
things filters with ``readable_space_ids`` so that counts never leak.

Rules (SPEC.md "Who may do what"):
- the commons: everyone reads, members edit, moderators manage;
- a workspace: public ones everyone reads, private ones only members; editors
  and owners edit, owners manage; a deleted workspace is seen by admins only;
- admins may do everything; blocked users read like anonymous visitors and
  write nothing.

Things inside a space (pages, posts, comments...) are judged by their space,
then by the few attributes that narrow it: ``deleted_at`` (only managers see
deleted things), ``status == "draft"`` (the author and managers), ``protected``
(only managers edit).
"""
import functools

from flask import g, has_request_context
from sqlalchemy import and_, or_, select

from app.extensions import db
from app.spaces.models import EDITOR, OWNER, PUBLIC, Membership, Space


def _signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False) and not user.is_blocked


def role_in(user, space):
    """The user's role in ``space`` (``owner``/``editor``/``viewer``) or None.

    Looked up once per request and space (not at all once ``reader_class``
    read every role of the user)."""
    if not _signed_in(user) or space is None:
        return None
    cache = g.setdefault("_space_roles", {}) if has_request_context() else {}
    key = (user.id, space.id)
    if key not in cache:
        if (user.id, ALL_ROLES) in cache:
            return None
        cache[key] = db.session.scalar(
            select(Membership.role).where(Membership.space_id == space.id,
                                          Membership.user_id == user.id))
    return cache[key]


#: The class of every reader who is not signed in (or is blocked).
ANONYMOUS_CLASS = "anonymous"
#: Marks, in ``role_in``'s cache, a user whose every role was read.
ALL_ROLES = "*"


def reader_class(user):
    """What every rule here says about ``user`` depends on, as a string: two
    readers of one class are told the same by every rule but those about
    their own things (``_is_author``: drafts, comments; the news team). A page
    has no author of its own, so two readers of a class see the same page
    but for what is theirs alone (``app.skeletons``).

    The class is anonymous, admin, or member or moderator with the user's
    roles in every space (read here in one statement, and kept for
    ``role_in``)."""
    if not _signed_in(user):
        return ANONYMOUS_CLASS
    if user.is_admin:
        return "admin"
    roles = db.session.execute(select(Membership.space_id, Membership.role)
                               .where(Membership.user_id == user.id)
                               .order_by(Membership.space_id)).all()
    if has_request_context():
        cache = g.setdefault("_space_roles", {})
        cache.update(((user.id, space_id), role) for space_id, role in roles)
        cache[(user.id, ALL_ROLES)] = True
    kind = "moderator" if user.is_moderator else "member"
    return ",".join([kind] + ["%s:%s" % (space_id, role) for space_id, role in roles])


def _space_of(thing):
    return thing if isinstance(thing, Space) else getattr(thing, "space", None)


def _read_space(user, space):
    if _signed_in(user) and user.is_admin:
        return True
    if space.deleted_at is not None:
        return False
    if space.is_commons or space.visibility == PUBLIC:
        return True
    return role_in(user, space) is not None


def _manage_space(user, space):
    if not _signed_in(user):
        return False
    if user.is_admin:
        return True
    if space.deleted_at is not None:
        return False
    if space.is_commons:
        return user.is_moderator
    return role_in(user, space) == OWNER


def _edit_space(user, space):
    if not _signed_in(user) or not _read_space(user, space):
        return False
    if space.is_commons:
        return True
    return user.is_admin or role_in(user, space) in (OWNER, EDITOR)


def _is_author(user, thing):
    author_id = getattr(thing, "author_id", None)
    return _signed_in(user) and author_id is not None and author_id == user.id


def can_read(user, thing):
    """May ``user`` see ``thing`` at all? When not, views answer 404."""
    if thing is None:
        return False
    space = _space_of(thing)
    if space is None:
        return True
    if not _read_space(user, space):
        return False
    if thing is space:
        return True
    if getattr(thing, "deleted_at", None) is not None and not _manage_space(user, space):
        return False
    if getattr(thing, "status", None) == "draft":
        return _is_author(user, thing) or _manage_space(user, space)
    parent = getattr(thing, "parent_for_policy", None)
    return parent is None or can_read(user, parent)


def can_edit(user, thing):
    """May ``user`` change ``thing`` (or create things in a space)?"""
    space = _space_of(thing)
    if space is None or not can_read(user, thing):
        return False
    if getattr(thing, "protected", False) and not _manage_space(user, space):
        return False
    return _edit_space(user, space)


def can_manage(user, thing):
    """May ``user`` administer ``thing``: settings, members, protect, delete, restore."""
    space = _space_of(thing)
    if space is None:
        return _signed_in(user) and user.is_admin
    return _manage_space(user, space)


def can_comment(user, thing):
    """Any signed-in user who may read a thing may comment on it."""
    return _signed_in(user) and can_read(user, thing)


def can_delete_comment(user, comment):
    """Authors, the space's managers and site moderators delete comments."""
    if not _signed_in(user) or not can_read(user, comment):
        return False
    return _is_author(user, comment) or user.is_moderator or can_manage(user, comment)


def readable_space_ids(user):
    """A SELECT of the ids of every space ``user`` may read, to filter lists in SQL."""
    if not _signed_in(user):
        return _readable_by_anyone()
    query = select(Space.id)
    if user.is_admin:
        return query
    visible = or_(Space.kind == "commons", Space.visibility == PUBLIC)
    member_of = select(Membership.space_id).where(Membership.user_id == user.id)
    visible = or_(visible, Space.id.in_(member_of))
    return query.where(and_(Space.deleted_at.is_(None), visible))


@functools.cache
def _readable_by_anyone():
    """The anonymous reader's SELECT, the same for every request, built once
    (statements are immutable; building it took a third of what a search spent
    on reading the reader's spaces)."""
    return select(Space.id).where(and_(Space.deleted_at.is_(None),
                                       or_(Space.kind == "commons", Space.visibility == PUBLIC)))


def managed_space_ids(user):
    """A SELECT of the spaces ``user`` manages (the SQL side of ``can_manage``),
    whose deleted and draft things they still see; None for anonymous readers."""
    if not _signed_in(user):
        return None
    if user.is_admin:
        return select(Space.id)
    owned = select(Membership.space_id).where(Membership.user_id == user.id,
                                              Membership.role == OWNER)
    if user.is_moderator:
        return select(Space.id).where(or_(Space.kind == "commons", Space.id.in_(owned)))
    return owned


def is_site_moderator(user):
    return _signed_in(user) and user.is_moderator


def is_site_admin(user):
    return _signed_in(user) and user.is_admin


def can_write_anything(user):
    """Signed in and not blocked: the least a writer needs."""
    return _signed_in(user)


# --- forums and news ---------------------------------------------------------

def can_post_in_forum(user, thing):
    """Start or answer a discussion in a forum, a thread or a page's Talk: any
    signed-in reader (in a workspace, whoever may comment there)."""
    return can_comment(user, thing)


def can_moderate_forum(user, thing):
    """Pin, lock, move and delete threads and posts: site moderators and admins,
    and the managers of the thing's space (a workspace's owners)."""
    if not _signed_in(user) or not can_read(user, _space_of(thing) or thing):
        return False
    return user.is_moderator or can_manage(user, thing)


def can_manage_forum_categories(user, space):
    """The site forum's categories are the admins'; a workspace's are its owners'."""
    if not _signed_in(user) or space is None:
        return False
    return user.is_admin if space.is_commons else can_manage(user, space)


#: The table of the news team (community.news); read by name, since the core
#: does not import the packages built on it.
NEWS_TEAM_TABLE = "news_team"


def can_publish_news(user):
    """Admins and the members of the news team write the site news."""
    if not _signed_in(user):
        return False
    if user.is_admin:
        return True
    table = db.metadata.tables.get(NEWS_TEAM_TABLE)
    if table is None:
        return False
    cache = g.setdefault("_news_team", {}) if has_request_context() else {}
    if user.id not in cache:
        cache[user.id] = db.session.scalar(
            select(table.c.user_id).where(table.c.user_id == user.id)) is not None
    return cache[user.id]
