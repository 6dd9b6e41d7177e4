"""The profile form (/settings/profile): every field with who may see it.

Choices are checked by the profile services, not here, so that a bad value
gets the same message from the form and the API."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length

from app.accounts.profile_models import MEMBERS, PUBLIC, VISIBILITY_FIELDS


def visibility_choices():
    return [(PUBLIC, _l("Everyone")), (MEMBERS, _l("Members only"))]


def _visibility():
    return SelectField(_l("Who sees this"), choices=visibility_choices, default=PUBLIC,
                       validate_choice=False)


class ProfileForm(FlaskForm):
    photo = FileField(_l("Photo"), description=_l(
        "A JPEG, PNG, GIF or WebP image; it is cropped to a square and its metadata removed."))
    remove_photo = BooleanField(_l("Remove my photo"))
    photo_visibility = _visibility()
    country = SelectField(_l("Country"), choices=[], validate_choice=False)
    country_visibility = _visibility()
    organisation = StringField(_l("Organisation"), validators=[Length(max=200)])
    organisation_visibility = _visibility()
    position = StringField(_l("Position"), validators=[Length(max=200)],
                           description=_l("Your job or role, e.g. “Actuary”."))
    position_visibility = _visibility()
    languages = StringField(_l("Languages spoken"), validators=[Length(max=1000)],
                            description=_l("Separate them with commas, e.g. “French, "
                                           "Haitian Creole, English”."))
    languages_visibility = _visibility()
    expertise = StringField(_l("Expertise"), validators=[Length(max=2000)],
                            description=_l("Tags separated by commas, e.g. “health-financing, "
                                           "micro-insurance”."))
    expertise_visibility = _visibility()
    countries = SelectMultipleField(_l("Countries of experience"), choices=[],
                                    validate_choice=False,
                                    description=_l("Hold Ctrl (or Cmd) to choose several."))
    countries_visibility = _visibility()
    bio = TextAreaField(_l("Short bio"), validators=[Length(max=5000)])
    bio_visibility = _visibility()
    cv_markdown = TextAreaField(_l("CV"), validators=[Length(max=50000)],
                                description=_l("Markdown: headings, lists, links."))
    cv_pdf = FileField(_l("CV as PDF"), description=_l("Optional; a PDF file."))
    remove_cv_pdf = BooleanField(_l("Remove the PDF"))
    cv_visibility = _visibility()
    available_as_expert = BooleanField(_l("Available as an expert: list me in the expert "
                                          "database"))
    hide_online = BooleanField(_l("Do not show me in “Online now”"))

    def visibility(self):
        return {name: getattr(self, f"{name}_visibility").data for name in VISIBILITY_FIELDS}
