"""The home page and the language switcher.

The home page is made of panels that the packages register (what's new,
latest blog posts, active workspaces), so the core need not know them."""
from flask import Blueprint, current_app, redirect, render_template, request
from flask_login import current_user

from app.accounts import services
from app.extensions import db
from app.panels import HOME, render_panels
from app.redirects import safe_next

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    return render_template("home.html", panels=render_panels(HOME, current_user))


@bp.route("/language", methods=["POST"])
def set_language():
    """The switcher's form (signed-in members; the old form keeps working for
    everyone): works without JavaScript, remembers the choice in the browser
    (the ``locale`` cookie) and in the member's account."""
    from app.i18n import remember_locale
    code = request.form.get("locale", "")
    response = redirect(safe_next(request.form.get("next")))
    if code in current_app.config["LANGUAGES"]:
        if current_user.is_authenticated:
            services.set_locale(current_user._get_current_object(), code)
            db.session.commit()
        remember_locale(response, code)
    return response
