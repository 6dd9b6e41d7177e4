"""The user account and its personal tokens."""
import hashlib
import secrets
from datetime import datetime
from typing import Optional

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow

ROLE_MEMBER = "member"
ROLE_MODERATOR = "moderator"
ROLE_ADMIN = "admin"
SITE_ROLES = (ROLE_MEMBER, ROLE_MODERATOR, ROLE_ADMIN)

USERNAME_PATTERN = r"[A-Za-z0-9_.\-]{2,40}"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40))
    #: Lower-cased username: names are unique case-insensitively.
    username_key: Mapped[str] = mapped_column(String(40), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    #: Lower-cased e-mail, unique, used to sign in and to reset.
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    #: ``member``, ``moderator`` or ``admin``.
    role: Mapped[str] = mapped_column(String(20), default=ROLE_MEMBER)
    #: Preferred UI and content language; empty means "from the browser".
    locale: Mapped[str] = mapped_column(String(5), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Changes whenever the password does, so outstanding reset links die.
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    blocked_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    #: Written at most once a minute per user (``app.accounts.auth``): "Online now".
    last_seen_at: Mapped[Optional[datetime]] = mapped_column(default=None, index=True)

    #: Position, languages, expertise, CV, photo... (None until first saved).
    profile = relationship("Profile", back_populates="user", uselist=False, lazy="select",
                           cascade="all, delete-orphan", passive_deletes=True)
    api_tokens = relationship("ApiToken", back_populates="user", cascade="all, delete-orphan",
                              lazy="select")

    @property
    def name(self):
        """What the UI shows for this person."""
        return self.display_name or self.username

    @property
    def is_blocked(self):
        return self.blocked_at is not None

    @property
    def is_active(self):
        # Flask-Login refuses to sign in an inactive user.
        return not self.is_blocked

    def session_stamp(self):
        """Changes with the password: sessions and remember-me cookies made
        before a password change (or reset) stop working."""
        return hashlib.sha256(("session:" + self.password_hash).encode()).hexdigest()[:16]

    def get_id(self):
        # Flask-Login keeps this in the session and the remember-me cookie.
        return f"{self.id}:{self.session_stamp()}"

    @property
    def is_admin(self):
        return self.role == ROLE_ADMIN

    @property
    def is_moderator(self):
        return self.role in (ROLE_MODERATOR, ROLE_ADMIN)

    def __repr__(self):
        return f"<User {self.username}>"


def hash_token(raw):
    """Tokens are stored as SHA-256: they are long and random, a slow KDF adds nothing."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_token_value():
    return secrets.token_urlsafe(32)


class ApiToken(db.Model):
    """A personal bearer token for the JSON API; only its hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User", back_populates="api_tokens")


# The profile's tables belong with the account's: whoever loads User gets them.
from app.accounts.profile_models import (Profile, ProfileCountry,  # noqa: E402,F401
                                         ProfileExpertise, ProfileLanguage)
