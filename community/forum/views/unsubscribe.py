"""The unsubscribe link of forum mail: a page with one button (a GET must not
change anything: mail scanners follow links)."""
from flask import abort, render_template, request
from sqlalchemy import select

from app import policy
from app.extensions import db
from community.forum import services
from community.forum.mail import read_unsubscribe_token
from community.forum.models import Thread, ThreadSubscription
from community.forum.views import site_bp


@site_bp.route("/forum/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token):
    found = read_unsubscribe_token(token)
    if found is None:
        abort(404)
    user_id, thread_id = found
    thread = db.session.get(Thread, thread_id)
    subscription = db.session.scalar(select(ThreadSubscription).where(
        ThreadSubscription.user_id == user_id, ThreadSubscription.thread_id == thread_id))
    done = False
    if request.method == "POST" and subscription is not None:
        services.unsubscribe(thread, subscription.user)
        db.session.commit()
        done = True
    # The thread's title only to someone who follows it (the link's owner).
    return render_template("forum/unsubscribe.html", done=done or subscription is None,
                           title=thread.title if subscription is not None and thread is not None
                           and policy.can_read(subscription.user, thread) else "")
