"""Sign up, log in, log out, password reset, settings, blocking (profiles:
``app.accounts.profile_views``)."""
from contextlib import nullcontext

from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request,
                   session, url_for)
from flask_babel import force_locale, gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError

from app.accounts import challenge, services
from app.accounts.forms import (LoginForm, PasswordForm, ResetForm, ResetRequestForm, SettingsForm,
                                SignupForm, TokenForm)
from app.audit import record_action
from app.accounts.passwords import check_password, make_reset_token, user_from_reset_token
from app.countries import country_choices
from app.extensions import db, limiter
from app.mail import MailError, send_mail
from app.panels import SETTINGS, render_panels
from app.i18n import LOCALE_COOKIE
from app.redirects import safe_next
from app.urls import absolute_url

bp = Blueprint("accounts", __name__)


def _limit(key):
    return lambda: current_app.config[key]


def _form_error(form, error):
    """Show an AccountError under its field, or as a message above the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = list(field.errors) + [str(error.message)]
    else:
        flash(str(error.message), "error")


def _status(form):
    """422 for a submitted form that is re-shown with errors, else 200."""
    return 422 if form.is_submitted() else 200


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_SIGNUP"), methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignupForm()
    form.password.description = _("At least %(n)d characters.",
                                  n=current_app.config["PASSWORD_MIN_LENGTH"])
    challenge.prepare(form)
    if form.is_submitted() and _sign_up_checked(form):
        try:
            user = services.create_user(form.username.data, form.email.data, form.password.data,
                                        locale=request.cookies.get(LOCALE_COOKIE, ""))
            db.session.commit()
        except services.AccountError as error:
            db.session.rollback()
            _form_error(form, error)
        except IntegrityError:
            # Someone took the name or address between the check and the commit.
            db.session.rollback()
            _form_error(form, services.AccountError(_("This username is taken."), "username"))
        else:
            login_user(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/signup.html", form=form), _status(form)


def _sign_up_checked(form):
    """The form's own checks, the account rules and the sign-up question, all of
    them, each problem shown beside its field: True when there is none."""
    valid = form.validate()
    for error in services.sign_up_problems(form.username.data, form.email.data,
                                           form.password.data):
        field = getattr(form, error.field, None)
        if field is None or not field.errors:
            _form_error(form, error)
    answered = challenge.passes(form)
    return valid and answered and not any(field.errors for field in form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_LOGIN"), methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.login.data, form.password.data)
        except services.BlockedAccount as error:
            flash(str(error.message), "error")
            return render_template("auth/login.html", form=form), 403
        except services.AccountError as error:
            _form_error(form, error)
        else:
            login_user(user, remember=form.remember.data)
            if user.locale:
                session["locale"] = user.locale
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), _status(form)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("main.index"))


def _send_reset_mail(user):
    """The link is built on BASE_URL, never on the request's Host header
    (which an attacker could set to receive the token)."""
    link = absolute_url(url_for("accounts.reset", token=make_reset_token(user)))
    # In the language the user chose, else the one of the page that asked.
    with force_locale(user.locale) if user.locale else nullcontext():
        send_mail(user.email, _("Reset your password"),
                  render_template("auth/reset_mail.txt", user=user, link=link,
                                  max_age_minutes=current_app.config["RESET_TOKEN_MAX_AGE"] // 60))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_RESET"), methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = services.user_by_login(form.email.data)
        if user is not None and not user.is_blocked:
            try:
                _send_reset_mail(user)
            except MailError:
                flash(_("The mail could not be sent. Please try again later."), "error")
                return render_template("auth/reset_request.html", form=form), 503
        # Same answer whether or not the address is known: no account probing.
        flash(_("If an account uses this address, a link to reset its password is on its way."),
              "success")
        return redirect(url_for("accounts.login"))
    return render_template("auth/reset_request.html", form=form), _status(form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_RESET"), methods=["POST"])
def reset(token):
    user = user_from_reset_token(token)
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = ResetForm()
    if form.validate_on_submit():
        try:
            services.set_password(user, form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            form.password.errors = list(form.password.errors) + [str(error.message)]
        else:
            db.session.commit()
            flash(_("Your password is changed. You can log in now."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("auth/reset.html", form=form, user=user), _status(form)


def _settings_page(user, form, status=200, new_token=None, password_form=None, token_form=None):
    return render_template(
        "auth/settings.html", form=form, password_form=password_form or PasswordForm(),
        token_form=token_form or TokenForm(), new_token=new_token, tokens=user.api_tokens,
        panels=render_panels(SETTINGS, user)), status


def _settings_form(user, bind=True):
    form = SettingsForm(obj=user) if not bind else SettingsForm()
    form.country.choices = country_choices(_("Not set"))
    return form


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    user = current_user._get_current_object()
    form = _settings_form(user, bind=request.method == "POST")
    if form.validate_on_submit():
        try:
            services.update_settings(
                user, email=form.email.data, locale=form.locale.data,
                password=form.password.data,
                display_name=form.display_name.data, country=form.country.data,
                organisation=form.organisation.data, bio=form.bio.data)
        except services.AccountError as error:
            db.session.rollback()
            _form_error(form, error)
        else:
            db.session.commit()
            session["locale"] = user.locale or session.get("locale", "")
            flash(_("Your settings are saved."), "success")
            return redirect(url_for("accounts.settings"))
    return _settings_page(user, form, _status(form))


@bp.route("/settings/password", methods=["POST"])
@login_required
@limiter.limit(_limit("RATELIMIT_LOGIN"))
def change_password():
    user = current_user._get_current_object()
    form = PasswordForm()
    if form.validate_on_submit():
        if not check_password(user, form.current_password.data):
            form.current_password.errors = list(form.current_password.errors) + [
                _("Your current password is not right.")]
        else:
            try:
                services.set_password(user, form.new_password.data)
            except services.AccountError as error:
                db.session.rollback()
                form.new_password.errors = list(form.new_password.errors) + [str(error.message)]
            else:
                db.session.commit()
                # The session stamp changed with the password: sign in afresh
                # here, while every other session of this account ends.
                login_user(user)
                flash(_("Your password is changed."), "success")
                return redirect(url_for("accounts.settings"))
    return _settings_page(user, _settings_form(user, bind=False), 422, password_form=form)


@bp.route("/settings/tokens", methods=["POST"])
@login_required
def create_token():
    user = current_user._get_current_object()
    form = TokenForm()
    if not form.validate_on_submit():
        return _settings_page(user, _settings_form(user, bind=False), 422, token_form=form)
    _token, raw = services.create_api_token(user, form.name.data)
    db.session.commit()
    # Shown once, in this answer: the raw token never goes into the session cookie.
    flash(_("Copy your new token now: it will not be shown again."), "success")
    return _settings_page(user, _settings_form(user, bind=False), 201, new_token=raw)


@bp.route("/settings/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id):
    if not services.revoke_api_token(current_user, token_id):
        abort(404)
    db.session.commit()
    flash(_("The token is revoked."), "success")
    return redirect(url_for("accounts.settings") + "#api-tokens")


@bp.route("/u/<username>/block", methods=["POST"])
@login_required
def block(username):
    return _set_blocked(username, True)


@bp.route("/u/<username>/unblock", methods=["POST"])
@login_required
def unblock(username):
    return _set_blocked(username, False)


def _set_blocked(username, blocked):
    user = services.user_by_name(username)
    if user is None:
        abort(404)
    if not services.can_block(current_user, user):
        abort(403)
    try:
        if blocked:
            services.block_user(current_user, user)
        else:
            services.unblock_user(current_user, user)
    except services.AccountError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("accounts.profile", username=user.username))
    record_action(current_user, "user.blocked" if blocked else "user.unblocked", "user", user.id,
                  user.username, request.form.get("reason", ""))
    db.session.commit()
    flash(_("%(name)s is blocked.", name=user.username) if blocked
          else _("%(name)s is unblocked.", name=user.username), "success")
    return redirect(url_for("accounts.profile", username=user.username))
