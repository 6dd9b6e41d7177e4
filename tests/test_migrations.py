"""The Alembic migrations build exactly the schema the models describe.

The other tests build their schema with ``db.create_all()``; this file proves
that a site made by ``flask init`` (the migrations) gets the same tables,
columns, types, indexes and constraints, on SQLite and on PostgreSQL.

On PostgreSQL the migrations run in a schema of their own inside the test
database (``search_path``), so they never disturb the ``public`` schema the
rest of the suite shares."""
import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app, database
from app.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def config_for(tmp_path, url):
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": url,
        "SECRET_KEY": "test-secret",
        "RATELIMIT_ENABLED": False,
        "MAIL_SERVER": None,
    }


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    """The URL of an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "migrated.db")
        return
    if not TEST_DATABASE_URL.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL does not name a PostgreSQL database")
    schema = f"migrations_{uuid.uuid4().hex[:12]}"
    admin = create_engine(TEST_DATABASE_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(TEST_DATABASE_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def schema_differences(app):
    """What autogenerate would write for this database: [] when in step."""
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def head_revision(app):
    return ScriptDirectory.from_config(database.alembic_config(app)).get_current_head()


def test_migrations_build_the_models_schema(empty_database, tmp_path):
    app = create_app(config_for(tmp_path, empty_database))
    try:
        assert database.table_names(app) == set()
        database.upgrade(app)
        assert database.current_revision(app) == head_revision(app)
        missing = set(db.metadata.tables) - database.table_names(app)
        assert not missing, f"no migration creates these tables: {sorted(missing)}"
        differences = schema_differences(app)
        assert differences == [], (
            "the migrations and the models disagree; generate a migration with "
            "'python -m app.migrations.new \"...\"':\n" + "\n".join(map(repr, differences)))
    finally:
        with app.app_context():
            db.engine.dispose()


def test_migrations_upgrade_is_idempotent(empty_database, tmp_path):
    app = create_app(config_for(tmp_path, empty_database))
    try:
        database.upgrade(app)
        before = database.table_names(app)
        database.upgrade(app)
        assert database.table_names(app) == before
        assert database.current_revision(app) == head_revision(app)
    finally:
        with app.app_context():
            db.engine.dispose()


def test_flask_init_twice_through_the_cli(empty_database, tmp_path):
    """``flask init`` on an empty site, then again: same schema, same commons, no error."""
    from app.spaces.models import Space

    app = create_app(config_for(tmp_path, empty_database))
    runner = app.test_cli_runner()
    try:
        first = runner.invoke(args=["init"])
        assert first.exit_code == 0, first.output
        assert head_revision(app) in first.output
        with app.app_context():
            tables = set(inspect(db.engine).get_table_names())
            spaces = db.session.scalars(db.select(Space.slug)).all()
        second = runner.invoke(args=["init"])
        assert second.exit_code == 0, second.output
        with app.app_context():
            assert set(inspect(db.engine).get_table_names()) == tables
            assert db.session.scalars(db.select(Space.slug)).all() == spaces
            assert spaces.count("commons") == 1
        assert os.path.isdir(app.instance_path)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
