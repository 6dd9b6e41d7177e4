"""Site roles, blocking and the create-user command."""
import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from tests.conftest import PASSWORD


def test_create_user_command(runner):
    result = runner.invoke(args=["create-user", "Ana", "--email", "ana@example.org",
                                 "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Ana" in result.output
    user = db.session.scalar(select(User).where(User.username_key == "ana"))
    assert user.role == "member" and user.email == "ana@example.org"


def test_create_user_command_makes_an_admin_who_can_log_in(runner, client):
    result = runner.invoke(args=["create-user", "admin", "--email", "root@example.org",
                                 "--admin", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.role).where(User.username == "admin")) == "admin"
    assert client.post("/login", data={"login": "admin", "password": PASSWORD}).status_code == 302


def test_create_user_command_prompts_for_the_password(runner):
    result = runner.invoke(args=["create-user", "bo", "--email", "bo@example.org"],
                           input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.username)) == "bo"


@pytest.mark.parametrize("args, stdin", [
    (["create-user", "x", "--email", "x@example.org", "--password-stdin"], PASSWORD),
    (["create-user", "bo", "--email", "not-an-address", "--password-stdin"], PASSWORD),
    (["create-user", "bo", "--email", "bo@example.org", "--password-stdin"], "short"),
    (["create-user", "ana", "--email", "other@example.org", "--password-stdin"], PASSWORD),
    (["create-user", "bo", "--email", "ANA@example.org", "--password-stdin"], PASSWORD),
])
def test_create_user_command_errors(runner, make_user, args, stdin):
    make_user("ana")
    result = runner.invoke(args=args, input=stdin + "\n")
    assert result.exit_code != 0
    assert "Error" in result.output
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 1


def test_create_user_command_needs_an_email(runner):
    result = runner.invoke(args=["create-user", "bo", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 2
    assert db.session.scalar(select(User)) is None


def test_signup_sends_user_registered(client):
    from app.signals import user_registered
    seen = []

    def receiver(sender, **kwargs):
        seen.append((sender.username, kwargs["actor"]))

    user_registered.connect(receiver)
    try:
        client.post("/signup", data={"username": "ana", "email": "ana@example.org",
                                     "password": PASSWORD})
    finally:
        user_registered.disconnect(receiver)
    assert seen == [("ana", None)]


@pytest.mark.parametrize("actor_role, target_role, allowed", [
    ("moderator", "member", True),
    ("moderator", "moderator", False),
    ("moderator", "admin", False),
    ("admin", "member", True),
    ("admin", "moderator", True),
    ("admin", "admin", True),
    ("member", "member", False),
])
def test_who_may_block_whom(client, auth, make_user, actor_role, target_role, allowed):
    make_user("boss", role=actor_role)
    target = make_user("target", role=target_role)
    auth.login("boss")
    page = client.get("/u/target")
    assert (b"/u/target/block" in page.data) == allowed
    response = client.post("/u/target/block")
    assert response.status_code == (302 if allowed else 403)
    db.session.refresh(target)
    assert target.is_blocked == allowed
    if allowed:
        assert b"/u/target/unblock" in client.get("/u/target").data
        assert client.post("/u/target/unblock").status_code == 302
        db.session.refresh(target)
        assert not target.is_blocked


def test_nobody_blocks_themselves_and_anonymous_is_sent_to_login(client, auth, make_user):
    make_user("mod", role="moderator")
    assert client.post("/u/mod/block").status_code == 302  # to the login form
    auth.login("mod")
    assert client.post("/u/mod/block").status_code == 403
    assert client.post("/u/nobody/block").status_code == 404


def test_a_moderator_cannot_unblock_a_blocked_admin(client, auth, make_user):
    from app.timeutil import utcnow
    make_user("root", role="admin")
    make_user("other", role="admin", blocked_at=utcnow())
    make_user("mod", role="moderator")
    auth.login("mod")
    assert client.post("/u/other/unblock").status_code == 403


def test_the_last_admin_cannot_be_blocked(app, make_user):
    from app.accounts import services
    root = make_user("root", role="admin")
    other = make_user("other", role="admin")
    services.block_user(root, other)
    with pytest.raises(services.AccountError):
        services.block_user(other, root)


def test_blocking_ends_the_session_and_the_tokens(app, client, auth, make_user, api_token):
    make_user("mod", role="moderator")
    target = make_user("target")
    headers = api_token(target)
    target_client = app.test_client()
    target_client.post("/login", data={"login": "target", "password": PASSWORD})
    assert target_client.get("/settings").status_code == 200
    assert client.get("/api/v1/me", headers=headers).status_code == 200

    auth.login("mod")
    assert client.post("/u/target/block").status_code == 302
    # The signed-in session stops working at once.
    assert target_client.get("/settings").status_code == 302
    assert target_client.post("/settings", data={"display_name": "x",
                                                 "email": "target@example.org"}).status_code == 302
    from app.accounts.auth import load_user
    assert load_user(target.get_id()) is None
    # The bearer token stops working.
    response = app.test_client().get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    # Signing in again is refused.
    again = app.test_client().post("/login", data={"login": "target", "password": PASSWORD})
    assert again.status_code == 403
    # Unblocked, the user signs in again.
    client.post("/u/target/unblock")
    assert app.test_client().post("/login", data={"login": "target",
                                                  "password": PASSWORD}).status_code == 302
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 200


def test_blocked_users_write_nothing_per_the_policy(make_user):
    from app import policy
    from app.spaces.services import commons
    from app.timeutil import utcnow
    user = make_user("ana", blocked_at=utcnow())
    assert not policy.can_write_anything(user)
    assert not policy.can_edit(user, commons())
