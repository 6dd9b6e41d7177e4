"""Telling an invitee by e-mail, in their own language."""
from flask import current_app, render_template
from flask_babel import force_locale, gettext as _

from app.mail import send_mail
from app.urls import absolute_url


def notify_invitee(invitation):
    """Send the invitation mail (after the commit: the invitation exists by then)."""
    user = invitation.user
    locale = user.locale or current_app.config["DEFAULT_LOCALE"]
    with force_locale(locale):
        subject = _("Invitation to the workspace %(name)s", name=invitation.space.name)
        body = render_template("workspaces/mail/invitation.txt", invitation=invitation,
                               link=absolute_url(f"/w/{invitation.space.slug}/"),
                               invitations_link=absolute_url("/w/"))
    return send_mail(user.email, subject, body)
