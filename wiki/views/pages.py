"""Reading pages: view, old revisions, raw source, history, diffs, backlinks.

Every route parses the title (400 when invalid, 301 to the canonical form),
then loads the page through the policy: what the reader may not read is 404."""
from flask import abort, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import policy, skeletons
from app.converters import MAX_ID
from app.cache import cached_for_anonymous, depends_on_page
from app.extensions import db
from wiki import diff as diffing
from wiki import links, queries, view_facts
from wiki.models import Page
from wiki.namespaces import label_of
from wiki.pageurls import check_title, is_canonical, title_or_400
from wiki.titles import TitleError, parse
from wiki.urls import page_path, page_url
from wiki.views import bp

#: The page /wiki/ leads to in every space.
MAIN_PAGE = "Main Page"


def resolve(raw, action=None):
    """(title, redirect response or None): a 301 when ``raw`` is not canonical."""
    title = title_or_400(raw)
    if not is_canonical(raw, title):
        params = request.args.to_dict(flat=True)
        return title, redirect(page_path(g.space, title, action, **params), 301)
    return title, None


def int_arg(name, default=None):
    value = request.args.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        abort(400, _("%(name)s must be a number.", name=name))
    if number < 1:
        abort(400, _("%(name)s must be at least 1.", name=name))
    # Revision numbers are 32-bit in the database: a larger one names none.
    return min(number, MAX_ID)


def missing(title):
    """A page that does not exist (or may not be read): 404, offering to create it."""
    page = queries.page_to_save(g.space, title, current_user)
    may_create = page is None and policy.can_edit(current_user, g.space)
    return render_template("wiki/missing.html", title=title, space=g.space,
                           may_create=may_create), 404


def page_html(revision):
    """The stored HTML; when stale (a linked page came or went) it is rendered
    again and kept, so the next reader gets it for free."""
    from wiki import rendering
    if rendering.is_fresh(revision):
        return revision.html
    html = rendering.html_for(revision)
    db.session.commit()
    return html


def page_context(page):
    """Breadcrumbs and children: a fixed number of queries, whatever the page."""
    from wiki import structure
    children = structure.children(page, current_user) if view_facts.has_subpages(page) else []
    return {"breadcrumbs": structure.breadcrumbs(page), "children": children}


@bp.route("/wiki/")
def main_page():
    """The wiki's front door: its main page, as in MediaWiki."""
    return redirect(page_path(g.space, MAIN_PAGE))


@bp.route("/wiki/<path:title>")
@cached_for_anonymous("rev", "redirect", "redirected_from")
def view(title):
    raw = title
    title, moved = resolve(raw)
    if moved:
        return moved
    page = queries.page_for_view(g.space, title, current_user,
                                 with_revision=not skeletons.may_apply())
    if page is None or page.current_revision_id is None:
        return missing(title)
    if page.redirect_to_id is not None and request.args.get("redirect") != "no":
        target = db.session.get(Page, page.redirect_to_id)
        if target is not None and policy.can_read(current_user, target):
            return redirect(page_path(target.space, target, None, redirected_from=page.full_title))
    number = int_arg("rev")
    depends = depends_on_page(page)
    return skeletons.render(depends, lambda: render_page(page, number), page=page)


def render_page(page, number=None):
    """The page view of revision ``number`` (the current one when None)."""
    revision = (page.current_revision if number is None
                else queries.get_revision_or_404(page, number))
    return render_template(
        "wiki/page.html", page=page, revision=revision, html=page_html(revision),
        old=number is not None and number != page.head_number, tags=view_facts.tag_names(page),
        redirected_from=redirect_source(page), space=g.space, **page_context(page))


def redirect_source(page):
    """The redirect the reader came through (``?redirected_from=``): only a page of
    this space that the reader may read and that redirects here, else None (a
    link cannot make a page claim a redirect it does not have)."""
    named = request.args.get("redirected_from")
    if not named:
        return None
    try:
        source = queries.find_page(g.space, parse(named))
    except TitleError:
        return None
    if source is None or source.redirect_to_id != page.id or source.deleted_at is not None \
            or not policy.can_read(current_user, source):
        return None
    return source


@bp.route("/wiki/<path:title>/raw")
def raw(title):
    title, moved = resolve(title, "raw")
    if moved:
        return moved
    page = queries.get_page_or_404(g.space, title, current_user)
    revision = queries.get_revision_or_404(page, int_arg("rev"))
    return revision.body, 200, {"Content-Type": "text/markdown; charset=utf-8",
                                "X-Content-Type-Options": "nosniff"}


@bp.route("/wiki/<path:title>/history")
def history(title):
    title, moved = resolve(title, "history")
    if moved:
        return moved
    page = queries.get_page_or_404(g.space, title, current_user)
    listing = queries.history(page, request.args.get("page"), request.args.get("per_page"))
    return render_template("wiki/history.html", page=page, listing=listing, space=g.space)


@bp.route("/wiki/<path:title>/diff")
def diff(title):
    title, moved = resolve(title, "diff")
    if moved:
        return moved
    page = queries.get_page_or_404(g.space, title, current_user)
    to_number = int_arg("to", page.head_number)
    from_number = int_arg("from", max(1, to_number - 1))
    old = queries.get_revision_or_404(page, from_number)
    new = queries.get_revision_or_404(page, to_number)
    mode = "side" if request.args.get("view") == "side" else "inline"
    return render_template(
        "wiki/diff.html", page=page, old=old, new=new, mode=mode, space=g.space,
        inline_rows=diffing.inline(old.body, new.body) if mode == "inline" else None,
        side_rows=diffing.side_by_side(old.body, new.body) if mode == "side" else None,
        stats=diffing.stats(old.body, new.body))


@bp.route("/wiki/<path:title>/backlinks")
def backlinks(title):
    title, moved = resolve(title, "backlinks")
    if moved:
        return moved
    page = queries.get_page_or_404(g.space, title, current_user)
    return render_template("wiki/backlinks.html", page=page, space=g.space,
                           linkers=links.backlinks(page, current_user))


def title_from_form(field="new_title"):
    """A title typed into a form, or None with the reason."""
    try:
        return check_title(parse(request.form.get(field, ""))), None
    except TitleError as error:
        return None, error.message


# Templates build every wiki URL through wiki.urls, like the code.
bp.add_app_template_global(page_path, "page_path")
bp.add_app_template_global(page_url, "page_url")
bp.add_app_template_global(label_of, "namespace_label")
