"""The records API: ``GET /api/v1/records/<Namespace>?<filters>`` (and under
``/api/v1/w/<slug>/``), the same query as the namespace index, and
``/records/<Namespace>/schema``, the namespace's fields.

Unlike the HTML index, the API refuses what it does not understand: an
unknown field or a bad filter value is 400 (``unknown_field``, ``bad_value``)."""
from flask import abort, g, jsonify, request
from flask_login import current_user

from app.errors import json_error
from wiki.api import api_bp
from wiki.api_pages import iso, positive_int
from wiki.records import schema as s
from wiki.records.display import json_value, locale_code
from wiki.records.queries import MAX_PER_PAGE, QueryError, find_records
from wiki.titles import canonical_namespace
from wiki.urls import page_path

DEFAULT_PER_PAGE = 50


def record_schema(raw):
    """(namespace, schema); 404 when the namespace is unknown or has no fields."""
    namespace = canonical_namespace(raw)
    schema = s.schema_for(namespace) if namespace else None
    if schema is None:
        abort(404, "No such namespace with fields.")
    return namespace, schema


def record_json(record):
    page = record.page
    return {"title": page.full_title, "url": page_path(page.space, page),
            "workspace": None if page.space.is_commons else page.space.slug,
            "fields": {name: json_value(value) for name, value in record.values.items()},
            "updated_at": iso(page.updated_at)}


@api_bp.route("/records/<namespace>")
def list_records(namespace):
    namespace, _schema = record_schema(namespace)
    page = positive_int("page", 1)
    per_page = positive_int("per_page", DEFAULT_PER_PAGE)
    if per_page > MAX_PER_PAGE:
        abort(400, f"per_page must be at most {MAX_PER_PAGE}.")
    try:
        results = find_records(g.space, namespace, current_user, request.args, page=page,
                               per_page=per_page, strict=True)
    except QueryError as error:
        return json_error(400, error.message, code=error.code, field=error.field)
    return jsonify({
        "total": results.total, "page": results.page, "per_page": results.per_page,
        "sort": results.sort,
        "records": [record_json(r) for r in results.records],
        "facets": {name: [{"value": value, "count": count} for value, count in counts]
                   for name, counts in results.facets.items()},
    })


@api_bp.route("/records/<namespace>/schema")
def records_schema(namespace):
    namespace, schema = record_schema(namespace)
    lc = locale_code()
    return jsonify({"namespace": namespace, "fields": [{
        "name": f.name, "type": f.type, "label": f.label(lc), "labels": f.labels,
        "required": f.required, "listed": f.listed,
        "choices": [{"value": c.value, "label": c.label(lc)} for c in f.choices],
    } for f in schema.fields]})


# --- the OpenAPI description ----------------------------------------------------

REF = "#/components/schemas/"
SCHEMAS = {
    "RecordList": {
        "type": "object", "required": ["total", "page", "per_page", "records", "facets"],
        "properties": {
            "total": {"type": "integer"}, "page": {"type": "integer"},
            "per_page": {"type": "integer"}, "sort": {"type": "string"},
            "records": {"type": "array", "items": {
                "type": "object", "required": ["title", "url", "fields", "updated_at"],
                "properties": {
                    "title": {"type": "string"}, "url": {"type": "string"},
                    "workspace": {"type": ["string", "null"]},
                    "fields": {"type": "object", "description": "Field values: strings, "
                               "numbers, ISO dates, lists (multi, tags) or {value, year, "
                               "source} (indicator)."},
                    "updated_at": {"type": ["string", "null"], "format": "date-time"}}}},
            "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {
                "type": "object", "required": ["value", "count"],
                "properties": {"value": {"type": "string"}, "count": {"type": "integer"}}}}}},
    },
    "RecordSchema": {
        "type": "object", "required": ["namespace", "fields"],
        "properties": {
            "namespace": {"type": "string"},
            "fields": {"type": "array", "items": {
                "type": "object", "required": ["name", "type", "label", "required", "choices"],
                "properties": {
                    "name": {"type": "string"},
                    "type": {"type": "string", "enum": list(s.TYPES)},
                    "label": {"type": "string"}, "labels": {"type": "object"},
                    "required": {"type": "boolean"}, "listed": {"type": "boolean"},
                    "choices": {"type": "array", "items": {
                        "type": "object", "required": ["value", "label"],
                        "properties": {"value": {"type": "string"},
                                       "label": {"type": "string"}}}}}}}},
    },
}
FILTERS = ("Filters: `<field>=<value>` (repeat for any of several values), "
           "`<field>_min` and `<field>_max` for number, year, date and indicator fields. "
           "An unknown field or a bad value is 400.")


def _operations(prefix, suffix, extra):
    from app.api.openapi import error_response, json_response
    namespace = {"name": "namespace", "in": "path", "required": True,
                 "schema": {"type": "string"}, "description": "A namespace with fields"}

    def query(name, schema, description):
        return {"name": name, "in": "query", "required": False, "schema": schema,
                "description": description}

    errors = {"400": error_response("Unknown field or bad filter value"),
              "404": error_response("No such namespace with fields (or workspace)")}
    return {
        f"{prefix}/records/{{namespace}}": {"get": {
            "summary": "Records of a namespace, filtered, sorted, with facet counts",
            "description": FILTERS, "operationId": f"listRecords{suffix}",
            "parameters": extra + [
                namespace, query("q", {"type": "string"}, "Title contains"),
                query("sort", {"type": "string"},
                      "A field, title or updated; a leading - sorts descending"),
                query("page", {"type": "integer", "minimum": 1}, "Page number"),
                query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                      "Records per page")],
            "responses": {"200": json_response("Records", {"$ref": REF + "RecordList"}),
                          **errors}}},
        f"{prefix}/records/{{namespace}}/schema": {"get": {
            "summary": "The fields of a namespace", "operationId": f"recordSchema{suffix}",
            "parameters": extra + [namespace],
            "responses": {"200": json_response("Fields", {"$ref": REF + "RecordSchema"}),
                          **errors}}},
    }


def register(app):
    from app.api.openapi import add_paths
    slug = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
    add_paths(app, {**_operations("", "", []), **_operations("/w/{slug}", "InWorkspace", [slug])},
              SCHEMAS)
