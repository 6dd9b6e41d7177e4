"""/api/v1/messages: the caller's conversations, one conversation, sending.

Like the HTML views, a conversation the caller does not take part in is 404."""
from flask import abort, jsonify, request

from app import antispam
from app.api import json_body, make_api_blueprint, require_user
from app.api.openapi import error_response, json_request, json_response
from app.extensions import db
from app.pagination import paging
from community.messages import mail, queries, services
from community.messages.views import parse_recipients

api_bp = make_api_blueprint("messages_api", __name__)


def iso(moment):
    return moment.isoformat() + "Z" if moment is not None else None


def conversation_json(conversation, participant):
    return {"id": conversation.id, "subject": conversation.subject,
            "participants": sorted(p.user.username for p in conversation.participants
                                   if p.left_at is None),
            "unread": participant.is_unread(conversation),
            "archived": participant.archived_at is not None,
            "last_message_at": iso(conversation.last_message_at),
            "url": f"/messages/{conversation.id}"}


def message_json(message):
    hidden = message.hidden_at is not None
    return {"id": message.id, "author": message.author.username if message.author else None,
            "body": "" if hidden else message.body, "html": "" if hidden else message.html,
            "hidden": hidden, "created_at": iso(message.created_at)}


def _refuse(error):
    abort(error.status, str(error.message))


@api_bp.route("/messages")
def list_conversations():
    user = require_user()
    page, per_page = paging(request.args.get("page"), request.args.get("per_page"))
    listing = queries.inbox(user, page, per_page,
                            archived=request.args.get("archived") in ("1", "true"))
    response = jsonify([conversation_json(p.conversation, p) for p in listing.items])
    response.headers["X-Total-Count"] = str(listing.total)
    return response


@api_bp.route("/messages/<int:conversation_id>")
def get_conversation(conversation_id):
    user = require_user()
    conversation, participant = queries.readable_conversation(conversation_id, user)
    if conversation is None:
        abort(404, "No such conversation.")
    body = conversation_json(conversation, participant)
    body["messages"] = [message_json(m) for m in queries.messages_of(conversation)]
    return jsonify(body)


def _text(data, name, required=True):
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        abort(422, f"'{name}' is required and must be a string.")
    return value


@api_bp.route("/messages", methods=["POST"])
@antispam.write_limit
def send():
    """A new conversation: ``{to: [usernames] or "a, b", subject, body}``."""
    user = require_user()
    data = json_body()
    to = data.get("to")
    if isinstance(to, list) and all(isinstance(name, str) for name in to):
        to = ",".join(to)
    if not isinstance(to, str):
        abort(422, "'to' is a list of usernames.")
    subject, body = _text(data, "subject"), _text(data, "body")
    try:
        recipients = parse_recipients(to)
        antispam.check_write(user, subject + "\n" + body, "message")
        conversation, message = services.start_conversation(user, recipients, subject, body)
    except (services.MessageError, antispam.WriteRefused) as error:
        db.session.rollback()
        _refuse(error)
    db.session.commit()
    mail.send_arrival_mails(message, recipients)
    participant = queries.participant(conversation.id, user)
    answer = conversation_json(conversation, participant)
    answer["messages"] = [message_json(message)]
    response = jsonify(answer)
    response.status_code = 201
    response.headers["Location"] = f"/api/v1/messages/{conversation.id}"
    return response


@api_bp.route("/messages/<int:conversation_id>", methods=["POST"])
@antispam.write_limit
def reply(conversation_id):
    """A reply in a conversation: ``{body}``."""
    user = require_user()
    conversation, participant = queries.readable_conversation(conversation_id, user)
    if conversation is None:
        abort(404, "No such conversation.")
    body = _text(json_body(), "body")
    try:
        antispam.check_write(user, body, "message")
        message = services.reply(conversation, user, body)
    except (services.MessageError, antispam.WriteRefused) as error:
        db.session.rollback()
        _refuse(error)
    db.session.commit()
    mail.send_arrival_mails(message, [p.user for p in services.active_participants(conversation)
                                      if p.user_id != user.id])
    return jsonify(message_json(message)), 201


# --- the OpenAPI description -------------------------------------------------

def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


DATE = {"type": "string", "format": "date-time"}
SCHEMAS = {
    "Conversation": {
        "type": "object",
        "required": ["id", "subject", "participants", "unread", "archived", "last_message_at",
                     "url"],
        "properties": {
            "id": {"type": "integer"}, "subject": {"type": "string"},
            "participants": {"type": "array", "items": {"type": "string"}},
            "unread": {"type": "boolean"}, "archived": {"type": "boolean"},
            "last_message_at": DATE, "url": {"type": "string"},
            "messages": {"type": "array", "items": _ref("Message")}},
    },
    "Message": {
        "type": "object", "required": ["id", "author", "body", "html", "hidden", "created_at"],
        "properties": {
            "id": {"type": "integer"}, "author": {"type": ["string", "null"]},
            "body": {"type": "string"}, "html": {"type": "string"},
            "hidden": {"type": "boolean"}, "created_at": DATE},
    },
    "MessageSend": {
        "type": "object", "required": ["to", "subject", "body"],
        "properties": {
            "to": {"oneOf": [{"type": "array", "items": {"type": "string"}},
                             {"type": "string"}]},
            "subject": {"type": "string"}, "body": {"type": "string"}},
    },
    "MessageReply": {
        "type": "object", "required": ["body"], "properties": {"body": {"type": "string"}},
    },
}

E401 = error_response("Authentication needed")
E403 = error_response("A recipient does not accept messages from the caller")
E404 = error_response("No such conversation, or the caller does not take part in it")
E409 = error_response("Everyone else has left the conversation")
E422 = error_response("Invalid fields, unknown recipient, or too many links")
E429 = error_response("Too many messages lately")
ID = [{"name": "conversation_id", "in": "path", "required": True,
       "schema": {"type": "integer"}}]
PATHS = {
    "/messages": {
        "get": {"summary": "The caller's conversations, newest activity first",
                "operationId": "listConversations",
                "parameters": [{"name": n, "in": "query", "required": False,
                                "schema": {"type": t}}
                               for n, t in (("page", "integer"), ("per_page", "integer"),
                                            ("archived", "string"))],
                "responses": {"200": json_response("Conversations", {
                    "type": "array", "items": _ref("Conversation")}), "401": E401}},
        "post": {"summary": "Start a conversation", "operationId": "sendMessage",
                 "requestBody": json_request(_ref("MessageSend")),
                 "responses": {"201": json_response("The new conversation",
                                                    _ref("Conversation")),
                               "401": E401, "403": E403, "422": E422, "429": E429}},
    },
    "/messages/{conversation_id}": {
        "get": {"summary": "A conversation with its messages", "operationId": "getConversation",
                "parameters": ID,
                "responses": {"200": json_response("The conversation", _ref("Conversation")),
                              "401": E401, "404": E404}},
        "post": {"summary": "Reply in a conversation", "operationId": "replyMessage",
                 "parameters": ID, "requestBody": json_request(_ref("MessageReply")),
                 "responses": {"201": json_response("The new message", _ref("Message")),
                               "401": E401, "403": E403, "404": E404, "409": E409,
                               "422": E422, "429": E429}},
    },
}
