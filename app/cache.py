"""Whole answers cached for anonymous readers: wiki pages, feeds.

A view marked ``@cached_for_anonymous`` may be answered from the cache when
the request is anonymous: no session or remember-me cookie, no
``Authorization``, no query argument but those the view declares (never a
feed ``token``). Stored answers are served by ``app.front_cache``, a WSGI
layer in front of Flask, before any per-request machinery runs. A miss runs
the view and, when its answer is a 200 that set no cookie and touched no
session, keeps the body (and a gzipped copy) with the view's own headers,
once the same answer was asked for twice (``PAGE_CACHE_MIN_REQUESTS``):
pages read once, as a crawler reads them, cost no write and take no room.

The key holds the URL, the reader's locale (``locale`` cookie or
``Accept-Language``) and the page views' generation; each stored answer
names what else it depends on: a page view its page's ``touched`` stamp, any
other answer the site's generation (``app.generation``). Between them they
change after every write a page may show: an edit (the edited page's stamp),
a move, deletion, change of protection or visibility, a new child page or
red-link target (the generations)... so a cached answer is never served once
anything it shows has changed, and an edit leaves the other pages' stored
views alone. The ETag derives from the key and those dependencies.

Only anonymous answers are stored and only anonymous requests read them: a
signed-in reader, a feed read with a token, or a reader of a private space
never gets a cached answer (a signed-in reader's page view may be made from
a skeleton kept for readers with their rights: ``app.skeletons``). The
store is Flask-Caching: ``FileSystemCache`` in ``instance/cache`` by default,
shared by the workers of one server;
``CACHE_TYPE=RedisCache`` with ``CACHE_REDIS_URL`` to share it among servers."""
import os
from collections import OrderedDict
from functools import wraps

from flask import current_app, g, request, session
from flask_login import current_user

from app import front_cache, front_skeletons, skeletons
from app.extensions import cache
from app.front_cache import ANSWER_KEY, PAGE_CACHE_CONTROL, VARY_HEADERS
from app.generation import generations


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


def note_cacheable(endpoint, values):
    """Before the view: an anonymous request the front cache missed, for a view
    that may be cached with these arguments, is stored after it (under the key
    the front cache read before anything else ran); for any other reader, the
    page views' generation is read now, before the view loads anything."""
    if endpoint is None:
        return
    allowed = getattr(current_app.view_functions.get(endpoint), "cached_args", None)
    if allowed is None or not allowed.issuperset(request.args.keys()):
        return
    answer_key = request.environ.get(ANSWER_KEY)
    if answer_key is not None:
        g.cache_entry = answer_key
    elif current_app.config["PAGE_CACHE"] and not front_cache.anonymous(
            current_app.config, request.environ, request.cookies):
        # A signed-in reader: the view may be made from a skeleton (app.skeletons).
        token = request.environ.get(front_skeletons.VIEWS_TOKEN)
        if token is None:
            tokens = generations()
            token = tokens[1] if tokens is not None else None
        if token is not None:
            skeletons.note_views_token(token)


def depends_on_page(page):
    """The answer being made is a view of ``page``: it holds while the page's
    ``touched`` stamp (read with the page) and the page views' generation stay,
    whatever else the site writes meanwhile. Returns that dependency."""
    g.answer_depends = ("page", page.id, page.touched or "")
    return g.answer_depends


#: Set in the environ by ``flask cache-pages``: store this answer now.
STORE_NOW = "konbit.store_now"


def store_answer(response):
    """After a cacheable view: keep an anonymous 200 that set no cookie."""
    entry = g.pop("cache_entry", None)
    depends = g.pop("answer_depends", None)
    if entry is None or response.status_code != 200 or response.direct_passthrough:
        return response
    if session.modified or current_user.is_authenticated or "Set-Cookie" in response.headers:
        return response
    key, site_generation = entry
    depends = depends or ("site", site_generation)
    etag = front_cache.answer_etag(key, depends)
    headers = response.headers
    if "Cache-Control" not in headers:
        headers["Cache-Control"] = PAGE_CACHE_CONTROL
    if request.environ.get(STORE_NOW) or admitted(
            key, current_app.config["PAGE_CACHE_MIN_REQUESTS"]):
        cache.set(key, front_cache.stored_answer(current_app, response, etag, depends))
    headers["X-Cache"] = "miss"
    response.set_etag(etag)
    response.vary.update(VARY_HEADERS)
    return response.make_conditional(request)


def only_its_own_date(response):
    """``If-Modified-Since`` matches only the answer's own ``Last-Modified``
    (``front_cache.same_moment``): any other date leaves the request before
    Werkzeug, here or in Flask-Compress, takes a later one for a match."""
    if "HTTP_IF_MODIFIED_SINCE" in request.environ and not front_cache.same_moment(
            response.last_modified, request.if_modified_since):
        del request.environ["HTTP_IF_MODIFIED_SINCE"]
    return response


#: Answers asked for lately but not stored yet, per worker: key -> requests.
_requests_of = OrderedDict()
#: How many such keys a worker remembers (about 1 MB), the oldest forgotten first.
REMEMBERED_KEYS = 10_000


def admitted(key, needed):
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
    front_cache.install(app, front_skeletons.signed_in)
    skeletons.init_app(app)
    app.url_value_preprocessor(note_cacheable)
    # After-request functions run last-registered first: these see the view's own
    # answer, before compression (``app.security``), the date check first.
    app.after_request(store_answer)
    app.after_request(only_its_own_date)
