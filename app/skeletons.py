"""Signed-in page views assembled from stored skeletons.

A signed-in reader cannot be given a stored whole answer (``app.front_cache``):
their page holds their name, their unread count, their CSRF token, the
messages flashed to them, whether they watch the page. Everything else on a
page view is what every reader with the same rights sees: the policy's
answers depend on the reader only through ``policy.reader_class``. So a view
renders once per reader class a *skeleton* in which each personal part is a
mark, keeps it, and for each reader fills the marks in: a few small templates
instead of the whole page, as an edge server fills the holes of a cached page
(Edge Side Includes) or MediaWiki renders its skin around the parser cache.

Templates call ``personal(name, **context)`` where a personal part goes;
packages register what renders it (``register``). Outside a skeleton the part
is rendered in place, so a template has one form for both ways. The CSRF
token is a mark wherever a template asks for it. What is the reader's own but
takes few values (whether they watch the page) is rendered in the skeleton
and picks one of its variants (``register_variant``). The marks carry a
secret derived from ``SECRET_KEY``: nothing a writer puts in a page can make
the fill put a reader's CSRF token in their text.

A skeleton is kept under the URL, the locale, the reader class, the page
views' generation (read before the view loads anything) and its marks, and is used only
while what it depends on holds, exactly as a stored anonymous answer
(``app.cache``): a page view's skeleton needs its page's ``touched`` stamp.
It is stored from its second request on, or at once for ``flask cache-pages``
(``STORE_NOW``), in the same store as the anonymous answers, one entry per
page holding each variant.

Once a reader's view was made from a skeleton, what their parts rendered is
remembered for their session (a *pass*, ``app.front_skeletons``), and their
next views of any kept skeleton are filled in front of Flask."""
import hashlib
import hmac
import re
import time
from collections import namedtuple

from flask import current_app, g, render_template, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from app import policy
from app.accounts.auth import last_seen_holds_for
from app.extensions import cache
from app.front_cache import request_url

#: Stored skeletons are (what they depend on, {variants: HTML with marks}); the
#: prefix names that shape.
KEY_PREFIX = "skeleton2"

#: name -> (renderer, key function or None).
_RENDERERS = {}
#: name -> (function of the view's context, function reading it in front of Flask).
_VARIANTS = {}
#: Parts remembered at most, per app and worker (about a kilobyte each); all
#: forgotten at once beyond it.
REMEMBERED_PARTS = 4_000


def register(name, renderer, key=None):
    """``renderer(context)`` returns the HTML of personal part ``name`` for
    the current reader (``Markup``, or None for nothing); ``context`` is what
    the template passed, or what the view gave ``render`` for every mark.
    A part shows what is the reader's alone and the same on every page for
    one session and generation (their name, their counts, their flashed
    messages): what it rendered once is given again to the same session.

    ``key(context)``, when given, returns everything the part shows but the
    CSRF token (None: render it each time): the part is then rendered once
    per key in each worker, and its token put in for each reader."""
    _RENDERERS[name] = (renderer, key)


def register_variant(name, variant, read):
    """``variant(context)`` returns a value the skeleton varies with, for
    something of the reader's that takes few values (whether they watch the
    page): it is then rendered in the skeleton, and the skeleton is kept once
    per value. None means the value is not known: no skeleton is used.

    ``read(engine, user_id, depends)`` returns the same value in front of
    Flask (no app context), from the reader's id and the skeleton's
    ``depends``; None when it cannot say."""
    _VARIANTS[name] = (variant, read)


def variants_read(engine, user_id, depends):
    """The variant a reader's view of a kept skeleton picks, read in front of Flask."""
    return tuple(_VARIANTS[name][1](engine, user_id, depends) for name in sorted(_VARIANTS))


def personal(name, **context):
    """For templates: personal part ``name``, or its mark in a skeleton."""
    if g.get("rendering_skeleton"):
        return Markup("<!--%s:%s-->" % (_secret(), name))
    return Markup(_with_token(_render(name, context)))


def csrf_token():
    """For templates: the reader's CSRF token, or its mark in a skeleton."""
    if g.get("rendering_skeleton"):
        return _token_mark()
    return generate_csrf()


def _render(name, context):
    """The part's HTML, its CSRF token as a mark when it was remembered."""
    html = _rendered(name, context)
    parts = g.get("skeleton_parts")
    if parts is not None:
        parts[name] = html
    return html


