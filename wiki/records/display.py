"""Showing record values: the infobox of a page, the labels in the reader's
language, and the plain-text form of a value (CSV, JSON).

The infobox is built at view time from the revision's own front matter, so an
old revision shows the values it had. HTML is written by the templates
(``wiki/_record_macros.html``); this module only prepares data."""
from datetime import date
from urllib.parse import quote, urlencode

from flask_babel import get_locale

from wiki.records import frontmatter, schema as s
from wiki.records.validation import lenient
from wiki.urls import space_prefix


def locale_code():
    """The reader's UI language (``fr``), to pick field and choice labels."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


def infobox(page, revision):
    """``[(field, value)]`` of the revision's fields, in schema order; None when
    the page's namespace has no fields."""
    schema = s.schema_for(page.namespace)
    if schema is None or revision is None:
        return None
    data, _rest = frontmatter.split(revision.body)
    values = lenient(schema, data)
    return [(field, values[field.name]) for field in schema.fields if field.name in values]


def listed_fields(schema, names=None):
    """The fields a table shows: ``names`` when given, else those marked listed."""
    if names:
        return [schema.get(name) for name in names if schema.get(name) is not None]
    return [f for f in schema.fields if f.listed and f.type != s.LONGTEXT]


def plain_number(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def plain(field, value):
    """A value as one string (CSV cells): lists joined by ``, ``, dates ISO,
    an indicator as its number (its year and source have their own columns)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return plain_number(value.get("value"))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return plain_number(value)
    return str(value)


def json_value(value):
    """A value as JSON has it (dates as ISO strings)."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def index_url(space, namespace, args=None, suffix=""):
    """``/ns/<Namespace>`` of ``space`` (``suffix`` ``.csv`` for the export) with ``args``."""
    path = f"{space_prefix(space)}/ns/{quote(namespace.replace(' ', '_'))}{suffix}"
    if hasattr(args, "getlist"):  # a MultiDict: every value of a repeated key
        args = list(args.items(multi=True))
    query = urlencode(args or {}, doseq=True)
    return f"{path}?{query}" if query else path
