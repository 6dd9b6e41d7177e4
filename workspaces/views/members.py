"""/w/<slug>/members: members and roles, invitations, join requests, joining and leaving."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import policy
from app.accounts.services import user_by_name
from app.errors import form_error
from app.extensions import db
from workspaces import queries, services
from workspaces.forms import InviteForm, JoinRequestForm, RoleForm
from workspaces.mail import notify_invitee
from workspaces.models import JoinRequest
from workspaces.views import bp
from workspaces.views.common import load, refuse, require_manage, signed_in_or_login


def _back(space):
    return redirect(url_for("workspaces.members", slug=space.slug))


def _member_or_404(username):
    user = user_by_name(username)
    if user is None:
        abort(404)
    return user


@bp.route("/<slug>/members")
def members(slug):
    return _members_page(load(slug))


def _members_page(space, invite_form=None, status=200):
    """The members page; after a refused invitation, with the form as it was sent
    and the reason beside the field at fault."""
    manager = policy.can_manage(current_user, space)
    return render_template(
        "workspaces/members.html", space=space, members=queries.members(space),
        manager=manager, role=policy.role_in(current_user, space),
        invitations=queries.pending_invitations_of(space) if manager else [],
        requests=queries.pending_requests_of(space) if manager else [],
        invite_form=invite_form or InviteForm(), role_form=RoleForm), status


@bp.route("/<slug>/members/invite", methods=["POST"])
def invite(slug):
    space = load(slug)
    actor = require_manage(space)
    form = InviteForm()
    if not form.validate():
        return _members_page(space, form, 422)
    user = user_by_name(form.username.data.strip())
    if user is None:
        form.username.errors = [_("There is no user called %(name)s.",
                                  name=form.username.data.strip())]
        return _members_page(space, form, 422)
    try:
        invitation = services.invite_member(space, actor, user, form.role.data)
    except services.WorkspaceError as error:
        form_error(form, error)
        return _members_page(space, form, error.status)
    db.session.commit()
    notify_invitee(invitation)
    flash(_("%(name)s is invited.", name=user.name), "success")
    return _back(space)


@bp.route("/<slug>/members/<username>/role", methods=["POST"])
def change_role(slug, username):
    space = load(slug)
    actor = require_manage(space)
    user = _member_or_404(username)
    try:
        services.change_role(space, actor, user, request.form.get("role", ""))
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("The role of %(name)s is changed.", name=user.name), "success")
    return _back(space)


@bp.route("/<slug>/members/<username>/remove", methods=["POST"])
def remove(slug, username):
    space = load(slug)
    actor = signed_in_or_login()
    user = _member_or_404(username)
    if user.id != actor.id:
        require_manage(space)
    try:
        services.remove_member(space, actor, user)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    if user.id == actor.id:
        flash(_("You left the workspace."), "success")
        return redirect(url_for("workspaces.directory"))
    flash(_("%(name)s is no longer a member.", name=user.name), "success")
    return _back(space)


@bp.route("/<slug>/leave", methods=["POST"])
def leave(slug):
    space = load(slug)
    actor = signed_in_or_login()
    try:
        services.leave_workspace(space, actor)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("You left the workspace."), "success")
    return redirect(url_for("workspaces.directory"))


@bp.route("/<slug>/join", methods=["POST"])
def join(slug):
    """Open workspaces: join as a viewer; by request: ask the owners."""
    space = load(slug)
    actor = signed_in_or_login()
    form = JoinRequestForm()
    try:
        result = services.request_to_join(space, actor, form.message.data or "")
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    if isinstance(result, JoinRequest):
        flash(_("Your request is sent to the owners."), "success")
    else:
        flash(_("Welcome to %(name)s!", name=space.name), "success")
    return redirect(url_for("workspaces.home", slug=space.slug))


def _my_invitation(slug, invitation_id):
    """The invitee may answer even before they can read a private workspace."""
    actor = signed_in_or_login()
    space = queries.workspace_by_slug(slug)
    if space is None or space.deleted_at is not None:
        abort(404)
    invitation = queries.invitation_or_404(space, invitation_id)
    if invitation.user_id != actor.id:
        abort(404)
    return space, invitation, actor


@bp.route("/<slug>/invitations/<int:invitation_id>/accept", methods=["POST"])
def accept_invitation(slug, invitation_id):
    space, invitation, actor = _my_invitation(slug, invitation_id)
    try:
        services.accept_invitation(invitation, actor)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("Welcome to %(name)s!", name=space.name), "success")
    return redirect(url_for("workspaces.home", slug=space.slug))


@bp.route("/<slug>/invitations/<int:invitation_id>/decline", methods=["POST"])
def decline_invitation(slug, invitation_id):
    _space, invitation, actor = _my_invitation(slug, invitation_id)
    try:
        services.decline_invitation(invitation, actor)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("You declined the invitation."), "success")
    return redirect(url_for("workspaces.directory"))


@bp.route("/<slug>/invitations/<int:invitation_id>/cancel", methods=["POST"])
def cancel_invitation(slug, invitation_id):
    space = load(slug)
    actor = require_manage(space)
    invitation = queries.invitation_or_404(space, invitation_id)
    try:
        services.cancel_invitation(invitation, actor)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("The invitation is withdrawn."), "success")
    return _back(space)


@bp.route("/<slug>/requests/<int:request_id>/accept", methods=["POST"])
def accept_request(slug, request_id):
    space = load(slug)
    actor = require_manage(space)
    join_request = queries.join_request_or_404(space, request_id)
    try:
        services.accept_join_request(join_request, actor, request.form.get("role") or "viewer")
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("%(name)s is now a member.", name=join_request.user.name), "success")
    return _back(space)


@bp.route("/<slug>/requests/<int:request_id>/refuse", methods=["POST"])
def refuse_request(slug, request_id):
    space = load(slug)
    actor = require_manage(space)
    join_request = queries.join_request_or_404(space, request_id)
    try:
        services.refuse_join_request(join_request, actor)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("The request is refused."), "success")
    return _back(space)
