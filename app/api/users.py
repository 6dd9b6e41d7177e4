"""Public profiles in the API."""
from flask import abort, jsonify

from app.accounts import services
from app.api import bp, require_user


def public_profile(user):
    return {"username": user.username, "display_name": user.name,
            "country": user.country or None, "organisation": user.organisation,
            "bio": user.bio, "created_at": user.created_at.isoformat() + "Z",
            "role": user.role}


@bp.route("/users/<username>")
def user(username):
    found = services.user_by_name(username)
    if found is None:
        abort(404, "No such user.")
    return jsonify(public_profile(found))


@bp.route("/me")
def me():
    user = require_user()
    body = public_profile(user)
    body.update(email=user.email, locale=user.locale or None)
    return jsonify(body)
