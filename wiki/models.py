"""Pages, their immutable revisions, links, tags and attachments.

A page is (space, namespace, title): the wiki never asks what kind of space
it serves. ``title`` is the part after the namespace, with spaces (not
underscores), NFC, first letter upper-cased; ``/`` in it makes a subpage."""
from datetime import datetime
from typing import Optional

from sqlalchemy import (Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow


class Page(db.Model):
    __tablename__ = "pages"
    __table_args__ = (
        UniqueConstraint("space_id", "namespace", "title"),
        Index("ix_pages_space_namespace_title", "space_id", "namespace", "title"),
        Index("ix_pages_space_updated", "space_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    namespace: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(255))
    #: Number of the newest revision (revisions are numbered 1, 2, 3... per page).
    head_number: Mapped[int] = mapped_column(Integer, default=0)
    #: The newest revision, to render a page view in one query.
    current_revision_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, ondelete="SET NULL"), default=None)
    #: Content language: en, fr, es or pt.
    language: Mapped[str] = mapped_column(String(5), default="en")
    #: Set on a page left behind by a move: readers are sent to this page.
    redirect_to_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("pages.id", ondelete="SET NULL"), default=None)
    #: Only the space's managers may edit a protected page.
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Translation group: the page this one translates (None for a source page).
    translation_of_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("pages.id", ondelete="SET NULL"), default=None, index=True)
    #: The source's revision number this translation was last brought up to date with.
    translation_synced_number: Mapped[Optional[int]] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[Optional[datetime]] = mapped_column(default=None)
    deleted_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    #: Changes whenever an edit changes what this page's view shows (MediaWiki's
    #: page_touched): a stored answer of the view holds while it stays the same.
    touched: Mapped[Optional[str]] = mapped_column(String(16), default=None)

    space = relationship("Space", lazy="joined")
    current_revision = relationship("Revision", foreign_keys=[current_revision_id],
                                    post_update=True, lazy="select")
    redirect_to = relationship("Page", remote_side=[id], foreign_keys=[redirect_to_id])
    translation_of = relationship("Page", remote_side=[id], foreign_keys=[translation_of_id])
    tags = relationship("PageTag", cascade="all, delete-orphan", lazy="selectin",
                        order_by="PageTag.tag")

    @property
    def full_title(self):
        """``Namespace:Title``, or the bare title in Main."""
        return self.title if self.namespace == "Main" else f"{self.namespace}:{self.title}"

    @property
    def tag_names(self):
        return [t.tag for t in self.tags]

    def __repr__(self):
        return f"<Page {self.space_id}:{self.full_title}>"


class Revision(db.Model):
    """One saved state of a page; never changed once written (but for its cached HTML)."""

    __tablename__ = "revisions"
    __table_args__ = (
        # No fork, no gap: two saves can never both become revision N.
        UniqueConstraint("page_id", "number"),
        Index("ix_revisions_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    #: The revision number this one was based on (the merge base for concurrent edits).
    parent_number: Mapped[Optional[int]] = mapped_column(Integer, default=None)
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    summary: Mapped[str] = mapped_column(String(500), default="")
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Size of ``body`` in bytes (UTF-8), and its change from the previous revision.
    size: Mapped[int] = mapped_column(Integer, default=0)
    size_delta: Mapped[int] = mapped_column(Integer, default=0)
    #: The page's title at this revision (``Namespace:Title``), so history survives moves.
    full_title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    #: Sanitised HTML rendered at save time; None when it must be rendered again
    #: (a linked page appeared or vanished, or the renderer changed).
    html: Mapped[Optional[str]] = mapped_column(Text, default=None)
    renderer_version: Mapped[int] = mapped_column(Integer, default=0)

    page = relationship("Page", foreign_keys=[page_id], lazy="select")
    author = relationship("User", lazy="joined")


class PageLink(db.Model):
    """A wiki link from a page to a target by name (the target may not exist yet)."""

    __tablename__ = "page_links"
    __table_args__ = (
        UniqueConstraint("from_page_id", "to_space_id", "to_namespace", "to_title"),
        Index("ix_page_links_target", "to_space_id", "to_namespace", "to_title"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    to_space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    to_namespace: Mapped[str] = mapped_column(String(40))
    to_title: Mapped[str] = mapped_column(String(255))


class PageTag(db.Model):
    __tablename__ = "page_tags"
    __table_args__ = (UniqueConstraint("page_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(40), index=True)


class Attachment(db.Model):
    """A named file on a page; its versions keep every upload."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("page_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    page = relationship("Page", lazy="joined")
    versions = relationship("AttachmentVersion", cascade="all, delete-orphan",
                            order_by="AttachmentVersion.number.desc()", lazy="select")

    @property
    def space(self):
        return self.page.space

    @property
    def parent_for_policy(self):
        return self.page


class AttachmentVersion(db.Model):
    __tablename__ = "attachment_versions"
    __table_args__ = (UniqueConstraint("attachment_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    #: SHA-256 of the content: files are stored once per content, by this name.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(100))
    uploader_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    comment: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    uploader = relationship("User", lazy="joined")
