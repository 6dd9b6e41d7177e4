"""A member's profile beyond the account: position, languages, expertise,
countries of experience, CV, photo, the expert flag, and who sees each field.

The profile is a row of its own (one per user, made on first save) so the
``users`` table stays what signing in needs. Lists are rows, not text, so
that the directory filters and counts them in SQL with an index; each field's
visibility is a column for the same reason (an anonymous reader's filter must
only ever match values that reader may see)."""
from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow

PUBLIC = "public"
MEMBERS = "members"
VISIBILITIES = (PUBLIC, MEMBERS)
#: Fields whose visibility the person chooses (display name and username are
#: always public).
VISIBILITY_FIELDS = ("photo", "country", "organisation", "position", "languages",
                     "expertise", "countries", "bio", "cv")


def _visibility_column():
    return mapped_column(String(8), default=PUBLIC, server_default=PUBLIC)


class Profile(db.Model):
    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    #: The CV as Markdown, rendered through app.markup.
    cv_markdown: Mapped[str] = mapped_column(Text, default="")
    #: SHA-256 of the CV's PDF in the profile file store, or None.
    cv_pdf_sha256: Mapped[Optional[str]] = mapped_column(String(64), default=None)
    cv_pdf_size: Mapped[Optional[int]] = mapped_column(Integer, default=None)
    #: The re-encoded photo (256 px) and its thumbnail (64 px), as store digests.
    photo_sha256: Mapped[Optional[str]] = mapped_column(String(64), default=None)
    photo_thumb_sha256: Mapped[Optional[str]] = mapped_column(String(64), default=None)
    #: ``image/jpeg`` or ``image/png`` (PNG when the upload had transparency).
    photo_type: Mapped[str] = mapped_column(String(20), default="")
    available_as_expert: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    #: Keep this person out of "Online now".
    hide_online: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    photo_visibility: Mapped[str] = _visibility_column()
    country_visibility: Mapped[str] = _visibility_column()
    organisation_visibility: Mapped[str] = _visibility_column()
    position_visibility: Mapped[str] = _visibility_column()
    languages_visibility: Mapped[str] = _visibility_column()
    expertise_visibility: Mapped[str] = _visibility_column()
    countries_visibility: Mapped[str] = _visibility_column()
    bio_visibility: Mapped[str] = _visibility_column()
    cv_visibility: Mapped[str] = _visibility_column()

    user = relationship("User", back_populates="profile")
    expertise_rows = relationship("ProfileExpertise", cascade="all, delete-orphan",
                                  lazy="selectin", order_by="ProfileExpertise.tag")
    language_rows = relationship("ProfileLanguage", cascade="all, delete-orphan",
                                 lazy="selectin", order_by="ProfileLanguage.id")
    country_rows = relationship("ProfileCountry", cascade="all, delete-orphan",
                                lazy="selectin", order_by="ProfileCountry.iso2")

    def visibility(self, field):
        return getattr(self, f"{field}_visibility", None) or PUBLIC

    @property
    def expertise(self):
        return [row.tag for row in self.expertise_rows]

    @property
    def languages(self):
        return [row.code for row in self.language_rows]

    @property
    def countries(self):
        return [row.iso2 for row in self.country_rows]


class ProfileExpertise(db.Model):
    """One expertise tag (``[a-z0-9-]{1,40}``) of a profile."""

    __tablename__ = "profile_expertise"
    __table_args__ = (UniqueConstraint("user_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("profiles.user_id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(40), index=True)


class ProfileLanguage(db.Model):
    """A language spoken, as a CLDR code (``fr``, ``ht``, ``wo``)."""

    __tablename__ = "profile_languages"
    __table_args__ = (UniqueConstraint("user_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("profiles.user_id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(12), index=True)


class ProfileCountry(db.Model):
    """A country of experience (ISO 3166 alpha-2)."""

    __tablename__ = "profile_countries"
    __table_args__ = (UniqueConstraint("user_id", "iso2"),
                      Index("ix_profile_countries_iso2", "iso2"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("profiles.user_id", ondelete="CASCADE"))
    iso2: Mapped[str] = mapped_column(String(2))
