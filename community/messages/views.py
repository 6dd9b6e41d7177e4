"""/messages: the inbox, the sent box, writing, conversations and replies, and
blocking. Whoever is not a participant gets 404, whatever they ask."""
import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import antispam
from app.accounts.services import user_by_name
from app.extensions import db
from app.pagination import paging
from community.messages import mail, queries, services

bp = Blueprint("messages", __name__, template_folder="templates")

#: Recipients are typed as usernames, separated by commas or spaces.
_NAMES = re.compile(r"[\s,;]+")


def _me():
    return current_user._get_current_object()


def _conversation_or_404(conversation_id):
    conversation, participant = queries.readable_conversation(conversation_id, current_user)
    if conversation is None:
        abort(404)
    return conversation, participant


@bp.route("/messages")
@login_required
def inbox():
    archived = request.args.get("archived") == "1"
    page, per_page = paging(request.args.get("page"))
    listing = queries.inbox(_me(), page, per_page, archived=archived)
    return render_template("messages/inbox.html", listing=listing, archived=archived,
                           other_names=queries.other_names)


@bp.route("/messages/sent")
@login_required
def sent():
    page, per_page = paging(request.args.get("page"))
    return render_template("messages/sent.html", listing=queries.sent(_me(), page, per_page),
                           other_names=queries.other_names)


def parse_recipients(raw):
    """Users named in ``raw``; MessageError naming the first unknown one."""
    users = []
    for name in [n for n in _NAMES.split(raw or "") if n][:services.MAX_RECIPIENTS + 1]:
        user = user_by_name(name)
        if user is None:
            raise services.MessageError(_("No member is called %(name)s.", name=name[:40]),
                                        422, "to")
        users.append(user)
    return users


def _refused(template, status, message, **context):
    """The form again, with what was typed and why it was refused."""
    flash(str(message), "error")
    return render_template(template, **context), status


@bp.route("/messages/new", methods=["GET", "POST"])
@login_required
@antispam.write_limit
def new():
    values = {"to": request.args.get("to", "")[:500], "subject": "", "body": ""}
    if request.method == "GET":
        return render_template("messages/new.html", values=values, errors={})
    form = request.form
    values = {"to": form.get("to", "")[:500], "subject": form.get("subject", ""),
              "body": form.get("body", "")}
    try:
        recipients = parse_recipients(values["to"])
        antispam.check_write(_me(), values["subject"] + "\n" + values["body"], "message")
        conversation, message = services.start_conversation(
            _me(), recipients, values["subject"], values["body"])
    except services.MessageError as error:
        db.session.rollback()
        return render_template("messages/new.html", values=values,
                               errors={error.field or "body": str(error.message)}), error.status
    except antispam.WriteRefused as error:
        db.session.rollback()
        return _refused("messages/new.html", error.status, error.message, values=values,
                        errors={})
    db.session.commit()
    mail.send_arrival_mails(message, recipients)
    flash(_("Your message was sent."), "success")
    return redirect(url_for("messages.conversation", conversation_id=conversation.id))


def _conversation_page(conversation, participant, status=200, body="", error=None):
    others = [p for p in conversation.participants
              if p.user_id != participant.user_id and p.left_at is None]
    blocked = {b.blocked_id for b in services.blocked_by(participant.user)}
    return render_template("messages/conversation.html", conversation=conversation,
                           participant=participant, messages=queries.messages_of(conversation),
                           others=others, blocked=blocked, body=body, error=error), status


@bp.route("/messages/<int:conversation_id>", methods=["GET", "POST"])
@login_required
@antispam.write_limit
def conversation(conversation_id):
    found, participant = _conversation_or_404(conversation_id)
    if request.method == "GET":
        if services.mark_read(participant, found):
            db.session.commit()
        return _conversation_page(found, participant)
    body = request.form.get("body", "")
    try:
        antispam.check_write(_me(), body, "message")
        message = services.reply(found, _me(), body)
    except (services.MessageError, antispam.WriteRefused) as error:
        db.session.rollback()
        found, participant = _conversation_or_404(conversation_id)
        return _conversation_page(found, participant, error.status, body, str(error.message))
    db.session.commit()
    recipients = [p.user for p in services.active_participants(found)
                  if p.user_id != participant.user_id]
    mail.send_arrival_mails(message, recipients)
    return redirect(url_for("messages.conversation", conversation_id=found.id,
                            _anchor=f"message-{message.id}"))


@bp.route("/messages/<int:conversation_id>/archive", methods=["POST"])
@login_required
def archive(conversation_id):
    _found, participant = _conversation_or_404(conversation_id)
    services.archive(participant, True)
    db.session.commit()
    flash(_("The conversation is archived. It comes back when someone writes."), "success")
    return redirect(url_for("messages.inbox"))


@bp.route("/messages/<int:conversation_id>/unarchive", methods=["POST"])
@login_required
def unarchive(conversation_id):
    _found, participant = _conversation_or_404(conversation_id)
    services.archive(participant, False)
    db.session.commit()
    return redirect(url_for("messages.inbox"))


@bp.route("/messages/<int:conversation_id>/leave", methods=["POST"])
@login_required
def leave(conversation_id):
    _found, participant = _conversation_or_404(conversation_id)
    services.leave(participant)
    db.session.commit()
    flash(_("You left the conversation."), "success")
    return redirect(url_for("messages.inbox"))


def _back(default):
    """Back to the conversation the form came from, if it said so."""
    raw = request.form.get("conversation", "")
    if raw.isdigit() and queries.participant(int(raw), current_user) is not None:
        return url_for("messages.conversation", conversation_id=int(raw))
    return default


@bp.route("/u/<username>/messages/block", methods=["POST"])
@login_required
def block(username):
    other = user_by_name(username)
    if other is None:
        abort(404)
    try:
        services.block(_me(), other)
    except services.MessageError as error:
        abort(error.status, str(error.message))
    db.session.commit()
    flash(_("You will get no more messages from %(name)s.", name=other.username), "success")
    return redirect(_back(url_for("accounts.profile", username=other.username)))


@bp.route("/u/<username>/messages/unblock", methods=["POST"])
@login_required
def unblock(username):
    other = user_by_name(username)
    if other is None:
        abort(404)
    services.unblock(_me(), other)
    db.session.commit()
    flash(_("%(name)s can send you messages again.", name=other.username), "success")
    return redirect(_back(url_for("accounts.settings") + "#message-settings"))


@bp.route("/settings/messages", methods=["POST"])
@login_required
def settings():
    services.set_mail_on_message(_me(), request.form.get("mail_on_message") == "1")
    db.session.commit()
    flash(_("Your message settings are saved."), "success")
    return redirect(url_for("accounts.settings") + "#message-settings")
