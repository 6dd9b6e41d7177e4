"""Reporting (members) and the moderation queue (moderators and admins).

What a reporter may not read cannot be reported (404, as if it did not
exist). The queue and the member pages answer 404 to everyone but moderators
and admins."""
from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import antispam, policy
from app.accounts.services import can_block, user_by_name
from app.extensions import db
from app.pagination import paging
from community.moderation import registry, services

bp = Blueprint("moderation", __name__, template_folder="templates")


def _me():
    return current_user._get_current_object()


def require_moderator():
    if not policy.is_site_moderator(current_user):
        abort(404)
    return _me()


def _target_id(raw):
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def _reportable():
    """(entry, object) named by the request, readable by the reporter, or 404."""
    source = request.form if request.method == "POST" else request.args
    entry, obj = registry.load_target(current_app, source.get("kind"),
                                      _target_id(source.get("id")))
    if obj is None or not entry.can_read(current_user, obj):
        abort(404)
    return entry, obj


@bp.route("/report", methods=["GET", "POST"])
@login_required
@antispam.write_limit
def report():
    entry, obj = _reportable()
    if request.method == "GET":
        return render_template("moderation/report.html", entry=entry, obj=obj,
                               label=entry.label_of(obj), reason="")
    reason = request.form.get("reason", "")
    if len(reason) > services.MAX_REASON:
        flash(_("A reason has at most %(n)d characters.", n=services.MAX_REASON), "error")
        return render_template("moderation/report.html", entry=entry, obj=obj,
                               label=entry.label_of(obj), reason=reason), 422
    _found, created = services.report(entry, obj, _me(), reason)
    db.session.commit()
    flash(_("Thank you: the moderators will look at it.") if created
          else _("You already reported this; the moderators will look at it."), "success")
    return redirect(entry.url(obj))


@bp.route("/moderation")
def queue():
    require_moderator()
    page, per_page = paging(request.args.get("page"))
    listing = services.open_targets(page, per_page)
    reports = services.open_reports_for(listing.items)
    items = []
    for row in listing.items:
        entry, obj = registry.load_target(current_app, row.kind, row.target_id)
        found = reports.get((row.kind, row.target_id), [])
        items.append({"row": row, "entry": entry, "obj": obj, "reports": found,
                      "label": entry.label_of(obj) if obj is not None and entry
                      else (found[0].target_label if found else ""),
                      "author": entry.author(obj) if obj is not None and entry else None,
                      "text": entry.text(obj) if obj is not None and entry else "",
                      "url": entry.url(obj) if obj is not None and entry else None})
    return render_template("moderation/queue.html", listing=listing, items=items,
                           can_block=lambda user: can_block(current_user, user))


@bp.route("/moderation/act", methods=["POST"])
def act():
    actor = require_moderator()
    kind, target_id = request.form.get("kind"), _target_id(request.form.get("id"))
    action = request.form.get("action")
    entry = registry.get(current_app, kind)
    if entry is None or target_id is None:
        abort(404)
    if action not in services.ACTIONS:
        abort(400, _("Unknown action."))
    _entry, obj = registry.load_target(current_app, kind, target_id)
    if not services.may_act(entry, obj, target_id, actor):
        abort(404)
    try:
        counts = services.act(entry, obj, target_id, action, actor,
                              request.form.get("reason", ""))
    except services.ModerationError as error:
        db.session.rollback()
        abort(error.status, str(error.message))
    db.session.commit()
    flash(_done(action, counts), "success")
    return redirect(url_for("moderation.queue"))


def _done(action, counts=None):
    if action == "revert":
        return _("Everything this member wrote was reverted or removed (%(n)d changes).",
                 n=sum((counts or {}).values()))
    return {"dismiss": _("The reports were dismissed."),
            "hide": _("The content is hidden."),
            "delete": _("The content is deleted."),
            "block": _("The author is blocked.")}[action]


def _member_or_404(username):
    require_moderator()
    user = user_by_name(username)
    if user is None:
        abort(404)
    return user


@bp.route("/moderation/users/<username>")
def user(username):
    person = _member_or_404(username)
    return render_template("moderation/user.html", person=person,
                           reports=services.reports_about(person),
                           trusted=antispam.is_trusted(person),
                           explicitly_trusted=antispam.is_explicitly_trusted(person),
                           can_block=can_block(current_user, person))


@bp.route("/moderation/users/<username>/revert", methods=["POST"])
def revert(username):
    person = _member_or_404(username)
    counts = services.revert_user(person, _me(), request.form.get("reason", ""))
    db.session.commit()
    flash(_done("revert", counts), "success")
    return redirect(url_for("moderation.user", username=person.username))


@bp.route("/moderation/users/<username>/block", methods=["POST"])
def block(username):
    person = _member_or_404(username)
    try:
        services.block(person, _me(), request.form.get("reason", ""))
    except services.ModerationError as error:
        db.session.rollback()
        abort(error.status, str(error.message))
    db.session.commit()
    flash(_("%(name)s is blocked.", name=person.username), "success")
    return redirect(url_for("moderation.user", username=person.username))


def _trust(username, trusted):
    person = _member_or_404(username)
    services.set_trusted(person, _me(), trusted, request.form.get("reason", ""))
    db.session.commit()
    flash(_("%(name)s is trusted now: no new-account limits.", name=person.username)
          if trusted else _("%(name)s is no longer marked as trusted.",
                            name=person.username), "success")
    return redirect(url_for("moderation.user", username=person.username))


@bp.route("/moderation/users/<username>/trust", methods=["POST"])
def trust(username):
    return _trust(username, True)


@bp.route("/moderation/users/<username>/untrust", methods=["POST"])
def untrust(username):
    return _trust(username, False)
