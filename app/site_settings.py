"""Settings an administrator changes at run time (not in ``instance/config.py``):
a small key/value table of JSON values, e.g. the sign-up question.

Read them with ``get(key, default)``, change them with ``set(key, value)``
(flushes; the caller commits). Values are small: a row per key."""
import json
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.timeutil import utcnow


class SiteSetting(db.Model):
    __tablename__ = "site_settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    #: The value as JSON text.
    value: Mapped[str] = mapped_column(Text, default="null")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


def get(key, default=None):
    """The stored value of ``key``, or ``default`` when unset (or unreadable)."""
    row = db.session.get(SiteSetting, key)
    if row is None:
        return default
    try:
        value = json.loads(row.value)
    except ValueError:
        return default
    return default if value is None else value


def set(key, value):  # noqa: A001  (the module's verb: site_settings.set)
    """Store ``value`` (anything JSON can hold) under ``key``; None removes it."""
    row = db.session.get(SiteSetting, key)
    if value is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(SiteSetting(key=key, value=json.dumps(value), updated_at=utcnow()))
    else:
        row.value, row.updated_at = json.dumps(value), utcnow()
    db.session.flush()
