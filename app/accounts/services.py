"""Account services: they change state and flush; the caller commits."""
import re

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from app.accounts.models import (ROLE_ADMIN, SITE_ROLES, USERNAME_PATTERN, ApiToken, User,
                                 hash_token, new_token_value)
from app.accounts.passwords import hash_password
from app.extensions import db
from app.timeutil import utcnow

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Names a person may not take: they read like the site speaking.
RESERVED_USERNAMES = {"admin", "administrator", "moderator", "konbit", "system", "root",
                      "anonymous", "api", "www", "support", "help"}


class AccountError(ValueError):
    """A request the account rules refuse; ``field`` names the form field at fault."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def user_by_name(username):
    if not username:
        return None
    return db.session.scalar(select(User).where(User.username_key == username.lower()))


def user_by_login(login):
    """Find a user by username or e-mail, case-insensitively."""
    if not login:
        return None
    key = login.strip().lower()
    return db.session.scalar(select(User).where(or_(User.username_key == key,
                                                    User.email_key == key)))


def validate_username(username):
    if not re.fullmatch(USERNAME_PATTERN, username or ""):
        raise AccountError(_l("A username has 2 to 40 letters, digits, dots, dashes or "
                              "underscores."), "username")
    if username.lower() in RESERVED_USERNAMES:
        raise AccountError(_l("This username is reserved."), "username")
    if user_by_name(username):
        raise AccountError(_l("This username is taken."), "username")


def validate_email(email, exclude=None):
    email = (email or "").strip()
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        raise AccountError(_l("Enter a valid e-mail address."), "email")
    existing = db.session.scalar(select(User).where(User.email_key == email.lower()))
    if existing is not None and existing is not exclude:
        raise AccountError(_l("An account already uses this e-mail address."), "email")
    return email


def validate_password(password):
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password or "") < minimum:
        raise AccountError(_l("A password has at least %(n)d characters.", n=minimum), "password")
    if len(password) > 1024:
        raise AccountError(_l("This password is too long."), "password")


def create_user(username, email, password, role="member", locale="", display_name=""):
    """Register a user after checking every rule; raises AccountError."""
    username = (username or "").strip()
    validate_username(username)
    email = validate_email(email)
    validate_password(password)
    if role not in SITE_ROLES:
        raise AccountError(_l("Unknown role."), "role")
    user = User(username=username, username_key=username.lower(), email=email,
                email_key=email.lower(), password_hash=hash_password(password), role=role,
                locale=locale if locale in current_app.config["LANGUAGES"] else "",
                display_name=(display_name or "").strip()[:100])
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user, password):
    validate_password(password)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    db.session.flush()


#: Profile fields a user may edit in settings, with their maximum length.
SETTINGS_FIELDS = {"display_name": 100, "country": 2, "organisation": 200, "bio": 5000}


def update_settings(user, email=None, locale=None, **fields):
    for name, value in fields.items():
        if name not in SETTINGS_FIELDS:
            raise AccountError(_l("Unknown field."), name)
        value = (value or "").strip()
        if len(value) > SETTINGS_FIELDS[name]:
            raise AccountError(_l("This is too long."), name)
        if name == "country":
            if value and not re.fullmatch(r"[A-Za-z]{2}", value):
                raise AccountError(_l("Choose a country from the list."), "country")
            value = value.upper()
        setattr(user, name, value)
    if locale is not None:
        if locale and locale not in current_app.config["LANGUAGES"]:
            raise AccountError(_l("Choose a language from the list."), "locale")
        user.locale = locale
    if email is not None and email.strip().lower() != user.email_key:
        user.email = validate_email(email, exclude=user)
        user.email_key = user.email.lower()
    db.session.flush()


def set_role(user, role):
    if role not in SITE_ROLES:
        raise AccountError(_l("Unknown role."), "role")
    user.role = role
    db.session.flush()


def block_user(user):
    """A blocked user can neither sign in nor write; their tokens stop working."""
    if user.role == ROLE_ADMIN and count_admins() <= 1:
        raise AccountError(_l("The last administrator cannot be blocked."))
    user.blocked_at = user.blocked_at or utcnow()
    db.session.flush()


def unblock_user(user):
    user.blocked_at = None
    db.session.flush()


def count_admins():
    return db.session.scalar(select(func.count()).select_from(User).where(
        User.role == ROLE_ADMIN, User.blocked_at.is_(None)))


def create_api_token(user, name):
    """Make a bearer token; the raw value is returned once and only its hash is kept."""
    name = (name or "").strip()[:100] or str(_l("API token"))
    raw = new_token_value()
    token = ApiToken(user=user, name=name, token_hash=hash_token(raw))
    db.session.add(token)
    db.session.flush()
    return token, raw


def revoke_api_token(user, token_id):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        return False
    db.session.delete(token)
    db.session.flush()
    return True


def user_for_api_token(raw):
    """The active user a bearer token belongs to, or None."""
    if not raw:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(raw)))
    if token is None or token.user.is_blocked:
        return None
    return token.user
