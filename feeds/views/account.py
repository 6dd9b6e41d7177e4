"""Settings forms (feed token, mail about watched changes) and the
unsubscribe link, which works without logging in."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.models import User
from app.extensions import csrf, db
from feeds import notifications, tokens
from feeds.models import MAIL_MODES, MAIL_NONE
from feeds.views import bp


def _back_to_settings():
    return redirect(url_for("accounts.settings") + "#feeds-settings")


@bp.route("/settings/feed-token", methods=["POST"])
@login_required
def regenerate_feed_token():
    tokens.regenerate_feed_token(current_user)
    db.session.commit()
    flash(_("Your feed token was renewed; the old one no longer works."), "success")
    return _back_to_settings()


@bp.route("/settings/feed-token/revoke", methods=["POST"])
@login_required
def revoke_feed_token():
    tokens.revoke_feed_token(current_user)
    db.session.commit()
    flash(_("Your feed token was revoked."), "success")
    return _back_to_settings()


@bp.route("/settings/notifications", methods=["POST"])
@login_required
def notification_settings():
    mode = request.form.get("mode", "")
    if mode not in MAIL_MODES:
        abort(400, _("Choose immediate, daily or no mail."))
    notifications.set_mail_mode(current_user, mode)
    db.session.commit()
    flash(_("Your mail settings were saved."), "success")
    return _back_to_settings()


def _user_for(token):
    user_id = notifications.user_id_for_unsubscribe(token)
    user = db.session.get(User, user_id) if user_id is not None else None
    if user is None:
        abort(404)
    return user


@bp.route("/unsubscribe/<token>", methods=["GET"])
def unsubscribe(token):
    """A confirmation form (mail scanners follow links; only a POST unsubscribes)."""
    user = _user_for(token)
    return render_template("feeds/unsubscribe.html", token=token, done=False,
                           mode=notifications.mail_mode(user))


@bp.route("/unsubscribe/<token>", methods=["POST"])
@csrf.exempt  # the signed token authenticates; mail clients post here (RFC 8058)
def unsubscribe_post(token):
    user = _user_for(token)
    notifications.set_mail_mode(user, MAIL_NONE)
    db.session.commit()
    return render_template("feeds/unsubscribe.html", token=token, done=True, mode=MAIL_NONE)
