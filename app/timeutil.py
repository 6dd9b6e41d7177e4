"""Time in one convention: naive UTC in the database, the reader's zone on display."""
from datetime import datetime, timezone


def utcnow():
    """The current time as naive UTC, the form every ``*_at`` column stores."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def aware(moment):
    """A stored naive UTC datetime as an aware one (for feeds and HTTP headers)."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
