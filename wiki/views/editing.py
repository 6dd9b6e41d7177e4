"""Writing pages: the edit form, saving (with merges and conflicts) and reverting.

A save always carries the revision it started from (``base_rev``); a clean
three-way merge is saved and said so, a conflict shows the editor again with
the user's text intact (409), so that nothing anyone typed is lost."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import antispam, policy
from app.countries import country_choices
from wiki import queries, services
from wiki.records import editor as record_editor
from wiki.records.schema import schema_for
from wiki.services import LANGUAGES, EditConflict, WikiError
from wiki.translations import default_language
from wiki.urls import page_path
from wiki.views import bp
from wiki.views.pages import resolve


def require_writer(target):
    """Anonymous visitors are sent to log in; others without the right get 403
    (they may read the page, or they would have had a 404 already)."""
    if not current_user.is_authenticated:
        abort(redirect(url_for("accounts.login", next=request.full_path.rstrip("?"))))
    if not policy.can_edit(current_user, target):
        abort(403)


def editable(title):
    """(page or None, what the policy judges): 404 for a page the reader may not see
    (a deleted page is none to those who may not see it: they may create the title)."""
    page = queries.page_to_save(g.space, title, current_user)
    if page is not None and not policy.can_read(current_user, page):
        abort(404)
    if page is not None and page.deleted_at is not None:
        abort(409, _("This page was deleted; restore it before editing."))
    require_writer(page if page is not None else g.space)
    return page


def form_values(page, revision, schema=None):
    values = {
        "body": revision.body if revision else "",
        "summary": "",
        "minor": False,
        "base_rev": page.head_number if page is not None and page.head_number else "",
        "tags": " ".join(page.tag_names) if page is not None else "",
        "language": page.language if page is not None else default_language(current_user),
    }
    if schema is not None:
        # A record: its fields get inputs, the textarea keeps the rest.
        values["fields"], values["body"] = record_editor.split_for_editor(schema, values["body"])
    return values


def render_editor(title, page, values, status=200, conflict=None, field_errors=None):
    schema = schema_for(title.namespace)
    if schema is not None and "fields" not in values:
        # A plain POST's text: its fields go back to their inputs, so that
        # submitting the editor again loses none of them.
        values["fields"], values["body"] = record_editor.split_for_editor(schema, values["body"])
    return render_template("wiki/edit.html", title=title, page=page, values=values,
                           languages=LANGUAGES, conflict=conflict, space=g.space,
                           schema=schema, field_errors=field_errors or {},
                           countries=country_choices() if schema else []), status


@bp.route("/wiki/<path:title>/edit", methods=["GET", "POST"])
@antispam.write_limit
def edit(title):
    title, moved = resolve(title, "edit")
    if moved:
        return moved
    if request.method == "POST" and not current_user.is_authenticated:
        return signed_out_save(title)
    page = editable(title)
    if request.method == "GET":
        revision = queries.get_revision(page) if page is not None else None
        schema = schema_for(title.namespace)
        values = form_values(page, revision, schema)
        if page is None:
            if request.args.get("language") in LANGUAGES:
                values["language"] = request.args["language"]
            if schema is not None:
                # "Add a country" and the like: a new record's fields may be
                # filled from the link (``?iso2=SN&region=africa``).
                given = {name: request.args.get(name) for name in schema.names
                         if request.args.get(name)}
                values["fields"] = record_editor.state_from_data(schema, given)
        return render_editor(title, page, values)
    return save(title, page)


def posted_base():
    raw = (request.form.get("base_rev") or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        abort(400, _("The form's base revision is not a number."))
    return int(raw)


def posted_values(form):
    """What the editor's form sent, as the editor shows it again."""
    return {"body": form.get("body", ""), "summary": form.get("summary", ""),
            "minor": bool(form.get("minor")), "base_rev": form.get("base_rev", ""),
            "tags": form.get("tags", ""), "language": form.get("language") or None}


def signed_out_save(title):
    """A save that arrives after its author's session ended (signed out in another
    tab, cookie gone): nothing is saved, and the editor comes back with what was
    typed, to save again once signed in (MediaWiki's "loss of session data")."""
    page = queries.page_to_save(g.space, title, current_user)
    if page is not None and not policy.can_read(current_user, page):
        abort(404)
    flash(_("You are no longer signed in, so nothing was saved. Sign in in another "
            "window, then save again: your text is kept here."), "error")
    return render_editor(title, page, posted_values(request.form), 401)


def save(title, page):
    form = request.form
    if page is None and posted_base():
        abort(422, str(services.missing_revision(posted_base(), 0).message))
    values = posted_values(form)
    if values["language"] is not None and values["language"] not in LANGUAGES:
        abort(400, _("Unknown language."))
    schema = schema_for(title.namespace)
    # Only the editor's own form carries the field inputs; a plain POST of
    # ``body`` (SPEC) saves its text as given, front matter included.
    with_fields = schema is not None and bool(form.get("record_form"))
    if with_fields:
        values["fields"] = record_editor.state_from_form(schema, form)
    try:
        antispam.check_write(current_user._get_current_object(), values["body"], "page")
    except antispam.WriteRefused as refused:  # a new account's limits: text kept
        flash(str(refused.message), "error")
        return render_editor(title, page, values, refused.status)
    text = values["body"]
    if with_fields:
        text, field_errors = record_editor.join_from_editor(schema, values["fields"],
                                                            values["body"])
        if field_errors:
            flash(_("Some fields need your attention; nothing was saved yet."), "error")
            return render_editor(title, page, values, 422, field_errors=field_errors)
    try:
        tags = values["tags"]
        result = services.run_in_transaction(lambda: services.save_page(
            g.space, title, text, current_user._get_current_object(),
            summary=values["summary"], base_number=posted_base(), minor=values["minor"],
            tags=tags, language=values["language"]))
    except EditConflict as conflict:
        values["base_rev"] = conflict.current_revision.number
        return render_editor(title, queries.find_page(g.space, title), values, 409, conflict)
    except ValueError as error:  # a bad tag
        values_error = str(getattr(error, "message", error))
        flash(values_error, "error")
        return render_editor(title, page, values, 422)
    except WikiError as error:
        abort(error.status, str(error.message))
    if result.revision is None:
        flash(_("No changes: the text is the same as the current revision."), "info")
    elif result.created:
        flash(_("The page was created."), "success")
    elif result.merged:
        flash(_("Someone else saved this page while you were editing; both changes were "
                "merged."), "success")
    else:
        flash(_("Your changes were saved."), "success")
    return redirect(page_path(g.space, result.page))


@bp.route("/wiki/<path:title>/revert/<int:rev>", methods=["POST"])
@antispam.write_limit
def revert(title, rev):
    title, moved = resolve(title, f"revert/{rev}")
    if moved:
        return moved
    page = queries.get_page_or_404(g.space, title, current_user)
    if page.deleted_at is not None:
        abort(409, _("This page was deleted; restore it before editing."))
    require_writer(page)
    if queries.get_revision(page, rev) is None:
        abort(404)
    result = services.run_in_transaction(lambda: services.revert_page(
        page, rev, current_user._get_current_object(),
        summary=request.form.get("summary", "")))
    if result.revision is None:
        flash(_("Nothing to revert: revision %(rev)s has the current text.", rev=rev), "info")
    else:
        flash(_("The page was reverted to revision %(rev)s.", rev=rev), "success")
    return redirect(page_path(g.space, result.page))
