"""Alembic environment: the metadata is the application's, fully registered."""
from alembic import context

from app.extensions import db


def _app():
    app = context.config.attributes.get("flask_app")
    if app is None:
        from app import create_app
        app = create_app()
    return app


def run_migrations():
    app = _app()
    with app.app_context():
        engine = db.engine
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=db.metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()


run_migrations()
