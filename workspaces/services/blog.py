"""The blog: posts (each edit keeps a revision) and their comments."""
import re
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import signals
from app.extensions import db
from app.timeutil import utcnow
from workspaces.models import (DRAFT, POST_SLUG_PATTERN, POST_STATUSES, PUBLISHED,
                               RESERVED_POST_SLUGS, Comment, Post, PostRevision, PostTag)
from workspaces.rendering import render_comment_body, render_post_body
from workspaces.services.errors import WorkspaceError
from workspaces.services.spaces import touch

MAX_TITLE = 200
MAX_BODY = 200_000
MAX_COMMENT = 10_000
MAX_TAGS = 20


def normalise_tags(raw):
    """Tags as a clean, sorted list (``[a-z0-9-]{1,40}``, the wiki's rules)."""
    from wiki.tags import normalise_tags as wiki_normalise
    try:
        tags = wiki_normalise(raw)
    except ValueError as error:
        raise WorkspaceError(str(error), 422, "tags")
    if len(tags) > MAX_TAGS:
        raise WorkspaceError(_l("At most %(n)d tags.", n=MAX_TAGS), 422, "tags")
    return sorted(tags)


def slugify(text):
    """An ASCII slug from a title: ``Cotisations 2026 : bilan`` -> ``cotisations-2026-bilan``."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:70].strip("-")
    return slug or "post"


def _free_slug(space, base):
    taken = set(db.session.scalars(select(Post.slug).where(
        Post.space_id == space.id, Post.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken or slug in RESERVED_POST_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_title(title):
    title = title.strip() if isinstance(title, str) else ""
    if not title or len(title) > MAX_TITLE:
        raise WorkspaceError(_l("A title has 1 to %(n)d characters.", n=MAX_TITLE), 422, "title")
    return title


def _clean_body(body):
    if body is None:
        return ""
    if not isinstance(body, str) or len(body) > MAX_BODY:
        raise WorkspaceError(_l("The text is too long."), 422, "body")
    return body.replace("\r\n", "\n")


def _check_status(status):
    if status not in POST_STATUSES:
        raise WorkspaceError(_l("A post is a draft or published."), 422, "status")


def _set_tags(post, tags):
    current = {t.tag: t for t in post.tags}
    for tag in set(current) - set(tags):
        post.tags.remove(current[tag])
    for tag in sorted(set(tags) - set(current)):
        post.tags.append(PostTag(tag=tag))


def _add_revision(post, actor):
    post.head_number = (post.head_number or 0) + 1
    revision = PostRevision(post=post, number=post.head_number, title=post.title,
                            body=post.body, tags=" ".join(post.tag_names), status=post.status,
                            author_id=getattr(actor, "id", None), created_at=post.updated_at)
    db.session.add(revision)
    db.session.flush()
    return revision


def create_post(space, actor, title, body="", tags=None, status=DRAFT, slug=None):
    """Write a post (a draft unless ``status`` is published) as revision 1."""
    title = _clean_title(title)
    body = _clean_body(body)
    _check_status(status)
    tags = normalise_tags(tags)
    if slug:
        if not isinstance(slug, str) or not re.fullmatch(POST_SLUG_PATTERN, slug) \
                or slug in RESERVED_POST_SLUGS:
            raise WorkspaceError(_l("A post address has lower-case letters, digits and dashes."),
                                 422, "slug")
        if db.session.scalar(select(Post.id).where(Post.space_id == space.id,
                                                   Post.slug == slug)) is not None:
            raise WorkspaceError(_l("A post already has this address."), 409, "slug")
    else:
        slug = _free_slug(space, slugify(title))
    now = utcnow()
    post = Post(space=space, space_id=space.id, slug=slug, title=title, body=body,
                html=render_post_body(body, space), status=status, author_id=actor.id,
                author=actor, created_at=now, updated_at=now,
                published_at=now if status == PUBLISHED else None)
    db.session.add(post)
    _set_tags(post, tags)
    db.session.flush()
    revision = _add_revision(post, actor)
    touch(space, now)
    if status == PUBLISHED:
        signals.post_published.send(post, actor=actor, revision=revision)
    else:
        signals.post_edited.send(post, actor=actor, revision=revision)
    return post


def refresh_post_html(post):
    """Bring ``post.html`` up to date; True when it changed (the caller commits).

    The HTML is rendered at save time, but a ``[[Page]]`` link in it turns from
    red to blue (or back) when that page is created or deleted later. Rendering
    the body again costs one query for all its links, so the single-post views
    call this rather than have the wiki track posts as linkers."""
    if "[[" not in (post.body or ""):
        return False
    html = render_post_body(post.body, post.space)
    if html == post.html:
        return False
    post.html = html
    db.session.flush()
    return True


def edit_post(post, actor, title=None, body=None, tags=None, status=None):
    """Change a post; every real change keeps a revision. Returns the revision or None."""
    if post.deleted_at is not None:
        raise WorkspaceError(_l("This post was deleted."), 409)
    new_title = _clean_title(title) if title is not None else post.title
    new_body = _clean_body(body) if body is not None else post.body
    new_tags = normalise_tags(tags) if tags is not None else post.tag_names
    new_status = status if status is not None else post.status
    _check_status(new_status)
    if (new_title, new_body, new_tags, new_status) == \
            (post.title, post.body, post.tag_names, post.status):
        return None
    publishing = new_status == PUBLISHED and post.status != PUBLISHED
    if new_body != post.body:
        post.html = render_post_body(new_body, post.space)
    post.title, post.body, post.status = new_title, new_body, new_status
    _set_tags(post, new_tags)
    post.updated_at = utcnow()
    if publishing and post.published_at is None:
        post.published_at = post.updated_at
    revision = _add_revision(post, actor)
    touch(post.space, post.updated_at)
    if publishing:
        signals.post_published.send(post, actor=actor, revision=revision)
    else:
        signals.post_edited.send(post, actor=actor, revision=revision)
    return revision


def delete_post(post, actor):
    """Soft delete: the post and its comments vanish for all but the owners."""
    if post.deleted_at is not None:
        raise WorkspaceError(_l("This post was already deleted."), 409)
    post.deleted_at = utcnow()
    touch(post.space)
    db.session.flush()
    signals.post_deleted.send(post, actor=actor)


def add_comment(post, actor, body):
    body = body.strip() if isinstance(body, str) else ""
    if not body:
        raise WorkspaceError(_l("A comment cannot be empty."), 422, "body")
    if len(body) > MAX_COMMENT:
        raise WorkspaceError(_l("A comment has at most %(n)d characters.", n=MAX_COMMENT),
                             422, "body")
    comment = Comment(post=post, post_id=post.id, author=actor, author_id=actor.id,
                      body=body.replace("\r\n", "\n"), html=render_comment_body(body),
                      created_at=utcnow())
    db.session.add(comment)
    touch(post.space, comment.created_at)
    db.session.flush()
    signals.comment_added.send(comment, actor=actor, post=post)
    return comment


def delete_comment(comment, actor):
    if comment.deleted_at is not None:
        raise WorkspaceError(_l("This comment was already deleted."), 409)
    comment.deleted_at = utcnow()
    db.session.flush()
    signals.comment_deleted.send(comment, actor=actor)
