"""The profile's list fields: languages spoken (CLDR codes, named in the
reader's language), expertise tags and countries of experience.

People type languages and tags as text ("French, Haitian Creole", "health
financing, micro-insurance"); these functions turn that text into the values
stored, or say which item is wrong."""
import re
import unicodedata
from functools import lru_cache

from babel import Locale
from flask import current_app
from flask_babel import get_locale

from app.countries import country_names

TAG_PATTERN = re.compile(r"[a-z0-9-]{1,40}")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
MAX_TAGS = 30
MAX_LANGUAGES = 20
MAX_COUNTRIES = 60
_SEPARATORS = re.compile(r"[,;\n]")


class FieldError(ValueError):
    """A list item that is not allowed; ``item`` is what the person typed."""

    def __init__(self, kind, item=""):
        super().__init__(f"{kind}: {item}")
        self.kind = kind
        self.item = item


@lru_cache(maxsize=8)
def _language_names(locale_code):
    names = Locale.parse(locale_code).languages
    return {code: name for code, name in names.items() if LANGUAGE_CODE.fullmatch(code)}


def language_codes():
    """Every code a person may choose: CLDR's two- and three-letter languages."""
    return _language_names("en").keys()


def language_name(code):
    """The language's name in the reader's language (English, else the code)."""
    names = _language_names(str(get_locale() or "en"))
    return names.get(code) or _language_names("en").get(code) or code


@lru_cache(maxsize=1)
def _codes_by_name(locales):
    found = {}
    for locale in locales:
        for code, name in _language_names(locale).items():
            found.setdefault(name.casefold(), code)
    return found


def parse_languages(text):
    """Codes for a comma-separated list of language names (in any UI
    language) or codes, in the order given, without repeats."""
    codes, known = [], language_codes()
    by_name = _codes_by_name(tuple(current_app.config["LANGUAGES"]))
    for item in _items(text):
        key = item.casefold()
        code = key if key in known else by_name.get(key)
        if code is None:
            raise FieldError("language", item)
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_LANGUAGES:
        raise FieldError("too-many")
    return codes


def normalise_tag(raw):
    """``Health Financing`` -> ``health-financing``; accents dropped."""
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[\s_]+", "-", text.strip().lower())
    return re.sub(r"-{2,}", "-", text).strip("-")


def parse_tags(text):
    """Expertise tags from a comma-separated list; raises FieldError on a bad one."""
    tags = []
    for item in _items(text):
        tag = normalise_tag(item)
        if not TAG_PATTERN.fullmatch(tag):
            raise FieldError("tag", item)
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise FieldError("too-many")
    return tags


def parse_countries(values):
    """ISO codes from a list (a multiple select) or a comma-separated string."""
    if isinstance(values, str):
        values = list(_items(values))
    known, codes = country_names(), []
    for value in values or ():
        code = value.strip().upper() if isinstance(value, str) else ""
        if not code:
            continue
        if code not in known:
            raise FieldError("country", value if isinstance(value, str) else "")
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_COUNTRIES:
        raise FieldError("too-many")
    return codes


def _items(text):
    for item in _SEPARATORS.split(text or ""):
        item = item.strip()
        if item:
            yield item[:100]
