"""Workspace and blog forms (Flask-WTF: every one carries a CSRF token).

The forms only shape the input; the services decide what is allowed."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length


def visibility_choices():
    return [("public", _l("Public: everyone can read it")),
            ("private", _l("Private: only members can read it"))]


def join_policy_choices():
    return [("invite", _l("By invitation only")),
            ("request", _l("People ask to join, an owner accepts")),
            ("open", _l("Open: anyone joins as a viewer (public workspaces only)"))]


def role_choices():
    return [("viewer", _l("Viewer")), ("editor", _l("Editor")), ("owner", _l("Owner"))]


def status_choices():
    return [("draft", _l("Draft (only you and the owners see it)")),
            ("published", _l("Published"))]


class SettingsForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)],
                                description=_l("Markdown is not rendered here: plain text."))
    visibility = RadioField(_l("Who can read it"), choices=visibility_choices, default="public")
    join_policy = RadioField(_l("How people join"), choices=join_policy_choices,
                             default="invite")


class WorkspaceForm(SettingsForm):
    slug = StringField(_l("Address"), validators=[DataRequired(), Length(max=40)],
                       description=_l("2 to 40 lower-case letters, digits or dashes: "
                                      "/w/<address>/"))


class InviteForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)])
    role = SelectField(_l("Role"), choices=role_choices, default="viewer")


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices)


class JoinRequestForm(FlaskForm):
    message = TextAreaField(_l("Message to the owners (optional)"),
                            validators=[Length(max=1000)])


class PostForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Text"), description=_l("Markdown. [[Page]] links this workspace's "
                                                    "wiki, [[commons:Page]] the commons."))
    tags = StringField(_l("Tags"), validators=[Length(max=1000)],
                       description=_l("Separated by commas: lower-case letters, digits, dashes."))
    status = RadioField(_l("Status"), choices=status_choices, default="draft")


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=[DataRequired(), Length(max=10000)],
                         description=_l("Markdown."))
