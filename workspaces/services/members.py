"""Membership: invitations, join requests, open joining, roles, leaving.

A workspace always keeps at least one owner: the last owner can neither leave,
be removed nor be demoted (409)."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import signals
from app.extensions import db
from app.spaces.models import (JOIN_OPEN, JOIN_REQUEST, OWNER, PUBLIC, SPACE_ROLES, VIEWER,
                               Membership, Space)
from app.timeutil import utcnow
from workspaces.models import (ACCEPTED, CANCELLED, DECLINED, PENDING, Invitation,
                               JoinRequest)
from workspaces.services.errors import WorkspaceError
from workspaces.services.spaces import touch


def membership_of(space, user):
    if user is None or getattr(user, "id", None) is None:
        return None
    return db.session.scalar(select(Membership).where(Membership.space_id == space.id,
                                                      Membership.user_id == user.id))


def count_owners(space):
    """The number of owners, their rows locked (PostgreSQL) until the commit, so that
    two owners stepping down at once cannot leave the workspace without one."""
    return len(db.session.scalars(select(Membership.id).where(
        Membership.space_id == space.id, Membership.role == OWNER).with_for_update()).all())


def _check_role(role):
    if role not in SPACE_ROLES:
        raise WorkspaceError(_l("A role is owner, editor or viewer."), 422, "role")


def _forget_cached_role(space, user):
    """The policy caches roles per request; a change must be seen at once."""
    from flask import g, has_request_context
    if has_request_context():
        g.setdefault("_space_roles", {}).pop((user.id, space.id), None)


def _add_member(space, user, role, actor):
    membership = Membership(space_id=space.id, user_id=user.id, role=role, created_at=utcnow())
    db.session.add(membership)
    # Whatever brought them in, other open invitations and requests are settled.
    for item in db.session.scalars(select(Invitation).where(
            Invitation.space_id == space.id, Invitation.user_id == user.id,
            Invitation.status == PENDING)):
        item.status, item.answered_at = ACCEPTED, utcnow()
    for item in db.session.scalars(select(JoinRequest).where(
            JoinRequest.space_id == space.id, JoinRequest.user_id == user.id,
            JoinRequest.status == PENDING)):
        item.status, item.decided_at = ACCEPTED, utcnow()
        item.decided_by_id = getattr(actor, "id", None)
    touch(space)
    db.session.flush()
    _forget_cached_role(space, user)
    signals.member_joined.send(membership, actor=actor, space=space, user=user, role=role)
    return membership


def invite_member(space, actor, user, role=VIEWER):
    """An owner invites ``user``; the invitee is told (``notify_invitee``) and answers."""
    _check_role(role)
    if user.is_blocked:
        raise WorkspaceError(_l("This account is blocked."), 422, "username")
    if membership_of(space, user) is not None:
        raise WorkspaceError(_l("%(name)s is already a member.", name=user.username), 409,
                             "username")
    pending = db.session.scalar(select(Invitation).where(
        Invitation.space_id == space.id, Invitation.user_id == user.id,
        Invitation.status == PENDING))
    if pending is not None:
        raise WorkspaceError(_l("%(name)s is already invited.", name=user.username), 409,
                             "username")
    invitation = Invitation(space=space, space_id=space.id, user=user, user_id=user.id,
                            invited_by_id=actor.id, role=role, status=PENDING,
                            created_at=utcnow())
    db.session.add(invitation)
    db.session.flush()
    signals.member_invited.send(invitation, actor=actor, space=space, user=user, role=role)
    return invitation


def _pending(invitation):
    if invitation.status != PENDING:
        raise WorkspaceError(_l("This invitation was already answered."), 409)


def accept_invitation(invitation, actor):
    """The invitee becomes a member with the role they were invited to."""
    _pending(invitation)
    if invitation.user_id != actor.id:
        raise WorkspaceError(_l("This invitation is for someone else."), 403)
    if invitation.space.deleted_at is not None:
        raise WorkspaceError(_l("This workspace was deleted."), 409)
    membership = membership_of(invitation.space, actor)
    invitation.status, invitation.answered_at = ACCEPTED, utcnow()
    if membership is not None:
        db.session.flush()
        return membership
    return _add_member(invitation.space, actor, invitation.role, actor)


def decline_invitation(invitation, actor):
    _pending(invitation)
    if invitation.user_id != actor.id:
        raise WorkspaceError(_l("This invitation is for someone else."), 403)
    invitation.status, invitation.answered_at = DECLINED, utcnow()
    db.session.flush()


def cancel_invitation(invitation, actor):
    """An owner takes an invitation back."""
    _pending(invitation)
    invitation.status, invitation.answered_at = CANCELLED, utcnow()
    db.session.flush()


def request_to_join(space, actor, message=""):
    """Ask the owners of a workspace that accepts requests."""
    if space.join_policy == JOIN_OPEN and space.visibility == PUBLIC:
        return join_open_workspace(space, actor)
    if space.join_policy != JOIN_REQUEST:
        raise WorkspaceError(_l("This workspace takes new members by invitation only."), 403)
    if membership_of(space, actor) is not None:
        raise WorkspaceError(_l("You are already a member."), 409)
    pending = db.session.scalar(select(JoinRequest).where(
        JoinRequest.space_id == space.id, JoinRequest.user_id == actor.id,
        JoinRequest.status == PENDING))
    if pending is not None:
        raise WorkspaceError(_l("You have already asked to join."), 409)
    message = (message or "").strip() if isinstance(message, str) else ""
    request = JoinRequest(space=space, space_id=space.id, user=actor, user_id=actor.id,
                          message=message[:1000], status=PENDING, created_at=utcnow())
    db.session.add(request)
    db.session.flush()
    signals.join_requested.send(request, actor=actor, space=space)
    return request


def join_open_workspace(space, actor):
    """One click: a public, open workspace takes anyone as a viewer."""
    if not (space.join_policy == JOIN_OPEN and space.visibility == PUBLIC):
        raise WorkspaceError(_l("This workspace is not open to anyone."), 403)
    if membership_of(space, actor) is not None:
        raise WorkspaceError(_l("You are already a member."), 409)
    return _add_member(space, actor, VIEWER, actor)


def accept_join_request(request, actor, role=VIEWER):
    if request.status != PENDING:
        raise WorkspaceError(_l("This request was already answered."), 409)
    _check_role(role)
    request.status, request.decided_at, request.decided_by_id = ACCEPTED, utcnow(), actor.id
    if membership_of(request.space, request.user) is not None:
        db.session.flush()
        return None
    return _add_member(request.space, request.user, role, actor)


def refuse_join_request(request, actor):
    if request.status != PENDING:
        raise WorkspaceError(_l("This request was already answered."), 409)
    request.status, request.decided_at, request.decided_by_id = DECLINED, utcnow(), actor.id
    db.session.flush()


def _membership_or_error(space, user):
    membership = membership_of(space, user)
    if membership is None:
        raise WorkspaceError(_l("%(name)s is not a member.", name=user.username), 404,
                             "username")
    return membership


def change_role(space, actor, user, role):
    """An owner changes a member's role; the last owner keeps theirs."""
    _check_role(role)
    membership = _membership_or_error(space, user)
    old_role = membership.role
    if old_role == role:
        return membership
    if old_role == OWNER and count_owners(space) <= 1:
        raise WorkspaceError(_l("A workspace needs at least one owner: make someone else an "
                                "owner first."), 409, "role")
    membership.role = role
    touch(space)
    db.session.flush()
    _forget_cached_role(space, user)
    signals.member_role_changed.send(membership, actor=actor, space=space, user=user,
                                     old_role=old_role, role=role)
    return membership


def remove_member(space, actor, user):
    """An owner removes a member, or a member leaves (``actor is user``)."""
    membership = _membership_or_error(space, user)
    if membership.role == OWNER and count_owners(space) <= 1:
        raise WorkspaceError(_l("The last owner cannot leave: make someone else an owner "
                                "first, or delete the workspace."), 409)
    db.session.delete(membership)
    touch(space)
    db.session.flush()
    _forget_cached_role(space, user)
    signals.member_left.send(space, actor=actor, user=user, removed=actor.id != user.id)


def leave_workspace(space, actor):
    remove_member(space, actor, actor)


def pending_invitations(user):
    """The invitations ``user`` has not answered yet, newest first (for the dashboard)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(
        select(Invitation).join(Space, Space.id == Invitation.space_id)
        .where(Invitation.user_id == user.id, Invitation.status == PENDING,
               Space.deleted_at.is_(None))
        .order_by(Invitation.created_at.desc())))
