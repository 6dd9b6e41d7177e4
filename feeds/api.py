"""``GET /api/v1/recent``: activity entries as JSON, with /recent's filters.

Entries are structured (verb, actor, object, data) plus the sentence in the
caller's language; ``next`` is the ``before`` value of the following page."""
from flask import jsonify
from flask_login import current_user

from app import policy
from app.api import make_api_blueprint
from app.api.openapi import add_paths, error_response, json_response
from app.timeutil import aware
from app.urls import absolute_url
from feeds.render import activity_path, sentence
from feeds.views.common import parse_before, parse_limit
from feeds.views.html import recent_filters

api_bp = make_api_blueprint("feeds_api", __name__)


def entry_json(activity):
    space = activity.space
    return {
        "id": activity.id, "verb": activity.verb,
        "actor": activity.actor.username if activity.actor is not None else None,
        "workspace": None if space is None or space.is_commons else space.slug,
        "namespace": activity.namespace, "object_type": activity.object_type,
        "object_id": activity.object_id, "title": activity.title, "minor": activity.minor,
        "data": activity.data or {}, "text": sentence(activity),
        "url": absolute_url(activity_path(activity)),
        "created_at": aware(activity.created_at).isoformat(),
    }


@api_bp.route("/recent")
def recent():
    reader = current_user if policy.can_write_anything(current_user) else None
    stream, _filters = recent_filters(reader)
    limit = parse_limit()
    rows = stream.rows(limit + 1, before=parse_before())
    more = rows[limit - 1].id if len(rows) > limit else None
    return jsonify({"entries": [entry_json(a) for a in rows[:limit]], "next": more})


ENTRY = {
    "type": "object",
    "required": ["id", "verb", "actor", "title", "url", "created_at", "text"],
    "properties": {
        "id": {"type": "integer"}, "verb": {"type": "string", "example": "page.edited"},
        "actor": {"type": ["string", "null"]}, "workspace": {"type": ["string", "null"]},
        "namespace": {"type": ["string", "null"]}, "object_type": {"type": "string"},
        "object_id": {"type": ["integer", "null"]}, "title": {"type": "string"},
        "minor": {"type": "boolean"}, "data": {"type": "object"},
        "text": {"type": "string"}, "url": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"}},
}


def _query(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}


PATHS = {"/recent": {"get": {
    "summary": "Recent activity the caller may read, newest first",
    "operationId": "listRecent",
    "parameters": [
        _query("ns", "Only this namespace", {"type": "string"}),
        _query("ws", "Only this workspace (slug)", {"type": "string"}),
        _query("user", "Only this person's changes (username)", {"type": "string"}),
        _query("minor", "0 hides minor edits", {"type": "string", "enum": ["0", "1"]}),
        _query("limit", "Entries per page (1 to 200, default 50)", {"type": "integer"}),
        _query("before", "The `next` value of the previous page", {"type": "integer"}),
    ],
    "responses": {
        "200": json_response("Activity entries", {
            "type": "object", "required": ["entries", "next"],
            "properties": {
                "entries": {"type": "array",
                            "items": {"$ref": "#/components/schemas/ActivityEntry"}},
                "next": {"type": ["integer", "null"]}}}),
        "400": error_response("A malformed parameter"),
        "404": error_response("An unknown or unreadable namespace, workspace or person"),
    }}}}


def init_app(app):
    app.register_blueprint(api_bp)
    add_paths(app, PATHS, {"ActivityEntry": ENTRY})
