"""Finding records: filters, sort and facet counts in SQL, within what the
reader may read.

``args`` is a mapping like ``request.args``: ``<field>=v`` (repeatable: any of
the values), ``<field>_min`` / ``<field>_max`` (number, year, date, indicator),
``q=`` (title contains), ``sort=<field>`` or ``sort=-<field>`` (also
``title`` and ``updated``). Only live pages (not deleted, not redirects) of
spaces the reader may read are found, so totals and facet counts never leak.
A search costs four statements whatever the number of records: count, page of
records, their values, and every facet count in one UNION."""
from dataclasses import dataclass, field as dataclass_field

from flask_babel import gettext as _
from sqlalchemy import Integer, String, and_, cast, func, literal, select, union_all
from sqlalchemy.orm import aliased

from app import policy
from app.extensions import db
from app.pagination import PageNumbers
from wiki.models import Page, PageTag
from wiki.records import schema as s
from wiki.records.models import RecordValue
from wiki.records.store import values_for
from wiki.records.validation import Invalid, parse_date, parse_number

#: Query-string keys that are never field filters.
RESERVED = frozenset({"q", "sort", "page", "per_page", "tag", "lang", "format", "token",
                      "space", "limit", "fields", "ns", "space_slug"})
MAX_PER_PAGE = 200
DEFAULT_SORT = "title"
#: Values per chunk when streaming every match (CSV export).
CHUNK = 1000


class QueryError(ValueError):
    """A filter the caller got wrong: ``code`` is ``unknown_field`` or ``bad_value``."""

    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


@dataclass
class Record:
    page: Page
    values: dict


@dataclass
class Filter:
    field: s.Field
    #: "eq" (any of ``values``), "min" or "max".
    op: str
    values: list
    key: str


@dataclass
class RecordResults(PageNumbers):
    total: int
    records: list
    facets: dict
    sort: str
    filters: list
    page: int = 1
    per_page: int = 50
    #: (key, message) of the filters that were ignored (HTML only; the API refuses them).
    ignored: list = dataclass_field(default_factory=list)

    @property
    def items(self):
        return self.records


def getlist(args, key):
    if hasattr(args, "getlist"):
        return args.getlist(key)
    value = args.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _parse_filter_value(field, raw, op):
    raw = str(raw).strip() if not isinstance(raw, (int, float)) else raw
    if op != "eq" or field.type in s.RANGED:
        if field.type == s.DATE:
            return parse_date(raw)
        return parse_number(raw)
    if field.type == s.COUNTRY:
        return str(raw).upper()
    if field.type == s.TAGS:
        return str(raw).lower()
    return str(raw)


def parse_filters(schema, args, strict=False):
    """``(filters, ignored)``; with ``strict`` an unknown field or a bad value raises QueryError."""
    filters, ignored = [], []
    for key in (args.keys() if hasattr(args, "keys") else args):
        if key in RESERVED or key.startswith("_"):
            continue
        field, op = schema.get(key), "eq"
        if field is None and key[-4:] in ("_min", "_max"):
            field, op = schema.get(key[:-4]), key[-3:]
            if field is not None and field.type not in s.RANGED:
                field = None
        if field is None:
            if strict:
                raise QueryError("unknown_field", _("Unknown field %(name)s.", name=key[:60]),
                                 key[:60])
            ignored.append((key[:60], _("Unknown field %(name)s.", name=key[:60])))
            continue
        values = []
        for raw in getlist(args, key):
            if raw is None or str(raw).strip() == "":
                continue
            try:
                values.append(_parse_filter_value(field, raw, op))
            except Invalid as error:
                if strict:
                    raise QueryError("bad_value", f"{key[:60]}: {error.message}", key[:60])
                ignored.append((key[:60], error.message))
        if values:
            filters.append(Filter(field, op, values if op == "eq" else values[:1], key))
    return filters, ignored


def _condition(flt):
    """The pages matching one filter, as ``Page.id IN (SELECT ...)``."""
    field, rv = flt.field, RecordValue
    if flt.field.type == s.DATE:
        column = rv.value_date
    elif flt.field.type in s.RANGED:
        column = rv.value_number
    else:
        column = rv.value_text
    if flt.op == "min":
        match = column >= flt.values[0]
    elif flt.op == "max":
        match = column <= flt.values[0]
    elif field.type in (s.TEXT, s.LONGTEXT, s.URL):
        match = func.lower(rv.value_text).contains(flt.values[0].lower(), autoescape=True)
    else:
        match = column.in_(flt.values)
    return Page.id.in_(select(rv.page_id).where(rv.field == field.name, match))


def base_query(space, namespace, reader, q=None, tag=None, language=None):
    """Live pages of ``namespace`` readable by ``reader``, in ``space`` (None: every
    space), optionally only those whose title contains ``q``, tagged ``tag``, in
    ``language``."""
    query = select(Page).where(Page.namespace == namespace, Page.deleted_at.is_(None),
                               Page.redirect_to_id.is_(None),
                               Page.current_revision_id.isnot(None),
                               Page.space_id.in_(policy.readable_space_ids(reader)))
    if space is not None:
        query = query.where(Page.space_id == space.id)
    if q:
        query = query.where(func.lower(Page.title).contains(q.strip().lower()[:200],
                                                            autoescape=True))
    if tag:
        query = query.where(Page.id.in_(select(PageTag.page_id).where(PageTag.tag == tag)))
    if language:
        query = query.where(Page.language == language)
    return query


