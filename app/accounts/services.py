"""Account services: they change state and flush; the caller commits."""
import re

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from app.accounts.models import (ROLE_ADMIN, SITE_ROLES, USERNAME_PATTERN, ApiToken, User,
                                 hash_token, new_token_value)
from app.accounts.passwords import MAX_PASSWORD_LENGTH, check_password, hash_password
from app.countries import country_names
from app.extensions import db
from app.signals import profile_updated, user_registered
from app.timeutil import utcnow

#: Loose on purpose (the reset mail proves the address), but free of the
#: characters that would split or quote an address in a mail header.
EMAIL_PATTERN = re.compile(r'^[^@\s,;:<>()\[\]\\"]+@[^@\s,;:<>()\[\]\\"]+\.[^@\s,;:<>()\[\]\\".]+$')
#: Names a person may not take: they read like the site speaking.
RESERVED_USERNAMES = {"admin", "administrator", "moderator", "konbit", "system", "root",
                      "anonymous", "api", "www", "support", "help"}


class AccountError(ValueError):
    """A request the account rules refuse; ``field`` names the form field at fault."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class BlockedAccount(AccountError):
    """The credentials are right but the account is blocked."""


def user_by_name(username):
    if not isinstance(username, str) or not username or len(username) > 40:
        return None
    return db.session.scalar(select(User).where(User.username_key == username.lower()))


def user_by_login(login):
    """Find a user by username or e-mail, case-insensitively."""
    if not isinstance(login, str) or not login.strip() or len(login) > 254:
        return None
    key = login.strip().lower()
    return db.session.scalar(select(User).where(or_(User.username_key == key,
                                                    User.email_key == key)))


def validate_username(username, allow_reserved=False):
    if not isinstance(username, str) or not re.fullmatch(USERNAME_PATTERN, username):
        raise AccountError(_l("A username has 2 to 40 letters, digits, dots, dashes or "
                              "underscores."), "username")
    if not re.search(r"[A-Za-z0-9]", username):
        # "..", "--": profile URLs would not survive path normalisation.
        raise AccountError(_l("A username needs at least one letter or digit."), "username")
    if username.lower() in RESERVED_USERNAMES and not allow_reserved:
        raise AccountError(_l("This username is reserved."), "username")
    if user_by_name(username):
        raise AccountError(_l("This username is taken."), "username")


def validate_email(email, exclude=None):
    email = (email if isinstance(email, str) else "").strip()
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        raise AccountError(_l("Enter a valid e-mail address."), "email")
    existing = db.session.scalar(select(User).where(User.email_key == email.lower()))
    if existing is not None and existing is not exclude:
        raise AccountError(_l("An account already uses this e-mail address."), "email")
    return email


def validate_password(password):
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if not isinstance(password, str) or len(password) < minimum:
        raise AccountError(_l("A password has at least %(n)d characters.", n=minimum), "password")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(_l("This password is too long."), "password")


def create_user(username, email, password, role="member", locale="", display_name="",
                actor=None):
    """Register a user after checking every rule; raises AccountError.

    Sends ``user_registered`` (actor: who made the account, None for sign-up/CLI)."""
    username = (username if isinstance(username, str) else "").strip()
    # Staff accounts (made on the command line) may carry the reserved names.
    validate_username(username, allow_reserved=role != "member")
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
    user_registered.send(user, actor=actor)
    return user


def sign_up_problems(username, email, password):
    """Every rule a sign-up breaks, one AccountError per field: the form then shows
    them all at once, not one per attempt."""
    problems = []
    checks = ((validate_username, (username if isinstance(username, str) else "").strip()),
              (validate_email, email), (validate_password, password))
    for check, value in checks:
        try:
            check(value)
        except AccountError as error:
            problems.append(error)
    return problems


def authenticate(login, password):
    """The user a login form names, if the password opens it; raises
    AccountError (no field: the message must not say which part was wrong)."""
    user = user_by_login(login)
    if not check_password(user, password):
        raise AccountError(_l("Wrong username, e-mail or password."))
    if user.is_blocked:
        raise BlockedAccount(_l("This account is blocked."))
    return user


def set_password(user, password):
    """Change the password; outstanding reset links and other sessions die with it."""
    validate_password(password)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    db.session.flush()


#: Profile fields a user may edit in settings, with their maximum length.
SETTINGS_FIELDS = {"display_name": 100, "country": 2, "organisation": 200, "bio": 5000}


def update_settings(user, email=None, locale=None, password=None, **fields):
    """Change profile fields, language and e-mail after checking each;
    raises AccountError before changing anything. Sends ``profile_updated``.

    A new e-mail address needs the current ``password``: whoever controls the
    address can reset the password, so a borrowed session must not change it."""
    changes = {}
    for name, value in fields.items():
        if name not in SETTINGS_FIELDS:
            raise AccountError(_l("Unknown field."), name)
        value = (value if isinstance(value, str) else "").strip()
        if len(value) > SETTINGS_FIELDS[name]:
            raise AccountError(_l("This is too long."), name)
        if name == "country":
            value = value.upper()
            if value and value not in country_names():
                raise AccountError(_l("Choose a country from the list."), "country")
        changes[name] = value
    if locale is not None:
        if locale and locale not in current_app.config["LANGUAGES"]:
            raise AccountError(_l("Choose a language from the list."), "locale")
        changes["locale"] = locale
    if email is not None and str(email).strip().lower() != user.email_key:
        changes["email"] = validate_email(email, exclude=user)
        changes["email_key"] = changes["email"].lower()
        if not check_password(user, password):
            raise AccountError(_l("Enter your current password to change your e-mail address."),
                               "password")
    for name, value in changes.items():
        setattr(user, name, value)
    db.session.flush()
    profile_updated.send(user, actor=user)


def set_locale(user, locale):
    """The language switcher remembers a signed-in user's choice."""
    update_settings(user, locale=locale)


def set_role(user, role):
    if role not in SITE_ROLES:
        raise AccountError(_l("Unknown role."), "role")
    user.role = role
    db.session.flush()


def can_block(actor, user):
    """Moderators block members; only admins block moderators and admins;
    nobody blocks themselves."""
    from app import policy
    if user is None or not policy.is_site_moderator(actor) or user.id == actor.id:
        return False
    return not user.is_moderator or policy.is_site_admin(actor)


def block_user(actor, user):
    """A blocked user can neither sign in nor write; their session and tokens
    stop working. The caller checks ``can_block`` first."""
    if user.role == ROLE_ADMIN and not user.is_blocked and count_admins() <= 1:
        raise AccountError(_l("The last administrator cannot be blocked."))
    user.blocked_at = user.blocked_at or utcnow()
    db.session.flush()


def unblock_user(actor, user):
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
    """Delete one of ``user``'s tokens; False when it is not theirs (or gone)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        return False
    db.session.delete(token)
    db.session.flush()
    return True


def user_for_api_token(raw):
    """The active user a bearer token belongs to, or None."""
    if not raw or len(raw) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(raw)))
    if token is None or token.user.is_blocked:
        return None
    return token.user
