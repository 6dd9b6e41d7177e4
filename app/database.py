"""The database: engine tuning per dialect, and migrations."""
import os

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine

from app.extensions import db

MIGRATIONS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "migrations")


def init_app(app):
    db.init_app(app)
    # Import the models so that the metadata is complete before any query.
    from app import models  # noqa: F401


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: enforce foreign keys, let readers run beside the writer (WAL),
    and wait for a busy database instead of failing."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(app):
    # Alembic (with Mako and Pygments) is imported only by the commands that
    # migrate: a web worker never needs it, and it weighs about 15 MB.
    from alembic.config import Config as AlembicConfig
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", MIGRATIONS_PATH)
    cfg.set_main_option("sqlalchemy.url", app.config["SQLALCHEMY_DATABASE_URI"].replace("%", "%%"))
    cfg.attributes["flask_app"] = app
    return cfg


def upgrade(app):
    """Create or upgrade the schema to the newest migration; idempotent."""
    from alembic import command
    with app.app_context():
        command.upgrade(alembic_config(app), "head")


def stamp_head(app):
    """Record the schema as up to date (after ``create_all`` in tests)."""
    from alembic import command
    command.stamp(alembic_config(app), "head")


def current_revision(app):
    from alembic.runtime.migration import MigrationContext
    with app.app_context(), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def table_names(app):
    with app.app_context():
        return set(inspect(db.engine).get_table_names())
