"""Generate a migration from the difference between the models and the database:
``python -m app.migrations.new "what changed"`` (run against an up-to-date database)."""
import sys

from alembic import command

from app import create_app, database


def main(message):
    app = create_app()
    database.upgrade(app)
    with app.app_context():
        command.revision(database.alembic_config(app), message=message, autogenerate=True)


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
