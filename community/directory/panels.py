"""The experts of a country, below its page in the Country namespace.

The country is the page's ``iso2`` front-matter field when it has one (a
country profile record), else the page's title read as a country name in any
of the site's languages ("Haiti", "Haïti")."""
from babel import Locale
from flask import current_app, render_template
from flask_login import current_user

from app import panels
from app.accounts.profiles import visible_fields
from app.countries import country_names
from community.directory import queries

COUNTRY_NAMESPACE = "Country"
PANEL_SIZE = 20


def _code_from_title(title):
    if "/" in title:
        return ""
    wanted = title.replace("_", " ").strip().casefold()
    for locale in current_app.config["LANGUAGES"]:
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and name.casefold() == wanted:
                return code
    return ""


def country_of(page):
    """The ISO code a Country page is about, or ``""``."""
    from wiki.importexport import split_front_matter
    revision = page.current_revision
    metadata, _body = split_front_matter(revision.body if revision is not None else "")
    code = metadata.get("iso2")
    if isinstance(code, str) and code.strip().upper() in country_names():
        return code.strip().upper()
    return _code_from_title(page.title)


def country_experts(page):
    """PAGE_EXTRA: experts whose visible country or countries of experience include this one."""
    if page.namespace != COUNTRY_NAMESPACE or page.deleted_at is not None:
        return None
    code = country_of(page)
    if not code:
        return None
    experts = queries.experts_for_country(current_user, code, PANEL_SIZE)
    return render_template("directory/panel_country_experts.html", experts=experts, code=code,
                           fields_of=lambda person: visible_fields(current_user, person))


def init_app(app):
    panels.add_panel(app, panels.PAGE_EXTRA, 50, country_experts)
