"""Private messages between members: conversations with replies, an inbox and a
sent box, the unread count in the header, a mail on arrival (as each member
chose), blocking, and reporting a message to the moderators.

Privacy: only a conversation's participants read it (everyone else, moderators
and admins included, gets 404). A reported message is the one exception: the
moderators see that message (not the rest of the conversation) in their queue,
and may hide it; a message nobody reported is 404 to them too, and the audit
log names it "Private message (#id)", never by its conversation's subject."""


def init_app(app):
    from app.api.openapi import add_paths
    from community.messages import models  # noqa: F401  (tables in the metadata)
    from community.messages import panels
    from community.messages.api import PATHS, SCHEMAS, api_bp
    from community.messages.views import bp
    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    add_paths(app, PATHS, SCHEMAS)
    panels.init_app(app)
    _register_reportable(app)


def _register_reportable(app):
    from flask_babel import lazy_gettext as _l

    from community.messages import queries, services
    from community.messages.models import Message
    from community.moderation.registry import register_reportable
    from app.extensions import db

    def load(message_id):
        return db.session.get(Message, message_id)

    register_reportable(
        app, "message", kind_label=_l("Private message"),
        label=lambda m: m.conversation.subject, load=load,
        url=lambda m: f"/messages/{m.conversation_id}#message-{m.id}",
        author=lambda m: m.author, hide=services.hide_message, delete=services.hide_message,
        can_read=queries.can_read_message, text=lambda m: m.body,
        cleanup=services.hide_messages_by, private=True)
