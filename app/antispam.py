"""Limits on what new accounts write, so that a spammer's first hour does little harm.

Every package calls ``check_write(user, text, kind)`` right before a member
writes (a wiki save, a blog post or comment, a private message, a forum post),
in the transaction of the write. It raises ``WriteRefused(message, status)``
when the write must not happen, and otherwise records it in ``write_log``
(rolled back with the write if the write fails), which is what the hourly
limits count. Views show the message on the form with the text kept.

Who is trusted (unlimited links and posts per hour):
- moderators and administrators;
- members a moderator marked as trusted (``trusted_users``);
- members whose account is at least ``TRUST_AFTER_DAYS`` days old and who have
  written at least ``TRUST_AFTER_WRITES`` times since (counted in ``write_log``).

Others may put at most ``NEW_ACCOUNT_MAX_LINKS`` links in one text and write at
most ``NEW_ACCOUNT_MAX_POSTS_PER_HOUR`` times an hour. Private messages have
their own hourly limits, for new accounts (``NEW_ACCOUNT_MAX_MESSAGES_PER_HOUR``)
and for every member (``MAX_MESSAGES_PER_HOUR``). The request-rate limits of
Flask-Limiter (``RATELIMIT_WRITE``, ``write_limit`` below) come on top."""
import math
import re
from datetime import datetime, timedelta
from typing import Optional

from flask import current_app, g, has_request_context, request
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import ForeignKey, Index, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db, limiter
from app.timeutil import utcnow

#: Kinds of writes the packages report (free text; these are the known ones).
KINDS = ("page", "post", "comment", "message", "forum", "upload")

#: A link a reader could follow out of the site: http(s)/ftp URLs, bare
#: ``www.`` hosts, and ``<a href>`` or ``[text](target)`` pointing at a host.
#: Wiki links (``[[Page]]``) and relative links are not counted.
_URL = re.compile(r"(?:\b(?:https?|ftp)://|(?<![\w/.@-])www\.[\w-]+\.)[^\s<>()\[\]\"']*",
                  re.IGNORECASE)
_HOSTLESS_TARGET = re.compile(r"(?:\]\(\s*<?|href\s*=\s*[\"']?)//[\w-]+\.", re.IGNORECASE)


