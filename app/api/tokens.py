"""Personal bearer tokens: POST /api/v1/tokens exchanges a username (or
e-mail) and password for one; DELETE /api/v1/tokens/<id> revokes one."""
from flask import abort, current_app, jsonify

from app.accounts import services
from app.api import bp, json_body, require_user
from app.extensions import db, limiter


@bp.route("/tokens", methods=["POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"])
def create_token():
    data = json_body()
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        abort(422, "Give 'username' and 'password' as strings.")
    try:
        user = services.authenticate(username, password)
    except services.AccountError:
        abort(401, "Wrong username or password, or the account is blocked.")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        abort(422, "'name' must be a string.")
    token, raw = services.create_api_token(user, name or "API")
    db.session.commit()
    return jsonify({"token": raw, "id": token.id, "name": token.name,
                    "username": user.username}), 201


@bp.route("/tokens/<int:token_id>", methods=["DELETE"])
def revoke_token(token_id):
    user = require_user()
    if not services.revoke_api_token(user, token_id):
        abort(404, "No such token.")
    db.session.commit()
    return "", 204
