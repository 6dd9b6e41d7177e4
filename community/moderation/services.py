"""Moderation: reports, the queue's actions, and cleaning up after a spammer.

Every moderator action writes an audit entry (``app.audit.record_action``) in
its own transaction; services flush, the view commits once."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app import antispam, signals
from app.accounts import services as accounts
from app.audit import record_action
from app.extensions import db
from app.pagination import paginate
from app.timeutil import utcnow
from community.moderation import registry
from community.moderation.models import DISMISSED, OPEN, RESOLVED, Report

MAX_REASON = 2000
#: Actions on a reported target, as the queue's forms name them.
ACTIONS = ("dismiss", "hide", "delete", "block", "revert")


class ModerationError(ValueError):
    def __init__(self, message, status=422):
        super().__init__(str(message))
        self.message = message
        self.status = status


def _reason(text):
    return (text if isinstance(text, str) else "").strip()[:MAX_REASON]


def report(entry, obj, reporter, reason=""):
    """File ``reporter``'s report on ``obj``; (report, created). A second report
    by the same member changes nothing but reopens one a moderator closed."""
    existing = db.session.scalar(select(Report).where(
        Report.kind == entry.kind, Report.target_id == obj.id,
        Report.reporter_id == reporter.id))
    if existing is not None:
        if existing.status != OPEN:
            existing.status, existing.reason = OPEN, _reason(reason) or existing.reason
            existing.resolved_at = existing.resolved_by_id = None
            db.session.flush()
        return existing, False
    author = entry.author(obj)
    found = Report(kind=entry.kind, target_id=obj.id, reporter_id=reporter.id,
                   target_author_id=getattr(author, "id", None),
                   target_label=entry.label_of(obj), reason=_reason(reason),
                   created_at=utcnow())
    db.session.add(found)
    db.session.flush()
    signals.content_reported.send(found, actor=reporter)
    return found, True


def open_targets(page, per_page):
    """A page of ``(kind, target_id, count, first_at)`` with open reports, oldest first."""
    statement = (select(Report.kind, Report.target_id, func.count().label("count"),
                        func.min(Report.created_at).label("first_at"))
                 .where(Report.status == OPEN).group_by(Report.kind, Report.target_id)
                 .order_by(func.min(Report.created_at), Report.kind, Report.target_id))
    return paginate(statement, page, per_page)


def open_reports_for(targets):
    """{(kind, target_id): [Report...]} for the given targets, in one query."""
    if not targets:
        return {}
    ids = {t.target_id for t in targets}
    grouped = {}
    for found in db.session.scalars(select(Report).where(
            Report.status == OPEN, Report.target_id.in_(ids)).order_by(Report.created_at)):
        grouped.setdefault((found.kind, found.target_id), []).append(found)
    return grouped


def count_open():
    return db.session.scalar(select(func.count()).select_from(Report).where(
        Report.status == OPEN))


def close_reports(kind, target_id, actor, status=RESOLVED):
    """Close the open reports on one target; returns how many."""
    result = db.session.execute(update(Report).where(
        Report.kind == kind, Report.target_id == target_id, Report.status == OPEN).values(
        status=status, resolved_at=utcnow(), resolved_by_id=getattr(actor, "id", None))
        .execution_options(synchronize_session=False))
    db.session.flush()
    return result.rowcount or 0


def was_reported(kind, target_id):
    """Has anyone ever reported this target (whatever became of the report)?"""
    return db.session.scalar(select(Report.id).where(
        Report.kind == kind, Report.target_id == target_id).limit(1)) is not None


def may_act(entry, obj, target_id, moderator):
    """May ``moderator`` act on a target from the queue? On what was reported to
    them, and on what they may read; a private kind (a message) only once it was
    reported, and a target that no longer exists only to close its reports."""
    if was_reported(entry.kind, target_id):
        return True
    return obj is not None and not entry.private and entry.can_read(moderator, obj)


def _label(entry, obj, target_id):
    if entry.private:
        return ""  # the audit log names a private thing by kind and id only
    if obj is not None:
        return entry.label_of(obj)
    return db.session.scalar(select(Report.target_label).where(
        Report.kind == entry.kind, Report.target_id == target_id).limit(1)) or ""


def act(entry, obj, target_id, action, actor, reason=""):
    """Do ``action`` (one of ACTIONS) about a reported target and audit it.
    Returns a short result for the flash message; raises ModerationError."""
    reason = _reason(reason)
    label = _label(entry, obj, target_id)
    if action == "dismiss":
        close_reports(entry.kind, target_id, actor, DISMISSED)
        record_action(actor, "report.dismissed", entry.kind, target_id, label, reason)
        return None
    if obj is None:
        raise ModerationError(_l("This content no longer exists."), 404)
    if action in ("hide", "delete"):
        do = entry.hide if action == "hide" else entry.delete
        if do is None:
            raise ModerationError(_l("This kind of content cannot be changed from here."), 422)
        do(obj, actor)
        close_reports(entry.kind, target_id, actor)
        record_action(actor, f"{entry.kind}.{'hidden' if action == 'hide' else 'deleted'}",
                      entry.kind, target_id, label, reason)
        return None
    author = entry.author(obj)
    if author is None:
        raise ModerationError(_l("The author of this content is unknown."), 422)
    if action == "block":
        block(author, actor, reason)
        close_reports(entry.kind, target_id, actor)
        return None
    if action == "revert":
        counts = revert_user(author, actor, reason)
        close_reports(entry.kind, target_id, actor)
        return counts
    raise ModerationError(_l("Unknown action."), 400)


def block(user, actor, reason=""):
    """Block ``user`` (moderators block members, admins anyone) and audit it."""
    if not accounts.can_block(actor, user):
        raise ModerationError(_l("You may not block this account."), 403)
    try:
        accounts.block_user(actor, user)
    except accounts.AccountError as error:
        raise ModerationError(error.message, 409)
    record_action(actor, "user.blocked", "user", user.id, user.username, _reason(reason))


def set_trusted(user, actor, trusted, reason=""):
    antispam.set_trusted(user, actor, trusted)
    record_action(actor, "user.trusted" if trusted else "user.untrusted", "user", user.id,
                  user.username, _reason(reason))


def revert_user(user, actor, reason=""):
    """Undo everything ``user`` wrote, through every registered kind's clean-up
    (the wiki's pages first). Returns ``{what: count}``; one audit entry."""
    counts = {}
    entries = sorted(registry.registered(current_app).values(),
                     key=lambda e: (e.kind != "page", e.kind))
    for entry in entries:
        if entry.cleanup is None:
            continue
        result = entry.cleanup(user, actor)
        if isinstance(result, dict):
            for key, value in result.items():
                counts[f"{entry.kind}.{key}"] = counts.get(f"{entry.kind}.{key}", 0) + value
        else:
            counts[entry.kind] = counts.get(entry.kind, 0) + (result or 0)
    record_action(actor, "user.edits_reverted", "user", user.id, user.username,
                  _reason(reason))
    return counts


def reports_about(user, limit=50):
    """The newest reports about ``user``'s content (any status)."""
    return list(db.session.scalars(select(Report).where(
        Report.target_author_id == user.id).order_by(Report.created_at.desc()).limit(limit)))
