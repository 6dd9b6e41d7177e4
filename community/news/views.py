"""/news: the list, a news post, writing (admins and the news team), the
newsletter download, the feeds, and the team's management (admins)."""
import hashlib

from flask import (Blueprint, abort, flash, redirect, render_template, request, send_file,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user

from app import policy
from app.accounts.services import user_by_name
from app.antispam import write_limit
from app.extensions import db
from app.pagination import paging
from app.urls import absolute_url
from community.news import queries, services
from community.news.forms import NewsForm, TeamForm
from feeds import building
from feeds.render import user_path
from feeds.views.common import conditional_feed, feed_reader, parse_limit
from feeds.views.feeds import FORMATS, _self_path

bp = Blueprint("news", __name__, template_folder="templates")


def _writer():
    from workspaces.views.common import signed_in_or_login
    user = signed_in_or_login()
    if not policy.can_publish_news(user):
        abort(403)
    return user


def _admin():
    from workspaces.views.common import signed_in_or_login
    user = signed_in_or_login()
    if not policy.is_site_admin(user):
        abort(403)
    return user


def _form_error(form, error):
    field = getattr(form, error.field, None) if error.field else None
    if field is None or error.status == 413:
        abort(error.status, str(error.message))
    field.errors = list(field.errors) + [str(error.message)]


def _upload(form):
    upload = form.newsletter.data
    return upload.stream if upload and getattr(upload, "filename", "") else None


@bp.route("/news")
def index():
    page, _per_page = paging(request.args.get("page"))
    return render_template("news/index.html", listing=queries.listing(page),
                           may_write=policy.can_publish_news(current_user))


@bp.route("/news/<int:news_id>")
def short(news_id):
    return redirect(queries.news_or_404(news_id).path, 301)


@bp.route("/news/<int:news_id>-<news_slug>")
def view(news_id, news_slug):
    news = queries.news_or_404(news_id)
    if news_slug != news.slug:
        return redirect(news.path, 301)
    return render_template("news/view.html", news=news,
                           may_write=policy.can_publish_news(current_user))


@bp.route("/news/new", methods=["GET", "POST"])
@write_limit
def new():
    user = _writer()
    form = NewsForm()
    if form.validate_on_submit():
        try:
            news = services.publish_news(user, form.title.data, form.body.data, _upload(form))
        except services.NewsError as error:
            _form_error(form, error)
        else:
            db.session.commit()
            flash(_("The news is published."), "success")
            return redirect(news.path)
    return render_template("news/form.html", form=form, news=None), \
        422 if form.is_submitted() else 200


@bp.route("/news/<int:news_id>/edit", methods=["GET", "POST"])
@write_limit
def edit(news_id):
    news = queries.news_or_404(news_id)
    user = _writer()
    form = NewsForm(obj=news if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.edit_news(news, user, form.title.data, form.body.data, _upload(form),
                               remove_newsletter=form.remove_newsletter.data)
        except services.NewsError as error:
            _form_error(form, error)
        else:
            db.session.commit()
            flash(_("The news is saved."), "success")
            return redirect(news.path)
    return render_template("news/form.html", form=form, news=news), \
        422 if form.is_submitted() else 200


@bp.route("/news/<int:news_id>/delete", methods=["POST"])
@write_limit
def delete(news_id):
    news = queries.news_or_404(news_id)
    user = _writer()
    services.delete_news(news, user)
    db.session.commit()
    flash(_("The news is deleted."), "success")
    return redirect(url_for("news.index"))


@bp.route("/news/<int:news_id>/newsletter.pdf")
def newsletter(news_id):
    from wiki.attachments import blob_path
    news = queries.news_or_404(news_id)
    if not news.newsletter_sha256:
        abort(404)
    response = send_file(blob_path(news.newsletter_sha256), mimetype="application/pdf",
                         as_attachment=True, download_name=f"{news.slug}.pdf",
                         conditional=True, etag=news.newsletter_sha256)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route(f"/news.{FORMATS}")
def feed(fmt):
    reader = feed_reader()
    limit = parse_limit()
    items = queries.latest(limit)
    stamp = "|".join(f"{n.id}:{n.updated_at}" for n in items)
    newest_at = max((n.updated_at for n in items), default=None)
    newest = (hashlib.sha1(stamp.encode()).hexdigest()[:16], newest_at) if items else None

    def build():
        fg = building.new_feed(fmt, _("What's new"), "/news", _self_path(), updated=newest_at)
        for news in items:
            author = news.author
            building._entry(fg, building.tag_uri("news", news.created_at, news.id), news.title,
                            absolute_url(news.path), news.updated_at,
                            author=author.name if author else None,
                            author_path=user_path(author) if author else None,
                            content=render_template("news/feed_entry.html", news=news,
                                                    absolute_url=absolute_url),
                            published=news.published_at)
        return building.serialise(fg, fmt)

    return conditional_feed(fmt, newest, reader, limit, build)


@bp.route("/news/team", methods=["GET", "POST"])
@write_limit
def team():
    actor = _admin()
    form = TeamForm()
    if form.validate_on_submit():
        user = user_by_name(form.username.data.strip())
        if user is None:
            form.username.errors = [_("There is no member with this username.")]
        else:
            try:
                services.add_to_team(user, actor)
            except services.NewsError as error:
                _form_error(form, error)
            else:
                db.session.commit()
                flash(_("%(name)s may now write news.", name=user.name), "success")
                return redirect(url_for("news.team"))
    return render_template("news/team.html", form=form, team=services.team()), \
        422 if form.is_submitted() else 200


@bp.route("/news/team/<username>/remove", methods=["POST"])
@write_limit
def remove_member(username):
    actor = _admin()
    user = user_by_name(username)
    if user is None:
        abort(404)
    try:
        services.remove_from_team(user, actor)
    except services.NewsError as error:
        abort(error.status, str(error.message))
    db.session.commit()
    flash(_("%(name)s no longer writes news.", name=user.name), "success")
    return redirect(url_for("news.team"))
