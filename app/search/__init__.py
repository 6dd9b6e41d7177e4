"""Search behind a small facade (Whoosh by default, PostgreSQL full text as an option).

The rest of the code calls ``search``, ``suggest_titles``, ``enqueue``,
``reindex`` and ``check`` here and never sees a back end. Indexing happens
after commit: signal receivers add a row to the durable queue in the change's
own transaction (``enqueue``); when that transaction commits, this process
drains the queue into the index (``drain``). Leftover rows (a crash between
commit and indexing, or a writer lock that could not be taken in time) are
applied by the next drain in any process, on the first request after start-up
and by ``flask init``; rows are deleted only after the index committed."""
import logging
from dataclasses import dataclass, field
from typing import Optional

from flask import current_app, has_app_context, has_request_context
from sqlalchemy import delete, event, or_, select
from sqlalchemy.orm import Session

from app import policy
from app.extensions import db
from app.search import documents
from app.search.analysis import MARK_END, MARK_START, normalise_language, split_marked
from app.search.documents import PUBLIC_SPACE, doc_key, register_provider  # noqa: F401
from app.search.query import parse

log = logging.getLogger(__name__)
BATCH = 200
FACETS = ("namespace", "workspace", "language", "tag")


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    url: str
    score: float
    #: Text with the matches between ``MARK_START`` and ``MARK_END`` (control
    #: characters no indexed text holds): ``views.marked_html`` escapes it and turns
    #: the marks into ``<mark>``.
    snippet: str
    namespace: str = ""
    workspace: str = ""
    language: str = ""
    updated_at: Optional[object] = None
    author_name: str = ""
    tags: list = field(default_factory=list)

    @property
    def snippet_parts(self):
        """``[(text, highlighted)]``."""
        return split_marked(self.snippet)

    @property
    def snippet_text(self):
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")


@dataclass
class Results:
    query: object
    total: int = 0
    page: int = 1
    per_page: int = 20
    hits: list = field(default_factory=list)
    #: ``{facet: [(value, count), ...]}`` counting only what the reader may read.
    facets: dict = field(default_factory=dict)
    #: A corrected query with results for this reader, or None.
    suggestion: Optional[str] = None

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))


def backend(app=None):
    app = app or current_app._get_current_object()
    return app.extensions["konbit_search"]


def _make_backend(app):
    name = app.config.get("SEARCH_BACKEND", "whoosh")
    if name == "postgres":
        from app.search.postgres_backend import PostgresBackend
        return PostgresBackend(app)
    if name != "whoosh":
        raise RuntimeError(f"Unknown SEARCH_BACKEND {name!r}: use 'whoosh' or 'postgres'.")
    from app.search.whoosh_backend import WhooshBackend
    return WhooshBackend(app)


# --- reading ---------------------------------------------------------------

class ReadableSpaces:
    """The spaces a reader may read, in the form each back end filters with inside its
    query: the policy's SELECT (PostgreSQL joins it) or the materialised ids (Whoosh's
    Terms filter). Documents of the public pseudo-space are readable by everyone."""

    def __init__(self, reader):
        self.query = policy.readable_space_ids(reader)
        self._ids = None

    def __iter__(self):
        if self._ids is None:
            # Through the session's connection: a plain SELECT of ids needs nothing of
            # the ORM's (half the time of ``session.scalars``).
            self._ids = set(db.session.connection().scalars(self.query).all()) | {PUBLIC_SPACE}
        return iter(sorted(self._ids))

    def condition(self, column):
        """SQL: ``column`` is a space the reader may read."""
        return or_(column == PUBLIC_SPACE, column.in_(self.query))


def readable_spaces(reader):
    return ReadableSpaces(reader)


def reader_language(default=None):
    if default:
        return normalise_language(default)
    if has_request_context():
        from flask_babel import get_locale
        return normalise_language(str(get_locale() or ""))
    return normalise_language(None)


def search(reader, text, filters=None, page=1, per_page=20, language=None):
    """Results of ``text`` for ``reader``: only documents of spaces they may read
    are matched, so totals and facet counts never include anything else."""
    parsed = parse(text, filters)
    page = max(1, min(int(page or 1), 500))
    results = Results(query=parsed, page=page, per_page=per_page)
    if parsed.empty:
        return results
    return backend().search(parsed, readable_spaces(reader), reader_language(language),
                            results)


def suggest_titles(reader, prefix, limit=8):
    """Titles starting with what the reader is typing: ``[{"title", "url"}]``."""
    prefix = (prefix or "").strip()[:100]
    if len(prefix) < 2:
        return []
    return backend().suggest_titles(prefix, readable_spaces(reader), limit)


