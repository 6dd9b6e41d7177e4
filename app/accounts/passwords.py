"""Password hashing and the signed, expiring, single-use reset links."""
import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

#: Longer passwords are refused outright: a KDF over megabytes is a denial of service.
MAX_PASSWORD_LENGTH = 1024


def hash_password(password):
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def check_password(user, password):
    """Does ``password`` open ``user``'s account? ``user`` may be None: the
    hash is then computed anyway, so the answer takes as long for an unknown
    name as for a known one (no account probing by timing)."""
    if not isinstance(password, str) or not password or len(password) > MAX_PASSWORD_LENGTH:
        return False
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(user.password_hash, password)


def _dummy_hash():
    method = current_app.config["PASSWORD_HASH_METHOD"]
    cache = current_app.extensions.setdefault("konbit_dummy_hash", {})
    if method not in cache:
        cache[method] = generate_password_hash("not a password", method=method)
    return cache[method]


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="konbit.reset")


def _fingerprint(user):
    # Changes when the password does: a used (or outdated) link stops working.
    return hashlib.sha256(("reset:" + user.password_hash).encode()).hexdigest()[:16]


def make_reset_token(user):
    """A signed link token naming the user and the current password's fingerprint."""
    return _serializer().dumps({"uid": user.id, "fp": _fingerprint(user)})


def user_from_reset_token(token, max_age=None):
    """The active user a reset token names, or None if it is forged, expired,
    already used (the password changed since) or the user is blocked."""
    from app.accounts.models import User
    from app.extensions import db
    if max_age is None:
        max_age = current_app.config["RESET_TOKEN_MAX_AGE"]
    try:
        data = _serializer().loads(token, max_age=max_age)
    except BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        return None
    user = db.session.get(User, data["uid"])
    if user is None or user.is_blocked:
        return None
    if not hmac.compare_digest(str(data.get("fp", "")), _fingerprint(user)):
        return None
    return user
