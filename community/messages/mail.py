"""The e-mail a member gets when a message arrives (unless they turned it off
in their settings), in their own language, sent only after the message was
committed: the views call ``send_arrival_mails`` after their commit."""
from flask import current_app, render_template
from flask_babel import force_locale, gettext as _

from app.mail import MailError, send_mail
from app.urls import absolute_url
from community.messages import services


def send_arrival_mails(message, recipients):
    """Mail each recipient who wants it; returns how many mails went out.

    A mail server that is down is logged, never a failure of the (committed)
    message."""
    sent = 0
    for user in recipients:
        if user.is_blocked or not user.email or not services.wants_mail(user):
            continue
        locale = user.locale or current_app.config["DEFAULT_LOCALE"]
        with force_locale(locale):
            subject = _("[%(site)s] New message from %(name)s: %(subject)s",
                        site=current_app.config["SITE_NAME"], name=message.author.name,
                        subject=message.conversation.subject)
            body = render_template(
                "messages/mail_arrival.txt", user=user, message=message,
                link=absolute_url(f"/messages/{message.conversation_id}"),
                settings=absolute_url("/settings#message-settings"))
        try:
            send_mail(user.email, subject, body, headers={"Auto-Submitted": "auto-generated"})
        except MailError:
            current_app.logger.warning("message mail to user %s not sent", user.id)
            continue
        sent += 1
    return sent
