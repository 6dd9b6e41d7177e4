"""GET, POST /workspaces; GET, PATCH, DELETE /workspaces/<slug>."""
from flask import abort, jsonify, request
from flask_login import current_user

from app import policy
from app.api import json_body, require_user
from app.extensions import db
from workspaces import queries, services
from workspaces.api import api_bp
from workspaces.api.common import (load_space, paging_args, refuse, require, string_field,
                                   workspace_json)
from workspaces.services.spaces import SETTINGS_FIELDS


@api_bp.route("/workspaces")
def list_workspaces():
    page, per_page = paging_args()
    q = (request.args.get("q") or "").strip()[:100] or None
    listing = queries.directory(current_user, q=q, page=page, per_page=per_page)
    response = jsonify([workspace_json(space, count) for space, count in listing.items])
    response.headers["X-Total-Count"] = str(listing.total)
    return response


@api_bp.route("/workspaces", methods=["POST"])
def create_workspace():
    user = require_user()
    data = json_body()
    fields = {name: string_field(data, name) for name in SETTINGS_FIELDS}
    try:
        space = services.create_workspace(
            user, string_field(data, "slug", required=True),
            string_field(data, "name", required=True), fields["description"] or "",
            fields["visibility"] or "public", fields["join_policy"] or "invite")
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    response = jsonify(workspace_json(space, 1))
    response.status_code = 201
    response.headers["Location"] = f"/api/v1/workspaces/{space.slug}"
    return response


@api_bp.route("/workspaces/<slug>")
def get_workspace(slug):
    space = load_space(slug)
    return jsonify(workspace_json(space, queries.member_count(space)))


@api_bp.route("/workspaces/<slug>", methods=["PATCH"])
def update_workspace(slug):
    space = load_space(slug)
    user = require(policy.can_manage, space, "Only the workspace's owners change its settings.")
    data = json_body()
    if "slug" in data and data["slug"] != space.slug:
        abort(422, "A workspace's slug cannot change.")
    unknown = set(data) - set(SETTINGS_FIELDS) - {"slug"}
    if unknown:
        abort(422, f"Unknown field(s): {', '.join(sorted(unknown))}.")
    fields = {name: string_field(data, name) for name in SETTINGS_FIELDS if name in data}
    fields = {name: value for name, value in fields.items() if value is not None}
    try:
        services.update_workspace(space, user, **fields)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    return jsonify(workspace_json(space, queries.member_count(space)))


@api_bp.route("/workspaces/<slug>", methods=["DELETE"])
def delete_workspace(slug):
    space = load_space(slug)
    user = require(policy.can_manage, space, "Only the workspace's owners delete it.")
    try:
        services.delete_workspace(space, user)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    return "", 204
