"""Profile services and who sees which field.

Services check every value first and change nothing when one is wrong
(``AccountError`` names the field); they flush and send ``profile_updated``,
the caller commits. ``visible_fields`` is the one rule for every reader of a
profile (the page, the API, the directory's columns): the person sees all,
signed-in members see ``members`` fields too, everyone else ``public`` ones."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from app import policy
from app.accounts.models import User
from app.accounts.profile_fields import (FieldError, parse_countries, parse_languages,
                                         parse_tags)
from app.accounts.profile_files import (FileRefused, check_pdf, process_photo, read_limited,
                                        store_bytes)
from app.accounts.profile_models import (PUBLIC, VISIBILITIES, VISIBILITY_FIELDS, Profile,
                                         ProfileCountry, ProfileExpertise, ProfileLanguage)
from app.accounts.services import AccountError
from app.countries import country_names
from app.extensions import db
from app.signals import profile_updated
from app.timeutil import utcnow

#: Text fields and their maximum length; ``country``, ``organisation`` and
#: ``bio`` are columns of the user, the rest of the profile.
TEXT_LIMITS = {"country": 2, "organisation": 200, "position": 200, "bio": 5000,
               "cv_markdown": 50000}
USER_COLUMNS = ("country", "organisation", "bio")
#: Who is "online now", and how often a visit is written down.
ONLINE_WINDOW = timedelta(minutes=5)
SEEN_INTERVAL = timedelta(minutes=1)


# --- who sees what -------------------------------------------------------------

def is_owner(viewer, user):
    return getattr(viewer, "is_authenticated", False) and viewer.id == user.id


def sees_members_fields(viewer):
    """Members-only fields are for signed-in, unblocked readers."""
    return policy.can_write_anything(viewer)


def visible_fields(viewer, user):
    """The set of profile fields ``viewer`` may see on ``user``'s profile."""
    if is_owner(viewer, user) or sees_members_fields(viewer):
        return set(VISIBILITY_FIELDS)
    profile = user.profile
    if profile is None:
        return set(VISIBILITY_FIELDS)
    return {name for name in VISIBILITY_FIELDS if profile.visibility(name) == PUBLIC}


def can_see_profile(viewer, user):
    """A blocked account's profile is gone for all but moderators (as Elgg
    hides banned users): spam left on it stops being shown."""
    return user is not None and (not user.is_blocked or policy.is_site_moderator(viewer))


class ProfileView:
    """What one reader may see of one profile; hidden values read as empty."""

    def __init__(self, user, viewer):
        self.user = user
        self.profile = user.profile
        self.fields = visible_fields(viewer, user)
        self.owner = is_owner(viewer, user)

    def shows(self, field):
        return field in self.fields

    def members_only(self, field):
        """For the owner's note: is this field hidden from anonymous readers?"""
        return self.profile is not None and self.profile.visibility(field) != PUBLIC

    def _get(self, field, value, empty=""):
        return value if field in self.fields else empty

    @property
    def country(self):
        return self._get("country", self.user.country)

    @property
    def organisation(self):
        return self._get("organisation", self.user.organisation)

    @property
    def bio(self):
        return self._get("bio", self.user.bio)

    @property
    def position(self):
        return self._get("position", self.profile.position if self.profile else "")

    @property
    def languages(self):
        return self._get("languages", self.profile.languages if self.profile else [], [])

    @property
    def expertise(self):
        return self._get("expertise", self.profile.expertise if self.profile else [], [])

    @property
    def countries(self):
        return self._get("countries", self.profile.countries if self.profile else [], [])

    @property
    def cv_markdown(self):
        return self._get("cv", self.profile.cv_markdown if self.profile else "")

    @property
    def has_cv_pdf(self):
        return bool(self.profile and self.profile.cv_pdf_sha256 and "cv" in self.fields)

    @property
    def has_photo(self):
        return bool(self.profile and self.profile.photo_sha256 and "photo" in self.fields)

    @property
    def is_expert(self):
        return bool(self.profile and self.profile.available_as_expert)


# --- services ------------------------------------------------------------------

def ensure_profile(user):
    """The user's profile row, made (and flushed) on first use."""
    if user.profile is None:
        user.profile = Profile()
        db.session.flush()
    return user.profile


def _text(name, value):
    value = (value if isinstance(value, str) else "").strip()
    if "\x00" in value:
        raise AccountError(_l("This text contains a character that is not allowed."), name)
    if len(value) > TEXT_LIMITS[name]:
        raise AccountError(_l("This is too long."), name)
    if name == "country":
        value = value.upper()
        if value and value not in country_names():
            raise AccountError(_l("Choose a country from the list."), name)
    return value


