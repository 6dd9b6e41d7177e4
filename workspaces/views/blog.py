"""/w/<slug>/blog/: the index (by tag), posts with their comments, writing and deleting."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import antispam, policy
from app.extensions import db
from workspaces import queries, services
from workspaces.forms import CommentForm, PostForm
from workspaces.rendering import render_post_body
from workspaces.views import bp
from workspaces.views.common import (form_error, load, refuse, require, require_edit,
                                     signed_in_or_login)


def _post_url(post, **kwargs):
    return url_for("workspaces.post", slug=post.space.slug, post=post.slug, **kwargs)


def _may_write(user, form, kind):
    """The anti-spam limits of new accounts (app.antispam), shown on the form."""
    try:
        antispam.check_write(user, f"{form.title.data}\n{form.body.data or ''}", kind)
    except antispam.WriteRefused as refused:
        form.body.errors = list(form.body.errors) + [str(refused.message)]
        form.write_refused = refused.status
        return False
    return True


@bp.route("/<slug>/blog/")
def blog(slug):
    space = load(slug)
    tag = request.args.get("tag", "").strip().lower()[:40] or None
    page, per_page = queries.paging(request.args.get("page"))
    listing = queries.blog_index(space, current_user, tag=tag, page=page, per_page=per_page)
    return render_template("workspaces/blog.html", space=space, listing=listing, tag=tag)


@bp.route("/<slug>/blog/new", methods=["GET", "POST"])
@antispam.write_limit
def new_post(slug):
    space = load(slug)
    user = require_edit(space)
    form = PostForm()
    if form.validate_on_submit() and _may_write(user, form, "post"):
        try:
            post = services.create_post(space, user, form.title.data, form.body.data,
                                        form.tags.data, form.status.data)
        except services.WorkspaceError as error:
            form_error(form, error)
        else:
            db.session.commit()
            flash(_("Post saved."), "success")
            return redirect(_post_url(post))
    status = getattr(form, "write_refused", None) or (
        422 if form.is_submitted() else 200)
    return render_template("workspaces/post_form.html", space=space, form=form,
                           post=None), status


@bp.route("/<slug>/blog/<post>")
def post(slug, post):
    """The post with its comments; ``?rev=N`` shows an earlier revision instead."""
    space = load(slug)
    found = queries.get_post_or_404(space, post, current_user)
    if services.refresh_post_html(found):
        db.session.commit()
    revision = old_html = None
    rev = request.args.get("rev", type=int)
    if rev is not None and rev != found.head_number:
        revision = queries.post_revision_or_404(found, rev)
        old_html = render_post_body(revision.body, space)
    return render_template("workspaces/post.html", space=space, post=found,
                           revision=revision, old_html=old_html,
                           comments=queries.comments_of(found), form=CommentForm())


@bp.route("/<slug>/blog/<post>/history")
def post_history(slug, post):
    space = load(slug)
    found = queries.get_post_or_404(space, post, current_user)
    return render_template("workspaces/post_history.html", space=space, post=found,
                           revisions=queries.post_revisions(found))


@bp.route("/<slug>/blog/<post>/edit", methods=["GET", "POST"])
@antispam.write_limit
def edit_post(slug, post):
    space = load(slug)
    found = queries.get_post_or_404(space, post, current_user)
    user = require_edit(found)
    form = PostForm(obj=found if request.method == "GET" else None)
    if request.method == "GET":
        form.tags.data = ", ".join(found.tag_names)
    if form.validate_on_submit() and _may_write(user, form, "post"):
        try:
            services.edit_post(found, user, title=form.title.data, body=form.body.data,
                               tags=form.tags.data, status=form.status.data)
        except services.WorkspaceError as error:
            form_error(form, error)
        else:
            db.session.commit()
            flash(_("Post saved."), "success")
            return redirect(_post_url(found))
    status = getattr(form, "write_refused", None) or (
        422 if form.is_submitted() else 200)
    return render_template("workspaces/post_form.html", space=space, form=form,
                           post=found), status


@bp.route("/<slug>/blog/<post>/delete", methods=["POST"])
def delete_post(slug, post):
    space = load(slug)
    found = queries.get_post_or_404(space, post, current_user)
    user = require_edit(found)
    if found.author_id != user.id and not policy.can_manage(user, space):
        abort(403)
    try:
        services.delete_post(found, user)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("The post is deleted."), "success")
    return redirect(url_for("workspaces.blog", slug=space.slug))


@bp.route("/<slug>/blog/<post>/comments", methods=["POST"])
@antispam.write_limit
def add_comment(slug, post):
    space = load(slug)
    found = queries.get_post_or_404(space, post, current_user)
    user = require(policy.can_comment, found)
    form = CommentForm()
    if not form.validate():
        return render_template("workspaces/post.html", space=space, post=found,
                               comments=queries.comments_of(found), form=form), 422
    try:
        antispam.check_write(user, form.body.data, "comment")
    except antispam.WriteRefused as refused:  # a new account's limits: text kept
        form.body.errors = list(form.body.errors) + [str(refused.message)]
        return render_template("workspaces/post.html", space=space, post=found,
                               comments=queries.comments_of(found), form=form), refused.status
    try:
        comment = services.add_comment(found, user, form.body.data)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    return redirect(_post_url(found, _anchor=f"comment-{comment.id}"))


@bp.route("/<slug>/blog/<post>/comments/<int:comment_id>/delete", methods=["POST"])
def delete_comment(slug, post, comment_id):
    space = load(slug)
    found = queries.get_post_or_404(space, post, current_user)
    comment = queries.get_comment_or_404(found, comment_id, current_user)
    user = signed_in_or_login()
    if not policy.can_delete_comment(user, comment):
        abort(403)
    try:
        services.delete_comment(comment, user)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    flash(_("The comment is deleted."), "success")
    return redirect(_post_url(found, _anchor="comments"))
