"""Wiki pages as search documents: the current revision's title and body,
namespace, space, tags, language, author, update time and attachment names.

The body is the text as the page shows it, without its YAML front matter (a
record's fields), followed by the values of that front matter as plain text
(``Claire Dubois · World Bank``): they are found, and a snippet shows them as
words, never as YAML. The field names are left out: every record has them.

Receivers of the wiki's signals queue the page in the change's transaction
(``app.search.enqueue``); the search facade loads the documents after commit.
Deleted pages and redirects answer None, which removes them from the index."""
import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import search, signals
from wiki.models import Attachment, Page
from wiki.records import frontmatter
from wiki.urls import page_url

KIND = "page"


def load(session, ids):
    pages = session.scalars(
        select(Page).where(Page.id.in_(ids))
        .options(selectinload(Page.current_revision), selectinload(Page.tags))).all()
    files = {}
    for page_id, name in session.execute(
            select(Attachment.page_id, Attachment.name).where(Attachment.page_id.in_(ids))):
        files.setdefault(page_id, []).append(name)
    return {page.id: _document(page, files.get(page.id, [])) for page in pages}


def _document(page, attachment_names):
    revision = page.current_revision
    if page.deleted_at is not None or page.redirect_to_id is not None or revision is None:
        return None
    author = revision.author
    space = page.space
    return search.documents.SearchDoc(
        kind=KIND, id=page.id, title=page.full_title, url=page_url(page),
        space_id=page.space_id, body=searchable_text(revision.body), namespace=page.namespace,
        workspace="" if space.is_commons else space.slug, language=page.language,
        tags=sorted(page.tag_names), author=author.username if author else "",
        author_name=author.name if author else "", updated_at=page.updated_at,
        extra=" ".join(sorted(attachment_names)))


def searchable_text(body):
    """The text of a page body to index and show in snippets: the text after the
    front matter, then the front matter's values (in its order) as plain text."""
    data, text = frontmatter.split(body)
    values = " · ".join(filter(None, (_plain(value) for value in data.values())))
    return "\n\n".join(part for part in (text.strip(), values) if part)


def _plain(value):
    """A front-matter value as words: lists and mappings (an indicator's value, year
    and source) joined by commas, numbers without a useless ``.0``, no YAML."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return ", ".join(filter(None, (_plain(item) for item in value)))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return re.sub(r"\s+", " ", str(value)).strip()


def all_ids(session):
    return session.scalars(select(Page.id).where(
        Page.deleted_at.is_(None), Page.redirect_to_id.is_(None),
        Page.current_revision_id.is_not(None))).all()


def _queue_page(page, **kwargs):
    search.enqueue(KIND, page.id)
    redirect = kwargs.get("redirect")
    if redirect is not None and getattr(redirect, "id", None):
        search.enqueue(KIND, redirect.id)


def _queue_attachment(attachment, **kwargs):
    search.enqueue(KIND, attachment.page_id)


def init_app(app):
    """Register the page provider and queue pages when the wiki changes them."""
    search.register_provider(app, KIND, load, all_ids)
    for signal in (signals.page_saved, signals.page_moved, signals.page_deleted,
                   signals.page_restored):
        signal.connect(_queue_page, weak=False)
    signals.attachment_added.connect(_queue_attachment, weak=False)
