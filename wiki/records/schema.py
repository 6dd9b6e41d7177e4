"""Field declarations: which namespaces are records, and what their fields are.

A field has a name (the front-matter key, ``[a-z][a-z0-9_]{0,39}``), a type,
a label in each UI language and whether it is required. Built-in sections
register their schemas from ``wiki.init_app``; a site declares more in the
configuration (``RECORD_FIELDS = {"Projects": [{"name": "country", "type":
"country", "label": {"en": "Country", "fr": "Pays"}}]}``), which wins over a
built-in schema of the same namespace."""
import re
from dataclasses import dataclass, field as dataclass_field
from typing import Optional

from flask import current_app

TEXT = "text"
LONGTEXT = "longtext"
NUMBER = "number"
YEAR = "year"
DATE = "date"
CHOICE = "choice"
MULTI = "multi"
COUNTRY = "country"
URL = "url"
TAGS = "tags"
#: A number with the year it refers to and its source, written in front matter
#: as ``{value: 17.3, year: 2023, source: "World Bank"}``.
INDICATOR = "indicator"
TYPES = (TEXT, LONGTEXT, NUMBER, YEAR, DATE, CHOICE, MULTI, COUNTRY, URL, TAGS, INDICATOR)
#: Types whose values are counted as facets on an index.
FACETED = (CHOICE, MULTI, COUNTRY, TAGS, YEAR)
#: Types that filter and sort by number or date ranges (``<name>_min``, ``<name>_max``).
RANGED = (NUMBER, YEAR, DATE, INDICATOR)
#: Types that hold several values.
LISTS = (MULTI, TAGS)

FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class Choice:
    value: str
    labels: dict

    def label(self, locale):
        return self.labels.get(locale) or self.labels.get("en") or self.value


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    labels: dict
    required: bool = False
    choices: tuple = ()
    #: Shown in the index table by default.
    listed: bool = True
    help: dict = dataclass_field(default_factory=dict)

    def label(self, locale):
        return self.labels.get(locale) or self.labels.get("en") or self.name

    def choice(self, value) -> Optional[Choice]:
        return next((c for c in self.choices if c.value == value), None)

    def choice_label(self, value, locale):
        found = self.choice(value)
        return found.label(locale) if found else value


@dataclass(frozen=True)
class Schema:
    namespace: str
    fields: tuple

    def get(self, name) -> Optional[Field]:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self):
        return [f.name for f in self.fields]


def field_from_dict(data):
    """A Field from its configuration form (labels may be one string)."""
    name = str(data["name"])
    if not FIELD_NAME.fullmatch(name):
        raise ValueError(f"bad field name {name!r}")
    kind = data.get("type", TEXT)
    if kind not in TYPES:
        raise ValueError(f"field {name!r}: unknown type {kind!r}")
    labels = data.get("label") or data.get("labels") or name
    labels = {"en": labels} if isinstance(labels, str) else dict(labels)
    choices = []
    for raw in data.get("choices") or ():
        if isinstance(raw, str):
            choices.append(Choice(raw, {"en": raw}))
        else:
            value = str(raw["value"])
            label = raw.get("label") or raw.get("labels") or value
            choices.append(Choice(value, {"en": label} if isinstance(label, str) else dict(label)))
    if kind in (CHOICE, MULTI) and not choices:
        raise ValueError(f"field {name!r}: a {kind} field needs choices")
    help_text = data.get("help") or {}
    return Field(name=name, type=kind, labels=labels, required=bool(data.get("required")),
                 choices=tuple(choices), listed=bool(data.get("listed", True)),
                 help={"en": help_text} if isinstance(help_text, str) else dict(help_text))


def register_schema(app, namespace, fields):
    """Declare the fields of ``namespace`` (a list of Field or of dicts)."""
    built = tuple(f if isinstance(f, Field) else field_from_dict(f) for f in fields)
    app.extensions.setdefault("konbit_record_schemas", {})[namespace] = Schema(namespace, built)


def schema_for(namespace) -> Optional[Schema]:
    """The schema of ``namespace``, or None when its pages are plain pages."""
    configured = current_app.config.get("RECORD_FIELDS") or {}
    if namespace in configured:
        cache = current_app.extensions.setdefault("konbit_configured_schemas", {})
        if namespace not in cache:
            cache[namespace] = Schema(namespace, tuple(field_from_dict(f)
                                                       for f in configured[namespace]))
        return cache[namespace]
    return current_app.extensions.get("konbit_record_schemas", {}).get(namespace)


def record_namespaces():
    """Every namespace that has fields."""
    configured = current_app.config.get("RECORD_FIELDS") or {}
    return sorted(set(configured) | set(current_app.extensions.get("konbit_record_schemas", {})))
