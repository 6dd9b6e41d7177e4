"""Signed-in page views filled from kept skeletons in front of Flask.

A view made from a skeleton (``app.skeletons``) costs a signed-in reader
what any signed-in request costs: the session opened, the user loaded, the
space and the page read through the ORM, before a few small parts are
filled in. Yet for one session the parts are the same on every page while
the page views' generation holds: the same name, counts and CSRF token. So
the answer of such a view offers its reader a *pass* (``ReaderPass``): the
parts it filled in, the reader's class and locale. When the answer set no
cookie (the session did not change: no flashed message taken, no fresh
login, no session protection tripped), each worker keeps the pass, and the
next view by the same browser of a page whose skeleton is kept is filled
here: one read of the store, one of the page's stamp, one of the variant
(whether the reader watches the page), and no Flask request at all.

The pass is keyed by everything of the request the app's answer depended
on but the URL: the whole ``Cookie`` header (the signed session, the locale
cookie), the client's address and browser (Flask-Login's session
protection), ``Accept-Language`` and the page views' generation, which
every write a page may show changes (a role, a membership, a block, a
name, a message). It holds at most ``PASS_SECONDS``, and never past the
moment the app would next write the reader's visit, so "last seen" is kept
as before. Anything not known here goes to Flask, which makes the view and
offers a pass again."""
import time

from app import skeletons
from app.front_cache import accepts_gzip, gzipped, holds, request_url, stored
from app.generation import generations

#: Headers of a recorded answer not given again as they were: computed for each answer.
UNREPEATED_HEADERS = frozenset(("content-length", "content-encoding", "x-cache", "date",
                                "set-cookie", "etag"))
#: Passes kept at most, per app and worker (a kilobyte or two each); all
#: forgotten at once beyond it.
REMEMBERED_PASSES = 2_000


#: Where the page views' generation read here travels to the app (``app.cache``).
VIEWS_TOKEN = "konbit.views_token"


def pass_key(environ):
    """What of the request the app's answer depends on, but the URL and the
    page views' generation (kept in the pass)."""
    return (environ.get("HTTP_COOKIE"), environ.get("REMOTE_ADDR"),
            environ.get("HTTP_X_FORWARDED_FOR"), environ.get("HTTP_USER_AGENT"),
            environ.get("HTTP_ACCEPT_LANGUAGE"))


def signed_in(front, environ, start_response):
    """A GET or HEAD with a cookie, for the front cache: a view made here when
    the reader's session holds a pass, else the app (which may offer one)."""
    app = front.app
    if "HTTP_AUTHORIZATION" in environ:  # a script with a token: the app decides
        return front.wsgi_app(environ, start_response)
    found = app.extensions.get("konbit_reader_passes", {}).get(pass_key(environ))
    if found is not None:
        tokens = generations(front.engine)
        if tokens is not None:
            environ[VIEWS_TOKEN] = tokens[1]
            made = answer(app, front.engine, environ, start_response, found, tokens)
            if made is not None:
                return made
    return front.wsgi_app(environ, recording(app, environ, start_response))


def _passes(app):
    passes = app.extensions.get("konbit_reader_passes")
    if passes is None or len(passes) >= REMEMBERED_PASSES:
        passes = app.extensions["konbit_reader_passes"] = {}
    return passes


def recording(app, environ, start_response):
    """``start_response`` for the app, keeping the pass its answer offers if
    the answer is a 200 that sets no cookie (the session is as it came)."""
    def start(status, headers, exc_info=None):
        offer = environ.pop(skeletons.PASS_OFFER, None)
        if (offer is not None and exc_info is None and status.startswith("200 ")
                and not any(name.lower() == "set-cookie" for name, _ in headers)):
            kept = tuple((name, value) for name, value in headers
                         if name.lower() not in UNREPEATED_HEADERS)
            _passes(app)[pass_key(environ)] = (offer, kept)
        return start_response(status, headers, exc_info)
    return start


def answer(app, engine, environ, start_response, found, tokens):
    """The view filled from its kept skeleton, or None for Flask to make it
    (``tokens``: the site's and the page views' generations)."""
    site_generation, views_token = tokens
    reader_pass, headers = found
    if reader_pass.views_token != views_token or reader_pass.expires <= time.monotonic():
        return None
    key = skeletons.skeleton_key(app, views_token, reader_pass.locale, reader_pass.reader,
                                 request_url(environ))
    entry = stored(app, key)
    if not isinstance(entry, tuple) or len(entry) != 2 or not isinstance(entry[0], tuple):
        return None
    depends = entry[0]
    if not holds(engine, depends, site_generation):
        return None
    skeleton = skeletons.kept_skeletons(entry, depends).get(
        skeletons.variants_read(engine, reader_pass.user_id, depends))
    if skeleton is None:
        return None
    page = skeletons.fill_parts(app, skeleton, reader_pass.parts, reader_pass.token)
    if page is None:
        return None
    return _respond(app, environ, start_response, page.encode(), headers)


def _respond(app, environ, start_response, body, headers):
    """The answer Flask would give: its recorded headers, compressed as
    Flask-Compress would compress it."""
    headers = list(headers)
    config = app.config
    if len(body) >= config["COMPRESS_MIN_SIZE"] and accepts_gzip(environ):
        body = gzipped(config, body)
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    headers.append(("X-Cache", "hit"))
    start_response("200 OK", headers)
    return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
