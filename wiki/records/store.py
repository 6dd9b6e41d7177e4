"""Copying a record's front matter into ``record_values``, and reading it back.

``store_values`` runs inside ``save_page``'s (and ``move_page``'s)
transaction, from the body of the new current revision, so the typed table
always says what the current text says. Values that do not parse are left
out (a body saved by an import or a raw API client is stored as far as it
parses); the editor and the API validate before saving."""
from sqlalchemy import delete, insert, select

from app.extensions import db
from app.generation import bump_generation
from wiki.models import Page
from wiki.records import frontmatter, schema as s
from wiki.records.models import RecordValue
from wiki.records.validation import MAX_SOURCE, MAX_TEXT, lenient


def _row(page_id, field, position, value):
    row = {"page_id": page_id, "field": field.name, "position": position, "value_text": None,
           "sort_text": None, "value_number": None, "value_date": None, "year": None,
           "source": None}
    if field.type in (s.NUMBER, s.YEAR):
        row["value_number"] = float(value)
    elif field.type == s.DATE:
        row["value_date"] = value
    elif field.type == s.INDICATOR:
        row["value_number"] = float(value["value"])
        row["year"] = value.get("year")
        row["source"] = (value.get("source") or None) and value["source"][:MAX_SOURCE]
    else:
        text = str(value)[:MAX_TEXT]
        row["value_text"] = text
        row["sort_text"] = text.lower()[:100]
    return row


def rows_for(page_id, schema, values):
    """The ``record_values`` rows (dicts) of clean ``values``."""
    rows = []
    for field in schema.fields:
        if field.name not in values:
            continue
        value = values[field.name]
        items = value if field.type in s.LISTS else [value]
        rows.extend(_row(page_id, field, i, item) for i, item in enumerate(items))
    return rows


def store_values(page, body):
    """Replace the page's stored values by those of ``body``'s front matter
    (none when its namespace has no schema: a page moved out of one loses them)."""
    removed = db.session.execute(delete(RecordValue).where(RecordValue.page_id == page.id)
                                 .execution_options(synchronize_session=False))
    schema = s.schema_for(page.namespace)
    if schema is not None or removed.rowcount:
        # A record's values show on other pages (indexes, a country's schemes):
        # every stored page view is made stale, not only this page's.
        bump_generation(db.session)
    if schema is None:
        return
    data, _rest = frontmatter.split(body)
    rows = rows_for(page.id, schema, lenient(schema, data))
    if rows:
        db.session.execute(insert(RecordValue), rows)


def _typed(field, rows):
    """The Python value of a field from its rows (tuples sorted by position:
    value_text, value_number, value_date, year, source)."""
    kind = field.type if field is not None else None
    text, number, day, year, source = rows[0]
    if kind in s.LISTS:
        return [row[0] for row in rows]
    if kind == s.INDICATOR or (kind is None and (year or source)):
        value = {"value": _number(number)}
        if year is not None:
            value["year"] = year
        if source:
            value["source"] = source
        return value
    if day is not None:
        return day
    if number is not None:
        number = _number(number)
        return int(number) if kind == s.YEAR else number
    return text


def _number(value):
    return int(value) if value is not None and float(value).is_integer() else value


def values_for(page_ids, namespace=None):
    """``{page_id: {field: value}}`` for the given pages, in one query. Values
    are typed: str, int or float, date, a list (multi, tags) or a dict
    ``{value, year, source}`` (indicator). Pages without values are absent.
    Rows are read as plain tuples: a CSV export reads 10,000 records' worth.
    ``namespace``, when every page is of that namespace, spares a join."""
    page_ids = list(page_ids)
    if not page_ids:
        return {}
    rv = RecordValue
    columns = [rv.page_id, rv.field, rv.value_text, rv.value_number, rv.value_date, rv.year,
               rv.source]
    if namespace is None:
        query = select(*columns, Page.namespace).join(Page, Page.id == rv.page_id)
    else:
        query = select(*columns)
    query = query.where(rv.page_id.in_(page_ids)).order_by(rv.page_id, rv.field, rv.position)
    grouped, namespaces = {}, {}
    for row in db.session.execute(query):
        namespaces[row[0]] = row[7] if namespace is None else namespace
        fields = grouped.get(row[0])
        if fields is None:
            fields = grouped[row[0]] = {}
        fields.setdefault(row[1], []).append(row[2:7])
    known = {}
    for name in set(namespaces.values()):
        schema = s.schema_for(name)
        known[name] = {f.name: f for f in schema.fields} if schema else {}
    result = {}
    for page_id, fields in grouped.items():
        by_name = known[namespaces[page_id]]
        result[page_id] = {name: _typed(by_name.get(name), rows) for name, rows in fields.items()}
    return result
