"""What the forum views share: the signed-in writer, refusals, the thread's page."""
from flask import abort, g
from flask_login import current_user

from app import policy
from app.errors import form_error, refuse  # noqa: F401  (used by the views)
from community.forum.services import ForumError  # noqa: F401  (re-exported for the views)


def reader():
    return current_user._get_current_object() if current_user.is_authenticated else None


def writer(check, thing):
    """The signed-in user allowed by ``check(user, thing)``; the login form for
    anonymous visitors, 403 for the others."""
    from workspaces.views.common import signed_in_or_login
    user = signed_in_or_login()
    if not check(user, thing):
        abort(403)
    return user


def space():
    return g.space


def may_moderate(thing):
    return policy.can_moderate_forum(current_user, thing)
