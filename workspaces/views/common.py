"""What every workspace view does first: find the workspace, check the policy."""
from urllib.parse import urlsplit

from flask import abort, redirect, request, url_for
from flask_login import current_user

from app import policy
from app.errors import form_error, refuse  # noqa: F401  (used by the views)
from workspaces import queries


def refuse_nul_bytes():
    """400 for a request carrying a NUL character in its path, query string, form
    or JSON body: nobody types one, and PostgreSQL refuses it in text (a 500)."""
    found = ("\x00" in request.path
             or any("\x00" in key or "\x00" in value
                    for source in (request.args, request.form)
                    for key, value in source.items(multi=True))
             or (request.is_json and b"\\u0000" in request.get_data()))
    if found:
        abort(400, "NUL characters are not allowed.")


def load(slug):
    """The workspace if the reader may read it, else 404 (no leak)."""
    return queries.get_workspace_or_404(slug, current_user)


def signed_in_or_login():
    """Anonymous visitors are sent to the login form, then back here (after a
    POST, back to the page the form was on: a POST address cannot be fetched)."""
    if not current_user.is_authenticated:
        if request.method == "POST":
            referrer = urlsplit(request.referrer or "")
            target = referrer.path if referrer.netloc == request.host else "/w/"
        else:
            target = request.full_path.rstrip("?")
        abort(redirect(url_for("accounts.login", next=target or "/w/")))
    return current_user._get_current_object()


def require(check, thing):
    """``check(user, thing)`` from the policy, or the login form (anonymous) / 403."""
    user = signed_in_or_login()
    if not check(user, thing):
        abort(403)
    return user


def require_edit(thing):
    return require(policy.can_edit, thing)


def require_manage(thing):
    return require(policy.can_manage, thing)
