"""Administrators' pages: the audit log and the sign-up question.
Everyone else gets 404."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app import policy
from app.accounts import challenge
from app.accounts.models import User
from app.audit import AuditEntry, record_action
from app.extensions import db
from app.pagination import paginate, paging
from community.moderation import registry
from community.moderation.views import bp

#: What the audit log shows for the actions it knows (others: the raw name).
ACTION_LABELS = {
    "user.blocked": _l("Blocked a user"),
    "user.unblocked": _l("Unblocked a user"),
    "user.trusted": _l("Trusted a user"),
    "user.untrusted": _l("Stopped trusting a user"),
    "user.edits_reverted": _l("Reverted all edits of a user"),
    "report.dismissed": _l("Dismissed reports"),
    "page.deleted": _l("Deleted a page"),
    "page.hidden": _l("Hid a page"),
    "page.restored": _l("Restored a page"),
    "page.protected": _l("Protected a page"),
    "page.unprotected": _l("Unprotected a page"),
    "blog_post.hidden": _l("Hid a blog post"),
    "blog_post.deleted": _l("Deleted a blog post"),
    "blog_comment.hidden": _l("Hid a comment"),
    "blog_comment.deleted": _l("Deleted a comment"),
    "message.hidden": _l("Hid a message"),
    "message.deleted": _l("Removed a message"),
    "forum.thread_pinned": _l("Pinned a discussion"),
    "forum.thread_unpinned": _l("Unpinned a discussion"),
    "forum.thread_locked": _l("Locked a discussion"),
    "forum.thread_unlocked": _l("Unlocked a discussion"),
    "forum.thread_moved": _l("Moved a discussion"),
    "forum.thread_deleted": _l("Deleted a discussion"),
    "forum.post_deleted": _l("Deleted a forum message"),
    "forum_thread.hidden": _l("Hid a discussion"),
    "forum_thread.deleted": _l("Deleted a discussion"),
    "forum_post.hidden": _l("Hid a forum message"),
    "forum_post.deleted": _l("Deleted a forum message"),
    "news.deleted": _l("Deleted a news item"),
    "news.team_added": _l("Added a member to the news team"),
    "news.team_removed": _l("Removed a member from the news team"),
    "site.signup_question_changed": _l("Changed the sign-up question"),
}


def require_admin():
    if not policy.is_site_admin(current_user):
        abort(404)
    return current_user._get_current_object()


@bp.route("/admin/audit")
def audit():
    require_admin()
    actor_name = (request.args.get("actor") or "").strip()[:40]
    action = (request.args.get("action") or "").strip()[:60]
    statement = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if actor_name:
        statement = statement.where(AuditEntry.actor_id.in_(
            select(User.id).where(User.username_key == actor_name.lower())))
    if action:
        # "user" matches every user.* action; "user.blocked" exactly that one.
        statement = statement.where(
            AuditEntry.action == action if "." in action
            else AuditEntry.action.like(action.replace("%", "").replace("_", "\\_") + ".%",
                                        escape="\\"))
    page, per_page = paging(request.args.get("page"), default=50)
    listing = paginate(statement, page, per_page, scalars=True)
    # Private things (messages) are named by kind and id whatever the entry
    # kept: an admin may not read a conversation they do not take part in.
    private = {kind: entry.kind_label for kind, entry in registry.registered(current_app).items()
               if entry.private}
    return render_template("moderation/audit.html", listing=listing, actor=actor_name,
                           action=action, labels=ACTION_LABELS, private_kinds=private)


@bp.route("/admin/signup-question", methods=["GET", "POST"])
def signup_question():
    actor = require_admin()
    languages = current_app.config["LANGUAGES"]
    current = challenge.current() or {"question": {}, "answers": []}
    if request.method == "GET":
        values = {f"question_{lang}": current["question"].get(lang, "") for lang in languages}
        values["answers"] = "\n".join(current["answers"])
        return render_template("moderation/signup_question.html", values=values,
                               languages=languages, enabled=bool(current["answers"]))
    form = request.form
    values = {f"question_{lang}": form.get(f"question_{lang}", "") for lang in languages}
    values["answers"] = form.get("answers", "")
    questions = {lang: values[f"question_{lang}"] for lang in languages}
    answers = values["answers"].splitlines()
    if any(len(text) > 300 for text in questions.values()) or len(values["answers"]) > 10000:
        flash(_("This is too long."), "error")
        return render_template("moderation/signup_question.html", values=values,
                               languages=languages, enabled=False), 422
    if any(t.strip() for t in questions.values()) and not questions["en"].strip():
        flash(_("Write the question in English too: it is shown when there is no "
                "translation."), "error")
        return render_template("moderation/signup_question.html", values=values,
                               languages=languages, enabled=False), 422
    if questions["en"].strip() and not [a for a in answers if a.strip()]:
        flash(_("Give at least one accepted answer."), "error")
        return render_template("moderation/signup_question.html", values=values,
                               languages=languages, enabled=False), 422
    saved = challenge.set_challenge(questions, answers)
    record_action(actor, "site.signup_question_changed", "site", None,
                  (saved or {}).get("question", {}).get("en", ""),
                  request.form.get("reason", ""))
    db.session.commit()
    flash(_("The sign-up question is saved.") if saved
          else _("Sign-up asks no question now."), "success")
    return redirect(url_for("moderation.signup_question"))
