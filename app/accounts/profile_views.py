"""Profiles: the page at /u/<username>, its photo and CV, and the profile
settings at /settings/profile (on the accounts blueprint)."""
import os

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import profiles, services
from app.accounts.profile_fields import language_name
from app.accounts.profile_files import FileRefused, blob_path
from app.accounts.profile_forms import ProfileForm
from app.accounts.profile_models import PUBLIC
from app.accounts.views import bp
from app.countries import country_choices
from app.extensions import db
from app.markup import render_plain
from app.panels import PROFILE, render_panels


def _visible_user_or_404(username):
    user = services.user_by_name(username)
    if not profiles.can_see_profile(current_user, user):
        abort(404)
    return user


@bp.route("/u/<username>")
def profile(username):
    user = _visible_user_or_404(username)
    if user.username != username:
        return redirect(url_for("accounts.profile", username=user.username), 301)
    view = profiles.ProfileView(user, current_user)
    return render_template(
        "auth/profile.html", user=user, view=view, language_name=language_name,
        cv_html=render_plain(view.cv_markdown) if view.cv_markdown.strip() else None,
        can_contact=(current_user.is_authenticated and not view.owner
                     and not user.is_blocked),
        panels=render_panels(PROFILE, user, current_user),
        can_block=services.can_block(current_user, user))


def _file_response(path, sha256, mimetype, members_only, **options):
    if not os.path.exists(path):
        current_app.logger.error("Profile file %s is missing", sha256)
        abort(404)
    response = send_file(path, mimetype=mimetype, conditional=True, etag=sha256, max_age=0,
                         **options)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Revalidated every time (a 304 is cheap): a new photo or a narrower
    # visibility must show at once, and a members-only file never sits in a shared cache.
    response.headers["Cache-Control"] = ("private" if members_only else "public") + ", no-cache"
    return response


@bp.route("/u/<username>/photo")
def photo(username):
    user = _visible_user_or_404(username)
    view = profiles.ProfileView(user, current_user)
    if not view.has_photo:
        abort(404)
    profile = user.profile
    thumb = request.args.get("size") == "thumb"
    sha = profile.photo_thumb_sha256 if thumb else profile.photo_sha256
    return _file_response(blob_path(sha), sha, profile.photo_type,
                          profile.photo_visibility != PUBLIC)


@bp.route("/u/<username>/cv.pdf")
def cv_pdf(username):
    user = _visible_user_or_404(username)
    view = profiles.ProfileView(user, current_user)
    if not view.has_cv_pdf:
        abort(404)
    profile = user.profile
    return _file_response(blob_path(profile.cv_pdf_sha256), profile.cv_pdf_sha256,
                          "application/pdf", profile.cv_visibility != PUBLIC,
                          as_attachment=True, download_name=f"{user.username}-cv.pdf")


# --- settings ----------------------------------------------------------------------

def _profile_form(user, bind):
    if bind:
        form = ProfileForm()
    else:
        profile = user.profile
        form = ProfileForm(data={
            "country": user.country, "organisation": user.organisation, "bio": user.bio,
            "position": profile.position if profile else "",
            "cv_markdown": profile.cv_markdown if profile else "",
            "languages": ", ".join(language_name(code) for code in profile.languages)
            if profile else "",
            "expertise": ", ".join(profile.expertise) if profile else "",
            "countries": profile.countries if profile else [],
            "available_as_expert": bool(profile and profile.available_as_expert),
            "hide_online": bool(profile and profile.hide_online),
            **({f"{name}_visibility": profile.visibility(name)
                for name in profiles.VISIBILITY_FIELDS} if profile else {}),
        })
    choices = country_choices(_("Not set"))
    form.country.choices = choices
    form.countries.choices = choices[1:]
    return form


FILE_MESSAGES = {
    "too-large": lambda: _("The file is larger than %(size)s MB.", size=round(
        current_app.config["UPLOAD_MAX_BYTES"] / (1024 * 1024), 1)),
    "not-image": lambda: _("This file is not an image we can read (JPEG, PNG, GIF or WebP)."),
    "not-pdf": lambda: _("This file is not a PDF."),
    "empty": lambda: _("The file is empty."),
}


def _save_profile(user, form):
    """Apply the form; raises AccountError or FileRefused (with ``field`` set)."""
    profiles.update_profile(
        user, actor=user, country=form.country.data or "", organisation=form.organisation.data,
        position=form.position.data, bio=form.bio.data, cv_markdown=form.cv_markdown.data,
        languages=form.languages.data, expertise=form.expertise.data,
        countries=form.countries.data or [],
        available_as_expert=bool(form.available_as_expert.data),
        hide_online=bool(form.hide_online.data), visibility=form.visibility())
    for name, setter, remover, flag in (
            ("photo", profiles.set_photo, profiles.remove_photo, form.remove_photo),
            ("cv_pdf", profiles.set_cv_pdf, profiles.remove_cv_pdf, form.remove_cv_pdf)):
        upload = getattr(form, name).data
        if upload is not None and getattr(upload, "filename", ""):
            try:
                setter(user, upload.stream, actor=user)
            except FileRefused as error:
                error.field = name
                raise
        elif flag.data:
            remover(user, actor=user)


@bp.route("/settings/profile", methods=["GET", "POST"])
@login_required
def settings_profile():
    user = current_user._get_current_object()
    form = _profile_form(user, bind=request.method == "POST")
    status = 200
    if form.validate_on_submit():
        try:
            _save_profile(user, form)
        except services.AccountError as error:
            db.session.rollback()
            field = getattr(form, error.field or "", None)
            if hasattr(field, "errors"):
                field.errors = list(field.errors) + [str(error.message)]
            else:
                flash(str(error.message), "error")
            status = 422
        except FileRefused as error:
            db.session.rollback()
            getattr(form, error.field).errors = [FILE_MESSAGES[error.code]()]
            status = error.status
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.settings_profile"))
    elif form.is_submitted():
        status = 422
    return render_template("auth/settings_profile.html", form=form, user=user,
                           profile=user.profile), status
