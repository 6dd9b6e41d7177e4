"""Who is asking: the browser session (Flask-Login) or an API bearer token."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.extensions import db, login_manager


def load_user(user_id):
    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None
    return user if user is not None and not user.is_blocked else None


def load_user_from_request(req):
    """Bearer tokens count only under /api, where there is no CSRF cookie to ride on."""
    if not req.path.startswith("/api/"):
        return None
    header = req.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    from app.accounts.services import user_for_api_token
    return user_for_api_token(raw.strip())


def bearer_present():
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


def init_app(app):
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "warning"
    login_manager.user_loader(load_user)
    login_manager.request_loader(load_user_from_request)
    login_manager.unauthorized_handler(unauthorized)


def unauthorized():
    """The API answers 401 in JSON; a page sends the browser to the login form."""
    if request.path.startswith("/api/"):
        abort(401)
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
