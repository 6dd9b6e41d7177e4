"""The wiki's commands: ``import-markdown``, ``export-markdown``,
``cache-pages`` and ``import-csv`` (records, ``wiki.records.csv_import``);
and its part of ``seed-demo`` and ``check``."""
import os

import click
from sqlalchemy import select

from app.extensions import db


def _space(slug):
    from app.spaces.services import commons, space_by_slug
    if not slug:
        return commons()
    space = space_by_slug(slug)
    if space is None or space.deleted_at is not None:
        raise click.ClickException(f"No workspace {slug!r}.")
    return space


def _actor(username):
    """``--user NAME``, else the first administrator (imports are the site's doing)."""
    from app.accounts.models import ROLE_ADMIN, User
    from app.accounts.services import user_by_name
    if username:
        user = user_by_name(username)
        if user is None:
            raise click.ClickException(f"No user {username!r}.")
        return user
    user = db.session.scalar(select(User).where(User.role == ROLE_ADMIN, User.blocked_at.is_(None))
                             .order_by(User.id).limit(1))
    if user is None:
        raise click.ClickException("No administrator to import as: create one with "
                                   "'flask create-user NAME --email E --admin', or pass --user.")
    return user


def init_app(app):
    from app.cli import add_check
    from app.seed import add_seeder
    from wiki import attachments, seed
    from wiki.translations import LANGUAGES
    add_seeder(app, 20, seed.seed_wiki)
    add_check(app, attachments.check_blobs)

    @app.cli.command("import-markdown")
    @click.argument("directory", type=click.Path(exists=True, file_okay=False))
    @click.option("--ns", "namespace", required=True, help="Namespace of the new pages.")
    @click.option("--workspace", "slug", default=None, help="Workspace slug (default: commons).")
    @click.option("--lang", "language", default=None,
                  type=click.Choice(LANGUAGES),
                  help="Language of pages whose front matter names none.")
    @click.option("--user", "username", default=None,
                  help="Author of the revisions (default: the first administrator).")
    def import_command(directory, namespace, slug, language, username):
        """One page per .md file of DIRECTORY (recursive; folders make subpages)."""
        from wiki.importexport import import_markdown
        from wiki.titles import canonical_namespace
        found = canonical_namespace(namespace)
        if found is None:
            raise click.ClickException(f"Unknown namespace {namespace!r}.")
        space = _space(slug)
        actor = _actor(username)
        report = import_markdown(os.path.abspath(directory), space, found, actor, language)
        db.session.commit()
        click.echo(f"Imported {report.imported} pages into {found} "
                   f"({report.created} created, {report.updated} updated, "
                   f"{report.unchanged} unchanged); refused {len(report.refused)} files.")
        for path, reason in report.refused:
            click.echo(f"refused {path}: {reason}")

    @app.cli.command("cache-pages", with_appcontext=False)
    @click.option("--url", "base_url", default=None,
                  help="The site's address as readers reach it (default: BASE_URL).")
    @click.option("--lang", "languages", multiple=True, type=click.Choice(LANGUAGES),
                  help="A language to render in (repeat it; default: DEFAULT_LOCALE).")
    @click.option("--as", "username", default=None,
                  help="Render signed in as this member: the skeletons kept serve "
                       "every reader with the same rights (default: anonymous readers).")
    def cache_pages_command(base_url, languages, username):
        """Render every page anonymous readers (or a member) may read into the page cache."""
        from wiki.prerender import prerender, readable_page_paths
        if not app.config["PAGE_CACHE"]:
            raise click.ClickException("The page cache is off (PAGE_CACHE).")
        reader = None
        if username is not None:
            with app.app_context():
                reader = _actor(username)
                if reader.is_blocked:
                    raise click.ClickException(f"{username!r} is blocked: they read as anonymous.")
                db.session.expunge(reader)
        paths = readable_page_paths(app, reader)
        locales = languages or (app.config["DEFAULT_LOCALE"],)
        wanted = len(paths) * len(locales)
        if wanted > app.config["CACHE_THRESHOLD"]:
            click.echo(f"Warning: {wanted} answers, but the cache keeps "
                       f"{app.config['CACHE_THRESHOLD']} (CACHE_THRESHOLD).", err=True)

        def progress(locale, number, total):
            if number % 1000 == 0 or number == total:
                click.echo(f"{locale}: {number} of {total} pages", err=True)
        report = prerender(app, base_url or app.config["BASE_URL"], locales, paths, progress,
                           reader)
        click.echo(f"Stored {report.stored} page views ({report.already} were stored "
                   f"already; {len(report.failed)} did not answer 200).")
        for path, status in report.failed[:20]:
            click.echo(f"{status} {path}")

    from wiki.records.csv_import import import_csv_command
    app.cli.add_command(import_csv_command)

    @app.cli.command("export-markdown")
    @click.argument("directory", type=click.Path(file_okay=False))
    @click.option("--workspace", "slug", default=None, help="Workspace slug (default: commons).")
    def export_command(directory, slug):
        """Write every page as DIRECTORY/<Namespace>/<Title>.md with front matter."""
        from wiki.importexport import export_markdown
        space = _space(slug)
        os.makedirs(directory, exist_ok=True)
        count = export_markdown(os.path.abspath(directory), space)
        click.echo(f"Exported {count} pages to {directory}.")
