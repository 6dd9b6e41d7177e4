"""Search pages: ``/search`` (HTML), ``/api/v1/search`` (JSON) and
``/search/suggest`` (title completion for the header box).

Thin views: parse the request, ask the facade with the current reader (the
facade filters by what they may read inside the query), render."""
from urllib.parse import quote_plus, urlencode

from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user
from markupsafe import Markup, escape

from app import search as facade
from app.api import make_api_blueprint
from app.pagination import paging
from app.api.openapi import add_paths, error_response, json_response
from app.search.analysis import MARK_END, MARK_START

bp = Blueprint("search", __name__)
api_bp = make_api_blueprint("search_api", __name__)
FILTER_PARAMS = ("ns", "ws", "lang", "tag")
PER_PAGE = 20


def _page_number():
    return paging(request.args.get("page"), max_page=500)[0]


def _run():
    filters = {key: request.args.getlist(key) for key in FILTER_PARAMS}
    reader = current_user._get_current_object()
    return facade.search(reader, request.args.get("q", ""), filters=filters,
                         page=_page_number(), per_page=PER_PAGE)


def search_links():
    """``link(**changes)``: the current search's URL with some parameters changed
    (None removes one). The request's parameters are read and encoded once for the
    page's links (a results page has up to sixty facet links)."""
    current = {key: request.args.getlist(key) for key in ("q", *FILTER_PARAMS)}
    encoded = {key: urlencode([(key, v) for v in values if v])
               for key, values in current.items()}

    def link(**changes):
        parts = dict(encoded)
        for key, value in changes.items():
            parts[key] = f"{key}={quote_plus(str(value))}" if value else ""  # urlencode
        query = "&".join(part for part in parts.values() if part)
        return "/search" + ("?" + query if query else "")
    return link


@bp.route("/search")
def results():
    found = _run()
    active = {key: request.args.getlist(key) for key in FILTER_PARAMS}
    return render_template("search/results.html", results=found, q=request.args.get("q", ""),
                           active=active, search_link=search_links(), marked_html=marked_html)


@bp.route("/search/suggest")
def suggest():
    reader = current_user._get_current_object()
    return jsonify(facade.suggest_titles(reader, request.args.get("q", "")))


def marked_html(snippet):
    """A snippet (``Hit.snippet``) as HTML: the text escaped, the matches in ``<mark>``
    (escaping leaves the marks, control characters, as they are)."""
    return Markup(str(escape(snippet)).replace(MARK_START, "<mark>")
                  .replace(MARK_END, "</mark>"))


@api_bp.route("/search")
def api_search():
    found = _run()
    body = {
        "total": found.total,
        "page": found.page,
        "pages": found.pages,
        "results": [{
            "title": hit.title, "url": hit.url, "snippet": str(marked_html(hit.snippet)),
            "score": round(hit.score, 4), "namespace": hit.namespace or None,
            "workspace": hit.workspace or None, "language": hit.language,
            "kind": hit.kind,
            "updated_at": hit.updated_at.isoformat() + "Z" if hit.updated_at else None,
        } for hit in found.hits],
        "facets": {name: [{"value": v, "count": c} for v, c in counts]
                   for name, counts in found.facets.items()},
    }
    if found.suggestion:
        body["suggestion"] = found.suggestion
    return jsonify(body)


_PARAMS = [{"name": name, "in": "query", "required": False, "schema": {"type": kind},
            "description": text} for name, kind, text in (
    ("q", "string", "Words, \"phrases\", AND/OR/NOT, prefix*, filters ns: ws: tag: lang: "
                    "author:. Exclusions alone (NOT word, -word) match every document "
                    "without them, unranked. Malformed input is read as plain words, "
                    "excluded words still excluded."),
    ("ns", "string", "Namespace"), ("ws", "string", "Workspace slug ('commons' for the commons)"),
    ("lang", "string", "Content language: en, fr, es or pt"), ("tag", "string", "Tag"),
    ("page", "integer", "Page number, from 1"))]

SCHEMAS = {
    "SearchResults": {
        "type": "object", "required": ["total", "results"],
        "properties": {
            "total": {"type": "integer"}, "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "results": {"type": "array", "items": {
                "type": "object",
                "required": ["title", "url", "snippet", "score", "namespace", "workspace"],
                "properties": {
                    "title": {"type": "string"}, "url": {"type": "string"},
                    "snippet": {"type": "string",
                                "description": "HTML: escaped text, matches in <mark>"},
                    "score": {"type": "number"},
                    "namespace": {"type": ["string", "null"]},
                    "workspace": {"type": ["string", "null"]},
                    "language": {"type": "string"}, "kind": {"type": "string"},
                    "updated_at": {"type": ["string", "null"], "format": "date-time"}}}},
            "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {
                "type": "object", "properties": {"value": {"type": "string"},
                                                 "count": {"type": "integer"}}}}},
            "suggestion": {"type": "string", "description": "Did you mean"}},
    },
}

PATHS = {"/search": {"get": {
    "summary": "Full-text search of what the caller may read", "operationId": "search",
    "parameters": _PARAMS,
    "responses": {"200": json_response("Results, facet counts and a spelling suggestion",
                                       {"$ref": "#/components/schemas/SearchResults"}),
                  "401": error_response("Unknown bearer token")}}}}


def init_app(app):
    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    add_paths(app, PATHS, SCHEMAS)
