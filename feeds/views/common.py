"""What the feed and stream views share: the reader, ``?limit=``, lookups and
conditional GET."""
import hashlib

from flask import Response, abort, request
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select

from app import policy
from app.accounts.models import User
from app.extensions import db
from app.front_cache import same_moment
from app.timeutil import aware
from feeds import streams
from feeds.building import EPOCH, MIME
from feeds.tokens import user_for_token


def parse_limit(default=streams.DEFAULT_LIMIT):
    """``?limit=``: default 50, clamped to 1..200; garbage is a 400."""
    raw = request.args.get("limit", "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        abort(400, "limit must be an integer")
    return max(1, min(streams.MAX_LIMIT, value))


def parse_before():
    raw = request.args.get("before", "").strip()
    if not raw:
        return None
    # Ids are 32-bit in the database: a larger number names no activity.
    if not raw.isdigit() or int(raw) >= 2**31:
        abort(400, "before must be an activity id")
    return int(raw)


def feed_reader():
    """Who reads a feed: the owner of ``?token=`` (feeds only), else the session.

    An unknown or revoked token reads like an anonymous visitor."""
    if "token" in request.args:
        return user_for_token(request.args["token"])
    return current_user if policy.can_write_anything(current_user) else None


def user_or_404(username):
    user = db.session.scalar(select(User).where(User.username_key == username.lower()))
    if user is None:
        abort(404)
    return user


def conditional_feed(kind, newest, reader, limit, build):
    """Answer 304 to a matching conditional GET without building the feed;
    otherwise build it. ``newest`` is ``(id, created_at)`` of the newest visible row."""
    newest_id, newest_at = (newest[0], newest[1]) if newest else (0, None)
    key = "|".join(str(part) for part in (
        request.path, sorted((k, v) for k, v in request.args.items(multi=True) if k != "token"),
        kind, newest_id, newest_at, streams.last_activity_id(), limit,
        streams.visibility_key(reader), get_locale()))
    etag = hashlib.sha1(key.encode()).hexdigest()
    last_modified = aware(newest_at).replace(microsecond=0) if newest_at else EPOCH
    not_modified = False
    if request.if_none_match:
        not_modified = request.if_none_match.contains_weak(etag)
    elif request.if_modified_since:
        not_modified = same_moment(last_modified, request.if_modified_since)
    if not_modified:
        response = Response(status=304)
    else:
        response = Response(build(), mimetype=MIME[kind].split(";")[0])
        response.headers["Content-Type"] = MIME[kind]
    response.set_etag(etag)
    response.last_modified = last_modified
    # A token or a session makes a personal feed: shared caches must not keep it.
    response.cache_control.private = reader is not None
    response.cache_control.public = reader is None
    response.cache_control.no_cache = True
    response.vary.add("Cookie")
    return response
