"""What every worker would otherwise build for itself on its first requests,
built once in the gunicorn master before it forks (``app.gunicorn_conf``): the
workers then share it copy-on-write instead of each holding a private copy.

Only things that hold no open file or connection: compiled templates, the
message catalogs and the locale data of every language, the URL map, the
ORM's mappers."""
from flask_babel import force_locale, format_datetime, format_decimal, get_translations
from sqlalchemy.orm import configure_mappers

from app.timeutil import utcnow


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


def _is_template(name):
    return name.endswith((".html", ".xml", ".txt"))
