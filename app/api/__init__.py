"""The JSON API under /api/v1: authentication, errors, and the core's endpoints.

Packages add their endpoints to ``bp`` through ``register`` from their own
modules and describe them in the OpenAPI document (``app.api.openapi``)."""
from flask import Blueprint, abort, request
from flask_login import current_user

from app.accounts.auth import bearer_present
from app.extensions import csrf


def protect_session_writes():
    """A browser session must prove the write is ours (X-CSRFToken header);
    a bearer token cannot be ridden by another site, so it needs no such proof."""
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and not bearer_present():
        if current_user.is_authenticated:
            csrf.protect()
    if bearer_present() and not current_user.is_authenticated:
        abort(401, "The bearer token is unknown, revoked, or its user is blocked.")


def make_api_blueprint(name, import_name, url_prefix="/api/v1"):
    """A blueprint for API endpoints: no CSRF token for bearer calls, a header
    token for session calls (``protect_session_writes``)."""
    blueprint = Blueprint(name, import_name, url_prefix=url_prefix)
    csrf.exempt(blueprint)
    blueprint.before_request(protect_session_writes)
    return blueprint


bp = make_api_blueprint("api", __name__)


def json_body(required=True):
    """The request's JSON object, or a 400 saying what is wrong with it."""
    if not request.data and not required:
        return {}
    data = request.get_json(silent=True)
    if data is None:
        abort(400, "The body must be a JSON object (Content-Type: application/json).")
    if not isinstance(data, dict):
        abort(400, "The body must be a JSON object.")
    return data


def require_user():
    """The signed-in caller, or 401."""
    if not current_user.is_authenticated:
        abort(401, "Authenticate with a bearer token or a session.")
    return current_user._get_current_object()


from app.api import openapi, tokens, users  # noqa: E402,F401  (routes on bp)