def _list(name, value):
    parse = {"languages": parse_languages, "expertise": parse_tags,
             "countries": parse_countries}[name]
    if isinstance(value, (list, tuple)) and name != "countries":
        value = ",".join(v for v in value if isinstance(v, str))
    try:
        return parse(value)
    except FieldError as error:
        if error.kind == "too-many":
            raise AccountError(_l("That is too many."), name)
        if error.kind == "language":
            raise AccountError(_l("Unknown language: %(name)s", name=error.item), name)
        if error.kind == "tag":
            raise AccountError(_l("“%(tag)s” is not a valid tag: use letters, digits and "
                                  "dashes, up to 40 characters.", tag=error.item), name)
        raise AccountError(_l("Choose countries from the list."), name)


def _clean(fields):
    """Checked values of every given field; raises AccountError on the first bad one."""
    changes = {}
    for name, value in fields.items():
        if name in TEXT_LIMITS:
            changes[name] = _text(name, value)
        elif name in ("languages", "expertise", "countries"):
            changes[name] = _list(name, value)
        elif name in ("available_as_expert", "hide_online"):
            if not isinstance(value, bool):
                raise AccountError(_l("This must be true or false."), name)
            changes[name] = value
        elif name == "visibility":
            if not isinstance(value, dict):
                raise AccountError(_l("Unknown field."), name)
            for field, level in value.items():
                if field not in VISIBILITY_FIELDS or level not in VISIBILITIES:
                    raise AccountError(_l("Choose who may see this field."),
                                       f"{field}_visibility" if field in VISIBILITY_FIELDS
                                       else name)
            changes[name] = dict(value)
        else:
            raise AccountError(_l("Unknown field."), name)
    return changes


def _replace_rows(rows, model, column, values):
    """Keep rows whose value stays, drop the others, add the new ones."""
    wanted = list(values)
    for row in list(rows):
        if getattr(row, column) in wanted:
            wanted.remove(getattr(row, column))
        else:
            rows.remove(row)
    db.session.flush()  # deletes first: a value re-added must not hit the unique key
    for value in wanted:
        rows.append(model(**{column: value}))


def update_profile(user, actor=None, **fields):
    """Change profile fields after checking them all; sends ``profile_updated``.

    Fields: country, organisation, position, bio, cv_markdown (text);
    languages, expertise (comma-separated text or a list), countries (a list
    of ISO codes); available_as_expert, hide_online (bool); visibility
    (``{field: "public" | "members"}``)."""
    changes = _clean(fields)
    profile = ensure_profile(user)
    for name, value in changes.items():
        if name in USER_COLUMNS:
            setattr(user, name, value)
        elif name == "languages":
            _replace_rows(profile.language_rows, ProfileLanguage, "code", value)
        elif name == "expertise":
            _replace_rows(profile.expertise_rows, ProfileExpertise, "tag", value)
        elif name == "countries":
            _replace_rows(profile.country_rows, ProfileCountry, "iso2", value)
        elif name == "visibility":
            for field, level in value.items():
                setattr(profile, f"{field}_visibility", level)
        else:
            setattr(profile, name, value)
    profile.updated_at = utcnow()
    db.session.flush()
    profile_updated.send(user, actor=actor or user)
    return profile


def set_photo(user, stream, actor=None):
    """Store a new photo from an upload (FileRefused: 413 too large, 422 not an image)."""
    photo, thumb, kind = process_photo(read_limited(stream))
    profile = ensure_profile(user)
    profile.photo_sha256, profile.photo_thumb_sha256 = store_bytes(photo), store_bytes(thumb)
    profile.photo_type = kind
    profile.updated_at = utcnow()
    db.session.flush()
    profile_updated.send(user, actor=actor or user)


def remove_photo(user, actor=None):
    profile = ensure_profile(user)
    profile.photo_sha256 = profile.photo_thumb_sha256 = None
    profile.photo_type = ""
    db.session.flush()
    profile_updated.send(user, actor=actor or user)


def set_cv_pdf(user, stream, actor=None):
    """Store the CV's PDF (FileRefused: 413 too large, 422 not a PDF)."""
    data = check_pdf(read_limited(stream))
    profile = ensure_profile(user)
    profile.cv_pdf_sha256, profile.cv_pdf_size = store_bytes(data), len(data)
    profile.updated_at = utcnow()
    db.session.flush()
    profile_updated.send(user, actor=actor or user)


def remove_cv_pdf(user, actor=None):
    profile = ensure_profile(user)
    profile.cv_pdf_sha256 = profile.cv_pdf_size = None
    db.session.flush()
    profile_updated.send(user, actor=actor or user)


def touch_last_seen(user):
    """Write down a visit, at most once a minute per user; True when written.

    One UPDATE of one row, and only when the stored time is stale, so that a
    busy reader costs no write per request."""
    now = utcnow()
    if user.last_seen_at is not None and now - user.last_seen_at < SEEN_INTERVAL:
        return False
    db.session.execute(update(User).where(User.id == user.id).values(last_seen_at=now))
    return True


__all__ = ["FileRefused", "ProfileView", "update_profile", "set_photo", "remove_photo",
           "set_cv_pdf", "remove_cv_pdf", "touch_last_seen", "visible_fields"]
