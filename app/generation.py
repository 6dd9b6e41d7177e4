"""The site's generation: a token that changes after every committed write
that a page may show, so whole answers can be cached safely (``app.cache``).

SQLAlchemy session events notice the writes: a flush of new, changed or
deleted rows, a bulk or textual INSERT/UPDATE/DELETE; the token changes in
the writer's own transaction, so it commits or rolls back with the write.
Writes that no page shows (search queue, mail queue, "last seen", a
revision's HTML cache refreshed) keep it. Reading it is
one primary-key read on a pooled connection, so every worker and every server
sharing the database sees the same value."""
import os
import secrets
import threading
import weakref

from sqlalchemy import Integer, String, event
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Mapped, Session, mapped_column
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
GENERATION_ID = 1


class SiteGeneration(db.Model):
    """One row: the token that changes with every write that a page may show."""
    __tablename__ = "site_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Random; only its changes matter (no read-modify-write, no lock held).
    token: Mapped[str] = mapped_column(String(32))


_READ = "SELECT token FROM site_generation WHERE id = 1"


def generation(engine=None):
    """The current generation (one primary-key read); "" before the first
    write; None when the database has no ``site_generation`` table yet (not
    upgraded): then nothing may be cached.

    Read on a connection kept by each thread for this alone, outside the
    pool and in autocommit mode: a cache hit then never opens a session nor
    checks a connection out and back in (which costs more than the read)."""
    engine = engine if engine is not None else db.engine
    if _own_connection_allowed(engine):
        try:
            return _readers.read(engine)
        except Exception:  # noqa: BLE001  any driver error: the pool's way decides
            _readers.forget(engine)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(_READ).scalar() or ""
    except (OperationalError, ProgrammingError):
        return None


def _own_connection_allowed(engine):
    """An in-memory SQLite database exists in one connection only."""
    url = engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


class _Readers:
    """One driver connection per engine, thread and process, for ``generation()``."""

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

    def read(self, engine):
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
            cursor.execute(_READ)
            row = cursor.fetchone()
        finally:
            cursor.close()
        return (row[0] if row else None) or ""

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


def _upsert(dialect_name, token):
    """One statement that sets the token, making the row on the first write."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(SiteGeneration.__table__).values(id=GENERATION_ID, token=token)
    return statement.on_conflict_do_update(index_elements=["id"], set_={"token": token})


def bump_generation(session):
    """Change the generation inside the writing transaction, once per
    transaction: it commits (or rolls back) with the write itself, so a reader
    never sees new rows under an old generation, and a write costs no second
    transaction. On PostgreSQL the row stays locked from here to the commit,
    which is the very end of the writer's transaction."""
    if session.info.get(_BUMPED):
        return
    # Remember where it ran: a savepoint that ends forgets it (if it rolled back,
    # so did the bump), and the next loud flush bumps again.
    session.info[_BUMPED] = session.get_nested_transaction() or True
    connection = session.connection()
    connection.execute(_upsert(connection.dialect.name, secrets.token_hex(8)))


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


def _flush_is_loud(session):
    for obj in (*session.new, *session.deleted):
        if _loud(getattr(obj, "__tablename__", "")):
            return True
    for obj in session.dirty:
        table = getattr(obj, "__tablename__", "")
        if table in QUIET_TABLES:
            continue
        columns = _changed_columns(obj)
        if columns and _loud(table, columns):
            return True
    return False


@event.listens_for(Session, "after_flush")
def _note_flush(session, flush_context):
    # The flush's own rows are still in new/dirty/deleted here; executing one
    # more statement on the session's connection is allowed.
    if not session.info.get(_BUMPED) and _flush_is_loud(session):
        bump_generation(session)


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
            bump_generation(state.session)
    elif isinstance(statement, TextClause):
        if str(statement).lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            bump_generation(state.session)


@event.listens_for(Session, "after_transaction_end")
def _forget_after_transaction(session, transaction):
    # The outermost transaction ended (commit or rollback): the next one bumps
    # again. So does the rest of a transaction whose bump ran in a savepoint
    # that just ended (released or rolled back: a second bump costs nothing).
    if transaction.nested:
        if session.info.get(_BUMPED) is transaction:
            session.info.pop(_BUMPED, None)
    elif transaction.parent is None:
        session.info.pop(_BUMPED, None)
