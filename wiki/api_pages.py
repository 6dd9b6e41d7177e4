"""The pages API: read, save (with merges), delete, history, diffs, listing.

``/api/v1/pages/...`` serves the commons, ``/api/v1/w/<slug>/pages/...`` a
workspace (``g.space``). Unreadable pages are 404, exactly like missing ones;
403 only where the caller may read the page."""
from flask import abort, g, jsonify, request
from flask_login import current_user

from app import antispam, policy
from app.converters import MAX_ID
from app.api import json_body, require_user
from app.errors import json_error
from app.extensions import db
from wiki import diff as diffing
from wiki import queries, services
from wiki.api import api_bp
from wiki.pageurls import title_or_400
from wiki.records.validation import body_errors
from wiki.services import LANGUAGES, EditConflict, WikiError
from wiki.titles import canonical_namespace
from wiki.urls import page_path


def iso(moment):
    return moment.isoformat() + "Z" if moment else None


def fresh_html(revision):
    """The revision's HTML, rendered again (and kept) when a linked page came or went."""
    from wiki import rendering
    if rendering.is_fresh(revision):
        return revision.html
    html = rendering.html_for(revision)
    db.session.commit()
    return html


def page_json(page, revision):
    return {
        "title": page.full_title, "namespace": page.namespace,
        "workspace": None if page.space.is_commons else page.space.slug,
        "rev": revision.number if revision else 0,
        "body": revision.body if revision else "",
        "html": fresh_html(revision) if revision else "",
        "language": page.language, "tags": page.tag_names,
        "updated_at": iso(page.updated_at),
        "author": revision.author.username if revision and revision.author else None,
        "protected": page.protected, "url": page_path(page.space, page),
        "redirect_to": page.redirect_to.full_title if page.redirect_to_id and page.redirect_to
        else None,
        # Only moderators read a deleted page: they see that it is one.
        "deleted": page.deleted_at is not None,
    }


def positive_int(name, default=None):
    value = request.args.get(name)
    if value in (None, ""):
        return default
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        abort(400, f"{name} must be a positive integer below {MAX_ID + 1}.")
    return int(value)


def readable(raw_title):
    title = title_or_400(raw_title)
    page = queries.readable_page(g.space, title, current_user)
    if page is None or page.current_revision_id is None:
        abort(404, "No such page.")
    return page


@api_bp.route("/pages")
def list_pages():
    namespace = request.args.get("ns")
    if namespace:
        found = canonical_namespace(namespace)
        if found is None:
            abort(400, f"Unknown namespace {namespace[:60]!r}.")
        namespace = found
    prefix = (request.args.get("prefix") or "").replace("_", " ")[:255] or None
    pages = queries.list_pages(current_user, space=g.space, namespace=namespace, prefix=prefix)
    return jsonify([{"title": p.full_title, "namespace": p.namespace,
                     "workspace": None if p.space.is_commons else p.space.slug,
                     "rev": p.head_number, "updated_at": iso(p.updated_at),
                     "language": p.language} for p in pages if p.head_number])


@api_bp.route("/pages/<path:title>", methods=["GET"])
def get_page(title):
    page = readable(title)
    revision = queries.get_revision(page, positive_int("rev"))
    if revision is None:
        abort(404, "No such revision.")
    return jsonify(page_json(page, revision))


def _typed(data, name, kinds, default=None, nullable=False):
    value = data.get(name, default)
    if value is None and (nullable or default is None):
        return value
    if isinstance(value, bool) and bool not in kinds:
        abort(422, f"{name} has the wrong type.")
    if not isinstance(value, kinds):
        abort(422, f"{name} has the wrong type.")
    return value


def parse_save(data):
    body = data.get("body")
    if not isinstance(body, str):
        abort(422, "body is required and must be a string.")
    summary = _typed(data, "summary", (str,), "") or ""
    base = _typed(data, "base_rev", (int,), nullable=True)
    if base is not None and base < 0:
        abort(422, "base_rev must be a revision number.")
    minor = _typed(data, "minor", (bool,), False)
    tags = _typed(data, "tags", (list,), nullable=True)
    if tags is not None and not all(isinstance(t, str) for t in tags):
        abort(422, "tags must be a list of strings.")
    language = _typed(data, "language", (str,), nullable=True)
    if language is not None and language not in LANGUAGES:
        abort(422, f"language must be one of {', '.join(LANGUAGES)}.")
    if len(summary) > services.MAX_SUMMARY:
        abort(422, "summary has at most 500 characters.")
    return dict(body=body, summary=summary, base_number=base, minor=minor, tags=tags,
                language=language)


