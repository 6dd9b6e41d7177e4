"""The OpenAPI description of the workspaces API (added to /api/v1/openapi.json)."""
from app.api.openapi import error_response, json_request, json_response

SLUG = r"^[a-z0-9][a-z0-9-]{1,39}$"
DATE = {"type": "string", "format": "date-time"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date-time"}
ROLE = {"type": "string", "enum": ["owner", "editor", "viewer"]}
VISIBILITY = {"type": "string", "enum": ["public", "private"]}
JOIN_POLICY = {"type": "string", "enum": ["invite", "request", "open"]}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def array_of(name):
    return {"type": "array", "items": ref(name)}


SCHEMAS = {
    "Workspace": {
        "type": "object",
        "required": ["slug", "name", "description", "visibility", "join_policy", "created_at",
                     "last_activity_at", "url"],
        "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"},
            "description": {"type": "string"}, "visibility": VISIBILITY,
            "join_policy": JOIN_POLICY, "created_at": DATE, "last_activity_at": DATE,
            "member_count": {"type": "integer"}, "url": {"type": "string"}},
    },
    "WorkspaceCreate": {
        "type": "object", "required": ["slug", "name"], "additionalProperties": False,
        "properties": {
            "slug": {"type": "string", "pattern": SLUG}, "name": {"type": "string"},
            "description": {"type": "string"}, "visibility": VISIBILITY,
            "join_policy": JOIN_POLICY},
    },
    "WorkspaceUpdate": {
        "type": "object", "additionalProperties": False,
        "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"},
            "description": {"type": "string"}, "visibility": VISIBILITY,
            "join_policy": JOIN_POLICY},
    },
    "Member": {
        "type": "object", "required": ["username", "display_name", "role", "joined_at"],
        "properties": {"username": {"type": "string"}, "display_name": {"type": "string"},
                       "role": ROLE, "joined_at": DATE},
    },
    "MemberAdd": {
        "type": "object",
        "properties": {"username": {"type": "string"}, "role": ROLE,
                       "message": {"type": "string"}},
    },
    "MemberAdded": {
        "type": "object", "required": ["username", "role", "status"],
        "properties": {"username": {"type": "string"}, "role": ROLE,
                       "status": {"type": "string", "enum": ["invited", "member", "requested"]}},
    },
    "MemberUpdate": {
        "type": "object", "required": ["role"], "properties": {"role": ROLE},
    },
    "Post": {
        "type": "object",
        "required": ["slug", "title", "body", "html", "tags", "status", "author", "published_at",
                     "created_at", "updated_at", "rev", "url"],
        "properties": {
            "slug": {"type": "string"}, "title": {"type": "string"},
            "body": {"type": "string"}, "html": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "status": {"type": "string", "enum": ["draft", "published"]},
            "author": {"type": ["string", "null"]}, "published_at": NULLABLE_DATE,
            "created_at": DATE, "updated_at": DATE, "rev": {"type": "integer"},
            "url": {"type": "string"}, "comment_count": {"type": "integer"}},
    },
    "PostWrite": {
        "type": "object", "additionalProperties": False,
        "properties": {
            "slug": {"type": "string"}, "title": {"type": "string"}, "body": {"type": "string"},
            "tags": {"oneOf": [{"type": "array", "items": {"type": "string"}},
                               {"type": "string"}]},
            "status": {"type": "string", "enum": ["draft", "published"]}},
    },
    "Comment": {
        "type": "object", "required": ["id", "author", "body", "html", "created_at"],
        "properties": {"id": {"type": "integer"}, "author": {"type": ["string", "null"]},
                       "body": {"type": "string"}, "html": {"type": "string"},
                       "created_at": DATE},
    },
    "CommentCreate": {
        "type": "object", "required": ["body"], "properties": {"body": {"type": "string"}},
    },
}


def path_param(name):
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def query_param(name, kind="string"):
    return {"name": name, "in": "query", "required": False, "schema": {"type": kind}}


PAGING = [query_param("page", "integer"), query_param("per_page", "integer")]
SPACE = [path_param("slug")]
POST = SPACE + [path_param("post")]
MEMBER = SPACE + [path_param("username")]

E400 = error_response("Malformed body")
E401 = error_response("Authentication needed")
E403 = error_response("The caller may read this but not do that")
E404 = error_response("Not found, or not readable by the caller")
E409 = error_response("Conflicts with the current state")
E422 = error_response("Unusable input")
E429 = error_response("Too many writes lately (new accounts)")


