"""The OpenAPI 3 description at /api/v1/openapi.json.

The core describes its own endpoints here; packages add theirs with
``add_paths`` from their ``init_app``."""
import copy

from flask import current_app, jsonify

from app.api import bp


def error_response(description):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def json_response(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def json_request(schema, required=True):
    return {"required": required, "content": {"application/json": {"schema": schema}}}


STRINGS = {"type": "array", "items": {"type": "string"}}
NULLABLE_STRING = {"type": ["string", "null"]}
VISIBILITY = {"type": "string", "enum": ["public", "members"]}

CORE_SCHEMAS = {
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {
            "type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
    },
    "User": {
        "type": "object", "required": ["username", "display_name", "role", "created_at"],
        "description": "A profile as the caller may see it: fields the person shows to "
                       "members only are empty for anonymous callers.",
        "properties": {
            "username": {"type": "string"}, "display_name": {"type": "string"},
            "country": {"type": ["string", "null"]}, "organisation": {"type": "string"},
            "bio": {"type": "string"}, "role": {"type": "string",
                                                "enum": ["member", "moderator", "admin"]},
            "created_at": {"type": "string", "format": "date-time"},
            "url": {"type": "string"}, "position": {"type": "string"},
            "languages": STRINGS, "expertise": STRINGS, "countries": STRINGS,
            "available_as_expert": {"type": "boolean"}, "cv_markdown": {"type": "string"},
            "cv_pdf_url": NULLABLE_STRING, "photo_url": NULLABLE_STRING,
            "photo_thumb_url": NULLABLE_STRING,
            "visibility": {"type": "object", "additionalProperties": VISIBILITY},
            "hide_online": {"type": "boolean"},
            "email": {"type": "string"}, "locale": {"type": ["string", "null"]}},
    },
    "ProfileUpdate": {
        "type": "object", "additionalProperties": False,
        "description": "The caller's own profile fields; languages are CLDR codes or names, "
                       "expertise tags match [a-z0-9-]{1,40}, countries are ISO 3166 alpha-2.",
        "properties": {
            "display_name": {"type": "string"}, "country": {"type": "string"},
            "organisation": {"type": "string"}, "position": {"type": "string"},
            "bio": {"type": "string"}, "cv_markdown": {"type": "string"},
            "languages": STRINGS, "expertise": STRINGS, "countries": STRINGS,
            "available_as_expert": {"type": "boolean"}, "hide_online": {"type": "boolean"},
            "visibility": {"type": "object", "additionalProperties": VISIBILITY}},
    },
}

CORE_PATHS = {
    "/tokens": {"post": {
        "summary": "Exchange a username (or e-mail) and password for a bearer token",
        "operationId": "createToken", "security": [],
        "requestBody": json_request({
            "type": "object", "required": ["username", "password"],
            "properties": {"username": {"type": "string"}, "password": {"type": "string"},
                           "name": {"type": "string"}}}),
        "responses": {
            "201": json_response("The new token (shown once)", {
                "type": "object", "required": ["token", "id", "name", "username"],
                "properties": {"token": {"type": "string"}, "id": {"type": "integer"},
                               "name": {"type": "string"}, "username": {"type": "string"}}}),
            "400": error_response("Malformed body"),
            "401": error_response("Wrong credentials"),
            "422": error_response("Missing fields"),
            "429": error_response("Too many attempts")}}},
    "/tokens/{token_id}": {"delete": {
        "summary": "Revoke one of the caller's tokens", "operationId": "revokeToken",
        "parameters": [{"name": "token_id", "in": "path", "required": True,
                        "schema": {"type": "integer"}}],
        "responses": {"204": {"description": "Revoked"},
                      "401": error_response("Not authenticated"),
                      "404": error_response("No such token of the caller")}}},
    "/users/{username}": {"get": {
        "summary": "A member's public profile", "operationId": "getUser",
        "parameters": [{"name": "username", "in": "path", "required": True,
                        "schema": {"type": "string"}}],
        "responses": {"200": json_response("The profile", {"$ref": "#/components/schemas/User"}),
                      "404": error_response("No such user")}},
        "patch": {
            "summary": "Change the caller's own profile", "operationId": "updateUser",
            "parameters": [{"name": "username", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "requestBody": json_request({"$ref": "#/components/schemas/ProfileUpdate"}),
            "responses": {
                "200": json_response("The profile", {"$ref": "#/components/schemas/User"}),
                "401": error_response("Not authenticated"),
                "403": error_response("Another person's profile"),
                "404": error_response("No such user"),
                "422": error_response("A field has a wrong value")}}},
    "/me": {"get": {
        "summary": "The caller's own profile", "operationId": "getMe",
        "responses": {"200": json_response("The profile", {"$ref": "#/components/schemas/User"}),
                      "401": error_response("Not authenticated")}}},
}


def add_paths(app, paths, schemas=None):
    """Let a package describe its endpoints."""
    spec = app.extensions.setdefault("konbit_openapi", {"paths": {}, "schemas": {}})
    for path, operations in paths.items():
        spec["paths"].setdefault(path, {}).update(operations)
    spec["schemas"].update(schemas or {})


HTTP_METHODS = {"get", "put", "post", "patch", "delete", "head", "options"}


def document():
    extra = current_app.extensions.get("konbit_openapi", {"paths": {}, "schemas": {}})
    paths = copy.deepcopy(CORE_PATHS)
    for path, operations in extra["paths"].items():
        paths.setdefault(path, {}).update(copy.deepcopy(operations))
    for operations in paths.values():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            # Any request may be refused before it reaches its endpoint (a NUL
            # character anywhere, a malformed body): document that everywhere.
            operation.setdefault("responses", {}).setdefault(
                "400", error_response("Malformed request"))
    return {
        "openapi": "3.1.0",
        "info": {"title": f"{current_app.config['SITE_NAME']} API", "version": "1",
                 "description": "Pages, revisions, search, workspaces, blogs and activity."},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "schemas": {**CORE_SCHEMAS, **extra["schemas"]},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}, {}],
        "paths": paths,
    }


@bp.route("/openapi.json")
def openapi_json():
    return jsonify(document())
