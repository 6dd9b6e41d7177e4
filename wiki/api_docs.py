"""The pages API in the OpenAPI document (``/api/v1/openapi.json``).

Each operation exists twice: for the commons (``/pages/...``) and for a
workspace (``/w/{slug}/pages/...``)."""
from app.api.openapi import error_response, json_request, json_response

REF = "#/components/schemas/"
STRING_OR_NULL = {"type": ["string", "null"]}

SCHEMAS = {
    "WikiPage": {
        "type": "object",
        "required": ["title", "namespace", "workspace", "rev", "body", "html", "language",
                     "tags", "updated_at", "author"],
        "properties": {
            "title": {"type": "string"}, "namespace": {"type": "string"},
            "workspace": STRING_OR_NULL, "rev": {"type": "integer"},
            "body": {"type": "string"}, "html": {"type": "string"},
            "language": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}},
            "updated_at": {"type": ["string", "null"], "format": "date-time"},
            "author": STRING_OR_NULL, "protected": {"type": "boolean"},
            "url": {"type": "string"}, "redirect_to": STRING_OR_NULL,
            "deleted": {"type": "boolean"},
            "created": {"type": "boolean"}, "merged": {"type": "boolean"},
            "saved": {"type": "boolean"}},
    },
    "WikiPageSave": {
        "type": "object", "required": ["body"],
        "properties": {
            "body": {"type": "string"},
            "summary": {"type": "string", "maxLength": 500},
            "base_rev": {"type": ["integer", "null"], "minimum": 0,
                         "description": "The revision the edit started from "
                                        "(null for a new page)."},
            "minor": {"type": "boolean"},
            "tags": {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9-]{1,40}$"}},
            "language": {"type": "string", "enum": ["en", "fr", "es", "pt"]}},
    },
    "WikiEditConflict": {
        "type": "object", "required": ["error", "current_rev", "current_body", "your_body"],
        "properties": {
            "error": {"type": "object", "required": ["code", "message"],
                      "properties": {"code": {"type": "string"},
                                     "message": {"type": "string"}}},
            "current_rev": {"type": "integer"},
            "current_body": {"type": "string"}, "your_body": {"type": "string"},
            "conflicted_body": {"type": "string",
                                "description": "Both versions with the conflicts marked."}},
    },
    "WikiRevision": {
        "type": "object", "required": ["rev", "author", "summary", "minor", "created_at", "size"],
        "properties": {
            "rev": {"type": "integer"}, "author": STRING_OR_NULL, "summary": {"type": "string"},
            "minor": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time"},
            "size": {"type": "integer"}, "size_delta": {"type": "integer"},
            "title": {"type": "string"}},
    },
    "WikiDiff": {
        "type": "object", "required": ["from", "to", "unified", "hunks"],
        "properties": {
            "from": {"type": "integer"}, "to": {"type": "integer"},
            "added": {"type": "integer"}, "removed": {"type": "integer"},
            "unified": {"type": "string"},
            "hunks": {"type": "array", "items": {
                "type": "object",
                "required": ["old_start", "old_lines", "new_start", "new_lines", "lines"],
                "properties": {
                    "old_start": {"type": "integer"}, "old_lines": {"type": "integer"},
                    "new_start": {"type": "integer"}, "new_lines": {"type": "integer"},
                    "lines": {"type": "array", "items": {
                        "type": "object", "required": ["op", "text"],
                        "properties": {"op": {"type": "string", "enum": [" ", "-", "+"]},
                                       "text": {"type": "string"}}}}}}}},
    },
    "WikiPageListItem": {
        "type": "object", "required": ["title", "namespace", "workspace", "rev"],
        "properties": {
            "title": {"type": "string"}, "namespace": {"type": "string"},
            "workspace": STRING_OR_NULL, "rev": {"type": "integer"},
            "updated_at": {"type": ["string", "null"], "format": "date-time"},
            "language": {"type": "string"}},
    },
}

TITLE = {"name": "title", "in": "path", "required": True,
         "description": "Namespace:Title, spaces as underscores", "schema": {"type": "string"}}
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}


def _int_query(name, description):
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": {"type": "integer", "minimum": 1}}


def _errors(*codes):
    texts = {400: "Invalid title or parameter", 401: "Not authenticated",
             403: "Readable but not allowed", 404: "No such page (or not readable)",
             405: "Method not allowed", 409: "Conflict", 413: "Too large",
             422: "Invalid fields", 429: "Too many writes lately (new accounts)"}
    return {str(code): error_response(texts[code]) for code in codes}


def _operations(prefix, tag_id, extra):
    page = f"{prefix}/pages/{{title}}"
    ref = {"$ref": REF + "WikiPage"}
    return {
        f"{prefix}/pages": {"get": {
            "summary": "List page titles", "operationId": f"listPages{tag_id}",
            "parameters": extra + [
                {"name": "ns", "in": "query", "required": False, "schema": {"type": "string"}},
                {"name": "prefix", "in": "query", "required": False,
                 "schema": {"type": "string"}}],
            "responses": {"200": json_response("Titles", {
                "type": "array", "items": {"$ref": REF + "WikiPageListItem"}}),
                **_errors(400, 404)}}},
        page: {
            "get": {
                "summary": "A page (its current or an old revision)",
                "operationId": f"getPage{tag_id}",
                "parameters": extra + [TITLE, _int_query("rev", "An old revision")],
                "responses": {"200": json_response("The page", ref), **_errors(400, 404, 405)}},
            "put": {
                "summary": "Create or edit a page", "operationId": f"putPage{tag_id}",
                "parameters": extra + [TITLE],
                "requestBody": json_request({"$ref": REF + "WikiPageSave"}),
                "responses": {
                    "200": json_response("Saved (or unchanged)", ref),
                    "201": json_response("Created", ref),
                    "409": json_response("Edit conflict", {"$ref": REF + "WikiEditConflict"}),
                    **_errors(400, 401, 403, 404, 405, 413, 422, 429)}},
            "delete": {
                "summary": "Soft-delete a page (managers)", "operationId": f"deletePage{tag_id}",
                "parameters": extra + [TITLE],
                "responses": {"204": {"description": "Deleted"},
                              **_errors(400, 401, 403, 404, 405)}},
        },
        f"{page}/revisions": {"get": {
            "summary": "A page's revisions, newest first (Link header for paging)",
            "operationId": f"listRevisions{tag_id}",
            "parameters": extra + [TITLE, _int_query("page", "Page number"),
                                   _int_query("per_page", "At most 200")],
            "responses": {"200": json_response("Revisions", {
                "type": "array", "items": {"$ref": REF + "WikiRevision"}}),
                **_errors(400, 404)}}},
        f"{page}/diff": {"get": {
            "summary": "Differences between two revisions", "operationId": f"diffPage{tag_id}",
            "parameters": extra + [TITLE, _int_query("from", "Old revision"),
                                   _int_query("to", "New revision")],
            "responses": {"200": json_response("The diff", {"$ref": REF + "WikiDiff"}),
                          **_errors(400, 404)}}},
    }


def paths():
    return {**_operations("", "", []), **_operations("/w/{slug}", "InWorkspace", [SLUG])}


def register(app):
    from app.api.openapi import add_paths
    add_paths(app, paths(), SCHEMAS)
