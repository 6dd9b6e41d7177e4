"""Multilingual content: pages that translate each other form a translation group.

A group is one *source* page and the pages whose ``translation_of_id`` points
to it; it is kept flat (a translation of a translation joins the source's
group). Each translation remembers the source revision it was last brought up
to date with (``translation_synced_number``); when the source has moved on,
the translation "may be outdated" and readers get a link to the source's diff
since then.

As with MediaWiki's Translate extension, a translation is NOT marked up to
date by any edit: fixing a typo in it says nothing about whether it caught up
with the source. The translator says so explicitly, with the "brought up to
date" checkbox of the edit form (``translation_synced``) or the "Mark as up to
date" button on the outdated notice."""
from dataclasses import dataclass
from typing import Optional

from flask import current_app, has_request_context
from flask_babel import get_locale
from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import lazyload

from app import policy
from app.extensions import db
from wiki.models import Page
from wiki.titles import Title
from wiki.urls import page_path

LANGUAGES = ("en", "fr", "es", "pt")


class TranslationError(ValueError):
    """A refused translation; ``status`` for the views, ``code`` to pick the message."""

    def __init__(self, message, code, status=409, page=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.page = page


def default_language(actor=None):
    """A new page's language: the author's locale, else the language the author
    reads the site in, else the site's default."""
    locale = getattr(actor, "locale", "") or ""
    if locale not in LANGUAGES and has_request_context():
        reading = get_locale()
        locale = reading.language if reading is not None else ""
    if locale in LANGUAGES:
        return locale
    default = current_app.config.get("DEFAULT_LOCALE", "en")
    return default if default in LANGUAGES else "en"


def source_of(page):
    """The group's source page (the page itself when it is the source)."""
    if page.translation_of_id is None:
        return page
    return db.session.get(Page, page.translation_of_id) or page


def _group_condition(root_id):
    """The group's pages: the source and its translations. Written as one IN
    over a UNION so that both indexes serve it (an OR scans the whole table)."""
    members = union_all(select(literal(root_id)),
                        select(Page.id).where(Page.translation_of_id == root_id))
    return Page.id.in_(members)


def group_of(page, reader):
    """The other pages of ``page``'s group that ``reader`` may read, by language.

    One query: live pages of the group in spaces the reader may read."""
    root_id = page.translation_of_id or page.id
    query = (select(Page).where(_group_condition(root_id), Page.id != page.id,
                                Page.deleted_at.is_(None), Page.redirect_to_id.is_(None),
                                Page.space_id.in_(policy.readable_space_ids(reader)))
             .order_by(Page.language, Page.namespace, Page.title)
             .options(lazyload(Page.tags)))
    return list(db.session.scalars(query))


def missing_languages(page, siblings):
    """Languages the group has no page in yet (what "Translate this page" offers)."""
    taken = {page.language, *(p.language for p in siblings)}
    return [code for code in LANGUAGES if code not in taken]


def translation_in(page, language):
    """The live page of ``page``'s group in ``language`` (any reader), or None."""
    root_id = page.translation_of_id or page.id
    return db.session.scalar(
        select(Page).where(_group_condition(root_id), Page.language == language,
                           Page.deleted_at.is_(None)).limit(1))


@dataclass
class Outdated:
    source: Page
    synced: int
    head: int

    @property
    def diff_path(self):
        """The source's changes since the translation was last brought up to date."""
        if self.synced:
            return page_path(self.source.space, self.source, "diff",
                             **{"from": self.synced, "to": self.head})
        return page_path(self.source.space, self.source, "history")


def outdated(page, reader=None) -> Optional[Outdated]:
    """How far a translation is behind its source, or None when it is up to date
    (or not a translation, or its source is gone or unreadable to ``reader``)."""
    if page.translation_of_id is None:
        return None
    source = db.session.get(Page, page.translation_of_id)
    if source is None or source.deleted_at is not None:
        return None
    if reader is not None and not policy.can_read(reader, source):
        return None
    synced = page.translation_synced_number or 0
    if source.head_number <= synced:
        return None
    return Outdated(source, synced, source.head_number)


def link_translation(page, source):
    """Make ``page`` a translation of ``source`` (joining the source's group),
    up to date with the source's current revision."""
    root = source_of(source)
    if root.id == page.id:
        raise TranslationError("A page cannot translate itself.", "self", 422)
    if root.space_id != page.space_id:
        raise TranslationError("A translation lives in the same space as its source.",
                               "space", 422)
    page.translation_of_id = root.id
    page.translation_synced_number = root.head_number
    db.session.flush()
    return page


def mark_synced(page):
    """The translator says ``page`` now says what its source says."""
    if page.translation_of_id is None:
        return page
    source = db.session.get(Page, page.translation_of_id)
    if source is not None:
        page.translation_synced_number = source.head_number
        db.session.flush()
    return page


def create_translation(source, title: Title, body, actor, language, summary=""):
    """Create the ``language`` translation of ``source`` at ``title``.

    Refuses a language the group already has and a title already taken.
    Returns the new page."""
    from wiki.queries import find_page
    from wiki.services import save_page
    if language not in LANGUAGES:
        raise TranslationError(f"Unknown language {language!r}.", "language", 422)
    root = source_of(source)
    existing = translation_in(root, language)
    if existing is not None:
        raise TranslationError("This page already has a translation in that language.",
                               "exists", 409, page=existing)
    if find_page(root.space, title) is not None:
        raise TranslationError("A page with that title already exists.", "title-taken", 409)
    result = save_page(root.space, title, body, actor, summary=summary, language=language)
    link_translation(result.page, root)
    return result.page


def suggested_title(source, language):
    """MediaWiki's Translate convention: the translation of ``Foo`` is ``Foo/fr``."""
    return Title(source.namespace, f"{source.title}/{language}")
