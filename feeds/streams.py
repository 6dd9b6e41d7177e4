"""Activity streams: indexed queries of at most ``limit`` rows, filtered in SQL
by what the reader may see.

Visibility is decided now, by the policy: the space must be in
``policy.readable_space_ids(reader)`` (a workspace made private disappears at
once), and a deleted page or an unpublished or deleted post shows only to
those who may still read it."""
import hashlib
from dataclasses import dataclass, field

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import selectinload

from app import policy
from app.extensions import db
from app.spaces.models import Space
from feeds.models import Activity
from wiki.models import Page, PageTag

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def _signed_in(user):
    return policy.can_write_anything(user)


def post_model():
    """The blog post model when the workspaces package provides it."""
    try:
        from workspaces.models import Post
    except ImportError:  # pragma: no cover - depends on the installed packages
        return None
    return Post


def visible(query, reader):
    """Narrow an Activity query to what ``reader`` may see now.

    Every check is a ``NOT IN`` over a small set (unreadable spaces, deleted
    pages, hidden posts and comments) rather than a join: the query stays a
    scan of ``activities`` alone, so both SQLite and PostgreSQL walk the
    stream's newest-first index and stop after ``limit`` rows instead of
    joining and sorting the whole log. ``space_id + 0`` keeps SQLite from
    starting at the space index for the site-wide streams."""
    unreadable = select(Space.id).where(Space.id.not_in(policy.readable_space_ids(reader)))
    query = query.where((Activity.space_id + 0).not_in(unreadable))
    managed = policy.managed_space_ids(reader)
    in_managed = Activity.space_id.in_(managed) if managed is not None else false()
    deleted_pages = select(Page.id).where(Page.deleted_at.is_not(None))
    query = query.where(or_(Activity.page_id.is_(None), Activity.page_id.not_in(deleted_pages),
                            in_managed))
    hidden_posts = _hidden_posts(reader)
    if hidden_posts is not None:
        query = query.where(or_(Activity.post_id.is_(None),
                                Activity.post_id.not_in(hidden_posts), in_managed))
    for object_type, hidden in hidden_objects().items():
        query = query.where(or_(Activity.object_type != object_type,
                                Activity.object_id.not_in(hidden()), in_managed))
    Comment = comment_model()
    if Comment is not None and hasattr(Comment, "deleted_at"):
        deleted_comments = select(Comment.id).where(Comment.deleted_at.is_not(None))
        query = query.where(or_(Activity.object_type != "comment",
                                Activity.object_id.not_in(deleted_comments), in_managed))
    return query


def register_hidden_objects(app, object_type, hidden):
    """Packages the feeds do not know (the forum) say which of their objects are
    gone: ``hidden()`` returns a SELECT of the ids of ``object_type`` objects
    whose activities only the space's managers still see."""
    app.extensions.setdefault("feeds_hidden_objects", {})[object_type] = hidden


def hidden_objects():
    from flask import current_app
    return current_app.extensions.get("feeds_hidden_objects", {})


def _hidden_posts(reader):
    """A SELECT of the posts ``reader`` may not see (deleted, or others' drafts)."""
    Post = post_model()
    if Post is None:
        return None
    hidden = []
    if hasattr(Post, "deleted_at"):
        hidden.append(Post.deleted_at.is_not(None))
    if hasattr(Post, "status"):
        draft = Post.status == "draft"
        if _signed_in(reader) and hasattr(Post, "author_id"):
            draft = and_(draft, or_(Post.author_id.is_(None), Post.author_id != reader.id))
        hidden.append(draft)
    return select(Post.id).where(or_(*hidden)) if hidden else None


def comment_model():
    try:
        from workspaces.models import Comment
    except ImportError:  # pragma: no cover
        return None
    return Comment


@dataclass
class Stream:
    """A filtered, reader-visible, newest-first activity stream."""

    reader: object
    conditions: list = field(default_factory=list)

    def where(self, *conditions):
        return Stream(self.reader, self.conditions + list(conditions))

    def _select(self, *columns):
        return visible(select(*columns), self.reader).where(*self.conditions)

    def rows(self, limit=DEFAULT_LIMIT, before=None):
        """At most ``limit`` activities, newest first; ``before`` an activity id (keyset)."""
        query = self._select(Activity)
        if before is not None:
            anchor = db.session.get(Activity, before)
            if anchor is not None:
                query = query.where(or_(
                    Activity.created_at < anchor.created_at,
                    and_(Activity.created_at == anchor.created_at, Activity.id < anchor.id)))
        query = (query.order_by(Activity.created_at.desc(), Activity.id.desc())
                 .limit(limit)
                 # Loaded apart, so that the main query stays one index walk.
                 .options(selectinload(Activity.page), selectinload(Activity.actor),
                          selectinload(Activity.space)))
        return list(db.session.scalars(query))

    def newest(self):
        """``(id, created_at)`` of the newest visible row, or None: one cheap query."""
        return db.session.execute(
            self._select(Activity.id, Activity.created_at)
            .order_by(Activity.created_at.desc(), Activity.id.desc()).limit(1)).first()


