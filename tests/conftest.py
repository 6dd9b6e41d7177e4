"""Fixtures: a fresh database per test (SQLite, or PostgreSQL when
``TEST_DATABASE_URL`` says so), a real instance folder in a temporary
directory, the Flask test client, and factories for users."""
import os
import shutil

import pytest
from sqlalchemy import create_engine, text

from app import create_app, database
from app.extensions import db

# Each area keeps its factory fixtures in its own module.
pytest_plugins = [
    "tests.fixtures.wiki",
    "tests.fixtures.workspaces",
    "tests.fixtures.feeds",
    "tests.fixtures.search",
    "tests.fixtures.accounts",
    "tests.fixtures.server",
    "tests.fixtures.forum",
]

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PASSWORD = "correct horse battery"


def base_config(instance_path, database_url):
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(instance_path),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        "BASE_URL": "http://localhost",
        "MAIL_SERVER": None,
    }


def worker_database_url(url):
    """Under pytest-xdist each worker gets its own PostgreSQL database, made on
    first use beside the configured one (``test`` -> ``test_gw0``...)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    from sqlalchemy.engine import make_url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                              {"n": name}).scalar()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def reset_postgres(url):
    """Drop everything in the test database so the migrations start from nothing."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """Build the schema once per session; tests start from a copy (SQLite) or
    from emptied tables (PostgreSQL). The schema comes from the models and is
    stamped at the newest migration; tests/test_migrations.py proves that the
    migrations build exactly the same schema."""
    folder = tmp_path_factory.mktemp("template")
    if ON_POSTGRES:
        url = worker_database_url(TEST_DATABASE_URL)
        reset_postgres(url)
    else:
        url = "sqlite:///" + str(folder / "template.db")
    app = create_app(base_config(folder / "instance", url))
    with app.app_context():
        db.create_all()
        database.stamp_head(app)
        db.engine.dispose()
    return url


def _empty_postgres_tables(app):
    with app.app_context():
        names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def app_factory(tmp_path, migrated_database):
    """Build extra apps on the same fresh database (e.g. a second server)."""
    made = []
    if ON_POSTGRES:
        url = migrated_database
    else:
        path = tmp_path / "konbit.db"
        shutil.copyfile(migrated_database.removeprefix("sqlite:///"), path)
        url = "sqlite:///" + str(path)

    def factory(**overrides):
        config = base_config(tmp_path / "instance", url)
        config.update(overrides)
        app = create_app(config)
        made.append(app)
        return app

    yield factory
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(app_factory, request):
    marker = request.node.get_closest_marker("config")
    app = app_factory(**(marker.kwargs if marker else {}))
    if ON_POSTGRES:
        _empty_postgres_tables(app)
    from app.cli import initialise
    initialise(app)
    # Requests reuse the test's app context, and with it ``g``: start each
    # request with an empty ``g`` as in production, so nothing cached for one
    # request (the signed-in user, the locale, space roles) leaks into the next.
    # (as the app's first URL value preprocessor: those run before blueprints'
    # preprocessors, which set ``g.space``, and before ``before_request``).
    app.url_value_preprocessors.setdefault(None, []).insert(0, lambda *_args: _fresh_g())
    with app.app_context():
        yield app


def _fresh_g():
    from flask import g
    g.__dict__.clear()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """``make_user("ana", role="moderator")`` creates and commits a user."""
    from app.accounts.services import create_user

    def factory(username, role="member", email=None, password=PASSWORD, **fields):
        user = create_user(username, email or f"{username}@example.org", password, role=role)
        for name, value in fields.items():
            setattr(user, name, value)
        db.session.commit()
        return user

    return factory


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, login, password=PASSWORD):
        return self.client.post("/login", data={"login": login, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def api_token(app, make_user):
    """``api_token(user)`` returns headers carrying a fresh bearer token for ``user``."""
    from app.accounts.services import create_api_token

    def factory(user):
        _token, raw = create_api_token(user, "tests")
        db.session.commit()
        return {"Authorization": f"Bearer {raw}"}

    return factory
