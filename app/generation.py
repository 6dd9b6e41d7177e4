"""The site's generation: a token that changes after every committed write
that a page may show, so whole answers can be cached safely (``app.cache``).

SQLAlchemy session events notice the writes: a flush of new, changed or
deleted rows, a bulk or textual INSERT/UPDATE/DELETE; the token changes in
the writer's own transaction, so it commits or rolls back with the write.
Writes that no page shows (search queue, mail queue, "last seen", a
revision's HTML cache refreshed) keep it.

A second token, the page views' generation, changes with the same writes but
one: an edit of a page (``begin_page_edit``), whose writes show on that page's
view only; the edit gives its page a new ``touched`` stamp instead. A stored
page view holds while both its page's stamp and this token stay the same
(MediaWiki's ``page_touched``). An edit that shows elsewhere too (a record's
values, a page of a translation group) changes the views' token as well, and
so does any write the edit list does not name: safe by default.

Reading them is one primary-key read on a connection of the reading thread,
so every worker and every server sharing the database sees the same values."""
import os
import secrets
import threading
import weakref
from typing import Optional

from sqlalchemy import Integer, String, event
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Mapped, Session, mapped_column, scoped_session
from sqlalchemy.sql.elements import TextClause

from app.extensions import db

#: Tables whose rows never show on an anonymous page: writing them keeps the generation.
QUIET_TABLES = frozenset({
    "search_queue", "search_documents", "search_words", "write_log", "mail_queue",
    "audit_entries", "api_tokens", "feed_tokens", "notification_preferences", "watches",
    "site_generation"})
#: Columns of other tables that no page shows (or whose change shows nothing new:
#: a revision's HTML cache is refreshed to what the reader would get anyway).
QUIET_COLUMNS = frozenset({("users", "last_seen_at"), ("revisions", "html"),
                           ("revisions", "renderer_version")})
_BUMPED = "konbit_generation_bumped"
_VIEWS_BUMPED = "konbit_views_generation_bumped"
GENERATION_ID = 1


class SiteGeneration(db.Model):
    """One row: the token that changes with every write that a page may show."""
    __tablename__ = "site_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Random; only its changes matter (no read-modify-write, no lock held).
    token: Mapped[str] = mapped_column(String(32))
    #: Changes with every such write but a page edit (``begin_page_edit``): page
    #: views are keyed by it and by their page's ``touched``.
    views_token: Mapped[Optional[str]] = mapped_column(String(32), default=None)


_READ = "SELECT token, views_token FROM site_generation WHERE id = 1"
_READ_TOUCHED = "SELECT touched FROM pages WHERE id = %s"


def generation():
    """The current generation (one primary-key read); "" before the first
    write; None when the database has no ``site_generation`` table yet (not
    upgraded): then nothing may be cached."""
    tokens = generations()
    return tokens[0] if tokens is not None else None


def generations(engine=None):
    """``(generation, page views' generation)``, or None (see ``generation``).

    Read on a connection kept by each thread for this alone, outside the
    pool and in autocommit mode: a cache hit then never opens a session nor
    checks a connection out and back in (which costs more than the read)."""
    row = read_row(engine if engine is not None else db.engine, _READ)
    if row is False:
        return None
    return (row[0] or "", row[1] or "") if row is not None else ("", "")


def page_touched(engine, page_id):
    """A page's ``touched`` stamp ("" when never set), or None for no such page
    (False when the database cannot say)."""
    row = read_row(engine, _READ_TOUCHED, (page_id,))
    if row is False:
        return False
    return (row[0] or "") if row is not None else None


def read_row(engine, sql, params=()):
    """The first row of a read on this thread's own connection (None for no
    row); False when the database cannot answer (not upgraded yet). For the
    few reads made in front of Flask: ``%s`` placeholders, one small row."""
    if _own_connection_allowed(engine):
        try:
            return _readers.read(engine, sql, params)
        except Exception:  # noqa: BLE001  any driver error: the pool's way decides
            _readers.forget(engine)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(_dialect_sql(engine, sql), params).first()
    except (OperationalError, ProgrammingError):
        return False


