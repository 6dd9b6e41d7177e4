"""Members: invitations, join requests, open joining, roles, leaving, the last owner."""
import email
import os
import re
from email import policy as email_policy

import pytest
from sqlalchemy import select

from app import signals
from app.extensions import db
from app.spaces.models import Membership
from workspaces.models import Invitation, JoinRequest


@pytest.fixture
def olga(make_user):
    return make_user("olga")


def role_of(space, user):
    db.session.expire_all()
    return db.session.scalar(select(Membership.role).where(Membership.space_id == space.id,
                                                           Membership.user_id == user.id))


def outbox_messages(app):
    folder = app.config["OUTBOX_PATH"]
    if not os.path.isdir(folder):
        return []
    return [email.message_from_bytes(open(os.path.join(folder, name), "rb").read(),
                                     policy=email_policy.default)
            for name in sorted(os.listdir(folder))]


class Recorder:
    """Collects what a signal sends, to check the documented kwargs."""

    def __init__(self, *names):
        self.calls = []
        self.signals = [getattr(signals, name) for name in names]
        for signal in self.signals:
            signal.connect(self.receive)

    def receive(self, sender, **kwargs):
        self.calls.append((sender, kwargs))

    def close(self):
        for signal in self.signals:
            signal.disconnect(self.receive)


@pytest.fixture
def recorder():
    made = []

    def factory(*names):
        made.append(Recorder(*names))
        return made[-1]

    yield factory
    for item in made:
        item.close()


def test_invitation_is_mailed_listed_and_accepted(app, client, auth, make_user, make_workspace,
                                                  olga, recorder):
    space = make_workspace("secret", olga, visibility="private")
    ines = make_user("ines", locale="fr")
    invited = recorder("member_invited", "member_joined")
    auth.login("olga")
    response = client.post("/w/secret/members/invite", data={"username": "ines",
                                                             "role": "editor"})
    assert response.status_code == 302
    invitation = db.session.scalar(select(Invitation))
    assert (invitation.user_id, invitation.role, invitation.status) == (ines.id, "editor",
                                                                        "pending")
    sender, kwargs = invited.calls[0]
    assert sender is invitation and kwargs["space"] is space and kwargs["user"] is ines
    assert kwargs["actor"].id == olga.id and kwargs["role"] == "editor"
    messages = outbox_messages(app)
    assert len(messages) == 1 and messages[0]["To"] == "ines@example.org"
    assert "Invitation" in messages[0]["Subject"] or "invit" in messages[0]["Subject"].lower()
    body = messages[0].get_content()
    assert "/w/" in body
    # The role is named in the invitee's language, as on the web page, not as its code.
    assert "Rédacteur" in body and " editor" not in body
    # Twice is a conflict.
    assert client.post("/w/secret/members/invite", data={"username": "ines"}).status_code == 409
    auth.logout()

    auth.login("ines")
    from workspaces.services import pending_invitations
    assert [i.id for i in pending_invitations(ines)] == [invitation.id]
    directory = client.get("/w/").data.decode()
    assert 'id="my-invitations"' in directory and "/w/secret/invitations/" in directory
    assert b"accept-invitation" in client.get("/w/secret/").data
    assert client.get("/w/secret/blog/").status_code == 404
    response = client.post(f"/w/secret/invitations/{invitation.id}/accept")
    assert response.status_code == 302
    assert role_of(space, ines) == "editor"
    assert client.get("/w/secret/").status_code == 200
    assert pending_invitations(ines) == []
    sender, kwargs = invited.calls[-1]
    assert isinstance(sender, Membership) and kwargs["role"] == "editor"
    assert kwargs["user"].id == ines.id and kwargs["space"] is space


def test_invitation_declined_and_not_answerable_by_others(client, auth, make_user,
                                                          make_workspace, olga):
    space = make_workspace("secret", olga, visibility="private")
    ines, eve = make_user("ines"), make_user("eve")
    from workspaces import services
    invitation = services.invite_member(space, olga, ines, "viewer")
    db.session.commit()
    auth.login("eve")
    assert client.post(f"/w/secret/invitations/{invitation.id}/accept").status_code == 404
    assert role_of(space, eve) is None
    auth.logout()
    auth.login("ines")
    assert client.post(f"/w/secret/invitations/{invitation.id}/decline").status_code == 302
    db.session.refresh(invitation)
    assert invitation.status == "declined"
    assert client.post(f"/w/secret/invitations/{invitation.id}/accept").status_code == 409
    assert role_of(space, ines) is None


