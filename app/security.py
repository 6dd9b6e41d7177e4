"""Security headers on every response, compression, and trusted proxies."""
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from flask import current_app
from flask.sessions import SecureCookieSessionInterface

from app.extensions import compress

#: No inline script or style anywhere: templates load /static files only.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


#: The headers every response carries unless a view set its own; built once.
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
)
#: A site served over https tells browsers never to try plain http.
HSTS = ("Strict-Transport-Security", "max-age=31536000")


def add_security_headers(response):
    headers = response.headers
    for name, value in current_app.extensions["konbit_security_headers"]:
        if name not in headers:
            headers[name] = value
    return response


class CookieSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, minus the work for readers who have none:
    without a session cookie, no signing serializer is built."""

    def open_session(self, app, request):
        if request.cookies.get(self.get_cookie_name(app)) is None:
            return self.session_class()
        return super().open_session(app, request)


def init_app(app):
    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "text/css", "text/markdown", "text/plain", "application/javascript",
        "application/json", "application/atom+xml", "application/rss+xml", "image/svg+xml"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 1024)
    app.config.setdefault("COMPRESS_ALGORITHM", ["gzip"])
    compress.init_app(app)
    https = app.config["BASE_URL"].startswith("https://")
    app.extensions["konbit_security_headers"] = SECURITY_HEADERS + ((HSTS,) if https else ())
    app.session_interface = CookieSessionInterface()
    app.after_request(add_security_headers)
    app.before_request(refuse_nul_characters)


def refuse_nul_characters():
    """No text anyone sends may hold a NUL character: PostgreSQL cannot store
    one, and no title, name or body needs it. Uploaded files are not text and
    are not checked."""
    from flask import abort, request
    from flask_babel import gettext as _
    texts = [request.path, *request.args.values()]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            texts.extend(request.form.values())
        except RequestEntityTooLarge:
            return  # the view answers with its own 413 page

    elif request.is_json:
        raw = request.get_data(cache=True)
        if b"\\u0000" in raw or b"\x00" in raw:
            abort(400, _("The request contains a NUL character."))
    if any("\x00" in text for text in texts):
        abort(400, _("The request contains a NUL character."))


def trust_proxies(app):
    """Behind ``TRUSTED_PROXIES`` reverse proxies, take the client's address and
    scheme from their X-Forwarded-* headers, so rate limits count each visitor
    rather than the proxy. Off by default: trusting the headers without a proxy
    would let anyone pick their own address. Installed last, around every
    other WSGI layer (the front cache keys answers by the client's scheme)."""
    hops = app.config.get("TRUSTED_PROXIES") or 0
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