def _dialect_sql(engine, sql):
    return sql.replace("%s", "?") if engine.dialect.paramstyle == "qmark" else sql


def _own_connection_allowed(engine):
    """An in-memory SQLite database exists in one connection only."""
    url = engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


class _Readers:
    """One driver connection per engine, thread and process, for the reads above."""

    def __init__(self):
        self.local = threading.local()
        #: Connections inherited through a fork: never used, never closed (closing
        #: a PostgreSQL connection in a child would end its parent's too).
        self.inherited = []

    def _connections(self):
        connections = getattr(self.local, "connections", None)
        if connections is None or self.local.pid != os.getpid():
            if connections:
                self.inherited.extend(connections.values())
            connections = self.local.connections = weakref.WeakKeyDictionary()
            self.local.pid = os.getpid()
        return connections

    def read(self, engine, sql, params=()):
        connections = self._connections()
        connection = connections.get(engine)
        if connection is None:
            raw = engine.raw_connection()
            connection = raw.driver_connection
            raw.detach()  # ours until it is dropped: no reset, no return to the pool
            if engine.dialect.name == "postgresql":
                connection.rollback()  # whatever the pool's set-up began
                connection.autocommit = True  # no transaction left open between reads
            connections[engine] = connection
            if not event.contains(engine, "engine_disposed", _forget_on_dispose):
                event.listen(engine, "engine_disposed", _forget_on_dispose)
        cursor = connection.cursor()
        try:
            cursor.execute(_dialect_sql(engine, sql), params)
            return cursor.fetchone()
        finally:
            cursor.close()

    def forget(self, engine):
        """Close this thread's connection to ``engine`` (broken, or the engine disposed)."""
        connection = self._connections().pop(engine, None)
        if connection is not None:
            try:
                connection.close()
            except Exception:  # noqa: BLE001  already broken
                pass


_readers = _Readers()


def _forget_on_dispose(engine):
    _readers.forget(engine)