@api_bp.route("/pages/<path:title>", methods=["PUT"])
@antispam.write_limit
def put_page(title):
    title = title_or_400(title)
    user = require_user()
    args = parse_save(json_body())
    page = queries.page_to_save(g.space, title, user)
    if page is None and args["base_number"]:
        abort(422, str(services.missing_revision(args["base_number"], 0).message))
    if page is not None and not policy.can_read(user, page):
        abort(404, "No such page.")
    if not policy.can_edit(user, page if page is not None else g.space):
        abort(403, "You may not edit this page.")
    if page is not None and page.deleted_at is not None and args["base_number"]:
        abort(409, "This page was deleted; restore it before editing.")
    field_errors = body_errors(title.namespace, args["body"])
    if field_errors:  # a record's fields, checked like the editor's form
        response = jsonify({"error": {"code": "invalid_fields", "fields": field_errors,
                                      "message": "Some fields of the record are invalid."}})
        response.status_code = 422
        return response
    try:
        antispam.check_write(user, args["body"], "page")
    except antispam.WriteRefused as refused:
        abort(refused.status, str(refused.message))
    try:
        result = services.run_in_transaction(
            lambda: services.save_page(g.space, title, actor=user, **args))
    except EditConflict as conflict:
        return json_error(409, str(conflict.message), current_rev=conflict.current_revision.number,
                          current_body=conflict.current_revision.body,
                          your_body=conflict.your_body,
                          conflicted_body=conflict.conflicted_body)
    except WikiError as error:
        abort(error.status, str(error.message))
    except ValueError as error:  # a malformed tag
        abort(422, str(error))
    page = result.page
    revision = result.revision or queries.get_revision(page)
    body = page_json(page, revision)
    body.update(created=result.created, merged=result.merged,
                saved=result.revision is not None)
    response = jsonify(body)
    response.status_code = 201 if result.created else 200
    if result.created:
        response.headers["Location"] = request.path
    return response


@api_bp.route("/pages/<path:title>", methods=["DELETE"])
def delete_page(title):
    user = require_user()
    page = readable(title)
    if not policy.can_manage(user, page):
        abort(403, "Only the space's managers may delete pages.")
    services.run_in_transaction(lambda: services.delete_page(page, user))
    return "", 204


def link_header(page_number, pages, per_page):
    links = []
    base = request.base_url
    if page_number > 1:
        links.append(f'<{base}?page={page_number - 1}&per_page={per_page}>; rel="prev"')
        links.append(f'<{base}?page=1&per_page={per_page}>; rel="first"')
    if page_number < pages:
        links.append(f'<{base}?page={page_number + 1}&per_page={per_page}>; rel="next"')
        links.append(f'<{base}?page={pages}&per_page={per_page}>; rel="last"')
    return ", ".join(links)


@api_bp.route("/pages/<path:title>/revisions")
def revisions(title):
    page = readable(title)
    listing = queries.history(page, positive_int("page", 1), positive_int("per_page", 50))
    response = jsonify([{
        "rev": r.number, "author": r.author.username if r.author else None,
        "summary": r.summary, "minor": r.minor, "created_at": iso(r.created_at),
        "size": r.size, "size_delta": r.size_delta, "title": r.full_title,
    } for r in listing.items])
    response.headers["X-Total-Count"] = str(listing.total)
    links = link_header(listing.page, listing.pages, listing.per_page)
    if links:
        response.headers["Link"] = links
    return response


@api_bp.route("/pages/<path:title>/diff")
def diff(title):
    page = readable(title)
    to_number = positive_int("to", page.head_number)
    from_number = positive_int("from", max(1, to_number - 1))
    old, new = queries.get_revision(page, from_number), queries.get_revision(page, to_number)
    if old is None or new is None:
        abort(404, "No such revision.")
    added, removed = diffing.stats(old.body, new.body)
    return jsonify({
        "from": old.number, "to": new.number, "added": added, "removed": removed,
        "unified": diffing.unified(old.body, new.body, f"{page.full_title} (rev {old.number})",
                                   f"{page.full_title} (rev {new.number})"),
        "hunks": diffing.hunks(old.body, new.body),
    })
