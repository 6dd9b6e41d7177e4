"""The typed copy of a record's field values, for filtering, sorting and
counting in SQL. The front matter of the current revision is the truth; these
rows are rewritten from it on every save (``wiki.records.store``)."""
from datetime import date
from typing import Optional

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class RecordValue(db.Model):
    """One value of one field of one page; a list field has one row per item."""

    __tablename__ = "record_values"
    __table_args__ = (
        # Covering indexes (the page id last): filters and facet counts read
        # only the index, never the table.
        Index("ix_record_values_field_text", "field", "value_text", "page_id"),
        Index("ix_record_values_field_number", "field", "value_number", "page_id"),
        Index("ix_record_values_field_date", "field", "value_date", "page_id"),
        Index("ix_record_values_field_sort", "field", "sort_text", "page_id"),
        Index("ix_record_values_page", "page_id", "field", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(40))
    #: Index of the item in a list field (multi, tags); 0 for single values.
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Text, choice, multi, country, URL and tag values (text cut at 500 characters).
    value_text: Mapped[Optional[str]] = mapped_column(String(500), default=None)
    #: ``value_text`` lower-cased, to sort and match text without regard to case.
    sort_text: Mapped[Optional[str]] = mapped_column(String(100), default=None)
    #: Number, year and indicator values.
    value_number: Mapped[Optional[float]] = mapped_column(Float, default=None)
    value_date: Mapped[Optional[date]] = mapped_column(Date, default=None)
    #: An indicator's year and source.
    year: Mapped[Optional[int]] = mapped_column(Integer, default=None)
    source: Mapped[Optional[str]] = mapped_column(String(200), default=None)
