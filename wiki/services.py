"""The wiki's verbs: save, revert, move, delete, restore and protect pages.

Services flush and send the signals of ``app.signals``; the caller commits
once. Saving is safe under concurrency: the page row is locked (``SELECT ...
FOR UPDATE`` on PostgreSQL; on SQLite the first write of the transaction takes
the database's single write lock), so two saves never both become revision N.
A save based on an older revision is merged three ways with what was saved
since; a real conflict raises ``EditConflict`` and stores nothing."""
import re
import secrets
from dataclasses import dataclass
from typing import Optional

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from app import signals
from app.extensions import db
from app.generation import begin_page_edit, bump_generation
from app.spaces.models import Space
from app.timeutil import utcnow
from wiki import merge as merging
from wiki.models import Page, Revision
from wiki.titles import MAX_LENGTH as MAX_TITLE_LENGTH, Title
from wiki.translations import default_language

LANGUAGES = ("en", "fr", "es", "pt")
#: Body of the page a move leaves behind.
REDIRECT = re.compile(r"^#REDIRECT\s*\[\[([^\]]+)\]\]", re.IGNORECASE)
MAX_SUMMARY = 500


class WikiError(Exception):
    """A refused change; ``message`` says why (English, callers translate)."""

    status = 400

    def __init__(self, message=""):
        super().__init__(str(message))
        self.message = message


class EditConflict(WikiError):
    """Your edit and one saved since your base revision changed the same lines."""

    status = 409

    def __init__(self, current_revision, your_body, conflicted_body):
        super().__init__(_l("Someone else changed the same lines in the meantime."))
        self.current_revision = current_revision
        self.your_body = your_body
        self.conflicted_body = conflicted_body


class PageExists(WikiError):
    status = 409


class PageDeleted(WikiError):
    status = 409


class BadRevision(WikiError):
    status = 422


@dataclass
class SaveResult:
    page: Page
    #: The new revision, or None when the text (and summary-free state) was unchanged.
    revision: Optional[Revision]
    created: bool
    merged: bool


def normalise_body(body):
    """One line ending, so that merges, diffs and sizes do not depend on the browser."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n")


def _size(text):
    return len(text.encode("utf-8"))


def _is_sqlite():
    return db.session.get_bind().dialect.name == "sqlite"


def _take_write_lock(space):
    """Serialise writers. On SQLite the first write of a transaction waits for
    the database's write lock (busy_timeout), after which every read is fresh;
    bumping the space's activity time is that first write. On PostgreSQL the
    page row lock does the work and the bump only records activity."""
    db.session.execute(update(Space).where(Space.id == space.id)
                       .values(last_activity_at=utcnow())
                       .execution_options(synchronize_session=False))


def _locked_page(space, title):
    """The page row, locked for this transaction and read fresh, or None."""
    query = (select(Page).where(Page.space_id == space.id, Page.namespace == title.namespace,
                                Page.title == title.title)
             .execution_options(populate_existing=True))
    if not _is_sqlite():
        query = query.with_for_update(of=Page)
    return db.session.scalar(query)


def _lock_or_create(space, title, language):
    """The locked page and whether it was just made. Two creators racing on
    PostgreSQL: the loser's insert fails in its savepoint and it locks the
    winner's row instead (then merges against an empty base)."""
    page = _locked_page(space, title)
    if page is not None:
        return page, False
    page = Page(space_id=space.id, space=space, namespace=title.namespace, title=title.title,
                language=language, head_number=0)
    try:
        with db.session.begin_nested():
            db.session.add(page)
            db.session.flush()
    except IntegrityError:
        page = _locked_page(space, title)
        if page is None:
            raise
        return page, False
    return page, True


def revision_by_number(page, number):
    return db.session.scalar(select(Revision).where(Revision.page_id == page.id,
                                                    Revision.number == number))


def current_revision(page):
    if page.current_revision_id is None:
        return None
    return db.session.get(Revision, page.current_revision_id)