# --- writing ---------------------------------------------------------------

def enqueue(kind, obj_id, session=None):
    """Queue ``kind:obj_id`` for (re)indexing in the current transaction."""
    from app.search.models import SearchQueueEntry
    session = session or db.session
    session.add(SearchQueueEntry(key=doc_key(kind, obj_id)))
    session.info["search_pending"] = True


def drain(app=None):
    """Apply every queued update to the index; returns how many were applied.

    Each batch holds the back end's writer lock while it reads the queue, loads
    the documents and writes them, so a slow process can never overwrite a
    newer state with an older one; queue rows go only after the index commit."""
    from app.search.models import SearchQueueEntry
    app = app or current_app._get_current_object()
    engine = backend(app)
    applied = 0
    while True:
        with Session(db.engine) as session:
            with engine.batch(session) as batch:
                rows = session.execute(
                    select(SearchQueueEntry.id, SearchQueueEntry.key)
                    .order_by(SearchQueueEntry.id).limit(BATCH)).all()
                if not rows:
                    return applied
                docs = documents.load_documents(app, session, {key for _, key in rows})
                batch.apply(docs)
            session.execute(delete(SearchQueueEntry)
                            .where(SearchQueueEntry.id.in_([row_id for row_id, _ in rows])))
            session.commit()
        applied += len(rows)


def _safe_drain(app):
    try:
        drain(app)
    except Exception:  # the rows stay queued: the next drain applies them
        log.exception("search indexing failed; the update stays queued")


def reindex(app=None):
    """Rebuild the whole index from the database; returns the number of documents."""
    app = app or current_app._get_current_object()
    engine = backend(app)
    engine.ensure()
    with Session(db.engine) as session:
        keys = sorted(documents.all_keys(app, session))
        with engine.batch(session, clear=True) as batch:
            for start in range(0, len(keys), 500):
                docs = documents.load_documents(app, session, keys[start:start + 500])
                batch.apply(docs)
        session.commit()
    drain(app)
    return len(keys)


def check(repair=False):
    """Differences between index and database: missing, stale and extra documents,
    and what the back end finds wrong with the index itself (an older analysis)."""
    app = current_app._get_current_object()
    engine = backend(app)
    problems = list(engine.problems())
    with Session(db.engine) as session:
        expected = documents.all_keys(app, session)
        indexed = engine.fingerprints()
        missing = sorted(expected - set(indexed))
        extra = sorted(set(indexed) - expected)
        stale = []
        present = sorted(expected & set(indexed))
        for start in range(0, len(present), 500):
            chunk = present[start:start + 500]
            for key, doc in documents.load_documents(app, session, chunk).items():
                if doc is not None and documents.fingerprint(doc) != indexed[key]:
                    stale.append(key)
    for label, keys in (("missing from", missing), ("stale in", stale),
                        ("extra in", extra)):
        if keys:
            shown = ", ".join(keys[:10]) + (" ..." if len(keys) > 10 else "")
            problems.append(f"search: {len(keys)} document(s) {label} the index: {shown}")
    if problems and repair:
        for key in missing + stale + extra:
            kind, obj_id = documents.split_key(key)
            enqueue(kind, obj_id)
    return problems


# --- wiring ----------------------------------------------------------------

def _after_commit(session):
    if session.info.pop("search_pending", False) and has_app_context():
        app = current_app._get_current_object()
        if app.config.get("SEARCH_INDEX_AFTER_COMMIT", True):
            _safe_drain(app)


def _startup_drain():
    """The first request of each process applies what a crash may have left queued."""
    app = current_app._get_current_object()
    state = app.extensions["konbit_search_state"]
    if not state.get("drained"):
        state["drained"] = True
        _safe_drain(app)


def init_step():
    """``flask init``: create the index (or the PostgreSQL objects) and apply the queue."""
    app = current_app._get_current_object()
    backend(app).ensure()
    drain(app)


def init_app(app):
    """Choose the back end and connect indexing to the signals."""
    from app.cli import add_check, add_init_step
    from app.search import cli, models, people, views  # noqa: F401
    app.extensions["konbit_search"] = _make_backend(app)
    app.extensions["konbit_search_state"] = {}
    if not event.contains(db.session, "after_commit", _after_commit):
        event.listen(db.session, "after_commit", _after_commit)
    people.init_app(app)
    add_init_step(app, init_step)
    add_check(app, check)
    app.before_request(_startup_drain)
    views.init_app(app)
    cli.init_app(app)
