"""Template globals and filters shared by every package."""
from babel.units import format_unit
from flask import current_app, request
from flask_babel import (format_date, format_datetime, format_decimal, get_locale,
                         get_timezone, lazy_gettext as _l)
from flask_login import current_user

from app import policy
from app.countries import country_name
from app.panels import render_panels

#: The main navigation: (label, path). Paths are part of the public contract.
NAVIGATION = (
    (_l("Home"), "/"),
    (_l("Library"), "/ns/Library"),
    (_l("Glossary"), "/ns/Glossary"),
    (_l("Knowledge"), "/ns/Knowledge"),
    (_l("Countries"), "/ns/Country"),
    (_l("Schemes"), "/ns/Schemes"),
    (_l("Workspaces"), "/w/"),
    (_l("People"), "/people"),
    (_l("Forum"), "/forum/"),
    (_l("News"), "/news"),
    (_l("Recent changes"), "/recent"),
)


def nav_is_current(path):
    here = request.path
    return here == path if path == "/" else here.startswith(path)


def navigation_in(locale):
    """The main navigation with its labels in ``locale``'s words, built once per
    locale (every page shows it; a lazy string is translated each time it is read)."""
    built = _navigation_by_locale.get(locale)
    if built is None:
        built = _navigation_by_locale[locale] = tuple((str(label), path)
                                                      for label, path in NAVIGATION)
    return built


_navigation_by_locale = {}


#: Units of a file's size, the largest first: counted in 1,024s, as file managers do.
SIZE_UNITS = ((1024 ** 3, "digital-gigabyte"), (1024 ** 2, "digital-megabyte"),
              (1024, "digital-kilobyte"))


def file_size(size):
    """``size`` bytes in the reader's words and digits: "225 octets", "1,5 ko", "20 MB"."""
    locale = get_locale() or "en"
    for factor, unit in SIZE_UNITS:
        if size >= factor:
            return format_unit(size / factor, unit, length="short", format="#,##0.#",
                               locale=locale)
    return format_unit(size or 0, "digital-byte", length="long", locale=locale)


def formatted_moment(format_function, value, fmt):
    """``value`` as the reader's locale and time zone write it (``format_function``:
    Flask-Babel's ``format_datetime`` or ``format_date``), kept per process: pages
    show the same dates again and again (search results, histories, lists), and
    Babel takes tens of microseconds for each."""
    if not value:
        return ""
    key = (format_function, value, fmt, str(get_locale()), str(get_timezone()))
    text = _formatted_moments.get(key)
    if text is None:
        if len(_formatted_moments) >= FORMATTED_MOMENTS:
            _formatted_moments.clear()
        text = _formatted_moments[key] = format_function(value, fmt)
    return text


#: How many formatted dates a process keeps at most (all forgotten beyond it): about
#: 260 bytes each, so at most 0.5 MiB per worker (20,000 took 5 MiB in each on a large
#: site, where page views and histories show ever new moments); a results page or a
#: history shows at most a few hundred.
FORMATTED_MOMENTS = 2_000
_formatted_moments = {}


def init_app(app):
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.do")
    # Whitespace inside {% trans %} never reaches the catalogs (babel.cfg: trimmed).
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals.update(
        country_name=country_name,
        render_panels=render_panels,
        nav_is_current=nav_is_current,
        can_read=lambda thing: policy.can_read(current_user, thing),
        can_edit=lambda thing: policy.can_edit(current_user, thing),
        can_manage=lambda thing: policy.can_manage(current_user, thing),
    )
    app.jinja_env.filters.update(
        datetime=lambda value, fmt="medium": formatted_moment(format_datetime, value, fmt),
        date=lambda value, fmt="medium": formatted_moment(format_date, value, fmt),
        number=lambda value: format_decimal(value) if value is not None else "",
        filesize=file_size,
    )

    @app.context_processor
    def site_context():
        return {"site_name": current_app.config["SITE_NAME"],
                "navigation": navigation_in(str(get_locale()))}
