"""Stored anonymous answers, served in front of Flask (a WSGI middleware).

``app.cache`` decides which answers may be kept and keeps them; this layer
answers from the store before Flask builds a request context, runs a hook or
opens a session, the way a caching reverse proxy in front of the site would.
MediaWiki's file cache short-cuts its readers the same way.

Only anonymous GET and HEAD requests are looked up: no session or remember-me
cookie, no ``Authorization``. The key is the URL, the locale and the page
views' generation (``app.generation``: it changes with every write a page may
show but a page edit). A stored answer also names what it depends on, checked
before it is served: the site's generation (which every write changes) for
most answers, its page's ``touched`` stamp for a page view, so an edit makes
stale only the views of the pages it changed (MediaWiki's ``page_touched``).
A hit costs one primary-key read of the generations, one read of the store
and, for a page view, one primary-key read of the page's stamp.

Both generations are read here, before the app runs, and handed to it in the
environ (``ANSWER_KEY``); a page's stamp is read with the page by its view.
So an answer rendered while a write commits is stored as depending on what
it showed, never on the newer state. The ETag derives from the key and from
what the answer depends on; a matching conditional GET is answered 304 here
when the answer is stored, by the app otherwise."""
import gzip
import hashlib

from werkzeug.http import (parse_accept_header, parse_cookie, parse_date, parse_etags,
                           quote_etag)

from app.generation import generations, page_touched
from app.timeutil import aware

#: Where the key of an anonymous GET travels from here to ``app.cache``.
ANSWER_KEY = "konbit.answer_key"
#: Stored answers are (body, gzipped body or None, headers, ETag, what it depends
#: on); the prefix names that shape.
KEY_PREFIX = "answer3"
#: Headers an answer is stored without: computed again for each reader.
UNSTORED_HEADERS = frozenset(("content-length", "content-encoding", "etag", "vary",
                              "x-cache", "set-cookie"))
#: What an anonymous answer varies with (and, for a gzipped copy, Accept-Encoding).
VARY_HEADERS = ("Cookie", "Accept-Language")
VARY = ", ".join(VARY_HEADERS)
#: Appended to the ETag of a gzipped answer (as Flask-Compress does on a miss).
GZIP_SUFFIX = ":gzip"
VARY_COMPRESSED = VARY + ", Accept-Encoding"
#: The cache headers of an anonymous page that sets none of its own.
PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate"


class FrontCache:
    """Wraps the app's WSGI callable: hits and 304s never reach Flask.

    ``signed_in(front, environ, start_response)``, when given, answers the
    other GET and HEAD requests (``app.front_skeletons``)."""

    def __init__(self, app, wsgi_app, signed_in=None):
        self.app = app
        self.wsgi_app = wsgi_app
        self.signed_in = signed_in
        self._engine = None

    @property
    def engine(self):
        """The app's database engine, found once (it needs an app context)."""
        if self._engine is None:
            from app.extensions import db
            with self.app.app_context():
                self._engine = db.engine
        return self._engine

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or not self.app.config["PAGE_CACHE"]:
            return self.wsgi_app(environ, start_response)
        cookies = parse_cookie(environ) if "HTTP_COOKIE" in environ else {}
        if not anonymous(self.app.config, environ, cookies):
            if self.signed_in is not None:
                return self.signed_in(self, environ, start_response)
            return self.wsgi_app(environ, start_response)
        tokens = generations(self.engine)
        if tokens is None:
            return self.wsgi_app(environ, start_response)
        key = answer_key(self.app, tokens[1], environ, cookies)
        entry = self._stored(key, tokens[0])
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        asked = parse_etags(if_none_match) if if_none_match else None
        if entry is not None:
            if asked is not None:
                matched = _matched(asked, entry[3])
                if matched:
                    return self._respond(start_response, "304 Not Modified", entry, etag=matched)
            elif not_modified_since(environ, entry):
                return self._respond(start_response, "304 Not Modified", entry)
            return self._respond(start_response, "200 OK", entry, environ)
        if asked is not None:
            # Not stored (yet, or any more): an answer that depends on the site's
            # generation has a known ETag all the same (a page view's needs its page).
            matched = _matched(asked, answer_etag(key, ("site", tokens[0])), exists=False)
            if matched:
                return self._respond(start_response, "304 Not Modified",
                                     (b"", None, (), matched, None))
        environ[ANSWER_KEY] = (key, tokens[0])
        return self.wsgi_app(environ, start_response)

    def _stored(self, key, site_generation):
        """The stored answer under ``key`` if what it shows has not changed since."""
        entry = stored(self.app, key)
        if not isinstance(entry, tuple) or len(entry) != 5:
            return None
        return entry if holds(self.engine, entry[4], site_generation) else None

    def _respond(self, start_response, status, entry, environ=None, etag=None):
        """A 200 with the stored body (``environ`` given), or a 304 echoing ``etag``."""
        body, compressed, stored, stored_etag, _depends = entry
        etag = etag or stored_etag
        headers = list(stored)
        names = {name.lower() for name, _ in headers}
        if "cache-control" not in names:
            headers.append(("Cache-Control", PAGE_CACHE_CONTROL))
        headers.append(("Vary", VARY_COMPRESSED if compressed else VARY))
        if environ is not None:  # a 200: the body, and how it was found
            if compressed and accepts_gzip(environ):
                body = compressed
                # Another representation, another ETag: Flask-Compress's form.
                etag = stored_etag + GZIP_SUFFIX
                headers.append(("Content-Encoding", "gzip"))
            headers.append(("Content-Length", str(len(body))))
            headers.append(("X-Cache", "hit"))
            for name, value in self.app.extensions["konbit_security_headers"]:
                if name.lower() not in names:
                    headers.append((name, value))
            if environ["REQUEST_METHOD"] == "HEAD":
                body = b""
        else:
            body = b""
            headers = [(name, value) for name, value in headers
                       if name.lower() not in ("content-type",)]
        headers.append(("ETag", quote_etag(etag)))
        start_response(status, headers)
        return [body]


