"""Password hashing and the signed, expiring, single-use reset links."""
import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash


def hash_password(password):
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def check_password(user, password):
    return bool(password) and check_password_hash(user.password_hash, password)


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="konbit.reset")


def _fingerprint(user):
    # Changes when the password does: a used (or outdated) link stops working.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user):
    return _serializer().dumps({"uid": user.id, "fp": _fingerprint(user)})


def user_id_from_reset_token(token, load_user):
    """The user a reset token names, or None if it is forged, expired or used."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["RESET_TOKEN_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    user = load_user(data.get("uid"))
    if user is None or data.get("fp") != _fingerprint(user):
        return None
    return user
