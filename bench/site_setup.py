"""Preparing a bench site and signing in to it over HTTP."""
import html
import re
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

BENCH_CONFIG = 'RATELIMIT_WRITE = "1000000 per minute"\n'

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"'
                        r'|value="([^"]+)"[^>]*name="csrf_token"')


def build_site(instance, builder):
    """``flask init`` in a fresh instance folder, then the site's builder."""
    from app import create_app
    from app.cli import initialise
    from app.extensions import db
    Path(instance).mkdir(parents=True, exist_ok=True)
    # The probes save sequentially, far faster than a person: the per-member
    # write limit would turn them into 429s (it is not what they measure).
    Path(instance, "config.py").write_text(BENCH_CONFIG)
    app = create_app({"INSTANCE_PATH": str(instance), "SEED_DEMO": False})
    initialise(app)
    with app.app_context():
        # Tables of models whose migration is not written yet (none once the
        # migrations catch up): the bench measures the code as it is.
        db.create_all()
        builder(app)
        trust_bench_users()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def trust_bench_users():
    """The bench user writes like a trusted member (no new-account limits)."""
    from app.accounts.services import user_by_name
    from scenarios import BENCH_USER
    try:
        from app.antispam import set_trusted
    except ImportError:  # no anti-spam in this version of the code
        return
    user = user_by_name(BENCH_USER)
    if user is not None:
        set_trusted(user, None)


#: The browser the signed-in scenarios play: it logs in and then reads with the
#: same User-Agent, as a browser does (Flask-Login ties the session to it: a
#: session used from another client is rewritten on every request).
BENCH_USER_AGENT = "konbit-bench"


def login_cookie(base_url, username, password):
    """Log in through the real form (CSRF token included); return the Cookie header value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", BENCH_USER_AGENT)]
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