def test_non_owner_cannot_invite(client, auth, make_user, make_workspace, add_member, olga):
    space = make_workspace("team", olga)
    add_member(space, make_user("ed"), "editor")
    make_user("ines")
    auth.login("ed")
    assert client.post("/w/team/members/invite", data={"username": "ines"}).status_code == 403
    assert db.session.scalar(select(Invitation)) is None


def test_invite_unknown_user_is_422(client, auth, make_workspace, olga):
    make_workspace("team", olga)
    auth.login("olga")
    assert client.post("/w/team/members/invite", data={"username": "ghost"}).status_code == 422


def test_join_request_accepted(client, auth, make_user, make_workspace, olga, recorder):
    space = make_workspace("asks", olga, join_policy="request")
    pia = make_user("pia")
    requested = recorder("join_requested", "member_joined")
    auth.login("pia")
    assert client.post("/w/asks/join", data={"message": "Please"}).status_code == 302
    request = db.session.scalar(select(JoinRequest))
    assert request.status == "pending" and request.message == "Please"
    assert requested.calls[0][1]["space"] is space
    assert b"join-pending" in client.get("/w/asks/").data
    assert client.post("/w/asks/join").status_code == 409
    auth.logout()
    auth.login("olga")
    members_page = client.get("/w/asks/members").data.decode()
    assert f"/w/asks/requests/{request.id}/accept" in members_page
    assert client.post(f"/w/asks/requests/{request.id}/accept",
                       data={"role": "editor"}).status_code == 302
    assert role_of(space, pia) == "editor"
    joined = requested.calls[-1][1]
    assert joined["user"].id == pia.id and joined["actor"].id == olga.id


def test_join_request_refused(client, auth, make_user, make_workspace, olga):
    space = make_workspace("asks", olga, join_policy="request")
    pia = make_user("pia")
    auth.login("pia")
    client.post("/w/asks/join")
    request = db.session.scalar(select(JoinRequest))
    auth.logout()
    auth.login("pia")
    assert client.post(f"/w/asks/requests/{request.id}/refuse").status_code == 403
    auth.logout()
    auth.login("olga")
    assert client.post(f"/w/asks/requests/{request.id}/refuse").status_code == 302
    assert role_of(space, pia) is None
    db.session.refresh(request)
    assert request.status == "declined"


def test_open_workspace_join_with_one_click(client, auth, make_user, make_workspace, olga):
    space = make_workspace("open-door", olga, join_policy="open")
    pia = make_user("pia")
    auth.login("pia")
    assert b"join-open" in client.get("/w/open-door/").data
    assert client.post("/w/open-door/join").status_code == 302
    assert role_of(space, pia) == "viewer"
    assert b"join-open" not in client.get("/w/open-door/").data


def test_invite_only_workspace_refuses_join(client, auth, make_user, make_workspace, olga):
    space = make_workspace("closed", olga)
    pia = make_user("pia")
    auth.login("pia")
    assert client.post("/w/closed/join").status_code == 403
    assert role_of(space, pia) is None


def test_roles_change_and_the_last_owner_stays(client, auth, make_user, make_workspace,
                                               add_member, olga, recorder):
    space = make_workspace("team", olga)
    ed = make_user("ed")
    add_member(space, ed, "viewer")
    changed = recorder("member_role_changed")
    auth.login("olga")
    assert client.post("/w/team/members/ed/role", data={"role": "editor"}).status_code == 302
    assert role_of(space, ed) == "editor"
    assert changed.calls[0][1]["old_role"] == "viewer" and changed.calls[0][1]["role"] == "editor"
    response = client.post("/w/team/members/olga/role", data={"role": "viewer"})
    assert response.status_code == 409
    assert b'class="error-message"' in response.data  # the reason is shown
    assert role_of(space, olga) == "owner"
    assert client.post("/w/team/leave").status_code == 409
    assert client.post("/w/team/members/olga/remove").status_code == 409
    assert role_of(space, olga) == "owner"
    # With a second owner, the first may step down.
    client.post("/w/team/members/ed/role", data={"role": "owner"})
    assert client.post("/w/team/members/olga/role", data={"role": "viewer"}).status_code == 302
    assert role_of(space, olga) == "viewer"


def test_bad_role_is_422(client, auth, make_user, make_workspace, add_member, olga):
    space = make_workspace("team", olga)
    add_member(space, make_user("ed"), "viewer")
    auth.login("olga")
    assert client.post("/w/team/members/ed/role", data={"role": "king"}).status_code == 422
    assert client.post("/w/team/members/ghost/role", data={"role": "viewer"}).status_code == 404


