"""Whole answers cached for anonymous readers: wiki pages, feeds.

A view marked ``@cached_for_anonymous`` is answered from the cache when the
request is anonymous: no session or remember-me cookie, no ``Authorization``,
no query argument but those the view declares (never a feed ``token``). The
lookup runs in an app-level URL value preprocessor, before any other
per-request machinery (space lookup, user loading, rate limits, locale): a hit
is raised as a ready response (``CachedAnswer``, whose handler returns it); a
miss runs the view and, when its answer is a 200 that set no cookie and
touched no session, keeps the body with its type, ``Last-Modified`` and
``Cache-Control`` once the same answer was asked for twice
(``PAGE_CACHE_MIN_REQUESTS``): pages read once, as a crawler reads them, cost
no write and take no room.

The key holds the URL, the reader's locale (``locale`` cookie or
``Accept-Language``) and the site's generation (``app.generation``), which
changes after every write a page may show: an edit, move, deletion, change of
protection or visibility, a new child page or red-link target... so a cached
answer is never served once anything has changed. The ETag derives from the
key, so a matching conditional GET is answered 304 without running the view,
hit or miss, in every worker.

Only anonymous answers are stored and only anonymous requests read them: a
signed-in reader, a feed read with a token, or a reader of a private space
never gets a cached answer. The store is Flask-Caching: ``FileSystemCache`` in
``instance/cache`` by default, shared by the workers of one server;
``CACHE_TYPE=RedisCache`` with ``CACHE_REDIS_URL`` to share it among servers."""
import hashlib
import os
from collections import OrderedDict
from datetime import timezone
from functools import wraps

from flask import current_app, g, request, session
from flask_login import current_user
from werkzeug.http import parse_date

from app.extensions import cache
from app.generation import generation

#: The cache headers of an anonymous page that sets none of its own.
PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate"


class CachedAnswer(Exception):
    """Raised with a ready response to end the request before the view runs."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def cached_for_anonymous(*args):
    """Mark a view whose anonymous 200 answers may be cached whole; ``args``
    names the query arguments it reads (any other one skips the cache)."""
    def mark(view):
        @wraps(view)
        def wrapper(*a, **kw):
            return view(*a, **kw)
        wrapper.cached_args = frozenset(args)
        return wrapper
    return mark


def anonymous_request():
    """No session, no remember-me cookie, no credentials: the answer is the same
    for every such reader of this URL in this locale."""
    cookies = request.cookies
    config = current_app.config
    return (config["SESSION_COOKIE_NAME"] not in cookies
            and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies
            and "Authorization" not in request.headers)


def _key_and_etag():
    from app.i18n import anonymous_locale
    environ = request.environ
    url = "%s://%s%s%s?%s" % (environ["wsgi.url_scheme"], environ.get("HTTP_HOST", ""),
                              environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""),
                              environ.get("QUERY_STRING", ""))
    current = generation()
    if current is None:
        return None, None
    key = "answer|%s|%s|%s" % (current, anonymous_locale(), url)
    return key, "c-" + hashlib.sha1(key.encode()).hexdigest()[:24]


def _not_modified_since(last_modified):
    """A conditional GET by date (only when no ETag is asked about)."""
    since = request.if_modified_since
    if since is None or last_modified is None or request.if_none_match:
        return False
    since = since if since.tzinfo else since.replace(tzinfo=timezone.utc)
    modified = parse_date(last_modified)
    return modified is not None and modified <= since


def _answer(entry, etag, status=200):
    body, content_type, last_modified, cache_control = entry
    response = current_app.response_class(body if status == 200 else None, status=status,
                                          content_type=content_type)
    if last_modified:
        response.headers["Last-Modified"] = last_modified
    return _cache_headers(response, etag, cache_control)


def _cache_headers(response, etag, cache_control=None):
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache_control or PAGE_CACHE_CONTROL
    response.vary.update(("Cookie", "Accept-Language"))
    return response


def serve_cached(endpoint, values):
    """Before anything else: a hit (or a 304) is answered here and now."""
    if request.method not in ("GET", "HEAD") or endpoint is None:
        return
    allowed = getattr(current_app.view_functions.get(endpoint), "cached_args", None)
    if allowed is None or not current_app.config["PAGE_CACHE"]:
        return
    if not anonymous_request() or not allowed.issuperset(request.args.keys()):
        return
    key, etag = _key_and_etag()
    if key is None:
        return
    entry = cache.get(key)
    if request.if_none_match.contains(etag):
        answer = _answer(entry, etag, 304) if entry else _cache_headers(
            current_app.response_class(status=304), etag)
        raise CachedAnswer(answer)
    if entry is not None:
        last_modified = entry[2]
        if last_modified and _not_modified_since(last_modified):
            raise CachedAnswer(_answer(entry, etag, 304))
        response = _answer(entry, etag)
        response.headers["X-Cache"] = "hit"
        raise CachedAnswer(response)
    g.cache_entry = (key, etag)


def store_answer(response):
    """After a cacheable view: keep an anonymous 200 that set no cookie."""
    entry = g.pop("cache_entry", None)
    if entry is None or response.status_code != 200 or response.direct_passthrough:
        return response
    if session.modified or current_user.is_authenticated or "Set-Cookie" in response.headers:
        return response
    key, etag = entry
    headers = response.headers
    if _admitted(key, current_app.config["PAGE_CACHE_MIN_REQUESTS"]):
        cache.set(key, (response.get_data(), headers.get("Content-Type"),
                        headers.get("Last-Modified"), headers.get("Cache-Control")))
    headers["X-Cache"] = "miss"
    return _cache_headers(response, etag, headers.get("Cache-Control"))


#: Answers asked for lately but not stored yet, per worker: key -> requests.
_requests_of = OrderedDict()
#: How many such keys a worker remembers (about 1 MB), the oldest forgotten first.
REMEMBERED_KEYS = 10_000


def _admitted(key, needed):
    """Store an answer only on its ``needed``-th request: a crawler reading
    every page once would otherwise fill the store with answers nobody asks
    for again, each costing a write (a "doorkeeper", as in TinyLFU)."""
    if needed <= 1:
        return True
    seen = _requests_of.pop(key, 0) + 1
    if seen >= needed:
        return True
    _requests_of[key] = seen
    if len(_requests_of) > REMEMBERED_KEYS:
        _requests_of.popitem(last=False)
    return False


def init_app(app):
    app.config.setdefault("PAGE_CACHE", True)
    #: An answer is stored on its second request (in one worker), not its first.
    app.config.setdefault("PAGE_CACHE_MIN_REQUESTS", 2)
    # On disk in the instance folder by default: one store for every worker
    # (a page rendered by one is a hit in the others), kept across restarts,
    # and none of it in the workers' memory (the OS page cache holds what is read).
    app.config.setdefault("CACHE_TYPE", "FileSystemCache")
    app.config.setdefault("CACHE_DIR", os.path.join(app.instance_path, "cache"))
    app.config.setdefault("CACHE_DEFAULT_TIMEOUT", 3600)
    #: Answers kept (pages of about 5 to 10 KB, feeds); the oldest go first.
    app.config.setdefault("CACHE_THRESHOLD", 10000)
    cache.init_app(app)
    app.url_value_preprocessor(serve_cached)
    app.register_error_handler(CachedAnswer, lambda answer: answer.response)
    # After-request functions run last-registered first: this one sees the
    # view's own answer, before compression.
    app.after_request(store_answer)
