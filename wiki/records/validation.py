"""Field values: from what people type (form strings) or what YAML gives
(numbers, dates, lists, mappings) to clean Python values, with a translated
message for each field that is wrong.

``parse(field, raw)`` is the one conversion; ``validate`` is strict (the
editor, the API, the CSV import), ``lenient`` keeps what parses (storing a
body saved some other way, showing an old revision)."""
import math
import re
from datetime import date, datetime
from urllib.parse import urlsplit

from flask_babel import gettext as _

from app.countries import country_names
from wiki.records import schema as s

MIN_YEAR, MAX_YEAR = 1800, 2100
MAX_TEXT = 500
MAX_LONGTEXT = 20_000
MAX_SOURCE = 200
MAX_ITEMS = 50
TAG = re.compile(r"[a-z0-9-]{1,40}")
#: Spaces people put between thousands: plain, no-break, narrow no-break, thin.
GROUP_SPACES = re.compile(r"[ \u00a0\u202f\u2009']")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
COMMA_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
DOT_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


class Invalid(ValueError):
    """A value that does not fit its field; ``message`` is translated."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_empty(raw):
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, (list, tuple)):
        return all(is_empty(item) for item in raw)
    if isinstance(raw, dict):
        return all(is_empty(item) for item in raw.values())
    return False


def parse_number(raw):
    """1000, "1 000", "1,000", "1.000,5", "1,5", "17.3" -> int or float."""
    if isinstance(raw, bool):
        raise Invalid(_("Enter a number."))
    if isinstance(raw, (int, float)):
        number = raw
    else:
        text = GROUP_SPACES.sub("", str(raw).strip())
        if PLAIN_NUMBER.fullmatch(text):
            pass
        elif COMMA_THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        elif DOT_THOUSANDS.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
        elif DECIMAL_COMMA.fullmatch(text):
            text = text.replace(",", ".")
        else:
            raise Invalid(_("Enter a number, such as 1500 or 17.3."))
        number = float(text)
    if math.isnan(number) or math.isinf(number) or abs(number) > 1e15:
        raise Invalid(_("Enter a number, such as 1500 or 17.3."))
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


def parse_year(raw):
    if isinstance(raw, bool):
        raise Invalid(_("Enter a year, such as 2021."))
    text = str(raw).strip()
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not re.fullmatch(r"\d{4}", text):
        raise Invalid(_("Enter a year, such as 2021."))
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Invalid(_("Enter a year between %(low)s and %(high)s.", low=MIN_YEAR,
                        high=MAX_YEAR))
    return year


def parse_date(raw):
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise Invalid(_("Enter a date as YYYY-MM-DD, such as 2024-03-31.")) from None


def _text(raw, limit):
    if isinstance(raw, (dict, list, tuple)):
        raise Invalid(_("Enter text, not a list."))
    text = str(raw).strip() if not isinstance(raw, date) else raw.isoformat()
    if len(text) > limit:
        raise Invalid(_("At most %(count)s characters.", count=limit))
    return text


def _choice(field, raw):
    text = str(raw).strip() if not isinstance(raw, bool) else str(raw).lower()
    if field.choice(text) is None:
        raise Invalid(_("Choose one of the options offered."))
    return text


def _items(raw):
    """A list from a YAML list or a comma (or space) separated string."""
    if isinstance(raw, (list, tuple)):
        items = raw
    else:
        items = re.split(r"[,\s]+", str(raw))
    out = []
    for item in items:
        if is_empty(item):
            continue
        item = str(item).strip() if not isinstance(item, bool) else str(item).lower()
        if item not in out:
            out.append(item)
    if len(out) > MAX_ITEMS:
        raise Invalid(_("At most %(count)s values.", count=MAX_ITEMS))
    return out


def parse_country(raw):
    # YAML 1.1 reads an unquoted NO (Norway) as false.
    text = "NO" if raw is False else str(raw).strip().upper()
    if text not in country_names():
        raise Invalid(_("Choose a country (a two-letter ISO code such as SN)."))
    return text


def parse_url(raw):
    text = _text(raw, MAX_TEXT)
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", text):
        raise Invalid(_("Enter a web address starting with http:// or https://."))
    return text


def parse_tags(raw):
    tags = [t.lower() for t in _items(raw)]
    bad = [t for t in tags if not TAG.fullmatch(t)]
    if bad:
        raise Invalid(_("Tags are lower-case letters, digits and hyphens: %(tags)s is not one.",
                        tags=bad[0][:40]))
    return tags


def parse_indicator(raw):
    """``{value, year, source}`` from a mapping, or a bare number (value only)."""
    if not isinstance(raw, dict):
        raw = {"value": raw}
    value = raw.get("value")
    if is_empty(value):
        raise Invalid(_("Give the indicator's value."))
    clean = {"value": parse_number(value)}
    if not is_empty(raw.get("year")):
        clean["year"] = parse_year(raw.get("year"))
    if not is_empty(raw.get("source")):
        clean["source"] = _text(raw.get("source"), MAX_SOURCE)
    return clean


def parse(field, raw):
    """The clean value of ``raw`` for ``field``; raises Invalid. ``raw`` is not empty."""
    kind = field.type
    if kind == s.TEXT:
        return _text(raw, MAX_TEXT)
    if kind == s.LONGTEXT:
        return _text(raw, MAX_LONGTEXT)
    if kind == s.NUMBER:
        return parse_number(raw)
    if kind == s.YEAR:
        return parse_year(raw)
    if kind == s.DATE:
        return parse_date(raw)
    if kind == s.CHOICE:
        if isinstance(raw, (list, tuple)):
            raise Invalid(_("Choose one of the options offered."))
        return _choice(field, raw)
    if kind == s.MULTI:
        return [_choice(field, item) for item in _items(raw)]
    if kind == s.COUNTRY:
        return parse_country(raw)
    if kind == s.URL:
        return parse_url(raw)
    if kind == s.TAGS:
        return parse_tags(raw)
    if kind == s.INDICATOR:
        return parse_indicator(raw)
    raise Invalid(_("Unknown field type."))


def validate(schema, raw, locale=None, enforce_required=True):
    """``(clean values, errors {field: message})`` for the fields of ``schema``
    found in the mapping ``raw``; keys that are not fields are ignored. Empty
    values are left out of the clean values (an error when required, unless
    ``enforce_required`` is off: a whole text saved through the API or a plain
    form is refused only for values that are wrong, never for missing ones)."""
    clean, errors = {}, {}
    for field in schema.fields:
        value = raw.get(field.name)
        if is_empty(value):
            if field.required and enforce_required:
                errors[field.name] = _("This field is required.")
            continue
        try:
            clean[field.name] = parse(field, value)
        except Invalid as error:
            errors[field.name] = error.message
    return clean, errors


def lenient(schema, raw):
    """The clean values of the fields that parse; the others are dropped (a
    body saved by an import or an old API client is stored as far as it parses).
    Lists keep the items that parse."""
    clean = {}
    for field in schema.fields:
        value = raw.get(field.name)
        if is_empty(value):
            continue
        try:
            clean[field.name] = parse(field, value)
        except Invalid:
            if field.type in s.LISTS and isinstance(value, (list, tuple)):
                kept = []
                for item in value:
                    try:
                        kept.extend(parse(field, [item]))
                    except Invalid:
                        continue
                if kept:
                    clean[field.name] = kept
    return clean


def to_yaml(value):
    """A clean value as front matter writes it (dates stay dates: YAML has them)."""
    if isinstance(value, dict):
        return {key: value[key] for key in ("value", "year", "source") if key in value}
    return value


def body_errors(namespace, body, locale=None):
    """``{field: message}`` for a whole page text about to be saved in
    ``namespace`` through the API: empty for a namespace without fields and
    for a redirect. Front-matter keys that are not fields are no error."""
    schema = s.schema_for(namespace)
    if schema is None or (body or "").lstrip()[:9].upper() == "#REDIRECT":
        return {}
    from wiki.records.frontmatter import split
    data, _rest = split(body or "")
    return validate(schema, data, locale, enforce_required=False)[1]
