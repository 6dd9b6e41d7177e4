"""Account forms (Flask-WTF: every one carries a CSRF token)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.i18n import LANGUAGE_NAMES


class SignupForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)],
                           description=_l("2 to 40 letters, digits, dots, dashes or underscores."))
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    #: The sign-up question (app/accounts/challenge.py): shown when one is set.
    answer = StringField(_l("Answer"), validators=[Length(max=200)])
    #: The honeypot: hidden from people, filled only by robots.
    website = StringField(_l("Leave this field empty"), validators=[Length(max=200)])


class LoginForm(FlaskForm):
    login = StringField(_l("Username or e-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField(_l("Keep me signed in"))


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])


class ResetForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=1024)])


def language_choices():
    return [("", _l("As my browser says"))] + list(LANGUAGE_NAMES.items())


class SettingsForm(FlaskForm):
    display_name = StringField(_l("Display name"), validators=[Length(max=100)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    locale = SelectField(_l("Language"), choices=language_choices, validate_choice=True)
    country = SelectField(_l("Country"), choices=[], validate_choice=True)
    organisation = StringField(_l("Organisation"), validators=[Length(max=200)])
    bio = TextAreaField(_l("Short bio"), validators=[Length(max=5000)])
    password = PasswordField(_l("Current password"), validators=[Length(max=1024)],
                             description=_l("Needed only to change your e-mail address."))


class PasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=1024)])


class TokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)])
