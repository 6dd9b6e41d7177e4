"""A thread: its posts (paginated), replying and quoting (no script needed),
editing, following, and the moderators' verbs."""
from flask import abort, flash, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import policy
from app.antispam import write_limit
from app.extensions import db
from app.pagination import paging
from community.forum import moderation, queries, services
from community.forum.forms import EditForm, MoveForm, ReplyForm
from community.forum.urls import category_path, post_path, talk_path, thread_path
from community.forum.views import bp
from community.forum.views.common import form_error, refuse, writer


def quoted(post):
    """The reply box's start when quoting ``post``: who wrote it, then its text as ``> ``."""
    name = post.author.name if post.author else _("Someone")
    lines = [f"> {line}" if line else ">" for line in post.body.splitlines()]
    return _("%(name)s wrote:", name=name) + "\n" + "\n".join(lines) + "\n\n"


def _render_thread(thread, form, status=200, page=None):
    if page is None:
        page, _per_page = paging(request.args.get("page"))
    listing = queries.thread_posts(thread, current_user, page)
    opening = services.opening_post_id(thread)
    categories = []
    if policy.can_moderate_forum(current_user, thread) and thread.page_id is None:
        categories = queries.categories_of(g.space)
    return render_template(
        "forum/thread.html", space=g.space, thread=thread, listing=listing, form=form,
        opening_id=opening, may_post=policy.can_post_in_forum(current_user, thread),
        may_moderate=policy.can_moderate_forum(current_user, thread),
        subscribed=services.is_subscribed(thread, current_user), categories=categories,
        may_edit=lambda post: services.may_edit_post(current_user, post),
        back=_back(thread)), status


def _back(thread):
    """(label, path) of what the thread belongs to: its category or its page."""
    if thread.page_id is not None and thread.page is not None:
        return thread.page.full_title, talk_path(thread.page)
    if thread.category is not None:
        return thread.category.name, category_path(thread.category)
    return None


@bp.route("/forum/t/<int:thread_id>")
def thread(thread_id):
    found = queries.thread_or_404(g.space, thread_id, current_user)
    form = ReplyForm()
    quote = request.args.get("quote", type=int)
    if quote and not form.body.data:
        source = queries.post_or_404(found, quote, current_user)
        if source.deleted_at is None:
            form.body.data = quoted(source)
    return _render_thread(found, form)


@bp.route("/forum/t/<int:thread_id>/reply", methods=["POST"])
@write_limit
def reply(thread_id):
    found = queries.thread_or_404(g.space, thread_id, current_user)
    user = writer(policy.can_post_in_forum, found)
    form = ReplyForm()
    if not form.validate():
        return _render_thread(found, form, 422)
    try:
        post = services.reply(found, user, form.body.data)
    except services.ForumError as error:
        if error.status in (409, 422, 429):
            form.body.errors = list(form.body.errors) + [str(error.message)]
            return _render_thread(found, form, error.status)
        refuse(error)
    db.session.commit()
    return redirect(post_path(post, services.page_of(post)))


@bp.route("/forum/t/<int:thread_id>/edit/<int:post_id>", methods=["GET", "POST"])
@write_limit
def edit(thread_id, post_id):
    found = queries.thread_or_404(g.space, thread_id, current_user)
    post = queries.post_or_404(found, post_id, current_user)
    user = writer(policy.can_read, post)
    is_opening = post.id == services.opening_post_id(found)
    if not services.may_edit_post(user, post):
        late = post.author_id == user.id and post.deleted_at is None
        return render_template("forum/edit_refused.html", space=g.space, thread=found,
                               late=late, minutes=services.edit_minutes()), 403
    form = EditForm(obj=post if request.method == "GET" else None)
    if request.method == "GET" and is_opening:
        form.title.data = found.title
    if form.validate_on_submit():
        try:
            services.edit_post(post, user, form.body.data,
                               title=form.title.data if is_opening else None)
        except services.ForumError as error:
            form_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(post_path(post, services.page_of(post)))
    status = 422 if form.is_submitted() else 200
    return render_template("forum/edit.html", space=g.space, thread=found, post=post,
                           form=form, is_opening=is_opening), status


@bp.route("/forum/t/<int:thread_id>/subscribe", methods=["POST"])
@write_limit
def subscribe(thread_id):
    """Follow (or, with ``subscribe=0``, stop following) a thread."""
    found = queries.thread_or_404(g.space, thread_id, current_user)
    user = writer(policy.can_comment, found)
    if request.form.get("subscribe", "1") == "0":
        services.unsubscribe(found, user)
        flash(_("You no longer follow this discussion."), "success")
    else:
        services.subscribe(found, user)
        flash(_("You follow this discussion: replies come by mail."), "success")
    db.session.commit()
    return redirect(thread_path(found))


# --- moderators --------------------------------------------------------------

def _moderated(thread_id):
    found = queries.thread_or_404(g.space, thread_id, current_user)
    return found, writer(policy.can_moderate_forum, found)


@bp.route("/forum/t/<int:thread_id>/moderate", methods=["POST"])
@write_limit
def moderate(thread_id):
    """``action``: pin, unpin, lock or unlock."""
    found, user = _moderated(thread_id)
    action = request.form.get("action", "")
    verbs = {"pin": (moderation.set_pinned, True), "unpin": (moderation.set_pinned, False),
             "lock": (moderation.set_locked, True), "unlock": (moderation.set_locked, False)}
    if action not in verbs:
        abort(422, _("Choose pin, unpin, lock or unlock."))
    verb, value = verbs[action]
    verb(found, user, value)
    db.session.commit()
    messages = {"pin": _("The discussion is pinned."),
                "unpin": _("The discussion is unpinned."),
                "lock": _("The discussion is locked."),
                "unlock": _("The discussion is open again.")}
    flash(messages[action], "success")
    return redirect(thread_path(found))


@bp.route("/forum/t/<int:thread_id>/move", methods=["POST"])
@write_limit
def move(thread_id):
    found, user = _moderated(thread_id)
    form = MoveForm()
    target = next((c for c in queries.categories_of(g.space) if c.slug == form.category.data),
                  None)
    if target is None:
        abort(422, _("Choose a category of this forum."))
    try:
        moderation.move_thread(found, user, target)
    except services.ForumError as error:
        refuse(error)
    db.session.commit()
    flash(_("The discussion is moved to %(name)s.", name=target.name), "success")
    return redirect(thread_path(found))


@bp.route("/forum/t/<int:thread_id>/delete", methods=["POST"])
@write_limit
def delete_thread(thread_id):
    found, user = _moderated(thread_id)
    back = _back(found)
    try:
        moderation.delete_thread(found, user, request.form.get("reason", "")[:500])
    except services.ForumError as error:
        refuse(error)
    db.session.commit()
    flash(_("The discussion is deleted."), "success")
    return redirect(back[1] if back else thread_path(found).rsplit("t/", 1)[0])


@bp.route("/forum/t/<int:thread_id>/delete/<int:post_id>", methods=["POST"])
@write_limit
def delete_post(thread_id, post_id):
    """Authors delete their own replies; moderators anyone's."""
    found = queries.thread_or_404(g.space, thread_id, current_user)
    post = queries.post_or_404(found, post_id, current_user)
    user = writer(lambda u, p: policy.can_moderate_forum(u, p) or (
        p.author_id == u.id and policy.can_post_in_forum(u, p)), post)
    try:
        services.delete_post(post, user, request.form.get("reason", "")[:500])
    except services.ForumError as error:
        refuse(error)
    db.session.commit()
    flash(_("The message is deleted."), "success")
    return redirect(thread_path(found))
