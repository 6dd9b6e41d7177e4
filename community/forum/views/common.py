"""What the forum views share: the signed-in writer, refusals, the thread's page."""
from flask import abort, g
from flask_login import current_user

from app import policy
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


def refuse(error):
    abort(error.status, str(error.message))


def form_error(form, error):
    """A service's message on the form field at fault, or a refusal."""
    field = getattr(form, error.field, None) if error.field else None
    if field is None:
        refuse(error)
    field.errors = list(field.errors) + [str(error.message)]


def space():
    return g.space


def may_moderate(thing):
    return policy.can_moderate_forum(current_user, thing)
