"""Forum services: categories, threads, replies, edits, subscriptions.

Services check the input and the rules that belong to the thing (a locked
thread takes no reply, an author edits within the time limit), flush, never
commit, and send the forum signals; the views check access through the policy
first. Moderators' verbs live in ``community.forum.moderation``."""
import re
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from app import antispam, policy, signals
from app.extensions import db
from app.markup import render_plain
from app.timeutil import utcnow
from community.forum.models import (CATEGORY_SLUG_PATTERN, RESERVED_CATEGORY_SLUGS,
                                    ForumCategory, ForumPost, Thread, ThreadSubscription)
from community.forum.urls import post_path, thread_path

MAX_TITLE = 200
MAX_BODY = 20_000
MAX_NAME = 120
MAX_DESCRIPTION = 2_000
#: Posts shown on one page of a thread.
POSTS_PER_PAGE = 20
#: session.info key: ids of the replies whose subscribers are mailed after commit.
PENDING_MAIL = "forum_mail_pending"


class ForumError(ValueError):
    """A refused change: a message for the reader, an HTTP status, the form field at fault."""

    def __init__(self, message, status=422, field=None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def check_write(user, text, kind):
    """Ask the anti-spam guard (``app.antispam``) whether ``user`` may write this."""
    try:
        antispam.check_write(user, text=text, kind=kind)
    except antispam.WriteRefused as refused:
        raise ForumError(refused.message, refused.status)


def edit_minutes():
    return int(current_app.config.get("FORUM_EDIT_MINUTES", 30))


# --- cleaning --------------------------------------------------------------

def _clean_title(title):
    title = " ".join(title.split()) if isinstance(title, str) else ""
    if not title or len(title) > MAX_TITLE:
        raise ForumError(_l("A title has 1 to %(n)d characters.", n=MAX_TITLE), 422, "title")
    return title


def _clean_body(body):
    body = body.strip() if isinstance(body, str) else ""
    if not body:
        raise ForumError(_l("A message cannot be empty."), 422, "body")
    if len(body) > MAX_BODY:
        raise ForumError(_l("A message has at most %(n)d characters.", n=MAX_BODY), 422, "body")
    return body.replace("\r\n", "\n")


# --- categories ------------------------------------------------------------

def create_category(space, actor, name, slug=None, description="", position=None):
    """A new category of ``space``'s forum (the view checks who may)."""
    name = " ".join(name.split()) if isinstance(name, str) else ""
    if not name or len(name) > MAX_NAME:
        raise ForumError(_l("A name has 1 to %(n)d characters.", n=MAX_NAME), 422, "name")
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise ForumError(_l("The description is too long."), 422, "description")
    if slug:
        slug = slug.strip().lower()
    else:
        from workspaces.services.blog import slugify
        slug = slugify(name)[:40].strip("-")
    if not re.fullmatch(CATEGORY_SLUG_PATTERN, slug or ""):
        raise ForumError(_l("An address has lower-case letters, digits and dashes."),
                         422, "slug")
    if slug in RESERVED_CATEGORY_SLUGS:
        raise ForumError(_l("This address is reserved: choose another one."), 422, "slug")
    if db.session.scalar(select(ForumCategory.id).where(
            ForumCategory.space_id == space.id, ForumCategory.slug == slug)) is not None:
        raise ForumError(_l("A category already has this address."), 409, "slug")
    if position is None:
        position = (db.session.scalar(select(func.max(ForumCategory.position)).where(
            ForumCategory.space_id == space.id)) or 0) + 1
    category = ForumCategory(space=space, space_id=space.id, slug=slug, name=name,
                             description=description, position=int(position))
    db.session.add(category)
    db.session.flush()
    return category


# --- threads and posts -----------------------------------------------------

def create_thread(space, actor, title, body, category=None, page=None):
    """Start a discussion in ``category`` (of ``space``) or on ``page`` (its Talk).

    The author follows the thread from the start."""
    if (category is None) == (page is None):
        raise ValueError("a thread lives in a category or on a page")
    title = _clean_title(title)
    body = _clean_body(body)
    check_write(actor, f"{title}\n{body}", "forum")
    now = utcnow()
    thread = Thread(space=space, space_id=space.id, category=category,
                    category_id=getattr(category, "id", None), page_id=getattr(page, "id", None),
                    title=title, author=actor, author_id=actor.id, created_at=now,
                    last_post_at=now)
    db.session.add(thread)
    db.session.flush()
    post = ForumPost(thread=thread, thread_id=thread.id, author=actor, author_id=actor.id,
                     body=body, html=str(render_plain(body)), created_at=now)
    db.session.add(post)
    db.session.flush()
    subscribe(thread, actor)
    signals.forum_thread_created.send(thread, actor=actor, space=space, post=post,
                                      title=thread.title, path=thread_path(thread), page=page)
    return thread


def visible_post_count(thread, before_id=None):
    query = select(func.count(ForumPost.id)).where(ForumPost.thread_id == thread.id,
                                                   ForumPost.deleted_at.is_(None))
    if before_id is not None:
        query = query.where(ForumPost.id <= before_id)
    return db.session.scalar(query) or 0


def page_of(post):
    """The page of its thread a (visible) post is on."""
    return max(1, -(-visible_post_count(post.thread, post.id) // POSTS_PER_PAGE))


def reply(thread, actor, body):
    """Answer a thread; its subscribers (but the author) are mailed after commit."""
    if thread.deleted_at is not None:
        raise ForumError(_l("This discussion was deleted."), 404)
    if thread.locked:
        raise ForumError(_l("This discussion is locked: it takes no more replies."), 409)
    body = _clean_body(body)
    check_write(actor, body, "forum")
    now = utcnow()
    post = ForumPost(thread=thread, thread_id=thread.id, author=actor, author_id=actor.id,
                     body=body, html=str(render_plain(body)), created_at=now)
    db.session.add(post)
    thread.last_post_at = now
    thread.reply_count = (thread.reply_count or 0) + 1
    db.session.flush()
    subscribe(thread, actor)
    db.session.info.setdefault(PENDING_MAIL, []).append(post.id)
    signals.forum_post_added.send(post, actor=actor, thread=thread, space=thread.space,
                                  title=thread.title, path=post_path(post, page_of(post)))
    return post


def opening_post_id(thread):
    return db.session.scalar(select(func.min(ForumPost.id)).where(
        ForumPost.thread_id == thread.id))


def may_edit_post(user, post, now=None):
    """Authors within FORUM_EDIT_MINUTES of writing; moderators at any time."""
    if not policy.can_read(user, post) or post.deleted_at is not None:
        return False
    if policy.can_moderate_forum(user, post):
        return True
    if post.author_id is None or not policy.can_post_in_forum(user, post) \
            or post.author_id != user.id:
        return False
    return (now or utcnow()) - post.created_at <= timedelta(minutes=edit_minutes())


def edit_post(post, actor, body, title=None):
    """Change a post's text (and the thread's title, for its opening post)."""
    if post.deleted_at is not None:
        raise ForumError(_l("This message was deleted."), 409)
    if not policy.can_moderate_forum(actor, post):
        if post.author_id != getattr(actor, "id", None):
            raise ForumError(_l("Only its author may edit this message."), 403)
        if utcnow() - post.created_at > timedelta(minutes=edit_minutes()):
            raise ForumError(_l("Messages can be edited for %(n)d minutes after they are "
                                "written.", n=edit_minutes()), 403)
    body = _clean_body(body)
    if title is not None and post.id == opening_post_id(post.thread):
        post.thread.title = _clean_title(title)
    if body != post.body:
        post.body = body
        post.html = str(render_plain(body))
        post.edited_at = utcnow()
    db.session.flush()
    signals.forum_post_edited.send(post, actor=actor, thread=post.thread)
    return post


def delete_post(post, actor, reason=""):
    """Remove a reply (its author, or a moderator: that is audited). The opening
    post goes with its thread (``moderation.delete_thread``)."""
    if post.deleted_at is not None:
        raise ForumError(_l("This message was already deleted."), 409)
    thread = post.thread
    if post.id == opening_post_id(thread):
        raise ForumError(_l("This message opens the discussion: delete the discussion "
                            "instead."), 409)
    post.deleted_at = utcnow()
    thread.reply_count = max(0, (thread.reply_count or 0) - 1)
    if post.author_id != getattr(actor, "id", None):
        from app.audit import record_action
        record_action(actor, "forum.post_deleted", "forum_post", post.id, thread.title, reason)
    db.session.flush()
    signals.forum_post_deleted.send(post, actor=actor, thread=thread, space=thread.space,
                                    title=thread.title, path=thread_path(thread))


# --- subscriptions ---------------------------------------------------------

def is_subscribed(thread, user):
    if not policy.can_write_anything(user):
        return False
    return db.session.scalar(select(ThreadSubscription.id).where(
        ThreadSubscription.thread_id == thread.id,
        ThreadSubscription.user_id == user.id)) is not None


def subscribe(thread, user):
    """Follow ``thread`` (mail on each reply); idempotent."""
    if not is_subscribed(thread, user):
        db.session.add(ThreadSubscription(thread_id=thread.id, user_id=user.id))
        db.session.flush()


def unsubscribe(thread, user):
    db.session.execute(delete(ThreadSubscription).where(
        ThreadSubscription.thread_id == thread.id, ThreadSubscription.user_id == user.id))
    db.session.flush()
