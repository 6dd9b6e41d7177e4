"""Mail about watched changes: immediate, or one daily digest.

The recorder queues ``MailQueue`` rows in the transaction of the change; a
rolled-back change leaves none. Immediate rows are sent right after the
commit (``after_request`` once the session committed them), daily ones by
``flask send-digests``. Each row is claimed with a conditional UPDATE, so two
workers never send it twice, and the policy is asked again at send time: a
private change is only ever mailed to someone who may read it now."""
from flask import current_app, g, has_request_context, render_template
from flask_babel import force_locale, gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from app import policy
from app.extensions import db
from app.mail import send_mail
from app.timeutil import utcnow
from app.urls import absolute_url
from feeds.models import (MAIL_DAILY, MAIL_IMMEDIATE, MAIL_MODES, MAIL_NONE, MailQueue,
                          NotificationPreference)
from feeds.recorder import BY_REVISION, PENDING_MAIL
from feeds.render import activity_path, sentence
from feeds.streams import post_model
from wiki.models import Page

_SALT = "feeds-unsubscribe"


def mail_mode(user):
    pref = db.session.get(NotificationPreference, user.id)
    return pref.mode if pref else MAIL_IMMEDIATE


def set_mail_mode(user, mode):
    """Choose immediate, daily or no mail; flushes."""
    if mode not in MAIL_MODES:
        raise ValueError(mode)
    pref = db.session.get(NotificationPreference, user.id)
    if pref is None:
        db.session.add(NotificationPreference(user_id=user.id, mode=mode))
    else:
        pref.mode = mode
    if mode == MAIL_NONE:
        # Nothing already queued goes out after the user said stop.
        db.session.execute(update(MailQueue).where(
            MailQueue.user_id == user.id, MailQueue.sent_at.is_(None)).values(sent_at=utcnow()))
    db.session.flush()


# --- unsubscribe links -------------------------------------------------------

def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(user):
    return _serializer().dumps({"u": user.id})


def user_id_for_unsubscribe(token):
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    return data.get("u") if isinstance(data, dict) else None


def unsubscribe_url(user):
    return absolute_url(f"/unsubscribe/{unsubscribe_token(user)}")


# --- who may read an activity now -------------------------------------------

def may_read(user, activity):
    """Ask the policy about the activity's object as it is now."""
    if not policy.can_read(user, activity.space):
        return False
    if activity.page_id is not None:
        page = db.session.get(Page, activity.page_id)
        if page is None or not policy.can_read(user, page):
            return False
    Post = post_model()
    if activity.post_id is not None and Post is not None:
        post = db.session.get(Post, activity.post_id)
        if post is None or not policy.can_read(user, post):
            return False
    return True


# --- sending -----------------------------------------------------------------

def _claim(row_ids):
    """Mark rows as sent, returning those this worker won."""
    won = []
    for row_id in row_ids:
        result = db.session.execute(update(MailQueue).where(
            MailQueue.id == row_id, MailQueue.sent_at.is_(None)).values(sent_at=utcnow()))
        if result.rowcount == 1:
            won.append(row_id)
    db.session.commit()
    return won


def _pending(mode, user_id=None):
    query = select(MailQueue).where(MailQueue.sent_at.is_(None), MailQueue.mode == mode)
    if user_id is not None:
        query = query.where(MailQueue.user_id == user_id)
    return list(db.session.scalars(query.order_by(MailQueue.id)))


def _send(user, template, subject, activities):
    locale = user.locale or current_app.config["DEFAULT_LOCALE"]
    with force_locale(locale):
        items = [{"sentence": sentence(a), "url": absolute_url(activity_path(a)),
                  "summary": (a.data or {}).get("summary", ""), "at": a.created_at}
                 for a in activities]
        body = render_template(template, user=user, items=items,
                               unsubscribe=unsubscribe_url(user),
                               settings=absolute_url("/settings"))
        subject = subject(items)
    send_mail(user.email, subject, body, headers={
        "List-Unsubscribe": f"<{unsubscribe_url(user)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated"})


def send_immediate():
    """Send every queued immediate notification; returns how many mails went out."""
    rows = _pending(MAIL_IMMEDIATE)
    sent = 0
    for row_id in _claim([r.id for r in rows]):
        row = db.session.get(MailQueue, row_id)
        if not may_read(row.user, row.activity) or row.user.is_blocked:
            continue
        _send(row.user, "feeds/mail_change.txt",
              lambda items: _("[%(site)s] %(what)s", site=current_app.config["SITE_NAME"],
                              what=items[0]["sentence"]), [row.activity])
        sent += 1
    return sent


def send_digests():
    """One mail per user with every queued daily notification they may still read."""
    user_ids = db.session.scalars(select(MailQueue.user_id).where(
        MailQueue.sent_at.is_(None), MailQueue.mode == MAIL_DAILY).distinct()).all()
    sent = 0
    for user_id in user_ids:
        rows = _pending(MAIL_DAILY, user_id)
        won = set(_claim([r.id for r in rows]))
        rows = [r for r in rows if r.id in won]
        if not rows:
            continue
        user = rows[0].user
        activities = [r.activity for r in rows if may_read(user, r.activity)]
        if not activities or user.is_blocked:
            continue
        _send(user, "feeds/mail_digest.txt",
              lambda items: _("[%(site)s] %(count)s changes you watch",
                              site=current_app.config["SITE_NAME"], count=len(items)),
              activities)
        sent += 1
    return sent


# --- after-commit hook -------------------------------------------------------

def _after_commit(session):
    session.info.pop(BY_REVISION, None)
    if session.info.pop(PENDING_MAIL, False) and has_request_context():
        g.feeds_send_mail = True


def _after_rollback(session):
    session.info.pop(BY_REVISION, None)
    session.info.pop(PENDING_MAIL, None)


def init_app(app):
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", lambda s, previous: _after_rollback(s))

    @app.after_request
    def send_after_commit(response):
        """Mail only what a committed transaction queued."""
        if g.pop("feeds_send_mail", False):
            try:
                send_immediate()
            except Exception:  # a mail server down must not fail the change
                current_app.logger.exception("sending notifications failed")
                db.session.rollback()
        return response
