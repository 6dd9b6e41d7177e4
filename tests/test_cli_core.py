"""The core's command line: init, create-user, seed-demo and check, run through
Flask's CLI runner exactly as ``flask --app app <command>`` runs them."""
import pytest
from sqlalchemy import func, select, text

from app import create_app, database
from app.accounts.models import User
from app.accounts.passwords import check_password
from app.accounts.services import user_by_name
from app.cli import initialise
from app.extensions import db

NEW_PASSWORD = "a sturdy new password"


def user_count():
    return db.session.scalar(select(func.count()).select_from(User))


def test_init_is_idempotent(app, runner):
    first = runner.invoke(args=["init"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["init"])
    assert second.exit_code == 0, second.output
    assert second.output == first.output
    assert database.current_revision(app) in second.output


def test_create_user_reads_the_password_from_stdin(app, runner, client):
    result = runner.invoke(args=["create-user", "zoe", "--email", "zoe@example.org",
                                 "--password-stdin"], input=NEW_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    user = user_by_name("zoe")
    assert user.email == "zoe@example.org"
    assert user.role == "member"
    assert check_password(user, NEW_PASSWORD)
    assert not check_password(user, NEW_PASSWORD + "\n")
    response = client.post("/login", data={"login": "zoe", "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_create_user_admin_with_prompted_password(app, runner):
    result = runner.invoke(args=["create-user", "Root_Admin", "--email", "ra@example.org",
                                 "--admin"], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    user = user_by_name("root_admin")
    assert user.username == "Root_Admin"
    assert user.role == "admin"
    assert check_password(user, NEW_PASSWORD)


@pytest.mark.parametrize("args, password", [
    (["zoe", "--email", "other@example.org"], NEW_PASSWORD),     # name taken
    (["ZOE", "--email", "other@example.org"], NEW_PASSWORD),     # case-insensitively
    (["yan", "--email", "zoe@example.org"], NEW_PASSWORD),       # address taken
    (["yan", "--email", "not-an-address"], NEW_PASSWORD),
    (["y", "--email", "yan@example.org"], NEW_PASSWORD),         # name too short
    (["yan", "--email", "yan@example.org"], "short"),
])
def test_create_user_refuses_bad_input_without_a_traceback(app, runner, make_user, args,
                                                           password):
    make_user("zoe", email="zoe@example.org")
    before = user_count()
    result = runner.invoke(args=["create-user", *args, "--password-stdin"],
                           input=password + "\n")
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Error" in result.output
    db.session.rollback()
    assert user_count() == before


def test_seed_demo_fills_an_empty_site_once(app, runner):
    from app.seed import DEMO_PEOPLE
    assert user_count() == 0
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    names = {username for username, *_rest in DEMO_PEOPLE}
    assert names <= set(db.session.scalars(select(User.username_key)))
    seeded = user_count()
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    assert user_count() == seeded
    assert again.output != result.output


def test_seed_demo_leaves_a_site_with_users_alone(app, runner, make_user):
    make_user("owner")
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert user_count() == 1
    assert user_by_name("amina") is None


def test_check_passes_on_a_fresh_site(app, runner):
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0, result.output


def test_check_passes_after_seeding(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0, result.output


def test_check_reports_what_is_wrong(tmp_path):
    """A site whose database lost a table and its migration stamp: check says
    so and exits 1. (Its own SQLite file, built like the test database: the
    shared test database is never touched.)"""
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"),
                      "SECRET_KEY": "test-secret", "RATELIMIT_ENABLED": False,
                      "DATABASE_URL": "sqlite:///" + str(tmp_path / "check.db")})
    with app.app_context():
        db.create_all()
        database.stamp_head(app)
    initialise(app)
    runner = app.test_cli_runner()
    try:
        assert runner.invoke(args=["check"]).exit_code == 0
        with app.app_context(), db.engine.begin() as conn:
            conn.execute(text("DELETE FROM alembic_version"))
            conn.execute(text("DROP TABLE api_tokens"))
        broken = runner.invoke(args=["check"])
        assert broken.exit_code == 1
        assert "flask init" in broken.output
        assert "api_tokens" in broken.output
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
