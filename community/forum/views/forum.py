"""The forum's front page (categories with counts), a category's threads,
starting a thread, and the categories' management form."""
from flask import flash, g, redirect, render_template, request
from flask_babel import gettext as _

from app import policy
from app.antispam import write_limit
from app.extensions import db
from app.pagination import paging
from community.forum import queries, services
from community.forum.forms import CategoryForm, ThreadForm
from community.forum.urls import category_path, forum_path, thread_path
from community.forum.views import bp
from community.forum.views.common import form_error, writer


@bp.route("/forum/")
def index():
    return render_template("forum/index.html", space=g.space,
                           categories=queries.category_stats(g.space),
                           latest=queries.latest_threads(g.space))


@bp.route("/forum/<category>/")
def category(category):
    found = queries.category_or_404(g.space, category)
    page, _per_page = paging(request.args.get("page"))
    listing = queries.category_threads(found, page)
    return render_template("forum/category.html", space=g.space, category=found,
                           listing=listing)


@bp.route("/forum/<category>/new", methods=["GET", "POST"])
@write_limit
def new_thread(category):
    found = queries.category_or_404(g.space, category)
    user = writer(policy.can_post_in_forum, g.space)
    form = ThreadForm()
    if form.validate_on_submit():
        try:
            thread = services.create_thread(g.space, user, form.title.data, form.body.data,
                                            category=found)
        except services.ForumError as error:
            form_error(form, error)
        else:
            db.session.commit()
            flash(_("Your discussion is started."), "success")
            return redirect(thread_path(thread))
    status = 422 if form.is_submitted() else 200
    return render_template("forum/thread_form.html", space=g.space, category=found,
                           form=form, action=category_path(found) + "new"), status


@bp.route("/forum/categories", methods=["GET", "POST"])
@write_limit
def categories():
    user = writer(lambda u, s: policy.can_manage_forum_categories(u, s), g.space)
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            services.create_category(g.space, user, form.name.data, form.slug.data,
                                     form.description.data, form.position.data)
        except services.ForumError as error:
            form_error(form, error)
        else:
            db.session.commit()
            flash(_("The category is created."), "success")
            return redirect(forum_path(g.space, "categories"))
    status = 422 if form.is_submitted() else 200
    return render_template("forum/categories.html", space=g.space, form=form,
                           categories=queries.categories_of(g.space)), status
