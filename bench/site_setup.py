"""Preparing a bench site and signing in to it over HTTP."""
import html
import re
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"'
                        r'|value="([^"]+)"[^>]*name="csrf_token"')


def build_site(instance, builder):
    """``flask init`` in a fresh instance folder, then the site's builder."""
    from app import create_app
    from app.cli import initialise
    from app.extensions import db
    app = create_app({"INSTANCE_PATH": str(instance), "SEED_DEMO": False})
    initialise(app)
    with app.app_context():
        builder(app)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def login_cookie(base_url, username, password):
    """Log in through the real form (CSRF token included); return the Cookie header value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base_url + "/login", timeout=10).read().decode("utf-8")
    match = CSRF_INPUT.search(page)
    if not match:
        raise SystemExit("no CSRF token in the login form")
    token = html.unescape(match.group(1) or match.group(2))
    data = urllib.parse.urlencode({"login": username, "password": password,
                                   "csrf_token": token}).encode()
    opener.open(urllib.request.Request(base_url + "/login", data=data), timeout=30).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookie:
        raise SystemExit("logging in gave no session cookie")
    return cookie
