"""Managing pages: move (rename), soft delete and restore, protection."""
from flask import abort, flash, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import antispam, policy
from app.audit import record_action
from wiki import queries, services
from wiki.services import WikiError
from wiki.urls import page_path
from wiki.views import bp
from wiki.views.editing import require_writer
from wiki.views.pages import resolve, title_from_form


def readable(title, action):
    title, moved = resolve(title, action)
    if moved:
        abort(moved)
    return queries.get_page_or_404(g.space, title, current_user)


def audited(page, action, reason=""):
    """Record a manager's action on a page in the audit log (same transaction)."""
    record_action(current_user, action, "page", page.id, page.full_title, reason)
    return page


def require_manager(page):
    if not current_user.is_authenticated:
        abort(401)
    if not policy.can_manage(current_user, page):
        abort(403)


@bp.route("/wiki/<path:title>/move", methods=["GET", "POST"])
@antispam.write_limit
def move(title):
    page = readable(title, "move")
    require_writer(page)
    if page.deleted_at is not None:
        abort(409, _("A deleted page cannot be moved."))
    if request.method == "GET":
        return render_template("wiki/move.html", page=page, space=g.space, error=None,
                               new_title=page.full_title)
    new_title, error = title_from_form("new_title")
    if new_title is not None:
        target = queries.find_page(g.space, new_title)
        # A deleted page gives its title up (``services.set_aside``).
        if target is not None and target.deleted_at is None and target.redirect_to_id != page.id:
            error = _("A page with this title already exists.")
    if error:
        return render_template("wiki/move.html", page=page, space=g.space, error=error,
                               new_title=request.form.get("new_title", "")), 400
    try:
        services.run_in_transaction(lambda: services.move_page(
            page, new_title, current_user._get_current_object(),
            summary=request.form.get("summary", "")))
    except WikiError as failure:
        abort(failure.status, str(failure.message))
    flash(_("The page was moved."), "success")
    return redirect(page_path(g.space, new_title))


@bp.route("/wiki/<path:title>/delete", methods=["POST"])
def delete(title):
    page = readable(title, "delete")
    require_manager(page)
    services.run_in_transaction(lambda: audited(services.delete_page(
        page, current_user._get_current_object(), reason=request.form.get("reason", "")),
        "page.deleted", request.form.get("reason", "")))
    flash(_("The page was deleted. Moderators can still restore it."), "success")
    return redirect(page_path(g.space, page))


@bp.route("/wiki/<path:title>/restore", methods=["POST"])
def restore(title):
    page = readable(title, "restore")
    require_manager(page)
    services.run_in_transaction(lambda: audited(services.restore_page(
        page, current_user._get_current_object()), "page.restored",
        request.form.get("reason", "")))
    flash(_("The page was restored."), "success")
    return redirect(page_path(g.space, page))


def _protect(title, action, protected):
    page = readable(title, action)
    require_manager(page)
    services.run_in_transaction(lambda: audited(services.set_protection(
        page, current_user._get_current_object(), protected),
        "page.protected" if protected else "page.unprotected", request.form.get("reason", "")))
    flash(_("The page is now protected.") if protected
          else _("The page is no longer protected."), "success")
    return redirect(page_path(g.space, page))


@bp.route("/wiki/<path:title>/protect", methods=["POST"])
def protect(title):
    return _protect(title, "protect", True)


@bp.route("/wiki/<path:title>/unprotect", methods=["POST"])
def unprotect(title):
    return _protect(title, "unprotect", False)