def save_page(space, title: Title, body, actor, summary="", base_number=None, minor=False,
              tags=None, language=None, _signal=True):
    """Store ``body`` as the page's next revision (creating the page if needed).

    ``base_number`` is the revision the editor started from (None for a new
    page). When the page has moved on since, the edit is merged three ways;
    a clean merge is saved (``merged=True``), a real conflict raises
    ``EditConflict`` and saves nothing. Identical text makes no revision (but
    tags and language still change)."""
    body = normalise_body(body)
    summary = (summary or "").strip()[:MAX_SUMMARY]
    if language is not None and language not in LANGUAGES:
        raise WikiError(_l("Unknown language %(code)s: use one of %(codes)s.", code=language,
                           codes=", ".join(LANGUAGES)))
    if base_number is not None and (not isinstance(base_number, int) or base_number < 0):
        raise BadRevision(_l("The base revision must be a revision number."))
    from wiki import tags as tagging
    if tags is not None:
        tags = tagging.normalise_tags(tags)  # ValueError before anything is written
    begin_page_edit(db.session)
    _take_write_lock(space)
    page, created = _lock_or_create(space, title, language or default_language(actor))
    if page.deleted_at is not None:
        if base_number:  # an edit of the deleted page itself
            raise PageDeleted(_l("This page was deleted; restore it before editing."))
        set_aside(page)  # a new page takes the title
        page, created = _lock_or_create(space, title, language or default_language(actor))
    previous = current_revision(page)
    current_body = previous.body if previous is not None else ""
    merged = False
    if base_number is not None and base_number > (page.head_number or 0):
        raise missing_revision(base_number, page.head_number or 0)
    if page.head_number and base_number != page.head_number:
        base = revision_by_number(page, base_number) if base_number else None
        result = merging.merge(base.body if base is not None else "", current_body, body)
        if result.conflicted:
            raise EditConflict(previous, body, result.text)
        merged = normalise_body(result.text) != normalise_body(body)
        body = result.text if merged else body
    if language is not None:
        page.language = language
    if tags is not None:
        tagging.set_tags(page, tags)
    if previous is not None and body == current_body:
        db.session.flush()
        _touch(page)
        return SaveResult(page, None, created, merged)
    revision = _add_revision(page, previous, body, actor, summary, minor,
                             parent_number=base_number if base_number is not None
                             else (page.head_number or None))
    match = REDIRECT.match(body)
    if page.redirect_to_id is not None and not match:
        page.redirect_to_id = None
    db.session.flush()
    _render_and_link(page, revision)
    _touch(page)
    if created:
        _invalidate(space.id, title.namespace, title.title)
    if _signal:
        signals.page_saved.send(page, actor=actor, revision=revision, created=created,
                                merged=merged, previous=previous)
    return SaveResult(page, revision, created, merged)


def _in_translation_group(page):
    """The other pages of a translation group show this one's language and
    whether they are behind their source."""
    return page.translation_of_id is not None or db.session.scalar(
        select(Page.id).where(Page.translation_of_id == page.id).limit(1)) is not None


def _touch(page):
    """An edit changes its page's view: a new ``touched`` stamp. When it also
    changes other pages' views, every stored page view is made stale: the
    pages of its translation group here, the pages that show a record's
    values in ``wiki.records.store`` (Knowledge pages, whose key questions
    show on their parent, are records)."""
    page.touched = secrets.token_hex(8)
    if _in_translation_group(page):
        bump_generation(db.session)


def _add_revision(page, previous, body, actor, summary, minor, parent_number):
    size = _size(body)
    revision = Revision(
        page=page, page_id=page.id, number=page.head_number + 1, parent_number=parent_number,
        author_id=getattr(actor, "id", None),
        created_at=utcnow(), summary=summary, minor=bool(minor) and previous is not None,
        size=size, size_delta=size - (previous.size if previous is not None else 0),
        full_title=page.full_title, body=body)
    db.session.add(revision)
    db.session.flush()
    page.head_number = revision.number
    page.current_revision_id = revision.id
    page.current_revision = revision
    page.updated_at = revision.created_at
    return revision


def _render_and_link(page, revision):
    """Render once, at save time, and record the page's outgoing links and (for
    a record) its field values: every new current revision comes through here."""
    from wiki import links, rendering
    from wiki.records.store import store_values
    found = rendering.render_revision_body(revision)
    links.update_links(page, found)
    store_values(page, revision.body)
    db.session.flush()


def _invalidate(space_id, namespace, title):
    """Pages linking to this title render their links differently now."""
    from wiki import links
    links.invalidate_linkers(space_id, namespace, title)


def revert_page(page, number, actor, summary=""):
    """A new revision carrying the text of revision ``number``."""
    old = revision_by_number(page, number)
    if old is None:
        raise BadRevision(_l("Revision %(number)s does not exist.", number=number))
    result = save_page(page.space, Title(page.namespace, page.title), old.body, actor,
                       summary=summary or f"Reverted to revision {number}",
                       base_number=page.head_number)
    if result.revision is not None:
        signals.page_reverted.send(page, actor=actor, revision=result.revision,
                                   to_number=number)
    return result


