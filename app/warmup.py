"""What every worker would otherwise build for itself on its first requests,
built once in the gunicorn master before it forks (``app.gunicorn_conf``): the
workers then share it copy-on-write instead of each holding a private copy.

Only things that hold no open file or connection: compiled templates, the
message catalogs and the locale data of every language, the URL map, the
ORM's mappers, and what the first anonymous requests build (the connections
they open are closed before the fork)."""
from flask_babel import force_locale, format_datetime, format_decimal, get_translations
from sqlalchemy import inspect, select
from sqlalchemy.orm import configure_mappers

from app.extensions import db
from app.spaces.services import commons
from app.timeutil import utcnow
from wiki.models import Page
from wiki.urls import page_url

#: Anonymous pages every site has, answered in the master by ``serve_examples``.
EXAMPLE_PATHS = ("/", "/recent")


def warm_up(app):
    configure_mappers()
    environment = app.jinja_env
    with app.test_request_context("/"):
        for name in environment.list_templates(filter_func=_is_template):
            environment.get_template(name)
        for code in app.config["LANGUAGES"]:
            with force_locale(code):
                get_translations()
                format_datetime(utcnow())  # loads the locale's CLDR data (~1 MB)
                format_decimal(1.5)
        app.url_map.bind("localhost").match("/")
    serve_examples(app)


def serve_examples(app):
    """Answer the home page, recent changes and the commons' latest page twice
    (the second time from the page cache when it is on), as a worker would.

    A process's first requests build things it keeps: compiled SQL statements,
    the ORM's loaders, the page cache's and the generations' lookups. Built
    here, they are shared by the workers; built in each worker, every worker
    also copies the pages of the master's memory that building them touches
    (measured on a 5,000-page site: 10 MiB less PSS for the master and two
    workers after a load). Nothing is answered before ``flask init``."""
    with app.app_context():
        if not inspect(db.engine).has_table("pages"):
            return
        paths = [*EXAMPLE_PATHS, *_latest_commons_page()]
        db.session.remove()
    client = app.test_client()
    for _ in range(2):
        for path in paths:
            client.get(path)
    with app.app_context():
        db.engine.dispose()  # no connection of the master's is inherited by a worker


def _is_template(name):
    return name.endswith((".html", ".xml", ".txt"))


def _latest_commons_page():
    """The path of the commons' most recently changed page (none on an empty site)."""
    page = db.session.scalar(select(Page).where(Page.space_id == commons().id,
                                                Page.deleted_at.is_(None))
                             .order_by(Page.updated_at.desc()).limit(1))
    return [page_url(page)] if page is not None else []