def _rendered(name, context):
    renderer, key = _RENDERERS[name]
    memo = key(context) if key is not None else None
    if memo is None:
        return renderer(context) or ""
    memo = (name, memo)
    parts = _remembered("konbit_skeleton_parts", REMEMBERED_PARTS)
    html = parts.get(memo)
    if html is None:
        outer = g.get("rendering_skeleton", False)
        g.rendering_skeleton = True
        try:
            html = str(renderer(context) or "")
        finally:
            g.rendering_skeleton = outer
        parts[memo] = html
    return html


def _remembered(name, limit):
    """This app's memo ``name`` in this worker, emptied when it holds ``limit`` entries."""
    memo = current_app.extensions.get(name)
    if memo is None or len(memo) >= limit:
        memo = current_app.extensions[name] = {}
    return memo


def _with_token(html):
    mark = _token_mark()
    return html.replace(mark, generate_csrf()) if mark in html else html


def _secret(app=None):
    app = app or current_app
    secret = app.extensions.get("konbit_skeleton_secret")
    if secret is None:
        key = app.config["SECRET_KEY"]
        key = key.encode() if isinstance(key, str) else key
        secret = hmac.new(key, b"konbit personal marks", hashlib.sha256).hexdigest()[:20]
        app.extensions["konbit_skeleton_secret"] = secret
    return secret


def _marks_id(app=None):
    """Names the marks in a skeleton's key: a skeleton kept before ``SECRET_KEY``
    changed (the store outlives restarts) holds marks no fill would find."""
    return hashlib.sha256(_secret(app).encode()).hexdigest()[:8]


def _token_mark(app=None):
    return "%s-csrf" % _secret(app)


def _marks(app=None):
    app = app or current_app
    pattern = app.extensions.get("konbit_skeleton_marks")
    if pattern is None:
        pattern = re.compile(r"<!--%s:(\w+)-->" % _secret(app))
        app.extensions["konbit_skeleton_marks"] = pattern
    return pattern


def skeleton_key(app, views_token, locale, reader, url):
    """Where the skeletons of ``url`` for a reader class are kept."""
    return "%s|%s|%s|%s|%s|%s" % (KEY_PREFIX, _marks_id(app), views_token, locale, reader, url)


def kept_skeletons(entry, depends):
    """A stored entry's skeletons by variant, if it still holds (``depends``:
    what the page depends on now), else an empty dict."""
    if (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == depends
            and isinstance(entry[1], dict)):
        return entry[1]
    return {}


def fill_parts(app, skeleton, parts, token):
    """``skeleton`` with its marks replaced by ``parts`` (name -> HTML) and its
    CSRF marks by ``token``; None when a mark names a part not in ``parts``."""
    missing = []

    def part(match):
        html = parts.get(match.group(1))
        if html is None:
            missing.append(match.group(1))
            return ""
        return html

    filled = _marks(app).sub(part, skeleton)
    return None if missing else filled.replace(_token_mark(app), token)


def fill(skeleton, context):
    """The skeleton with every mark replaced by the current reader's part (in
    one pass: what a part renders is never read for marks again), then the
    reader's CSRF token wherever the page and its parts hold one."""
    filled = _marks().sub(lambda match: str(_render(match.group(1), context)), skeleton)
    return _with_token(filled)


#: Readers whose class is remembered at most, per app and worker; all forgotten
#: at once beyond it.
REMEMBERED_READERS = 10_000


def _reader_class(user, views_token):
    """The reader's class, remembered per page views' generation: every change
    of a role, a membership or a user's rights changes the generation."""
    classes = _remembered("konbit_reader_classes", REMEMBERED_READERS)
    key = (user.id, views_token)
    reader = classes.get(key)
    if reader is None:
        reader = classes[key] = policy.reader_class(user)
    return reader


def note_views_token(token):
    """Before the view: the page views' generation this request's skeleton is
    keyed by, read before the view loads anything (see the module's docstring)."""
    g.skeleton_views_token = token


def may_apply():
    """Will ``render`` look for a kept skeleton? (What only a render uses
    need not be loaded before.)"""
    return g.get("skeleton_views_token") is not None and current_user.is_authenticated