def move_page(page, new_title: Title, actor, summary="", leave_redirect=True):
    """Rename ``page``; a redirect page stays at the old title (unless told not to)."""
    if page.deleted_at is not None:
        raise PageDeleted(_l("A deleted page cannot be moved."))
    old = Title(page.namespace, page.title)
    if new_title == old:
        raise PageExists(_l("The new title is the same as the old one."))
    _take_write_lock(page.space)
    target = _locked_page(page.space, new_title)
    if target is not None and target.deleted_at is not None:
        set_aside(target)
        target = None
    if target is not None:
        if target.redirect_to_id != page.id:
            raise PageExists(_l("A page called %(title)s already exists.", title=new_title.full))
        db.session.delete(target)  # moving back over our own redirect
        db.session.flush()
    page.namespace, page.title = new_title.namespace, new_title.title
    db.session.flush()
    previous = current_revision(page)
    body = previous.body if previous is not None else ""
    revision = _add_revision(page, previous, body, actor,
                             summary or f"Moved from {old.full} to {new_title.full}",
                             minor=True, parent_number=page.head_number or None)
    db.session.flush()
    _render_and_link(page, revision)
    redirect = None
    if leave_redirect:
        redirect = save_page(page.space, old, f"#REDIRECT [[{new_title.full}]]\n", actor,
                             summary=f"Moved to {new_title.full}", _signal=False).page
        redirect.redirect_to_id = page.id
        redirect.language = page.language
    _invalidate(page.space_id, old.namespace, old.title)
    _invalidate(page.space_id, new_title.namespace, new_title.title)
    db.session.flush()
    signals.page_moved.send(page, actor=actor, old_namespace=old.namespace,
                            old_title=old.title, redirect=redirect, revision=revision)
    return page, redirect


def missing_revision(base_number, head_number):
    """The refusal of a save that starts from a revision past the newest."""
    return BadRevision(_l("Revision %(base)s does not exist (the newest is %(head)s).",
                          base=base_number, head=head_number))


def set_aside(page):
    """Give a deleted page's title up to a new page, as MediaWiki does: the deleted
    page keeps its history under ``<title> (deleted <id>)``, where moderators still
    find it (its activities link there) and may restore it, then move it back."""
    suffix = f" (deleted {page.id})"
    page.title = page.title[:MAX_TITLE_LENGTH - len(suffix)] + suffix
    db.session.flush()


def delete_page(page, actor, reason=""):
    """Soft delete: the page and its history stay, hidden from all but managers."""
    if page.deleted_at is not None:
        return page
    page.deleted_at = utcnow()
    page.deleted_by_id = getattr(actor, "id", None)
    db.session.flush()
    _invalidate(page.space_id, page.namespace, page.title)
    signals.page_deleted.send(page, actor=actor, reason=reason)
    return page


def restore_page(page, actor):
    if page.deleted_at is None:
        return page
    page.deleted_at = None
    page.deleted_by_id = None
    db.session.flush()
    _invalidate(page.space_id, page.namespace, page.title)
    signals.page_restored.send(page, actor=actor)
    return page


def set_protection(page, actor, protected):
    """Protect (only managers may edit) or unprotect a page."""
    protected = bool(protected)
    if page.protected != protected:
        page.protected = protected
        db.session.flush()
        signals.page_protected.send(page, actor=actor, protected=protected)
    return page


def is_retryable(error):
    """Errors a concurrent writer may cause, after which the whole unit of work
    can simply run again: a lost insert race, or SQLite's lock timeout."""
    if isinstance(error, IntegrityError):
        return True
    if isinstance(error, OperationalError):
        text = str(error.orig).lower()
        return "locked" in text or "deadlock" in text or "could not serialize" in text
    return False


def run_in_transaction(work, attempts=6):
    """Run ``work()`` and commit; roll back and run it again when a concurrent
    writer got in the way. Views and the API call this around ``save_page``."""
    for attempt in range(attempts):
        try:
            result = work()
            db.session.commit()
            return result
        except (IntegrityError, OperationalError) as error:
            db.session.rollback()
            if attempt == attempts - 1 or not is_retryable(error):
                raise
        except Exception:
            db.session.rollback()
            raise