def stored(app, key):
    """What the store holds under ``key`` (read outside any app context)."""
    from app.extensions import cache
    return app.extensions["cache"][cache].get(key)


def holds(engine, depends, site_generation):
    """Does what a stored entry depends on still hold? ``("site", generation)``
    or, for a page view, ``("page", id, touched)``: the page's own stamp."""
    if depends[0] == "site":
        return depends[1] == site_generation
    return page_touched(engine, depends[1]) == depends[2]


def gzipped(config, body):
    """``body`` compressed as Flask-Compress compresses an answer."""
    return gzip.compress(body, compresslevel=config.get("COMPRESS_LEVEL", 6), mtime=0)


def _matched(asked, etag, exists=True):
    """The form of ``etag`` the client asked about (a gzipped answer's ETag has
    ``:gzip`` appended, as Flask-Compress does), or None. Compared weakly, as a
    GET's ``If-None-Match`` is; ``*`` matches only an answer known to exist."""
    if asked.star_tag:
        return etag if exists else None
    for form in (etag, etag + GZIP_SUFFIX):
        if asked.contains_weak(form):
            return form
    return None


def anonymous(config, environ, cookies):
    """No session, no remember-me cookie, no credentials: the answer is the same
    for every such reader of this URL in this locale."""
    return (config["SESSION_COOKIE_NAME"] not in cookies
            and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies
            and "HTTP_AUTHORIZATION" not in environ)


def answer_key(app, views_generation, environ, cookies):
    """The key of an anonymous request's answer: URL, locale, and the page
    views' generation (an answer also names what it depends on, see ``_stored``)."""
    from app.i18n import negotiated_locale
    locale = negotiated_locale(app, cookies, environ.get("HTTP_ACCEPT_LANGUAGE", ""))
    return "%s|%s|%s|%s" % (KEY_PREFIX, views_generation, locale, request_url(environ))


def request_url(environ):
    """The URL asked for, as the WSGI server received it (cheaper than
    werkzeug's ``request.url``, which decodes it for display)."""
    return "%s://%s%s%s?%s" % (environ["wsgi.url_scheme"], environ.get("HTTP_HOST", ""),
                               environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""),
                               environ.get("QUERY_STRING", ""))


def answer_etag(key, depends):
    """Changes with the key and with what the answer depends on."""
    return "c-" + hashlib.sha1(("%s|%r" % (key, depends)).encode()).hexdigest()[:24]


def not_modified_since(environ, entry):
    """A conditional GET by date, answered from the stored ``Last-Modified``: only
    the very date the answer carries matches (``same_moment``)."""
    since = parse_date(environ.get("HTTP_IF_MODIFIED_SINCE"))
    last_modified = dict((name.lower(), value) for name, value in entry[2]).get("last-modified")
    return same_moment(parse_date(last_modified), since)


def same_moment(last_modified, since):
    """Does ``If-Modified-Since`` name this answer's own ``Last-Modified``? Not merely
    an earlier one: an answer's newest item can go back in time when items leave it
    (a workspace made private), so a later date proves nothing about the reader's copy."""
    if last_modified is None or since is None:
        return False
    return aware(last_modified).replace(microsecond=0) == aware(since).replace(microsecond=0)


def accepts_gzip(environ):
    accepted = environ.get("HTTP_ACCEPT_ENCODING")
    return bool(accepted) and parse_accept_header(accepted).quality("gzip") > 0


def stored_answer(app, response, etag, depends):
    """What is kept of an answer: its body, a gzipped copy when it is worth
    compressing (compressed once, not for each reader), its own headers, its
    ETag and what it depends on: ``("site", generation)`` or, for a page view,
    ``("page", id, touched)``."""
    body = response.get_data()
    headers = tuple((name, value) for name, value in response.headers.items()
                    if name.lower() not in UNSTORED_HEADERS)
    compressed = None
    config = app.config
    if (response.mimetype in config["COMPRESS_MIMETYPES"]
            and len(body) >= config["COMPRESS_MIN_SIZE"]):
        compressed = gzipped(config, body)
    return body, compressed, headers, etag, depends


def install(app, signed_in=None):
    """Put the front cache around the app's WSGI callable (inside any proxy fix-up
    installed later, so it sees the client's scheme and host)."""
    app.wsgi_app = FrontCache(app, app.wsgi_app, signed_in)
