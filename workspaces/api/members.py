"""GET, POST /workspaces/<slug>/members; PATCH, DELETE .../members/<username>.

POST by an owner invites someone (the invitee accepts in the web UI); POST by
a signed-in non-member for themselves joins an open workspace or asks to join."""
from flask import abort, jsonify

from app import policy
from app.accounts.services import user_by_name
from app.api import json_body, require_user
from app.extensions import db
from workspaces import queries, services
from workspaces.api import api_bp
from workspaces.api.common import load_space, member_json, refuse, require, string_field
from workspaces.mail import notify_invitee
from workspaces.models import JoinRequest
from workspaces.services.members import membership_of


@api_bp.route("/workspaces/<slug>/members")
def list_members(slug):
    space = load_space(slug)
    return jsonify([member_json(m) for m in queries.members(space)])


@api_bp.route("/workspaces/<slug>/members", methods=["POST"])
def add_member(slug):
    space = load_space(slug)
    user = require_user()
    data = json_body()
    username = string_field(data, "username") or user.username
    role = string_field(data, "role", default="viewer")
    if username.lower() == user.username.lower():
        try:
            result = services.request_to_join(space, user, string_field(data, "message") or "")
        except services.WorkspaceError as error:
            refuse(error)
        db.session.commit()
        status = "requested" if isinstance(result, JoinRequest) else "member"
        return jsonify({"username": user.username, "role": result.role
                        if status == "member" else "viewer", "status": status}), 201
    if not policy.can_manage(user, space):
        abort(403, "Only the workspace's owners invite people.")
    invitee = user_by_name(username)
    if invitee is None:
        abort(422, f"There is no user called {username!r}.")
    try:
        invitation = services.invite_member(space, user, invitee, role)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    notify_invitee(invitation)
    return jsonify({"username": invitee.username, "role": invitation.role,
                    "status": "invited"}), 201


def _member_user(username):
    found = user_by_name(username)
    if found is None:
        abort(404, "No such member.")
    return found


@api_bp.route("/workspaces/<slug>/members/<username>")
def get_member(slug, username):
    space = load_space(slug)
    membership = membership_of(space, _member_user(username))
    if membership is None:
        abort(404, "No such member.")
    return jsonify(member_json(membership))


@api_bp.route("/workspaces/<slug>/members/<username>", methods=["PATCH"])
def change_role(slug, username):
    space = load_space(slug)
    actor = require(policy.can_manage, space, "Only the workspace's owners change roles.")
    member = _member_user(username)
    data = json_body()
    role = string_field(data, "role", required=True)
    try:
        membership = services.change_role(space, actor, member, role)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    return jsonify(member_json(membership))


@api_bp.route("/workspaces/<slug>/members/<username>", methods=["DELETE"])
def remove_member(slug, username):
    space = load_space(slug)
    actor = require_user()
    member = _member_user(username)
    if member.id != actor.id and not policy.can_manage(actor, space):
        abort(403, "Only the workspace's owners remove members.")
    try:
        services.remove_member(space, actor, member)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    return "", 204
