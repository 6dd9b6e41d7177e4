"""The command line: ``flask --app app <command>``."""
import os
import subprocess
import sys

import click
from flask import current_app
from sqlalchemy import inspect

from app import database
from app.extensions import db
from app.i18n import TRANSLATIONS_PATH

BABEL_CFG = os.path.join(TRANSLATIONS_PATH, "babel.cfg")
POT_FILE = os.path.join(TRANSLATIONS_PATH, "messages.pot")


def add_check(app, checker):
    """Packages add consistency checks: ``checker(repair)`` returns a list of problems."""
    app.extensions.setdefault("konbit_checks", []).append(checker)


def add_init_step(app, step):
    """Packages add steps run by ``flask init`` after the migrations (e.g. the index)."""
    app.extensions.setdefault("konbit_init_steps", []).append(step)


def initialise(app):
    """Create or upgrade the database and run every package's init step; idempotent."""
    database.upgrade(app)
    from app.spaces.services import commons
    with app.app_context():
        commons()
        db.session.commit()
        for step in app.extensions.get("konbit_init_steps", []):
            step()
        db.session.commit()


def init_app(app):
    @app.cli.command("init")
    def init_command():
        """Create or upgrade the database and the search index."""
        initialise(current_app._get_current_object())
        click.echo(f"Database ready at revision {database.current_revision(current_app)}.")

    @app.cli.command("create-user")
    @click.argument("name")
    @click.option("--email", required=True)
    @click.option("--admin", is_flag=True, help="Make the user a site administrator.")
    @click.option("--moderator", is_flag=True, help="Make the user a site moderator.")
    @click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
    def create_user_command(name, email, admin, moderator, password_stdin):
        """Create a user account."""
        from app.accounts.services import AccountError, create_user
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        role = "admin" if admin else "moderator" if moderator else "member"
        try:
            user = create_user(name, email, password, role=role)
        except AccountError as error:
            raise click.ClickException(str(error.message))
        db.session.commit()
        click.echo(f"Created {role} {user.username}.")

    @app.cli.command("seed-demo")
    def seed_demo_command():
        """Fill an empty site with demo content in four languages."""
        from app.seed import DEMO_PASSWORD, seed_demo
        site = seed_demo()
        if site is None:
            click.echo("The site already has users: nothing seeded.")
            return
        click.echo(f"Seeded demo content. Demo accounts ({', '.join(site.users)}) "
                   f"use the password {DEMO_PASSWORD!r}.")

    @app.cli.command("check")
    @click.option("--repair", is_flag=True, help="Repair what can be repaired.")
    def check_command(repair):
        """Verify database and index consistency; report what would be repaired."""
        problems = check_schema()
        for checker in current_app.extensions.get("konbit_checks", []):
            problems.extend(checker(repair))
        if repair:
            db.session.commit()
        for problem in problems:
            click.echo(problem)
        if problems:
            raise SystemExit(1)
        click.echo("Everything is consistent.")

    @app.cli.group("translate")
    def translate():
        """Extract, update and compile the translation catalogs."""

    @translate.command("extract")
    def extract():
        _pybabel("extract", "-F", BABEL_CFG, "-k", "_l", "--no-location", "--sort-output",
                 "--project", "Konbit", "-o", POT_FILE, ".")

    @translate.command("update")
    def update():
        _pybabel("update", "-i", POT_FILE, "-d", TRANSLATIONS_PATH, "--no-fuzzy-matching")

    @translate.command("compile")
    def compile_():
        _pybabel("compile", "-d", TRANSLATIONS_PATH, "--statistics")


def check_schema():
    """Problems with the schema: missing tables, pending migrations."""
    from alembic.script import ScriptDirectory
    app = current_app._get_current_object()
    problems = []
    head = ScriptDirectory.from_config(database.alembic_config(app)).get_current_head()
    current = database.current_revision(app)
    if current != head:
        problems.append(f"database at migration {current}, code at {head}: run 'flask init'")
    missing = set(db.metadata.tables) - set(inspect(db.engine).get_table_names())
    if missing:
        problems.append(f"missing tables: {', '.join(sorted(missing))}")
    return problems


def _pybabel(*args):
    from app import REPOSITORY_ROOT
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args],
                   check=True, cwd=REPOSITORY_ROOT)
