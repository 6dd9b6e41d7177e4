"""Forum forms (Flask-WTF: each carries a CSRF token). They only shape the
input; the services decide what is allowed."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

MARKDOWN_HINT = _l("Markdown: **bold**, *italic*, [link](https://...), > quote.")


class ThreadForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=20000)],
                         description=MARKDOWN_HINT)


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Your reply"), validators=[DataRequired(), Length(max=20000)],
                         description=MARKDOWN_HINT)


class EditForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=20000)],
                         description=MARKDOWN_HINT)


class MoveForm(FlaskForm):
    category = SelectField(_l("Move to"), coerce=str, validate_choice=False)


class CategoryForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    slug = StringField(_l("Address"), validators=[Optional(), Length(max=40)],
                       description=_l("Lower-case letters, digits and dashes; made from the "
                                      "name when empty."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])
    position = IntegerField(_l("Position"), validators=[Optional()])
