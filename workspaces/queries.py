"""Reading workspaces, members, posts and comments, always through the policy.

Lists filter in SQL with ``policy.readable_space_ids`` so that a private
workspace is never shown or counted for those who may not read it. Every list
runs a fixed number of statements, whatever its length."""
from flask import abort, g
from sqlalchemy import case, false, func, or_, select, true
from sqlalchemy.orm import lazyload

from app import policy
from app.extensions import db
from app.pagination import DEFAULT_PER_PAGE, paginate, paging  # noqa: F401  (paging: used by views)
from app.spaces.models import KIND_WORKSPACE, SPACE_ROLES, Membership, Space
from workspaces.models import (PENDING, PUBLISHED, Comment, Invitation, JoinRequest, Post,
                               PostRevision, PostTag)


def _paged(statement, page, per_page):
    return paginate(statement, page, per_page)


# --- workspaces --------------------------------------------------------------

def workspace_by_slug(slug):
    return db.session.scalar(select(Space).where(Space.slug == slug,
                                                 Space.kind == KIND_WORKSPACE))


def get_workspace_or_404(slug, user):
    """The workspace at ``slug`` if ``user`` may read it (then also ``g.space``), else 404."""
    space = workspace_by_slug(slug)
    if space is None or not policy.can_read(user, space):
        abort(404)
    g.space = space
    return space


def member_count_column():
    return (select(func.count(Membership.id)).where(Membership.space_id == Space.id)
            .correlate(Space).scalar_subquery())


def directory(user, q=None, page=1, per_page=DEFAULT_PER_PAGE, include_deleted=False):
    """Workspaces ``user`` may read, with member counts, most active first.

    Rows are ``(Space, member_count)``; one statement for the rows, one for the total."""
    statement = (select(Space, member_count_column().label("member_count"))
                 .where(Space.kind == KIND_WORKSPACE,
                        Space.id.in_(policy.readable_space_ids(user)))
                 .order_by(Space.last_activity_at.desc(), Space.id.desc()))
    if not include_deleted:
        statement = statement.where(Space.deleted_at.is_(None))
    if q:
        pattern = "%" + q.lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
        statement = statement.where(or_(func.lower(Space.name).like(pattern),
                                        Space.slug.like(pattern)))
    return _paged(statement, page, per_page)


def my_workspaces(user):
    """The workspaces ``user`` belongs to, with their role."""
    if not getattr(user, "is_authenticated", False):
        return []
    return db.session.execute(
        select(Space, Membership.role).join(Membership, Membership.space_id == Space.id)
        .where(Membership.user_id == user.id, Space.deleted_at.is_(None),
               Space.kind == KIND_WORKSPACE)
        .order_by(Space.name)).all()


def members(space, limit=None):
    """Memberships with their users (one statement), owners first, then by name;
    the first ``limit`` only when given."""
    order = case({role: n for n, role in enumerate(SPACE_ROLES)}, value=Membership.role)
    return list(db.session.scalars(
        select(Membership).where(Membership.space_id == space.id)
        .order_by(order, Membership.created_at).limit(limit)))


def member_count(space):
    return db.session.scalar(select(func.count(Membership.id))
                             .where(Membership.space_id == space.id))


def pending_invitations_of(space):
    return list(db.session.scalars(
        select(Invitation).where(Invitation.space_id == space.id, Invitation.status == PENDING)
        .order_by(Invitation.created_at)))


def pending_requests_of(space):
    return list(db.session.scalars(
        select(JoinRequest).where(JoinRequest.space_id == space.id,
                                  JoinRequest.status == PENDING)
        .order_by(JoinRequest.created_at)))


def my_pending_request(space, user):
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(JoinRequest).where(
        JoinRequest.space_id == space.id, JoinRequest.user_id == user.id,
        JoinRequest.status == PENDING))