def stream(reader):
    return Stream(reader)


def recent(reader, namespace=None, space=None, actor=None, hide_minor=False):
    """``/recent`` and its filters."""
    s = Stream(reader)
    if space is not None:
        s = s.where(Activity.space_id == space.id)
    if namespace:
        s = s.where(Activity.namespace == namespace)
    if actor is not None:
        s = s.where(Activity.actor_id == actor.id)
    if hide_minor:
        s = s.where(Activity.minor.is_(False))
    return s


def page_history(reader, page):
    return Stream(reader).where(Activity.page_id == page.id)


def namespace_stream(reader, space, namespace):
    return Stream(reader).where(Activity.space_id == space.id, Activity.namespace == namespace)


def space_stream(reader, space):
    return Stream(reader).where(Activity.space_id == space.id)


def user_stream(reader, user):
    return Stream(reader).where(Activity.actor_id == user.id)


#: A tag on more pages than this is read by walking the newest-first index.
WIDE_TAG = 20


def tag_stream(reader, tag):
    pages = select(PageTag.page_id).where(PageTag.tag == tag)
    count = db.session.scalar(select(func.count()).select_from(pages.subquery()))
    # A rare tag: read its few pages' rows by the page index. A common one: walk
    # the newest-first index and keep the tagged rows (stops after ``limit``).
    column = Activity.page_id if count <= WIDE_TAG else Activity.page_id + 0
    tagged = [column.in_(pages)]
    Post = post_model()
    tag_model = _post_tag_model()
    if Post is not None and tag_model is not None:
        tagged.append(Activity.post_id.in_(
            select(tag_model.post_id).where(tag_model.tag == tag)))
    return Stream(reader).where(or_(*tagged))


def _post_tag_model():
    try:
        from workspaces.models import PostTag
    except ImportError:
        return None
    return PostTag if hasattr(PostTag, "post_id") and hasattr(PostTag, "tag") else None


def watched_stream(reader, targets):
    """The dashboard: everything under the keys ``reader`` watches."""
    pages, spaces, blogs, users, posts, namespaces = set(), set(), set(), set(), set(), []
    buckets = {"page": pages, "space": spaces, "blog": blogs, "user": users, "post": posts}
    for target in targets:
        kind, _, rest = target.partition(":")
        if kind == "namespace":
            space_id, _, name = rest.partition(":")
            if space_id.isdigit():
                namespaces.append(and_(Activity.space_id == int(space_id),
                                       Activity.namespace == name))
        elif kind in buckets and rest.isdigit():
            buckets[kind].add(int(rest))
    conditions = list(namespaces)
    if pages:
        conditions.append(Activity.page_id.in_(pages))
    if spaces:
        conditions.append(Activity.space_id.in_(spaces))
    if blogs:
        conditions.append(and_(Activity.space_id.in_(blogs), Activity.post_id.is_not(None)))
    if users:
        conditions.append(Activity.actor_id.in_(users))
    if posts:
        conditions.append(Activity.post_id.in_(posts))
    return Stream(reader).where(or_(*conditions) if conditions else false())


def visibility_key(reader):
    """What changes when the set of things ``reader`` may see changes: the
    spaces it reads and its managing rights. Part of every feed's ETag."""
    ids = db.session.scalars(policy.readable_space_ids(reader).order_by(Space.id)).all()
    managed = policy.managed_space_ids(reader)
    managed_ids = db.session.scalars(managed).all() if managed is not None else []
    who = f"u{reader.id}" if _signed_in(reader) else "anon"
    raw = f"{who}|{','.join(map(str, ids))}|{','.join(map(str, sorted(managed_ids)))}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def last_activity_id():
    """The newest activity anywhere: any deletion, restore or publication adds
    one, so it invalidates cached feeds whose visible rows may have changed."""
    return db.session.scalar(select(func.max(Activity.id))) or 0
