"""Mail to a thread's followers about a new reply, sent after the commit.

``services.reply`` notes the reply's id in the session; once that transaction
commits, the ids move to the request, and the request's end sends the mail
(a rolled-back reply mails nobody). The policy is asked at send time: a
follower who can no longer read the thread gets nothing, and the author never
hears about their own reply. Each mail carries a signed unsubscribe link."""
from flask import current_app, g, has_request_context, render_template
from flask_babel import force_locale, gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app import policy
from app.extensions import db
from app.mail import MailError, send_mail
from app.urls import absolute_url
from community.forum.models import ForumPost, ThreadSubscription
from community.forum.services import PENDING_MAIL, page_of
from community.forum.urls import post_path

_SALT = "forum-unsubscribe"


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(user, thread):
    return _serializer().dumps({"u": user.id, "t": thread.id})


def read_unsubscribe_token(token):
    """``(user_id, thread_id)`` from a link, or None when forged or garbled."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) \
            or not isinstance(data.get("t"), int):
        return None
    return data["u"], data["t"]


def send_reply_mail(post_ids):
    """Mail every follower who may read the thread now; returns the number sent."""
    sent = 0
    for post_id in post_ids:
        post = db.session.get(ForumPost, post_id)
        if post is None or post.deleted_at is not None:
            continue
        thread = post.thread
        subscriptions = db.session.scalars(select(ThreadSubscription).where(
            ThreadSubscription.thread_id == thread.id,
            ThreadSubscription.user_id != post.author_id)).all()
        url = absolute_url(post_path(post, page_of(post)))
        for subscription in subscriptions:
            user = subscription.user
            if user.is_blocked or not policy.can_read(user, post):
                continue
            link = absolute_url(f"/forum/unsubscribe/{unsubscribe_token(user, thread)}")
            with force_locale(user.locale or current_app.config["DEFAULT_LOCALE"]):
                subject = _("[%(site)s] New reply in %(title)s",
                            site=current_app.config["SITE_NAME"], title=thread.title)
                body = render_template("forum/mail_reply.txt", user=user, post=post,
                                       thread=thread, url=url, unsubscribe=link)
            try:
                send_mail(user.email, subject, body, headers={
                    "List-Unsubscribe": f"<{link}>", "Auto-Submitted": "auto-generated"})
            except MailError:
                continue  # logged by send_mail; the others still get theirs
            sent += 1
    return sent


def _after_commit(session):
    ids = session.info.pop(PENDING_MAIL, None)
    if ids and has_request_context():
        g.forum_mail = g.get("forum_mail", []) + list(ids)


def _after_rollback(session):
    session.info.pop(PENDING_MAIL, None)


def init_app(app):
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", lambda s, previous: _after_rollback(s))

    @app.after_request
    def send_forum_mail(response):
        ids = g.pop("forum_mail", None)
        if ids:
            try:
                send_reply_mail(ids)
            except Exception:  # a mail failure must not fail the reply
                current_app.logger.exception("sending forum mail failed")
                db.session.rollback()
        return response
