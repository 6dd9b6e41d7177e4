"""Moderation against spam and abuse: members report content, moderators work
through a queue (dismiss, hide or delete, block the author, revert all of a
spammer's edits), and admins read the audit log of what moderators and admins
did. The sign-up question is set here too (``/admin/signup-question``).

Packages make their content reportable through ``registry.register_reportable``;
the anti-spam limits on writing live in the core (``app.antispam``)."""


def init_app(app):
    from community.moderation import admin, kinds, models, views  # noqa: F401
    from community.moderation import seed
    app.register_blueprint(views.bp)
    kinds.init_app(app)
    seed.init_app(app)

    from app import policy

    def report_url(kind, target_id):
        """For templates: the report form of a thing (None for anonymous readers)."""
        from flask_login import current_user
        if not policy.can_write_anything(current_user):
            return None
        return f"/report?kind={kind}&id={target_id}"

    def moderation_count():
        """Open reports, for the moderators' link in the header."""
        from flask_login import current_user
        if not policy.is_site_moderator(current_user):
            return {}
        from flask import g
        from community.moderation.services import count_open
        if "open_reports" not in g:  # once per request, however many templates
            g.open_reports = count_open()
        return {"open_reports": g.open_reports}

    def profile_panel(user, viewer):
        """PROFILE: moderators get to the member's moderation page."""
        from flask import render_template
        if not policy.is_site_moderator(viewer):
            return None
        return render_template("moderation/panel_profile.html", person=user)

    app.jinja_env.globals["report_url"] = report_url
    app.context_processor(moderation_count)
    from app import panels
    panels.add_panel(app, panels.PROFILE, 90, profile_panel)
