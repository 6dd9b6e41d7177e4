"""The record form of the page editor: front matter in, form inputs out, and back.

The editor shows one input per field above the Markdown textarea, which then
holds the body (and any front-matter keys that are not fields, so they are
kept and stay editable). On save the fields are validated and written back as
front matter in schema order, one line each, so a changed field is a one-line
diff that merges with a concurrent change to the text.

Form state (what the inputs show) is kept as typed: a string per field, a list
for several choices, ``{value, year, source}`` strings for an indicator; so a
refused form comes back exactly as it was sent."""
from datetime import date

from wiki.records import frontmatter, schema as s
from wiki.records.display import plain_number
from wiki.records.validation import to_yaml, validate

PREFIX = "field-"
INDICATOR_PARTS = ("value", "year", "source")


def _input_text(value):
    """A front-matter value as an input shows it."""
    if value is None:
        return ""
    if value is False:
        return "NO"  # YAML 1.1 reads an unquoted NO (Norway) as false
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return plain_number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_input_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_input_text(v)}" for k, v in value.items())
    return str(value)


def state_from_data(schema, data):
    """The form state of front-matter ``data`` (invalid values kept as text)."""
    state = {}
    for field in schema.fields:
        raw = data.get(field.name)
        if field.type == s.MULTI:
            items = raw if isinstance(raw, (list, tuple)) else ([] if raw is None else [raw])
            state[field.name] = [_input_text(item) for item in items]
        elif field.type == s.INDICATOR:
            raw = raw if isinstance(raw, dict) else {"value": raw}
            state[field.name] = {part: _input_text(raw.get(part)) for part in INDICATOR_PARTS}
        else:
            state[field.name] = _input_text(raw)
    return state


def state_from_form(schema, form):
    """The form state posted (``form`` is request.form)."""
    state = {}
    for field in schema.fields:
        name = PREFIX + field.name
        if field.type == s.MULTI:
            state[field.name] = [v for v in form.getlist(name) if v]
        elif field.type == s.INDICATOR:
            state[field.name] = {part: form.get(f"{name}-{part}", "")
                                 for part in INDICATOR_PARTS}
        else:
            state[field.name] = form.get(name, "")
    return state


def split_for_editor(schema, text):
    """``(form state, textarea text)`` of a revision's text: the fields go to the
    form, the other front-matter keys stay in front of the body."""
    data, body = frontmatter.split(text or "")
    extras = {key: value for key, value in data.items() if key not in schema.names}
    return state_from_data(schema, data), frontmatter.join(extras, body, order=[])


def join_from_editor(schema, state, textarea, locale=None):
    """``(page text, errors)``: the validated fields as front matter before the
    textarea's body. Keys of a front matter typed in the textarea are kept,
    but the form's fields win over them."""
    clean, errors = validate(schema, state, locale)
    if errors:
        return None, errors
    extras, body = frontmatter.split(textarea or "")
    data = {key: value for key, value in extras.items() if key not in schema.names}
    data.update({name: to_yaml(value) for name, value in clean.items()})
    return frontmatter.join(data, body, order=schema.names), {}
