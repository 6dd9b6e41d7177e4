"""The PostgreSQL back end's own set-up (SEARCH_BACKEND=postgres): what ``flask init``
leaves in the database, and that running it again waits for no reader."""
import threading

import pytest
from sqlalchemy import text

from app.extensions import db
from tests.conftest import ON_POSTGRES

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRES, reason="the PostgreSQL back end: needs "
                                               "TEST_DATABASE_URL=postgresql+psycopg://..."),
    pytest.mark.config(SEARCH_BACKEND="postgres"),
]


def test_postgres_set_up_twice_does_not_wait_for_readers(app, make_page, find):
    """``flask init`` again, while a reader's transaction is open on the documents:
    the storage is set already, so nothing waits for that reader's lock."""
    from app import search
    make_page("Stored", body="Vectors kept uncompressed.")
    finished = threading.Event()

    def set_up_again():
        with app.app_context():
            search.backend().ensure()
        finished.set()

    with db.engine.connect() as reader:
        assert reader.scalar(text("SELECT count(*) FROM search_documents")) >= 1
        thread = threading.Thread(target=set_up_again)
        thread.start()
        thread.join(20)
        assert finished.is_set()
        reader.rollback()
    with db.engine.connect() as conn:
        options, storage = conn.execute(text(
            "SELECT c.reloptions, a.attstorage FROM pg_class c JOIN pg_attribute a "
            "ON a.attrelid = c.oid WHERE c.relname = 'search_documents' "
            "AND a.attname = 'tsv'")).one()
        indexes = conn.execute(text("SELECT indexname, indexdef FROM pg_indexes "
                                    "WHERE tablename = 'search_documents'")).all()
    assert "toast_tuple_target=8160" in options and storage == "e"
    assert [name for name, definition in indexes if "(language, tsv)" in definition] == [
        "ix_search_documents_language_tsv"]
    assert "ix_search_documents_tsv" not in {name for name, _ in indexes}
    assert [hit.title for hit in find("uncompressed").hits] == ["Stored"]
