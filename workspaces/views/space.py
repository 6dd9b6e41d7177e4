"""A workspace's home, settings, deletion and restoration."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import policy
from app.extensions import db
from app.panels import render_panels
from workspaces import queries, services
from workspaces.forms import JoinRequestForm, SettingsForm
from workspaces.views import bp
from workspaces.views.common import form_error, load, refuse, require, require_manage

#: Members shown on the home page; the members page lists them all.
HOME_MEMBERS = 24


def main_page(space, user):
    """The workspace wiki's main page and its HTML, or (None, None)."""
    from wiki import queries as wiki_queries
    from wiki.rendering import html_for
    from wiki.titles import Title
    page = wiki_queries.readable_page(space, Title("Main", "Main Page"), user)
    if page is None or page.deleted_at is not None:
        return None, None
    revision = wiki_queries.get_revision(page)
    return page, (html_for(revision) if revision is not None else None)


def invitation_page(slug):
    """An invitee may not read a private workspace yet, but may answer the invitation."""
    space = queries.workspace_by_slug(slug)
    if space is None or space.deleted_at is not None or policy.can_read(current_user, space):
        return None
    invitation = queries.my_pending_invitation(space, current_user)
    if invitation is None:
        return None
    return render_template("workspaces/invitation.html", space=space, invitation=invitation)


@bp.route("/<slug>/")
def home(slug):
    answer = invitation_page(slug)
    if answer is not None:
        return answer
    space = load(slug)
    page, page_html = main_page(space, current_user)
    return render_template(
        "workspaces/home.html", space=space, members=queries.members(space, HOME_MEMBERS),
        member_total=queries.member_count(space), role=policy.role_in(current_user, space),
        posts=queries.latest_posts(space, current_user), main_page=page, main_html=page_html,
        panels=render_panels("workspace_home", space, current_user),
        my_request=queries.my_pending_request(space, current_user),
        my_invitation=queries.my_pending_invitation(space, current_user),
        join_form=JoinRequestForm())


@bp.route("/<slug>/settings", methods=["GET", "POST"])
def settings(slug):
    space = load(slug)
    user = require_manage(space)
    form = SettingsForm(obj=space)
    if form.validate_on_submit():
        try:
            services.update_workspace(space, user, name=form.name.data,
                                      description=form.description.data,
                                      visibility=form.visibility.data,
                                      join_policy=form.join_policy.data)
        except services.WorkspaceError as error:
            form_error(form, error)
        else:
            db.session.commit()
            flash(_("Settings saved."), "success")
            return redirect(url_for("workspaces.settings", slug=space.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("workspaces/settings.html", space=space, form=form), status


@bp.route("/<slug>/delete", methods=["POST"])
def delete(slug):
    space = load(slug)
    user = require_manage(space)
    try:
        services.delete_workspace(space, user)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("The workspace is deleted. A site administrator can restore it."), "success")
    return redirect(url_for("workspaces.directory"))


@bp.route("/<slug>/restore", methods=["POST"])
def restore(slug):
    space = load(slug)
    user = require(lambda u, _s: policy.is_site_admin(u), space)
    try:
        services.restore_workspace(space, user)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("The workspace is restored."), "success")
    return redirect(url_for("workspaces.home", slug=space.slug))
