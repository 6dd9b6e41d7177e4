"""Sign up, log in, log out, password reset, settings, profiles, blocking."""
from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app import policy
from app.accounts import services
from app.accounts.forms import (LoginForm, PasswordForm, ResetForm, ResetRequestForm, SettingsForm,
                                SignupForm, TokenForm)
from app.accounts.passwords import check_password, make_reset_token, user_id_from_reset_token
from app.accounts.auth import load_user
from app.countries import country_choices
from app.extensions import db, limiter
from app.mail import send_mail
from app.panels import PROFILE, SETTINGS, render_panels
from app.redirects import safe_next

bp = Blueprint("accounts", __name__)


def _limit(key):
    return lambda: current_app.config[key]


def _form_error(form, error):
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = list(field.errors) + [str(error.message)]
    else:
        flash(str(error.message), "error")


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_SIGNUP"), methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(form.username.data, form.email.data, form.password.data,
                                        locale=session.get("locale", ""))
        except services.AccountError as error:
            _form_error(form, error)
        else:
            db.session.commit()
            login_user(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(url_for("main.index"))
    status = 422 if form.is_submitted() else 200
    return render_template("auth/signup.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_LOGIN"), methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.user_by_login(form.login.data)
        if user is not None and check_password(user, form.password.data):
            if user.is_blocked:
                flash(_("This account is blocked."), "error")
                return render_template("auth/login.html", form=form), 403
            login_user(user, remember=form.remember.data)
            if user.locale:
                session["locale"] = user.locale
            return redirect(safe_next(request.args.get("next")))
        flash(_("Wrong username, e-mail or password."), "error")
        return render_template("auth/login.html", form=form), 401
    status = 422 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("main.index"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_RESET"), methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = services.user_by_login(form.email.data)
        if user is not None and not user.is_blocked:
            link = url_for("accounts.reset", token=make_reset_token(user), _external=True)
            send_mail(user.email, _("Reset your password"),
                      render_template("auth/reset_mail.txt", user=user, link=link))
        # Same answer whether or not the address is known: no account probing.
        flash(_("If an account uses this address, a link to reset its password is on its way."),
              "success")
        return redirect(url_for("accounts.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_RESET"), methods=["POST"])
def reset(token):
    user = user_id_from_reset_token(token, load_user)
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = ResetForm()
    if form.validate_on_submit():
        try:
            services.set_password(user, form.password.data)
        except services.AccountError as error:
            _form_error(form, error)
        else:
            db.session.commit()
            flash(_("Your password is changed. You can log in now."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("auth/reset.html", form=form, user=user)


def _settings_form(user):
    form = SettingsForm(obj=user if request.method == "GET" else None)
    form.country.choices = country_choices(_("Not set"))
    return form


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    user = current_user._get_current_object()
    form = _settings_form(user)
    if form.validate_on_submit():
        try:
            services.update_settings(
                user, email=form.email.data, locale=form.locale.data,
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
    status = 422 if form.is_submitted() and form.errors else 200
    return render_template("auth/settings.html", form=form, password_form=PasswordForm(),
                           token_form=TokenForm(), new_token=session.pop("new_token", None),
                           tokens=user.api_tokens, panels=render_panels(SETTINGS, user)), status


@bp.route("/settings/password", methods=["POST"])
@login_required
@limiter.limit(_limit("RATELIMIT_LOGIN"))
def change_password():
    form = PasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if not check_password(user, form.current_password.data):
            flash(_("Your current password is not right."), "error")
            return redirect(url_for("accounts.settings")), 303
        try:
            services.set_password(user, form.new_password.data)
        except services.AccountError as error:
            flash(str(error.message), "error")
            return redirect(url_for("accounts.settings")), 303
        db.session.commit()
        login_user(user)
        flash(_("Your password is changed."), "success")
    else:
        flash(_("Fill in both passwords."), "error")
    return redirect(url_for("accounts.settings"))


@bp.route("/settings/tokens", methods=["POST"])
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        flash(_("Give the token a name."), "error")
        return redirect(url_for("accounts.settings"))
    _token, raw = services.create_api_token(current_user, form.name.data)
    db.session.commit()
    session["new_token"] = raw
    flash(_("Copy your new token now: it will not be shown again."), "success")
    return redirect(url_for("accounts.settings") + "#api-tokens")


@bp.route("/settings/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id):
    if not services.revoke_api_token(current_user, token_id):
        abort(404)
    db.session.commit()
    flash(_("The token is revoked."), "success")
    return redirect(url_for("accounts.settings") + "#api-tokens")


@bp.route("/u/<username>")
def profile(username):
    user = services.user_by_name(username)
    if user is None:
        abort(404)
    if user.username != username:
        return redirect(url_for("accounts.profile", username=user.username), 301)
    return render_template("auth/profile.html", user=user,
                           panels=render_panels(PROFILE, user, current_user),
                           can_block=policy.is_site_moderator(current_user) and user != current_user
                           and (not user.is_moderator or policy.is_site_admin(current_user)))


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
    if not policy.is_site_moderator(current_user) or user == current_user:
        abort(403)
    if user.is_moderator and not policy.is_site_admin(current_user):
        abort(403)
    try:
        services.block_user(user) if blocked else services.unblock_user(user)
    except services.AccountError as error:
        flash(str(error.message), "error")
        return redirect(url_for("accounts.profile", username=user.username))
    db.session.commit()
    flash(_("%(name)s is blocked.", name=user.username) if blocked
          else _("%(name)s is unblocked.", name=user.username), "success")
    return redirect(url_for("accounts.profile", username=user.username))
