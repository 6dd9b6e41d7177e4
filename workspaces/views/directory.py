"""/w/: the directory of workspaces, and /w/new to create one."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import policy
from app.extensions import db
from workspaces import queries, services
from workspaces.forms import WorkspaceForm
from workspaces.views import bp
from workspaces.views.common import form_error, signed_in_or_login


@bp.route("/")
def directory():
    q = request.args.get("q", "").strip()[:100]
    page, per_page = queries.paging(request.args.get("page"))
    include_deleted = policy.is_site_admin(current_user) and request.args.get("deleted") == "1"
    listing = queries.directory(current_user, q=q or None, page=page, per_page=per_page,
                                include_deleted=include_deleted)
    return render_template(
        "workspaces/directory.html", listing=listing, q=q, include_deleted=include_deleted,
        invitations=services.pending_invitations(current_user),
        mine=queries.my_workspaces(current_user))


@bp.route("/new", methods=["GET", "POST"])
def new():
    user = signed_in_or_login()
    form = WorkspaceForm()
    if form.validate_on_submit():
        try:
            space = services.create_workspace(
                user, form.slug.data.strip(), form.name.data, form.description.data,
                form.visibility.data, form.join_policy.data)
        except services.WorkspaceError as error:
            form_error(form, error)
        else:
            db.session.commit()
            flash(_("Your workspace is ready."), "success")
            return redirect(url_for("workspaces.home", slug=space.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("workspaces/new.html", form=form), status
