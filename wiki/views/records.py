"""The index of a namespace with fields: a sortable table with a filter form
and facet counts, and the same query as CSV (``/ns/<Namespace>.csv``).

Everything is a GET link or a GET form, so it works with JavaScript off:
column headers are sort links, facet values are links that add a filter.
The index shows which filters it ignored; the CSV, like the API, answers 400
for an unknown field or a bad value rather than export unfiltered rows."""
import csv
import io

from flask import (Response, abort, current_app, g, redirect, render_template, request,
                   stream_with_context)
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from wiki.records import schema as s
from wiki.records.display import index_url, listed_fields, locale_code, plain
from wiki.records.queries import (QueryError, find_records, iter_records, parse_filters,
                                  parse_sort)
from wiki.titles import canonical_namespace
from wiki.urls import page_path
from wiki.views import bp

PER_PAGE = 50
#: Keys of the route itself, never carried into links.
ROUTE_KEYS = frozenset({"space_slug"})
#: A cell starting with one of these is a formula to a spreadsheet: quote it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FACET_LIMIT = 20


def current_args():
    return MultiDict([(key, value) for key, value in request.args.items(multi=True)
                      if key not in ROUTE_KEYS and not key.startswith("_")])


class Links:
    """URLs of this index with the query string changed (filters kept)."""

    def __init__(self, space, namespace, args, sort):
        self.space, self.namespace, self.args, self.sort = space, namespace, args, sort

    def with_args(self, drop_page=True, **changes):
        args = MultiDict(self.args)
        if drop_page:
            args.pop("page", None)
        for key, value in changes.items():
            args.pop(key, None)
            if value is not None:
                args.setlist(key, value if isinstance(value, list) else [value])
        return index_url(self.space, self.namespace, args)

    def sort_by(self, name):
        return self.with_args(sort=f"-{name}" if self.sort == name else name)

    def add(self, key, value):
        values = self.args.getlist(key)
        return self.with_args(**{key: values if value in values else values + [value]})

    def remove(self, key, value=None):
        values = [v for v in self.args.getlist(key) if value is not None and v != value]
        return self.with_args(**{key: values or None})

    def page(self, number):
        return self.with_args(drop_page=False, page=number)

    def csv(self):
        args = MultiDict(self.args)
        args.pop("page", None)
        return index_url(self.space, self.namespace, args, suffix=".csv")


def records_index(space, namespace, schema, page_number, layout=None):
    """``/ns/<Namespace>`` for a namespace with fields (list and plain layouts);
    the list layout keeps its tag and language filters."""
    from wiki import namespaces as ns
    from wiki.translations import LANGUAGES
    args = current_args()
    results = find_records(space, namespace, current_user, args, page=page_number,
                           per_page=PER_PAGE)
    links = Links(space, namespace, args, results.sort)
    active = {flt.key: [str(v) for v in flt.values] for flt in results.filters}
    return render_template(
        "wiki/ns_records.html", space=space, namespace=namespace, schema=schema,
        results=results, fields=listed_fields(schema), lc=locale_code(), links=links,
        args=args, active=active, facet_limit=FACET_LIMIT, page_path=page_path,
        faceted=[f for f in schema.fields if f.type in s.FACETED],
        tags=ns.tags_in(space, namespace, current_user) if layout == ns.LIST else None,
        languages=LANGUAGES)


def safe_cell(text):
    """Quote what a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_header(schema):
    names = ["title", "url"]
    for field in schema.fields:
        names.append(field.name)
        if field.type == s.INDICATOR:
            names += [f"{field.name}_year", f"{field.name}_source"]
    return names + ["updated_at"]


def csv_row(schema, spaces, base, row, values):
    space = spaces[row.space_id]
    cells = [safe_cell(row.title), base + page_path(space, f"{row.namespace}:{row.title}")]
    for field in schema.fields:
        value = values.get(field.name)
        text = plain(field, value)
        cells.append(text if field.type in s.RANGED else safe_cell(text))
        if field.type == s.INDICATOR:
            value = value or {}
            cells.append(str(value.get("year") or ""))
            cells.append(safe_cell(value.get("source") or ""))
    cells.append(row.updated_at.isoformat() + "Z" if row.updated_at else "")
    return cells


@bp.route("/ns/<namespace>.csv")
def namespace_csv(namespace):
    canonical = canonical_namespace(namespace)
    schema = s.schema_for(canonical) if canonical else None
    if schema is None:
        abort(404)
    if canonical != namespace:
        return redirect(index_url(g.space, canonical, current_args(), suffix=".csv"), 301)
    args = current_args()
    try:
        # Like the API: a filter that cannot be applied is refused, not dropped
        # (an unfiltered export would pass for a filtered one). Checked here,
        # before the response starts streaming.
        parse_filters(schema, args, strict=True)
        parse_sort(schema, args.get("sort"), strict=True)
    except QueryError as error:
        abort(400, error.message)
    space = g.space
    base = current_app.config["BASE_URL"].rstrip("/")
    spaces = {space.id: space}

    def generate():
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(csv_header(schema))
        for row, values in iter_records(space, canonical, current_user, args, strict=True):
            writer.writerow(csv_row(schema, spaces, base, row, values))
            if out.tell() > 32_768:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()

    filename = f"{canonical}.csv".replace(" ", "_")
    return Response(stream_with_context(generate()), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "X-Content-Type-Options": "nosniff"})
