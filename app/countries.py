"""Country names in the reader's language, from CLDR (Babel)."""
import re
from functools import lru_cache

from babel import Locale
from flask_babel import get_locale

from app.collation import sort_key


@lru_cache(maxsize=8)
def _territories(locale_code):
    names = Locale.parse(locale_code).territories
    return {code: name for code, name in names.items()
            if re.fullmatch(r"[A-Z]{2}", code) and code not in ("ZZ", "XA", "XB", "EU", "EZ", "UN", "QO")}


def country_names():
    """``{ISO alpha-2: name}`` in the current locale."""
    return _territories(str(get_locale() or "en"))


def country_name(code):
    return country_names().get((code or "").upper(), code or "")


def country_choices(blank_label=""):
    names = country_names()
    return [("", blank_label)] + sorted(names.items(), key=lambda item: sort_key(item[1]))
