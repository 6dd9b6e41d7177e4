"""Profiles in the API: what the caller may see of one (GET), and the
caller's own profile fields (PATCH)."""
from flask import abort, jsonify
from flask_login import current_user

from app.accounts import profiles, services
from app.accounts.profile_models import VISIBILITY_FIELDS
from app.api import bp, json_body, require_user
from app.extensions import db

TEXT_FIELDS = ("display_name", "country", "organisation", "position", "bio", "cv_markdown")
LIST_FIELDS = ("languages", "expertise", "countries")
FLAG_FIELDS = ("available_as_expert", "hide_online")


def profile_json(user, viewer):
    """The profile as ``viewer`` may see it: hidden fields are empty."""
    view = profiles.ProfileView(user, viewer)
    base = f"/u/{user.username}"
    body = {
        "username": user.username, "display_name": user.name, "role": user.role,
        "created_at": user.created_at.isoformat() + "Z", "url": base,
        "country": view.country or None, "organisation": view.organisation, "bio": view.bio,
        "position": view.position, "languages": view.languages, "expertise": view.expertise,
        "countries": view.countries, "available_as_expert": view.is_expert,
        "cv_markdown": view.cv_markdown,
        "cv_pdf_url": f"{base}/cv.pdf" if view.has_cv_pdf else None,
        "photo_url": f"{base}/photo" if view.has_photo else None,
        "photo_thumb_url": f"{base}/photo?size=thumb" if view.has_photo else None,
    }
    if view.owner:
        profile = user.profile
        body["visibility"] = {name: profile.visibility(name) if profile else "public"
                              for name in VISIBILITY_FIELDS}
        body["hide_online"] = bool(profile and profile.hide_online)
    return body


#: Kept for callers of the old name: the anonymous view of a profile.
def public_profile(user):
    return profile_json(user, None)


def _visible_user_or_404(username):
    found = services.user_by_name(username)
    if not profiles.can_see_profile(current_user, found):
        abort(404, "No such user.")
    return found


@bp.route("/users/<username>")
def user(username):
    return jsonify(profile_json(_visible_user_or_404(username), current_user))


def _checked_fields(data):
    """The body's fields with the right JSON types, or 422 naming the wrong one."""
    known = set(TEXT_FIELDS + LIST_FIELDS + FLAG_FIELDS) | {"visibility"}
    for name, value in data.items():
        if name not in known:
            abort(422, f"Unknown field '{name}'.")
        if name in TEXT_FIELDS and not isinstance(value, str):
            abort(422, f"'{name}' must be a string.")
        if name in LIST_FIELDS and not (isinstance(value, list)
                                        and all(isinstance(v, str) for v in value)):
            abort(422, f"'{name}' must be a list of strings.")
        if name in FLAG_FIELDS and not isinstance(value, bool):
            abort(422, f"'{name}' must be true or false.")
        if name == "visibility" and not (isinstance(value, dict) and all(
                isinstance(v, str) for v in value.values())):
            abort(422, "'visibility' must map field names to 'public' or 'members'.")
    return data


@bp.route("/users/<username>", methods=["PATCH"])
def update_user(username):
    caller = require_user()
    found = _visible_user_or_404(username)
    if found.id != caller.id:
        abort(403, "Only the person may change their profile.")
    fields = dict(_checked_fields(json_body()))
    display_name = fields.pop("display_name", None)
    try:
        if display_name is not None:
            services.update_settings(found, display_name=display_name)
        profiles.update_profile(found, actor=caller, **fields)
    except services.AccountError as error:
        db.session.rollback()
        abort(422, f"{error.field}: {error.message}" if error.field else str(error.message))
    db.session.commit()
    return jsonify(profile_json(found, caller))


@bp.route("/me")
def me():
    user = require_user()
    body = profile_json(user, user)
    body.update(email=user.email, locale=user.locale or None)
    return jsonify(body)
