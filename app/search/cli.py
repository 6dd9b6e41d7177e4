"""``flask --app app reindex``: rebuild the search index from the database."""
import time

import click


def init_app(app):
    @app.cli.command("reindex")
    def reindex_command():
        """Rebuild the search index from the database."""
        from app import search
        started = time.monotonic()
        count = search.reindex()
        click.echo(f"Indexed {count} documents in {time.monotonic() - started:.1f} s "
                   f"({search.backend().name}).")
