"""Find the space a request addresses, through the policy: 404 when unreadable."""
from flask import abort, g
from flask_login import current_user

from app import policy
from app.spaces.services import commons, space_by_slug


def resolve_space(slug=None):
    """The commons when ``slug`` is None, else the workspace; 404 if the reader may not see it."""
    space = commons() if slug is None else space_by_slug(slug)
    if space is None or not policy.can_read(current_user, space):
        abort(404)
    g.space = space
    return space
