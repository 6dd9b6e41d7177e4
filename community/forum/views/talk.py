"""A wiki page's discussion ("Talk"): its threads and a form to start one, at
``<page path>/talk`` in the commons and in every workspace. The threads
themselves are forum threads, shown at ``/forum/t/<id>``."""
from flask import abort, flash, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import policy
from app.antispam import write_limit
from app.extensions import db
from community.forum import queries, services
from community.forum.forms import ThreadForm
from community.forum.urls import talk_path, thread_path
from community.forum.views import bp
from community.forum.views.common import form_error, writer
from wiki.pageurls import is_canonical, title_or_400
from wiki.queries import get_page_or_404
from wiki.urls import page_path


def _page(raw):
    title = title_or_400(raw)
    if not is_canonical(raw, title):
        return None, title
    page = get_page_or_404(g.space, title, current_user)
    if page.current_revision_id is None:
        abort(404)
    return page, title


@bp.route("/wiki/<path:title>/talk", methods=["GET", "POST"])
@write_limit
def talk(title):
    page, parsed = _page(title)
    if page is None:
        return redirect(page_path(g.space, parsed, "talk"), 301)
    form = ThreadForm()
    if request.method == "POST":
        user = writer(policy.can_post_in_forum, page)
        if form.validate():
            try:
                thread = services.create_thread(g.space, user, form.title.data,
                                                form.body.data, page=page)
            except services.ForumError as error:
                form_error(form, error)
            else:
                db.session.commit()
                flash(_("Your discussion is started."), "success")
                return redirect(thread_path(thread))
    status = 422 if form.is_submitted() else 200
    return render_template("forum/talk.html", space=g.space, page=page, form=form,
                           threads=queries.talk_threads(page), action=talk_path(page),
                           may_post=policy.can_post_in_forum(current_user, page)), status