def page_filters(args):
    """The page-level filters of ``args``: title (``q``), ``tag`` and ``lang``
    (unknown tags and languages are ignored, like the plain Library list)."""
    from wiki.tags import is_valid_tag
    from wiki.translations import LANGUAGES
    tag = (args.get("tag") or "").strip().lower() or None
    language = args.get("lang") or None
    return {"q": args.get("q"), "tag": tag if tag and is_valid_tag(tag) else None,
            "language": language if language in LANGUAGES else None}


def parse_sort(schema, raw, strict=False):
    raw = (raw or DEFAULT_SORT).strip()
    name = raw.lstrip("-")
    if name in ("title", "updated") or schema.get(name) is not None:
        return raw if raw.count("-") <= 1 else DEFAULT_SORT
    if strict:
        raise QueryError("unknown_field", _("Unknown field %(name)s.", name=name[:60]), name[:60])
    return DEFAULT_SORT


def _ordered(query, schema, sort):
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name == "title":
        key = Page.title
    elif name == "updated":
        key = Page.updated_at
    else:
        field = schema.get(name)
        rv = aliased(RecordValue)
        query = query.outerjoin(rv, and_(rv.page_id == Page.id, rv.field == name,
                                         rv.position == 0))
        if field.type == s.DATE:
            key = rv.value_date
        elif field.type in s.RANGED:
            key = rv.value_number
        else:
            key = rv.sort_text
        key = (key.desc() if descending else key.asc()).nulls_last()
        return query.order_by(key, Page.title, Page.id)
    return query.order_by(key.desc() if descending else key.asc(), Page.id)


def _filtered(query, filters, skip=None):
    for flt in filters:
        if skip is None or flt.field.name != skip:
            query = query.where(_condition(flt))
    return query


def facet_counts(schema, base, filters):
    """``{field: [(value, count)]}`` for the faceted fields; each field's counts
    apply every filter but its own (so its other options stay visible). A value
    is stored once per page (lists are deduplicated), so rows are pages."""
    faceted = [f for f in schema.fields if f.type in s.FACETED]
    if not faceted:
        return {}
    parts = []
    for field in faceted:
        ids = _filtered(base, filters, skip=field.name).with_only_columns(Page.id)
        rv = RecordValue
        value = (cast(cast(rv.value_number, Integer), String) if field.type == s.YEAR
                 else rv.value_text)
        parts.append(select(literal(field.name, String).label("field"), value.label("value"),
                            func.count().label("count"))
                     .where(rv.field == field.name, rv.page_id.in_(ids))
                     .group_by(value))
    facets = {field.name: [] for field in faceted}
    for name, value, count in db.session.execute(union_all(*parts)):
        if value is not None:
            facets[name].append((value, count))
    for name, counts in facets.items():
        counts.sort(key=lambda item: (-item[1], str(item[0])))
    return facets


def find_records(space, namespace, reader, args, page=1, per_page=50, strict=False,
                 with_facets=True):
    """One page of the records of ``namespace`` matching ``args``: a RecordResults.

    ``space`` None searches every space the reader may read. ``strict`` (the
    API) raises QueryError for unknown fields and bad values; otherwise they
    are ignored and listed in ``ignored``."""
    schema = s.schema_for(namespace)
    if schema is None:
        raise QueryError("no_schema", _("%(namespace)s has no fields.", namespace=namespace))
    filters, ignored = parse_filters(schema, args, strict)
    sort = parse_sort(schema, args.get("sort"), strict)
    per_page = max(1, min(int(per_page or 50), MAX_PER_PAGE))
    page = max(1, int(page or 1))
    base = base_query(space, namespace, reader, **page_filters(args))
    matching = _filtered(base, filters)
    total = db.session.scalar(select(func.count()).select_from(
        matching.with_only_columns(Page.id).subquery()))
    pages = list(db.session.scalars(_ordered(matching, schema, sort)
                                    .limit(per_page).offset((page - 1) * per_page)).unique())
    values = values_for([p.id for p in pages])
    records = [Record(p, values.get(p.id, {})) for p in pages]
    facets = facet_counts(schema, base, filters) if with_facets else {}
    return RecordResults(total=total, records=records, facets=facets, sort=sort,
                         filters=filters, page=page, per_page=per_page, ignored=ignored)


def iter_records(space, namespace, reader, args, strict=False):
    """Every matching record, sorted, as ``(row, values)`` with ``row`` having
    ``id, namespace, title, updated_at, space_id``; values are read per chunk so
    that memory does not grow with the namespace."""
    schema = s.schema_for(namespace)
    filters, _ignored = parse_filters(schema, args, strict)
    sort = parse_sort(schema, args.get("sort"), strict)
    query = _ordered(_filtered(base_query(space, namespace, reader, **page_filters(args)),
                               filters),
                     schema, sort)
    query = query.with_only_columns(Page.id, Page.namespace, Page.title, Page.updated_at,
                                    Page.space_id, maintain_column_froms=True)
    # The rows are few columns each (10,000 records are well under a megabyte);
    # the values, the bulk, are read chunk by chunk. No server-side cursor: it
    # would hold the transaction open while the response streams.
    rows = db.session.execute(query).all()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        values = values_for([row.id for row in chunk], namespace)
        for row in chunk:
            yield row, values.get(row.id, {})
