"""News forms (Flask-WTF, each with its CSRF token)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length


class NewsForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Text"), validators=[Length(max=100000)],
                         description=_l("Markdown; [[Page]] links the wiki."))
    newsletter = FileField(_l("Newsletter issue (PDF, optional)"))
    remove_newsletter = BooleanField(_l("Remove the attached newsletter"))


class TeamForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)])
