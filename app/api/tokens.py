"""POST /api/v1/tokens: exchange a username and password for a bearer token."""
from flask import abort, current_app, jsonify

from app.accounts import services
from app.accounts.passwords import check_password
from app.api import bp, json_body
from app.extensions import db, limiter


@bp.route("/tokens", methods=["POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"])
def create_token():
    data = json_body()
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        abort(422, "Give 'username' and 'password' as strings.")
    user = services.user_by_login(username)
    if user is None or not check_password(user, password) or user.is_blocked:
        abort(401, "Wrong username or password, or the account is blocked.")
    name = data.get("name") if isinstance(data.get("name"), str) else "API"
    token, raw = services.create_api_token(user, name)
    db.session.commit()
    return jsonify({"token": raw, "id": token.id, "name": token.name,
                    "username": user.username}), 201