def _upsert(dialect_name, values):
    """One statement that sets the tokens, making the row on the first write."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    made = {"token": secrets.token_hex(8), **values}  # the first write of all makes the row
    statement = insert(SiteGeneration.__table__).values(id=GENERATION_ID, **made)
    return statement.on_conflict_do_update(index_elements=["id"], set_=values)


def bump_generation(session, views=True):
    """Change the generation inside the writing transaction, once per
    transaction: it commits (or rolls back) with the write itself, so a reader
    never sees new rows under an old generation, and a write costs no second
    transaction. On PostgreSQL the row stays locked from here to the commit,
    which is the very end of the writer's transaction.

    ``views``: page views change too (anything but a page edit): their own
    token changes as well, once per transaction."""
    session = _real(session)
    info = session.info
    values = {}
    if not info.get(_BUMPED):
        values["token"] = secrets.token_hex(8)
    if views and not info.get(_VIEWS_BUMPED):
        values["views_token"] = secrets.token_hex(8)
    if not values:
        return
    # Remember where it ran: a savepoint that ends forgets it (if it rolled back,
    # so did the bump), and the next loud flush bumps again.
    where = session.get_nested_transaction() or True
    info[_BUMPED] = info.get(_BUMPED) or where
    if views:
        info[_VIEWS_BUMPED] = info.get(_VIEWS_BUMPED) or where
    connection = session.connection()
    connection.execute(_upsert(connection.dialect.name, values))


# -- Page edits: what they change is their pages' views, not the others' -------

#: What saving an existing page writes (``wiki.services.save_page``) that shows on
#: no other page's view: new rows, deleted rows, changed columns, by table.
EDIT_INSERTS = frozenset({"revisions", "page_links", "page_tags", "activities"})
EDIT_DELETES = frozenset({"page_links", "page_tags", "record_values"})
EDIT_COLUMNS = {"pages": frozenset({"current_revision", "current_revision_id", "head_number",
                                    "updated_at", "touched", "language", "tags"}),
                "spaces": frozenset({"last_activity_at"})}
_EDIT = "konbit_page_edit"


def begin_page_edit(session):
    """The transaction edits a page: its writes listed above change the site's
    generation but not the page views' one. The editor gives the page a new
    ``touched`` stamp (``wiki.services``); any other write (a new page, a move,
    a record's values...) changes the views' generation as usual."""
    _real(session).info[_EDIT] = True


def _real(session):
    """The session itself, also when given Flask-SQLAlchemy's scoped proxy."""
    return session() if isinstance(session, scoped_session) else session


def _part_of_an_edit(session, table, columns, kind):
    """May this write stay out of the views' generation?"""
    if not session.info.get(_EDIT):
        return False
    if kind == "insert":
        return table in EDIT_INSERTS
    if kind == "delete":
        return table in EDIT_DELETES
    allowed = EDIT_COLUMNS.get(table)
    return kind == "update" and allowed is not None and bool(columns) \
        and allowed.issuperset(columns)


# -- Noticing writes ---------------------------------------------------------

def _loud(table, columns=None):
    """Does writing ``columns`` (None: whole rows, or unknown) of ``table``
    change what pages show?"""
    if table in QUIET_TABLES:
        return False
    if not columns:
        return True
    return any((table, column) not in QUIET_COLUMNS for column in columns)


def _changed_columns(obj):
    from sqlalchemy import inspect
    state = inspect(obj)
    return [attr.key for attr in state.attrs if attr.history.has_changes()]


def _flushed_writes(session):
    """(table, columns, kind) of each loud row of the flush."""
    for kind, objects in (("insert", session.new), ("delete", session.deleted)):
        for obj in objects:
            table = getattr(obj, "__tablename__", "")
            if _loud(table):
                yield table, None, kind
    for obj in session.dirty:
        table = getattr(obj, "__tablename__", "")
        if table in QUIET_TABLES:
            continue
        columns = _changed_columns(obj)
        if columns and _loud(table, columns):
            yield table, columns, "update"


def _note_write(session, table, columns, kind):
    if session.info.get(_VIEWS_BUMPED):
        return
    bump_generation(session, views=not _part_of_an_edit(session, table, columns, kind))


@event.listens_for(Session, "after_flush")
def _note_flush(session, flush_context):
    # The flush's own rows are still in new/dirty/deleted here; executing one
    # more statement on the session's connection is allowed.
    for table, columns, kind in _flushed_writes(session):
        if session.info.get(_VIEWS_BUMPED):
            return
        _note_write(session, table, columns, kind)


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state):
    """Bulk UPDATE/DELETE/INSERT statements and textual writes bypass the flush."""
    statement = state.statement
    if state.is_update or state.is_delete or state.is_insert:
        table = getattr(getattr(statement, "table", None), "name", "")
        columns = None
        if state.is_update:
            values = getattr(statement, "_values", None) or {}
            columns = [getattr(key, "key", key) for key in values] or None
        if _loud(table, columns):
            kind = "update" if state.is_update else "delete" if state.is_delete else "insert"
            _note_write(state.session, table, columns, kind)
    elif isinstance(statement, TextClause):
        if str(statement).lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            bump_generation(state.session)


@event.listens_for(Session, "after_transaction_end")
def _forget_after_transaction(session, transaction):
    # The outermost transaction ended (commit or rollback): the next one bumps
    # again. So does the rest of a transaction whose bump ran in a savepoint
    # that just ended (released or rolled back: a second bump costs nothing).
    if transaction.nested:
        for key in (_BUMPED, _VIEWS_BUMPED):
            if session.info.get(key) is transaction:
                session.info.pop(key, None)
    elif transaction.parent is None:
        for key in (_BUMPED, _VIEWS_BUMPED, _EDIT):
            session.info.pop(key, None)
