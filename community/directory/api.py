"""GET /api/v1/people: the directory in JSON, with the same filters and the
same rule as the page (only what the caller may see is searched and shown)."""
from flask import jsonify, request
from flask_login import current_user

from app.api import make_api_blueprint
from app.api.openapi import json_response
from app.api.users import profile_json
from app.pagination import paging
from community.directory import queries
from community.directory.views import clean_filters

api_bp = make_api_blueprint("directory_api", __name__)

#: The fields of a profile a directory entry carries (the CV and bio stay on the profile).
LIST_FIELDS = ("username", "display_name", "url", "country", "organisation", "position",
               "languages", "expertise", "countries", "available_as_expert", "photo_thumb_url")


@api_bp.route("/people")
def people():
    page, per_page = paging(request.args.get("page"), request.args.get("per_page"),
                            default=queries.PER_PAGE)
    listing = queries.members(current_user, page=page, per_page=per_page,
                              **clean_filters(request.args))
    results = []
    for person in listing.items:
        body = profile_json(person, current_user)
        results.append({name: body[name] for name in LIST_FIELDS})
    return jsonify({"total": listing.total, "page": listing.page, "per_page": listing.per_page,
                    "results": results})


def _query(name, description, schema=None):
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


STRINGS = {"type": "array", "items": {"type": "string"}}
SCHEMAS = {
    "Person": {
        "type": "object", "required": ["username", "display_name", "url"],
        "properties": {
            "username": {"type": "string"}, "display_name": {"type": "string"},
            "url": {"type": "string"}, "country": {"type": ["string", "null"]},
            "organisation": {"type": "string"}, "position": {"type": "string"},
            "languages": STRINGS, "expertise": STRINGS, "countries": STRINGS,
            "available_as_expert": {"type": "boolean"},
            "photo_thumb_url": {"type": ["string", "null"]}},
    },
}
PATHS = {
    "/people": {"get": {
        "summary": "The member directory (the expert database with experts=1)",
        "operationId": "listPeople",
        "parameters": [
            _query("q", "Words in a name, username, organisation, position or bio"),
            _query("country", "ISO 3166 alpha-2: home country or a country of experience"),
            _query("expertise", "An expertise tag"),
            _query("language", "A language code (fr, ht, wo...)"),
            _query("experts", "1: only members available as experts"),
            _query("page", "Page number", {"type": "integer", "minimum": 1}),
            _query("per_page", "Entries per page (at most 100)",
                   {"type": "integer", "minimum": 1, "maximum": 100})],
        "responses": {"200": json_response("One page of members", {
            "type": "object", "required": ["total", "results"],
            "properties": {"total": {"type": "integer"}, "page": {"type": "integer"},
                           "per_page": {"type": "integer"},
                           "results": {"type": "array",
                                       "items": {"$ref": "#/components/schemas/Person"}}}})}}},
}