def _writes(ok, *extra):
    responses = {"400": E400, "401": E401, "403": E403, "404": E404, "422": E422}
    responses.update(ok)
    for code in extra:
        responses[code] = E409
    return responses


PATHS = {
    "/workspaces": {
        "get": {"summary": "Workspaces the caller may read, most active first",
                "operationId": "listWorkspaces", "parameters": PAGING + [query_param("q")],
                "responses": {"200": json_response("Workspaces", array_of("Workspace"))}},
        "post": {"summary": "Create a workspace; the caller is its owner",
                 "operationId": "createWorkspace",
                 "requestBody": json_request(ref("WorkspaceCreate")),
                 "responses": {"201": json_response("The workspace", ref("Workspace")),
                               "400": E400, "401": E401, "409": E409, "422": E422}},
    },
    "/workspaces/{slug}": {
        "parameters": SPACE,
        "get": {"summary": "A workspace", "operationId": "getWorkspace",
                "responses": {"200": json_response("The workspace", ref("Workspace")),
                              "404": E404}},
        "patch": {"summary": "Change a workspace's settings (owners)",
                  "operationId": "updateWorkspace",
                  "requestBody": json_request(ref("WorkspaceUpdate")),
                  "responses": _writes({"200": json_response("The workspace",
                                                             ref("Workspace"))})},
        "delete": {"summary": "Delete a workspace (owners; admins can restore it)",
                   "operationId": "deleteWorkspace",
                   "responses": {"204": {"description": "Deleted"}, "401": E401, "403": E403,
                                 "404": E404, "409": E409}},
    },
    "/workspaces/{slug}/members": {
        "parameters": SPACE,
        "get": {"summary": "Members and their roles", "operationId": "listMembers",
                "responses": {"200": json_response("Members", array_of("Member")),
                              "404": E404}},
        "post": {"summary": "An owner invites a user; a user joins (open) or asks to join",
                 "operationId": "addMember", "requestBody": json_request(ref("MemberAdd")),
                 "responses": _writes({"201": json_response("What happened",
                                                            ref("MemberAdded"))}, "409")},
    },
    "/workspaces/{slug}/members/{username}": {
        "parameters": MEMBER,
        "get": {"summary": "One member", "operationId": "getMember",
                "responses": {"200": json_response("The member", ref("Member")),
                              "404": E404}},
        "patch": {"summary": "Change a member's role (owners); the last owner stays owner",
                  "operationId": "updateMember", "requestBody": json_request(ref("MemberUpdate")),
                  "responses": _writes({"200": json_response("The member", ref("Member"))},
                                       "409")},
        "delete": {"summary": "Remove a member (owners) or leave (oneself)",
                   "operationId": "removeMember",
                   "responses": {"204": {"description": "Removed"}, "401": E401, "403": E403,
                                 "404": E404, "409": E409}},
    },
    "/w/{slug}/posts": {
        "parameters": SPACE,
        "get": {"summary": "Blog posts the caller may read, newest first",
                "operationId": "listPosts", "parameters": PAGING + [query_param("tag")],
                "responses": {"200": json_response("Posts", array_of("Post")), "404": E404}},
        "post": {"summary": "Write a post (editors and owners)", "operationId": "createPost",
                 "requestBody": json_request(ref("PostWrite")),
                 "responses": {**_writes({"201": json_response("The post", ref("Post"))},
                                         "409"), "429": E429}},
    },
    "/w/{slug}/posts/{post}": {
        "parameters": POST,
        "get": {"summary": "A post", "operationId": "getPost",
                "responses": {"200": json_response("The post", ref("Post")), "404": E404}},
        "patch": {"summary": "Edit a post (a new revision)", "operationId": "updatePost",
                  "requestBody": json_request(ref("PostWrite")),
                  "responses": {**_writes({"200": json_response("The post", ref("Post"))},
                                          "409"), "429": E429}},
        "delete": {"summary": "Delete a post (its author or the owners)",
                   "operationId": "deletePost",
                   "responses": {"204": {"description": "Deleted"}, "401": E401, "403": E403,
                                 "404": E404, "409": E409}},
    },
    "/w/{slug}/posts/{post}/comments": {
        "parameters": POST,
        "get": {"summary": "A post's comments, oldest first", "operationId": "listComments",
                "responses": {"200": json_response("Comments", array_of("Comment")),
                              "404": E404}},
        "post": {"summary": "Comment on a post (any signed-in reader)",
                 "operationId": "addComment", "requestBody": json_request(ref("CommentCreate")),
                 "responses": {**_writes({"201": json_response("The comment",
                                                               ref("Comment"))}),
                               "429": E429}},
    },
}
