"""Who is asking: the browser session (Flask-Login) or an API bearer token."""
import hmac

from flask import abort, flash, has_request_context, redirect, request, url_for
from flask_login import current_user
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.extensions import db, login_manager


def is_api_path(path):
    return path == "/api" or path.startswith("/api/")


def bearer_present():
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


def load_user(user_id):
    """The session's user: active, and signed in since the last password change.

    Under /api a bearer token, when sent, decides alone (the session is not
    consulted), so a request is never half session, half token. (Flask-Login
    skips the token loader when a remember-me cookie is present: such a
    request is then refused with 401, never run as the cookie's user.)"""
    if has_request_context() and is_api_path(request.path) and bearer_present():
        return None
    raw_id, _, stamp = str(user_id).partition(":")
    try:
        user = db.session.get(User, int(raw_id))
    except (TypeError, ValueError, OverflowError):
        return None
    if user is None or user.is_blocked:
        return None
    if not hmac.compare_digest(stamp, user.session_stamp()):
        return None
    return user


def load_user_from_request(req):
    """Bearer tokens count only under /api, where there is no CSRF cookie to ride on."""
    if not is_api_path(req.path):
        return None
    header = req.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    from app.accounts.services import user_for_api_token
    return user_for_api_token(raw.strip())


def init_app(app):
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "warning"
    login_manager.user_loader(load_user)
    login_manager.request_loader(load_user_from_request)
    login_manager.unauthorized_handler(unauthorized)
    app.before_request(note_last_seen)


def note_last_seen():
    """Keep ``last_seen_at`` for "Online now": browser sessions only (a script
    with a token is not a person online), written at most once a minute.

    It runs before the view, while the session holds nothing of the request,
    so its own commit takes nothing else with it."""
    endpoint = request.endpoint or "static"
    if endpoint == "static" or endpoint.endswith(".static") or is_api_path(request.path):
        return
    if not current_user.is_authenticated:
        return
    from app.accounts.profiles import touch_last_seen
    if touch_last_seen(current_user):
        db.session.commit()


def last_seen_holds_for(user):
    """Seconds before ``note_last_seen`` would write ``user``'s visit again
    (0 when it would now): a view answered in front of Flask skips it."""
    from app.accounts.profiles import SEEN_INTERVAL
    from app.timeutil import utcnow
    if user.last_seen_at is None:
        return 0
    return max(0.0, (SEEN_INTERVAL - (utcnow() - user.last_seen_at)).total_seconds())


def unauthorized():
    """The API answers 401 in JSON; a page sends the browser to the login form."""
    if is_api_path(request.path):
        abort(401)
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
