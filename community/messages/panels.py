"""What messages add to core pages: the unread count in the header, a settings
panel (mail on arrival, blocked members) and a profile panel (write, block)."""
from flask import g, render_template
from flask_login import current_user

from app import panels, policy
from community.messages import queries, services
from wiki import view_facts


def unread_context():
    """``unread_messages`` for base.html: one query per request (panels render
    templates of their own, each running this), for signed-in users only; none
    on a page view, which reads it with the page."""
    if not policy.can_write_anything(current_user):
        return {}
    if "unread_messages" not in g:
        count = view_facts.reader_fact("unread_messages", current_user)
        g.unread_messages = queries.unread_count(current_user) if count is None else count
    return {"unread_messages": g.unread_messages}


def settings(user):
    """SETTINGS: mail when a message arrives; the members whose messages are refused."""
    return render_template("messages/panel_settings.html",
                           mail_on_message=services.wants_mail(user),
                           blocks=services.blocked_by(user))


def profile(user, viewer):
    """PROFILE: write to this person, or block (unblock) their messages."""
    if not policy.can_write_anything(viewer) or viewer.id == user.id:
        return None
    return render_template("messages/panel_profile.html", person=user,
                           blocked=services.has_blocked(viewer, user))


def init_app(app):
    app.context_processor(unread_context)
    view_facts.register_reader_fact("unread_messages", queries.unread_fact)
    panels.add_panel(app, panels.SETTINGS, 30, settings)
    panels.add_panel(app, panels.PROFILE, 30, profile)
