"""Query blocks: a live table of records inside any page, like Semantic
MediaWiki's ``#ask``.

A page writes a fenced block::

    ```records
    ns: Schemes
    country: SN
    members_min: 1000
    sort: -members
    limit: 20
    fields: country, type, members
    space: all
    ```

Markdown renders it, at save time, as ``<pre><code class="language-records">``
(which the sanitiser keeps), and that is what the revision's cached HTML
holds: the query, never its results. The page view replaces each such block
by a table found for the reader who is looking (``find_records`` with their
permissions), so nobody sees a record they may not read, and a bad block shows
a translated error box instead of failing the page."""
import html as htmlmod
import re

import yaml
from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from wiki.records import schema as s
from wiki.records.display import listed_fields, locale_code
from wiki.records.queries import QueryError, find_records
from wiki.titles import canonical_namespace

BLOCK = re.compile(r'<pre><code class="language-records">(.*?)</code></pre>', re.DOTALL)
DEFAULT_LIMIT = 20
MAX_LIMIT = 200
OPTIONS = ("ns", "namespace", "sort", "limit", "fields", "space", "q")


class BlockError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _names(raw):
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else str(raw).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def parse_block(text):
    """``(namespace, schema, args, limit, field names, all spaces?)`` from the
    block's text; raises BlockError saying what is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise BlockError(_("This records block is not valid: write one 'key: value' per line."
                           )) from None
    if not isinstance(data, dict):
        raise BlockError(_("This records block is not valid: write one 'key: value' per line."))
    data = {str(key).strip(): value for key, value in data.items()}
    raw_namespace = data.get("ns") or data.get("namespace")
    if not raw_namespace:
        raise BlockError(_("This records block names no namespace: add a line such as "
                           "'ns: Schemes'."))
    namespace = canonical_namespace(str(raw_namespace))
    schema = s.schema_for(namespace) if namespace else None
    if schema is None:
        raise BlockError(_("%(namespace)s is not a namespace with fields.",
                           namespace=str(raw_namespace)[:60]))
    try:
        limit = int(data.get("limit", DEFAULT_LIMIT))
    except (TypeError, ValueError):
        raise BlockError(_("The limit must be a number from 1 to %(max)s.", max=MAX_LIMIT)
                         ) from None
    if not 1 <= limit <= MAX_LIMIT:
        raise BlockError(_("The limit must be a number from 1 to %(max)s.", max=MAX_LIMIT))
    fields = _names(data.get("fields"))
    unknown = [name for name in fields if schema.get(name) is None]
    if unknown:
        raise BlockError(_("Unknown field %(name)s.", name=unknown[0][:60]))
    space = data.get("space")
    if space not in (None, "", "all", "this"):
        raise BlockError(_("'space' may only be 'all' (every space you may read)."))
    args = {}
    for key, value in data.items():
        if key in OPTIONS and key not in ("sort", "q"):
            continue
        if isinstance(value, (dict,)):
            raise BlockError(_("The filter %(name)s needs a value or a list of values.",
                               name=key[:60]))
        values = value if isinstance(value, list) else [value]
        args[key] = [_scalar(v) for v in values if v is not None]
    args = {key: (values[0] if key in ("sort", "q") and values else values)
            for key, values in args.items()}
    return namespace, schema, args, limit, fields, space == "all"


def _scalar(value):
    if value is False:
        return "NO"  # YAML 1.1 reads the unquoted country code NO (Norway) as false
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def render_block(text, page):
    """The HTML (Markup) of one block for the current reader."""
    try:
        namespace, schema, args, limit, names, everywhere = parse_block(text)
        results = find_records(None if everywhere else page.space, namespace, current_user,
                               args, page=1, per_page=limit, strict=True, with_facets=False)
    except (BlockError, QueryError) as error:
        return Markup(render_template("wiki/_records_block_error.html", message=error.message,
                                      source=text))
    return Markup(render_template(
        "wiki/_records_block.html", results=results, namespace=namespace, args=args,
        fields=listed_fields(schema, names), lc=locale_code(), everywhere=everywhere,
        space=page.space))


def expand(html, page):
    """``html`` with every records block replaced by its live table."""
    html = html or ""
    if "language-records" not in html:
        return Markup(html)
    parts, last = [], 0
    for match in BLOCK.finditer(html):
        parts.append(Markup(html[last:match.start()]))
        parts.append(render_block(htmlmod.unescape(match.group(1)), page))
        last = match.end()
    parts.append(Markup(html[last:]))
    return Markup("").join(parts)