def test_member_leaves_and_owner_removes(client, auth, make_user, make_workspace, add_member,
                                         olga, recorder):
    space = make_workspace("team", olga, visibility="private")
    ed, vi = make_user("ed"), make_user("vi")
    add_member(space, ed, "editor")
    add_member(space, vi, "viewer")
    left = recorder("member_left")
    auth.login("vi")
    assert client.post("/w/team/leave").status_code == 302
    assert role_of(space, vi) is None
    assert left.calls[0][1]["removed"] is False
    assert client.get("/w/team/").status_code == 404
    auth.logout()
    auth.login("ed")
    assert client.post("/w/team/members/olga/remove").status_code == 403
    auth.logout()
    auth.login("olga")
    assert client.post("/w/team/members/ed/remove").status_code == 302
    assert role_of(space, ed) is None
    assert left.calls[-1][1]["removed"] is True and left.calls[-1][0] is space


def test_members_page_shows_management_only_to_owners(client, auth, make_user, make_workspace,
                                                      add_member, olga):
    space = make_workspace("team", olga)
    add_member(space, make_user("vi"), "viewer")
    page = client.get("/w/team/members").data.decode()
    assert 'id="member-vi"' in page and 'id="invite"' not in page
    auth.login("vi")
    assert 'id="invite"' not in client.get("/w/team/members").data.decode()
    auth.logout()
    auth.login("olga")
    page = client.get("/w/team/members").data.decode()
    assert 'id="invite"' in page and 'id="join-requests"' in page and "role-form" in page


def test_owner_withdraws_invitation(client, auth, make_user, make_workspace, olga):
    space = make_workspace("team", olga)
    ines = make_user("ines")
    from workspaces import services
    invitation = services.invite_member(space, olga, ines)
    db.session.commit()
    auth.login("olga")
    assert client.post(f"/w/team/invitations/{invitation.id}/cancel").status_code == 302
    assert services.pending_invitations(ines) == []


def test_signals_on_settings_and_deletion(client, auth, make_workspace, olga, recorder):
    space = make_workspace("team", olga)
    seen = recorder("workspace_updated", "workspace_deleted")
    auth.login("olga")
    client.post("/w/team/settings", data={"name": "New name", "description": "",
                                          "visibility": "public", "join_policy": "invite"})
    assert seen.calls[0][0] is space
    assert seen.calls[0][1]["changes"]["name"] == ("Team", "New name")
    client.post("/w/team/delete")
    assert seen.calls[-1][0] is space and seen.calls[-1][1]["actor"].id == olga.id


def test_invitee_answers_from_the_private_workspace_address(client, auth, make_user,
                                                            make_workspace, olga):
    space = make_workspace("secret", olga, visibility="private")
    ines = make_user("ines")
    make_user("eve")
    from workspaces import services
    invitation = services.invite_member(space, olga, ines, "editor")
    db.session.commit()
    auth.login("eve")
    assert client.get("/w/secret/").status_code == 404
    auth.logout()
    auth.login("ines")
    page = client.get("/w/secret/")
    assert page.status_code == 200
    assert f"/w/secret/invitations/{invitation.id}/accept".encode() in page.data
    # Nothing else of the workspace is open to the invitee yet.
    assert client.get("/w/secret/blog/").status_code == 404
    assert client.get("/w/secret/members").status_code == 404
    client.post(f"/w/secret/invitations/{invitation.id}/accept")
    assert b"accept-invitation" not in client.get("/w/secret/").data
    assert role_of(space, ines) == "editor"


def test_public_workspace_home_offers_the_invitation(client, auth, make_user, make_workspace,
                                                     olga):
    space = make_workspace("sunny", olga, join_policy="request")
    ines = make_user("ines", locale="fr")
    from workspaces import services
    services.invite_member(space, olga, ines, "viewer")
    db.session.commit()
    auth.login("ines")
    page = client.get("/w/sunny/").data.decode()
    assert "accept-invitation" in page and "join-request" not in page
    directory = client.get("/w/").data.decode()
    assert "accept-invitation" in directory


@pytest.mark.parametrize("username, message", [
    ("nosuchuser", "There is no user called nosuchuser."),
    ("", "This field is required."),
])
def test_a_refused_invitation_keeps_the_members_page(
        client, auth, make_user, make_workspace, username, message):
    make_user("owner")
    make_workspace("coop", "owner")
    auth.login("owner")
    refused = client.post("/w/coop/members/invite", data={"username": username, "role": "editor"})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert 'id="members"' in html or "invite-form" in html
    assert re.search(r'<p class="error" id="username-error">[^<]*' + re.escape(message), html)
    assert f'value="{username}"' in html or not username
    assert '<option selected value="editor">' in html or '<option value="editor" selected' in html
