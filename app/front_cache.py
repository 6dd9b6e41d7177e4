"""Stored anonymous answers, served in front of Flask (a WSGI middleware).

``app.cache`` decides which answers may be kept and keeps them; this layer
answers from the store before Flask builds a request context, runs a hook or
opens a session, the way a caching reverse proxy in front of the site would:
a hit costs one primary-key read of the site's generation and one read of
the store. MediaWiki's file cache short-cuts its readers the same way.

Only anonymous GET and HEAD requests are looked up: no session or remember-me
cookie, no ``Authorization``. Their key (URL, locale, generation) is computed
here, before the app runs, and handed to it in the environ (``ANSWER_KEY``):
a miss is stored under the key read before its view ran, so an answer
rendered while a write commits is never served under the newer generation.
The ETag derives from the key, so a matching conditional GET is answered 304
here, hit or miss."""
import gzip
import hashlib

from werkzeug.http import parse_accept_header, parse_cookie, parse_date, parse_etags

#: Where the key of an anonymous GET travels from here to ``app.cache``.
ANSWER_KEY = "konbit.answer_key"
#: Stored answers are (body, gzipped body or None, headers); the prefix names that shape.
KEY_PREFIX = "answer2"
#: Headers an answer is stored without: computed again for each reader.
UNSTORED_HEADERS = frozenset(("content-length", "content-encoding", "etag", "vary",
                              "x-cache", "set-cookie"))
VARY = "Cookie, Accept-Language"
VARY_COMPRESSED = VARY + ", Accept-Encoding"
#: The cache headers of an anonymous page that sets none of its own.
PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate"


class FrontCache:
    """Wraps the app's WSGI callable: hits and 304s never reach Flask."""

    def __init__(self, app, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app
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
            return self.wsgi_app(environ, start_response)
        key, etag = answer_key(self.app, self.engine, environ, cookies)
        if key is None:
            return self.wsgi_app(environ, start_response)
        entry = self._stored(key)
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match:
            asked = parse_etags(if_none_match)
            if asked.contains(etag) or asked.contains(etag + ":gzip"):
                return self._respond(start_response, "304 Not Modified", etag, entry)
        elif entry is not None and not_modified_since(environ, entry):
            return self._respond(start_response, "304 Not Modified", etag, entry)
        if entry is not None:
            return self._respond(start_response, "200 OK", etag, entry, environ)
        environ[ANSWER_KEY] = (key, etag)
        return self.wsgi_app(environ, start_response)

    def _stored(self, key):
        from app.extensions import cache
        entry = self.app.extensions["cache"][cache].get(key)
        return entry if isinstance(entry, tuple) and len(entry) == 3 else None

    def _respond(self, start_response, status, etag, entry, environ=None):
        body, compressed, stored = entry if entry else (b"", None, ())
        headers = list(stored)
        names = {name.lower() for name, _ in headers}
        if "cache-control" not in names:
            headers.append(("Cache-Control", PAGE_CACHE_CONTROL))
        headers.append(("ETag", '"%s"' % etag))
        headers.append(("Vary", VARY_COMPRESSED if compressed else VARY))
        if environ is not None:  # a 200: the body, and how it was found
            if compressed and accepts_gzip(environ):
                body = compressed
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
        start_response(status, headers)
        return [body]


def anonymous(config, environ, cookies):
    """No session, no remember-me cookie, no credentials: the answer is the same
    for every such reader of this URL in this locale."""
    return (config["SESSION_COOKIE_NAME"] not in cookies
            and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies
            and "HTTP_AUTHORIZATION" not in environ)


def answer_key(app, engine, environ, cookies):
    """(key, ETag) of an anonymous request; (None, None) when nothing may be
    cached (a database not upgraded yet)."""
    from app.generation import generation
    from app.i18n import negotiated_locale
    current = generation(engine)
    if current is None:
        return None, None
    url = "%s://%s%s%s?%s" % (environ["wsgi.url_scheme"], environ.get("HTTP_HOST", ""),
                              environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""),
                              environ.get("QUERY_STRING", ""))
    locale = negotiated_locale(app, cookies, environ.get("HTTP_ACCEPT_LANGUAGE", ""))
    key = "%s|%s|%s|%s" % (KEY_PREFIX, current, locale, url)
    return key, "c-" + hashlib.sha1(key.encode()).hexdigest()[:24]


def not_modified_since(environ, entry):
    """A conditional GET by date, answered from the stored ``Last-Modified``."""
    since = parse_date(environ.get("HTTP_IF_MODIFIED_SINCE"))
    last_modified = dict((name.lower(), value) for name, value in entry[2]).get("last-modified")
    modified = parse_date(last_modified)
    return since is not None and modified is not None and modified <= since


def accepts_gzip(environ):
    accepted = environ.get("HTTP_ACCEPT_ENCODING")
    return bool(accepted) and parse_accept_header(accepted).quality("gzip") > 0


def stored_answer(app, response):
    """What is kept of an answer: its body, a gzipped copy when it is worth
    compressing (compressed once, not for each reader), and its own headers."""
    body = response.get_data()
    headers = tuple((name, value) for name, value in response.headers.items()
                    if name.lower() not in UNSTORED_HEADERS)
    compressed = None
    config = app.config
    if (response.mimetype in config["COMPRESS_MIMETYPES"]
            and len(body) >= config["COMPRESS_MIN_SIZE"]):
        compressed = gzip.compress(body, compresslevel=config.get("COMPRESS_LEVEL", 6), mtime=0)
    return body, compressed, headers


def install(app):
    """Put the front cache around the app's WSGI callable (inside any proxy fix-up
    installed later, so it sees the client's scheme and host)."""
    app.wsgi_app = FrontCache(app, app.wsgi_app)
