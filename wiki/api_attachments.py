"""The API for a page's files: ``/api/v1/pages/<title>/attachments`` (and the
same under ``/api/v1/w/<slug>/``). Same rules as the HTML views: read follows
the page (404 otherwise), upload needs ``can_edit``."""
from flask import abort, current_app, g, jsonify, request
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from app import policy
from app.api import require_user
from app.api.openapi import error_response, json_response
from app.extensions import db
from app.urls import absolute_url
from wiki import attachments as files
from wiki.api import api_bp
from wiki.queries import get_page_or_404
from wiki.pageurls import title_or_400


def _page(raw_title):
    return get_page_or_404(g.space, title_or_400(raw_title), current_user)


def version_json(page, attachment, version):
    return {
        "version": version.number, "size": version.size, "content_type": version.content_type,
        "sha256": version.sha256, "comment": version.comment,
        "uploader": version.uploader.username if version.uploader else None,
        "created_at": version.created_at.isoformat() + "Z",
        "url": absolute_url(files.attachment_path(page, attachment.name,
                                                  version=version.number)),
    }


def attachment_json(page, attachment):
    return {
        "name": attachment.name,
        "url": absolute_url(files.attachment_path(page, attachment.name)),
        "versions": [version_json(page, attachment, v) for v in attachment.versions],
    }


@api_bp.route("/pages/<path:title>/attachments", methods=["GET", "POST"])
def page_attachments(title):
    page = _page(title)
    if request.method == "GET":
        return jsonify([attachment_json(page, a) for a in files.attachments_of(page)])
    user = require_user()
    if not policy.can_edit(user, page):
        abort(403, "You may not upload files to this page.")
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    try:
        upload = request.files.get("file")
        comment = request.form.get("comment", "")
    except RequestEntityTooLarge:
        abort(413, f"The file is larger than {limit} bytes.")
    if upload is None or not upload.filename:
        abort(400, "Send the file as multipart/form-data in the field 'file'.")
    try:
        version = files.attach_file(page, upload.filename, upload.stream, user,
                                    comment=comment, content_type=upload.mimetype)
    except files.AttachmentError as error:
        db.session.rollback()
        if error.code == "too-large":
            abort(413, f"The file is larger than {limit} bytes.")
        abort(error.status, error.message)
    db.session.commit()
    attachment = files.find_attachment(page, files.sanitise_name(upload.filename))
    body = attachment_json(page, attachment)
    body["uploaded"] = version_json(page, attachment, version)
    return jsonify(body), 201


@api_bp.route("/pages/<path:title>/attachments/<name>")
def page_attachment(title, name):
    from wiki.views.attachments import download_response
    return download_response(_page(title), name)


_TITLE = {"name": "title", "in": "path", "required": True, "schema": {"type": "string"},
          "description": "Page title, `Namespace:Title`, spaces as underscores"}
_VERSION = {
    "type": "object",
    "properties": {"version": {"type": "integer"}, "size": {"type": "integer"},
                   "content_type": {"type": "string"}, "sha256": {"type": "string"},
                   "comment": {"type": "string"}, "uploader": {"type": ["string", "null"]},
                   "created_at": {"type": "string", "format": "date-time"},
                   "url": {"type": "string"}}}
SCHEMAS = {
    "AttachmentVersion": _VERSION,
    "Attachment": {
        "type": "object", "required": ["name", "url", "versions"],
        "properties": {"name": {"type": "string"}, "url": {"type": "string"},
                       "versions": {"type": "array", "items": {
                           "$ref": "#/components/schemas/AttachmentVersion"}},
                       "uploaded": {"$ref": "#/components/schemas/AttachmentVersion"}}},
}
PATHS = {
    "/pages/{title}/attachments": {
        "get": {
            "summary": "A page's files and their versions, newest version first",
            "operationId": "listAttachments", "parameters": [_TITLE],
            "responses": {
                "200": json_response("The files", {
                    "type": "array", "items": {"$ref": "#/components/schemas/Attachment"}}),
                "400": error_response("Invalid title"),
                "404": error_response("No such page, or not readable")}},
        "post": {
            "summary": "Upload a file (a new version when the name exists)",
            "operationId": "uploadAttachment", "parameters": [_TITLE],
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary"},
                               "comment": {"type": "string"}}}}}},
            "responses": {
                "201": json_response("Stored", {"$ref": "#/components/schemas/Attachment"}),
                "400": error_response("No file, or an unusable name"),
                "401": error_response("Not authenticated"),
                "403": error_response("May read but not edit the page"),
                "404": error_response("No such page, or not readable"),
                "413": error_response("Larger than UPLOAD_MAX_BYTES")}},
    },
    "/pages/{title}/attachments/{name}": {
        "get": {
            "summary": "Download a file (`?version=N` for an old version)",
            "operationId": "downloadAttachment",
            "parameters": [_TITLE,
                           {"name": "name", "in": "path", "required": True,
                            "schema": {"type": "string"}},
                           {"name": "version", "in": "query", "required": False,
                            "schema": {"type": "integer", "minimum": 1}}],
            "responses": {
                "200": {"description": "The file's bytes",
                        "content": {"application/octet-stream": {
                            "schema": {"type": "string", "format": "binary"}}}},
                "304": {"description": "Not modified"},
                "400": error_response("Invalid title or version"),
                "404": error_response("No such page, file or version")}},
    },
}


@api_bp.record_once
def describe(state):
    from app.api.openapi import add_paths
    add_paths(state.app, PATHS, SCHEMAS)