class WriteRefused(Exception):
    """A write the anti-spam rules refuse; ``status`` is 422 (the text itself,
    e.g. too many links) or 429 (too many writes lately, with ``retry_after``:
    the seconds until the hour's budget frees a write)."""

    def __init__(self, message, status=422, retry_after=None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.retry_after = retry_after
        if retry_after is not None and has_request_context():
            g.retry_after = retry_after  # the answer's Retry-After (``retry_after_header``)


def retry_after_header(response):
    """A 429 for an hourly limit says when to try again (``Retry-After``), not the
    minute of the per-minute limiter or of the error page's default."""
    seconds = g.get("retry_after")
    if seconds is not None and response.status_code == 429:
        response.headers["Retry-After"] = str(seconds)
    return response


def init_app(app):
    app.after_request(retry_after_header)


def _seconds_until_free(user, since, kind=None):
    """When the oldest write counted since ``since`` leaves the hour's window."""
    query = select(func.min(WriteLog.created_at)).where(
        WriteLog.user_id == user.id, WriteLog.created_at >= since)
    if kind is not None:
        query = query.where(WriteLog.kind == kind)
    oldest = db.session.scalar(query)
    if oldest is None:
        return 1
    return max(1, math.ceil((oldest - since).total_seconds()))


class WriteLog(db.Model):
    """One row per write a member made through a view or the API."""

    __tablename__ = "write_log"
    __table_args__ = (Index("ix_write_log_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: ``page``, ``post``, ``comment``, ``message``, ``forum``...
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TrustedUser(db.Model):
    """A member a moderator vouched for: no new-account limits."""

    __tablename__ = "trusted_users"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    trusted_at: Mapped[datetime] = mapped_column(default=utcnow)
    trusted_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)


def count_links(text):
    """How many outgoing links a Markdown (or HTML) text carries."""
    if not text:
        return 0
    return len(_URL.findall(text)) + len(_HOSTLESS_TARGET.findall(text))


def is_explicitly_trusted(user):
    return db.session.get(TrustedUser, user.id) is not None


def is_trusted(user):
    """See the module's docstring."""
    if getattr(user, "is_moderator", False):
        return True
    if is_explicitly_trusted(user):
        return True
    cfg = current_app.config
    if user.created_at is None or utcnow() - user.created_at < timedelta(
            days=cfg["TRUST_AFTER_DAYS"]):
        return False
    writes = db.session.scalar(select(func.count()).select_from(WriteLog).where(
        WriteLog.user_id == user.id))
    return writes >= cfg["TRUST_AFTER_WRITES"]


def set_trusted(user, actor, trusted=True):
    """Mark ``user`` as trusted (or take it back); flushes, the caller commits."""
    row = db.session.get(TrustedUser, user.id)
    if trusted and row is None:
        db.session.add(TrustedUser(user_id=user.id, trusted_by_id=getattr(actor, "id", None),
                                   trusted_at=utcnow()))
    elif not trusted and row is not None:
        db.session.delete(row)
    db.session.flush()


def writes_since(user, since, kind=None):
    query = select(func.count()).select_from(WriteLog).where(
        WriteLog.user_id == user.id, WriteLog.created_at >= since)
    if kind is not None:
        query = query.where(WriteLog.kind == kind)
    return db.session.scalar(query)


def _too_many(limit, retry_after):
    return WriteRefused(ngettext(
        "You can write at most %(num)d time an hour for now. Please try again later.",
        "You can write at most %(num)d times an hour for now. Please try again later.",
        limit), 429, retry_after)


def check_write(user, text="", kind="post"):
    """Refuse (``WriteRefused``) or record a write by ``user`` of ``text``.

    Call it right before the write, in the same transaction: the record is
    committed with the write and disappears with it when the write fails."""
    cfg = current_app.config
    hour_ago = utcnow() - timedelta(hours=1)
    trusted = is_trusted(user)
    if not trusted:
        max_links = cfg["NEW_ACCOUNT_MAX_LINKS"]
        if count_links(text) > max_links:
            raise WriteRefused(ngettext(
                "New accounts may put at most %(num)d link in what they write. Please "
                "remove some links.",
                "New accounts may put at most %(num)d links in what they write. Please "
                "remove some links.", max_links), 422)
        per_hour = cfg["NEW_ACCOUNT_MAX_POSTS_PER_HOUR"]
        if writes_since(user, hour_ago) >= per_hour:
            raise _too_many(per_hour, _seconds_until_free(user, hour_ago))
    if kind == "message" and not getattr(user, "is_moderator", False):
        limit = cfg["MAX_MESSAGES_PER_HOUR"] if trusted else min(
            cfg["MAX_MESSAGES_PER_HOUR"], cfg["NEW_ACCOUNT_MAX_MESSAGES_PER_HOUR"])
        if writes_since(user, hour_ago, "message") >= limit:
            raise WriteRefused(ngettext(
                "You can send at most %(num)d message an hour. Please try again later.",
                "You can send at most %(num)d messages an hour. Please try again later.",
                limit), 429, _seconds_until_free(user, hour_ago, "message"))
    db.session.add(WriteLog(user_id=user.id, kind=kind[:20], created_at=utcnow()))


def _writer_key():
    """Signed-in writers are limited per account, others per address."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    from flask_limiter.util import get_remote_address
    return get_remote_address()


@limiter.request_filter
def reads_are_not_limited():
    """Every limit is on a write (``write_limit``, the account forms' POSTs,
    the API's token request): a read skips the limiter's search for the
    limits of its view, which cost every page view about 4 % of its time."""
    return request.method in ("GET", "HEAD", "OPTIONS")


#: Decorate every view that writes: ``@write_limit`` (POST and the other
#: changing methods only; ``RATELIMIT_WRITE`` per signed-in member).
write_limit = limiter.limit(lambda: current_app.config["RATELIMIT_WRITE"],
                            key_func=_writer_key, methods=["POST", "PUT", "PATCH", "DELETE"])
