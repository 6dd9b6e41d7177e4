"""What the sections read from the records mechanism (``wiki.records``), in one
place: field values of pages, records matching a filter, and indicator numbers."""
from flask_login import current_user


def values_for(page_ids):
    """``{page_id: {field: value}}`` from the typed copy of the front matter."""
    from wiki.records.store import values_for as stored
    return stored(list(page_ids)) if page_ids else {}


def find(namespace, args, reader=None, space=None, per_page=50):
    """``(total, [Record(page, values)])`` of ``namespace`` matching ``args``
    in ``space`` (every space ``reader`` may read when None)."""
    from wiki.records.queries import find_records
    results = find_records(space, namespace, current_user if reader is None else reader,
                           args, page=1, per_page=per_page, with_facets=False)
    return results.total, list(results.records)


def number(value):
    """The number of an indicator (``{value, year, source}``) or of a plain value."""
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def text(value):
    return value.strip() if isinstance(value, str) else ""
