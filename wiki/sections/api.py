"""``GET /api/v1/glossary/<title>``: one glossary term, for the tooltip script
and for scripts. ``?ws=<slug>`` reads a workspace's glossary. What the caller
may not read is 404, exactly like what does not exist."""
from flask import abort, jsonify, request
from flask_babel import get_locale
from flask_login import current_user

from app import policy
from app.api import make_api_blueprint
from app.spaces.services import commons, space_by_slug
from wiki import queries
from wiki.pageurls import check_title
from wiki.sections.glossary import NAMESPACE, term_json
from wiki.titles import TitleError, parse

api_bp = make_api_blueprint("sections_api", __name__)


def readable_term(raw_title, slug):
    space = commons() if not slug else space_by_slug(slug[:40])
    if space is None or not policy.can_read(current_user, space):
        abort(404, "No such workspace.")
    try:
        title = check_title(parse(raw_title, default_namespace=NAMESPACE))
    except TitleError as error:
        abort(400, str(error.message))
    if title.namespace != NAMESPACE:
        abort(404, "No such glossary term.")
    page = queries.readable_page(space, title, current_user)
    if page is not None and page.redirect_to_id and page.redirect_to is not None:
        page = page.redirect_to if policy.can_read(current_user, page.redirect_to) else None
    if page is None or page.current_revision_id is None or page.namespace != NAMESPACE:
        abort(404, "No such glossary term.")
    return page


@api_bp.route("/glossary/<path:title>")
def glossary_term(title):
    page = readable_term(title, request.args.get("ws"))
    return jsonify(term_json(page, str(get_locale() or "en")))


STRING_OR_NULL = {"type": ["string", "null"]}
SCHEMAS = {
    "GlossaryTerm": {
        "type": "object", "required": ["title", "term", "equivalents", "definition", "url"],
        "properties": {
            "title": {"type": "string", "description": "The page's full title"},
            "term": {"type": "string", "description": "The term in the reader's language "
                                                      "(the page title when it has none)"},
            "equivalents": {"type": "object", "required": ["en", "fr", "es", "pt"],
                            "properties": {lang: STRING_OR_NULL
                                           for lang in ("en", "fr", "es", "pt")}},
            "definition": {"type": "string", "description": "The first paragraph, plain text"},
            "url": {"type": "string"}},
    },
}


def paths():
    from app.api.openapi import error_response, json_response
    return {"/glossary/{title}": {"get": {
        "summary": "A glossary term: its equivalents in four languages and short definition",
        "operationId": "getGlossaryTerm",
        "parameters": [
            {"name": "title", "in": "path", "required": True,
             "description": "The term's page title, with or without \"Glossary:\"",
             "schema": {"type": "string"}},
            {"name": "ws", "in": "query", "required": False,
             "description": "A workspace's slug: read its glossary instead of the commons'",
             "schema": {"type": "string"}}],
        "responses": {
            "200": json_response("The term", {"$ref": "#/components/schemas/GlossaryTerm"}),
            "400": error_response("Invalid title"),
            "404": error_response("No such term (or not readable)")}}}}


def register(app):
    from app.api.openapi import add_paths
    add_paths(app, paths(), SCHEMAS)
    app.register_blueprint(api_bp)
