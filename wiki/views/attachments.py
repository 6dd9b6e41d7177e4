"""A page's files: the list with its upload form, and downloads.

Reading follows the page (``can_read``; 404 otherwise), uploading needs
``can_edit``. Downloads are served so that nothing in them can run on our
origin: ``nosniff``, a sandboxing Content-Security-Policy, and ``attachment``
disposition for every type that is not a plain image, PDF or text."""
import os

from flask import abort, current_app, g, redirect, render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from app import antispam, policy
from app.extensions import db
from wiki import attachments as files
from wiki.queries import get_page_or_404
from wiki.pageurls import title_or_400
from wiki.urls import page_path, page_url
from wiki.views import bp

#: Downloads may not load, run or frame anything.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


def page_from_url(raw_title):
    """The readable page the URL names: 400 for a bad title, 404 when missing or unreadable."""
    return get_page_or_404(g.space, title_or_400(raw_title), current_user)


def too_large_message():
    return _("The file is larger than the limit of %(size)s MiB.",
             size=round(current_app.config["UPLOAD_MAX_BYTES"] / (1024 * 1024), 1))


def render_list(page, error=None, status=200):
    return render_template(
        "wiki/attachments.html", page=page, attachments=files.attachments_of(page),
        can_upload=policy.can_edit(current_user, page), error=error,
        max_bytes=current_app.config["UPLOAD_MAX_BYTES"],
        attachment_path=files.attachment_path, page_url=page_url), status


@bp.route("/wiki/<path:title>/attachments", methods=["GET", "POST"])
@antispam.write_limit
def attachments(title):
    page = page_from_url(title)
    if request.method == "GET":
        return render_list(page)
    if not policy.can_edit(current_user, page):
        abort(403)
    try:
        upload = request.files.get("file")
        comment = request.form.get("comment", "")
    except RequestEntityTooLarge:
        return render_list(page, too_large_message(), 413)
    if upload is None or not upload.filename:
        return render_list(page, _("Choose a file to upload."), 400)
    if request.content_length and request.content_length > current_app.config["MAX_CONTENT_LENGTH"]:
        return render_list(page, too_large_message(), 413)
    try:
        version = files.attach_file(page, upload.filename, upload.stream, current_user,
                                    comment=comment, content_type=upload.mimetype)
    except files.AttachmentTooLarge:
        db.session.rollback()
        return render_list(page, too_large_message(), 413)
    except files.AttachmentError as error:
        db.session.rollback()
        message = (_("The file is empty.") if error.code == "empty"
                   else _("The file needs a name made of letters, digits or dots."))
        return render_list(page, message, error.status)
    db.session.commit()
    return redirect(page_path(page.space, page, "attachments") + f"#file-{version.attachment_id}",
                    303)


def download_response(page, name):
    """The file ``name`` of ``page`` (``?version=N`` for an old one), served safely."""
    attachment = files.find_attachment(page, name)
    if attachment is None:
        attachment = files.find_attachment(page, files.sanitise_name(name))
    if attachment is None:
        abort(404)
    number = request.args.get("version", type=int)
    if "version" in request.args and number is None:
        abort(400, "version must be a number.")
    version = files.find_version(attachment, number)
    if version is None:
        abort(404)
    inline = files.is_inline(version.content_type)
    path = files.blob_path(version.sha256)
    if not os.path.exists(path):
        current_app.logger.error("Attachment blob %s is missing", version.sha256)
        abort(404)
    response = send_file(
        path, mimetype=version.content_type,
        as_attachment=not inline, download_name=attachment.name, conditional=True,
        etag=version.sha256, last_modified=version.created_at, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    response.headers["Cache-Control"] = ("public, max-age=300" if page.space.is_commons
                                         else "private, max-age=300")
    return response


@bp.route("/wiki/<path:title>/attachments/<name>")
def attachment(title, name):
    page = page_from_url(title)
    return download_response(page, name)
