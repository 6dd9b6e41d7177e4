"""Search tables: the durable queue of pending index updates and, for the
PostgreSQL back end, the documents with their text search vectors.

The queue row is written in the same transaction as the change it describes
(by the signal receivers), so a crash between commit and indexing leaves the
row behind; start-up and ``flask init`` apply leftover rows. Rows are deleted
only after the index has committed the update.

``search_documents.tsv`` is a ``tsvector`` on PostgreSQL and plain text on
SQLite, where the table exists (so ``db.create_all()`` and the metadata are the
same on both dialects) but stays empty: the Whoosh back end keeps its own
index files."""
from datetime import datetime
from typing import Optional

from sqlalchemy import Integer, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.timeutil import utcnow

TsVector = TSVECTOR().with_variant(Text(), "sqlite")


class SearchQueueEntry(db.Model):
    """A document whose index entry must be brought up to date."""

    __tablename__ = "search_queue"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``kind:id`` of the document (see ``app.search.documents``).
    key: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SearchDocument(db.Model):
    """One indexed document (PostgreSQL back end)."""

    __tablename__ = "search_documents"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    obj_id: Mapped[int] = mapped_column(Integer)
    #: The space whose readers may find it; 0 for documents anyone may read.
    space_id: Mapped[int] = mapped_column(Integer, index=True)
    namespace: Mapped[str] = mapped_column(String(40), default="")
    workspace: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(5), default="en")
    #: Tags separated by spaces (tags never contain spaces).
    tags: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(40), default="")
    author_name: Mapped[str] = mapped_column(String(100), default="")
    url: Mapped[str] = mapped_column(String(600))
    updated_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    #: Hash of the indexed content, for ``flask check`` (stale entries).
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    #: Title (weight A) and body (B) in the document's language, then both
    #: unstemmed (C, D) for prefixes and completion.
    tsv = mapped_column(TsVector, nullable=True)


class SearchWord(db.Model):
    """Words seen in indexed titles and bodies, for "did you mean" (pg_trgm)."""

    __tablename__ = "search_words"

    word: Mapped[str] = mapped_column(String(60), primary_key=True)