def render(depends, make, **context):
    """The page ``make()`` renders, for the current reader: made from the kept
    skeleton of their class when it still holds (``depends``, as a stored
    answer's: ``("page", id, touched)``), else rendered as one and kept.

    Anonymous readers get ``make()`` itself (their whole answers are stored by
    ``app.cache``), and so does any request whose views' generation was not
    read before the view (a view or arguments that may not be cached)."""
    if not may_apply():
        return make()
    token = g.skeleton_views_token
    reader = _reader_class(current_user, token)
    from app.cache import STORE_NOW, admitted
    variants = tuple(_VARIANTS[name][0](context) for name in sorted(_VARIANTS))
    if reader == policy.ANONYMOUS_CLASS or None in variants:
        return make()
    locale = str(get_locale())
    key = skeleton_key(current_app, token, locale, reader, request_url(request.environ))
    kept = kept_skeletons(cache.get(key), depends)
    skeleton = kept.get(variants)
    if skeleton is not None:
        g.skeleton_cache = "hit"
    else:
        g.skeleton_cache = "miss"
        skeleton = _render_skeleton(make)
        if _holds_a_token(skeleton):
            current_app.logger.error("A skeleton of %s holds a CSRF token: not kept.",
                                     request.path)
        elif request.environ.get(STORE_NOW) or admitted(
                "%s|%r" % (key, variants), current_app.config["PAGE_CACHE_MIN_REQUESTS"]):
            cache.set(key, (depends, {**kept, variants: skeleton}))
    g.skeleton_parts = {}
    page = fill(skeleton, context)
    _offer_pass(reader, locale, token, g.pop("skeleton_parts"))
    return page


def _render_skeleton(make):
    g.rendering_skeleton = True
    try:
        return make()
    finally:
        g.rendering_skeleton = False


#: What a view made from a skeleton offers its reader's session, in the
#: request's environ: their parts, to be given again in front of Flask while
#: nothing they show can have changed (``app.front_skeletons``).
PASS_OFFER = "konbit.skeleton_pass"
#: A pass holds at most this long (seconds), never past the moment the app
#: would next write the reader's visit ("last seen"), and never past half the
#: life of the CSRF token it gives.
PASS_SECONDS = 60

ReaderPass = namedtuple("ReaderPass", "views_token user_id reader locale parts token expires")


def _offer_pass(reader, locale, views_token, parts):
    """Offer the reader's parts for their session's next views (kept only if
    this answer sets no cookie: ``app.front_skeletons``)."""
    if request.method != "GET":
        return
    holds = min(PASS_SECONDS, last_seen_holds_for(current_user))
    token_limit = current_app.config.get("WTF_CSRF_TIME_LIMIT", 3600)
    if token_limit:  # a form on the last page so made still has half its token's life
        holds = min(holds, token_limit / 2)
    if holds <= 0:
        return
    request.environ[PASS_OFFER] = ReaderPass(
        views_token, current_user.id, reader, locale, parts, generate_csrf(),
        time.monotonic() + holds)


def _holds_a_token(skeleton):
    """Did something put the reader's own CSRF token in the skeleton (by calling
    Flask-WTF's ``generate_csrf`` itself)? Flask-WTF keeps the token it signed
    for this request in ``g``."""
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    return isinstance(token, str) and token in skeleton


def _account_context():
    """What the account links show (the context processors give the counts)."""
    values = {}
    current_app.update_template_context(values)
    return values


def _account(context):
    return current_app.jinja_env.get_template("personal/account.html").render(
        context["account"])


def _account_key(context):
    """Who the reader is (their name changes the page views' generation), the
    locale and the counts in the header; the template's context, computed on
    the way, is left in ``context`` for ``_account``."""
    if not current_user.is_authenticated:
        # "Log in" and "Sign up": nothing the context processors give is shown.
        context["account"] = {"current_user": current_user._get_current_object()}
        return None
    values = context["account"] = _account_context()
    user = values["current_user"]
    token = g.get("skeleton_views_token")
    if token is None:
        return None
    return (user.id, token, values.get("current_locale"), values.get("unread_messages"),
            values.get("open_reports"))


def _flashes(context):
    if not session.get("_flashes"):
        return None
    return render_template("personal/flashes.html")


def say_how_made(response):
    """``X-Cache: hit`` on a page made from a kept skeleton, ``miss`` when one
    was rendered (as on anonymous answers)."""
    how = g.pop("skeleton_cache", None)
    if how is not None:
        response.headers["X-Cache"] = how
    return response


def init_app(app):
    # After CSRFProtect: its ``csrf_token`` (a global, and a context processor's
    # value, which wins in ``render_template``) is replaced by the one that
    # knows skeletons.
    app.jinja_env.globals.update(personal=personal, csrf_token=csrf_token)
    app.context_processor(lambda: {"csrf_token": csrf_token})
    register("account", _account, key=_account_key)
    app.after_request(say_how_made)
    register("flashes", _flashes)