def my_pending_invitation(space, user):
    """The reader's unanswered invitation to ``space``, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(Invitation).where(
        Invitation.space_id == space.id, Invitation.user_id == user.id,
        Invitation.status == PENDING))


#: The largest id an INTEGER column holds: a larger number in a URL names
#: nothing (and would overflow the database driver), so it is a 404.
MAX_ID = 2**31 - 1


def _by_id(model, ident):
    if not isinstance(ident, int) or not 0 < ident <= MAX_ID:
        return None
    return db.session.get(model, ident)


def invitation_or_404(space, invitation_id):
    invitation = _by_id(Invitation, invitation_id)
    if invitation is None or invitation.space_id != space.id:
        abort(404)
    return invitation


def join_request_or_404(space, request_id):
    request = _by_id(JoinRequest, request_id)
    if request is None or request.space_id != space.id:
        abort(404)
    return request


# --- posts ---------------------------------------------------------------------

def _visible_posts(space, user):
    """Posts of ``space`` that ``user`` may read: published ones, and drafts for
    their author and the owners (policy: ``status == "draft"``)."""
    if policy.can_manage(user, space):
        drafts = true()
    elif getattr(user, "is_authenticated", False):
        drafts = Post.author_id == user.id
    else:
        drafts = false()
    return (Post.space_id == space.id, Post.deleted_at.is_(None),
            or_(Post.status == PUBLISHED, drafts))


def blog_index(space, user, tag=None, page=1, per_page=DEFAULT_PER_PAGE, published_only=False):
    """A page of posts, newest first, with their comment counts: rows ``(Post, count)``."""
    conditions = _visible_posts(space, user)
    if published_only:
        conditions = conditions[:2] + (Post.status == PUBLISHED,)
    statement = (select(Post, comment_count_column().label("comment_count"))
                 .where(*conditions)
                 .order_by(func.coalesce(Post.published_at, Post.created_at).desc(),
                           Post.id.desc()))
    if tag:
        statement = statement.where(Post.id.in_(select(PostTag.post_id)
                                                .where(PostTag.tag == tag)))
    return _paged(statement, page, per_page)


def comment_count_column():
    return (select(func.count(Comment.id))
            .where(Comment.post_id == Post.id, Comment.deleted_at.is_(None))
            .correlate(Post).scalar_subquery())


def latest_posts(space, user, limit=5):
    return blog_index(space, user, page=1, per_page=limit, published_only=True).items


def get_post_or_404(space, slug, user):
    post = db.session.scalar(select(Post).where(Post.space_id == space.id, Post.slug == slug))
    if post is None or not policy.can_read(user, post):
        abort(404)
    return post


def post_revisions(post):
    """Every revision of a post, newest first, authors loaded (one statement)."""
    return list(db.session.scalars(
        select(PostRevision).where(PostRevision.post_id == post.id)
        .order_by(PostRevision.number.desc())))


def post_revision_or_404(post, number):
    if not 0 < number <= post.head_number:
        abort(404)
    revision = db.session.scalar(select(PostRevision).where(PostRevision.post_id == post.id,
                                                            PostRevision.number == number))
    if revision is None:
        abort(404)
    return revision


def comments_of(post):
    """A post's visible comments, oldest first, authors loaded (one statement)."""
    # The post is already loaded: a lazy many-to-one finds it in the session
    # without SQL, where the model's joined load would fetch it again per row.
    return list(db.session.scalars(
        select(Comment).where(Comment.post_id == post.id, Comment.deleted_at.is_(None))
        .options(lazyload(Comment.post))
        .order_by(Comment.created_at, Comment.id)))


def get_comment_or_404(post, comment_id, user):
    comment = _by_id(Comment, comment_id)
    if comment is None or comment.post_id != post.id or not policy.can_read(user, comment):
        abort(404)
    return comment


def _published_in(user, space=None):
    """Conditions on Post (joined to Space): published, live, in ``space`` or, without
    one, in any workspace ``user`` may read (the site's tag pages and cloud)."""
    spaces = [space.id] if space is not None else policy.readable_space_ids(user)
    return (Space.id.in_(spaces), Space.deleted_at.is_(None), Post.status == PUBLISHED,
            Post.deleted_at.is_(None))


def latest_posts_everywhere(user, limit=5):
    """Published posts of every workspace ``user`` may read (the home page)."""
    return list(db.session.scalars(
        select(Post).join(Space, Space.id == Post.space_id).where(*_published_in(user))
        .order_by(Post.published_at.desc(), Post.id.desc()).limit(limit)))


def posts_tagged(tag, user, space=None, limit=50):
    """Published posts carrying ``tag`` that ``user`` may read, newest first (the
    tag's page lists them beside its pages)."""
    return list(db.session.scalars(
        select(Post).join(Space, Space.id == Post.space_id)
        .where(*_published_in(user, space),
               Post.id.in_(select(PostTag.post_id).where(PostTag.tag == tag)))
        .order_by(Post.published_at.desc(), Post.id.desc()).limit(limit)))


def post_tag_counts(user, space=None):
    """``{tag: published posts carrying it}`` that ``user`` may read (the tag cloud)."""
    number = func.count(Post.id.distinct())
    return dict(db.session.execute(
        select(PostTag.tag, number).join(Post, Post.id == PostTag.post_id)
        .join(Space, Space.id == Post.space_id).where(*_published_in(user, space))
        .group_by(PostTag.tag)).all())


def posts_by(author, user, limit=10):
    """``author``'s published posts in workspaces ``user`` may read (a profile)."""
    return list(db.session.scalars(
        select(Post).join(Space, Space.id == Post.space_id)
        .where(Post.author_id == author.id, *_published_in(user))
        .order_by(Post.published_at.desc(), Post.id.desc()).limit(limit)))


def workspaces_of(member, user, limit=50):
    """``[(Space, role)]``: workspaces ``member`` belongs to that ``user`` may read."""
    return db.session.execute(
        select(Space, Membership.role).join(Membership, Membership.space_id == Space.id)
        .where(Membership.user_id == member.id, Space.kind == KIND_WORKSPACE,
               Space.id.in_(policy.readable_space_ids(user)), Space.deleted_at.is_(None))
        .order_by(func.lower(Space.name), Space.id).limit(limit)).all()
