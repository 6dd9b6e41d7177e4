"""Rendering a revision's Markdown to HTML, with its wiki links resolved.

HTML is rendered once, at save time, and cached on the revision together with
the renderer's version. It goes stale when a linked page appears or vanishes
(``wiki.links.invalidate_linkers`` clears it) or when ``RENDERER_VERSION``
changes; ``html_for`` renders it again lazily, on the next view.

A render looks up the existence of every page the body links to in ONE query,
whatever the number of links."""
import re
from collections import namedtuple

from sqlalchemy import and_, or_, select

from app.extensions import db
from app.markup import WIKILINK_RE, render_markdown, section_anchor
from wiki.models import Page, Revision
from wiki.records.frontmatter import body_of
from wiki.titles import TitleError, parse
from wiki.urls import page_path

#: Bump when the rendered HTML of an unchanged body would differ (new Markdown
#: extension, sanitiser change): every cached page renders again on its next view.
RENDERER_VERSION = 3

#: ``html``: the sanitised HTML; ``links``: the (space_id, namespace, title)
#: targets the body links to, in order of first appearance, without repeats.
Rendered = namedtuple("Rendered", "html links")

COMMONS_PREFIX = re.compile(r"^\s*commons\s*:\s*", re.IGNORECASE)
_LINK = re.compile(WIKILINK_RE)


class _Target(namedtuple("_Target", "space title section")):
    @property
    def key(self):
        return (self.space.id, self.title.namespace, self.title.title)


class LinkResolver:
    """Resolves the ``[[...]]`` targets of one body for one space.

    ``prefetch`` parses every target the body could contain and asks the
    database once which of them exist; ``__call__`` then answers from memory and
    records the links actually rendered (those in code blocks are not)."""

    def __init__(self, space):
        self.space = space
        self._commons = None
        self.existing = set()
        self.links = []
        self._seen = set()

    def _commons_space(self):
        if self.space.is_commons:
            return self.space
        if self._commons is None:
            from app.spaces.services import commons
            self._commons = commons()
        return self._commons

    def parse(self, raw):
        """A ``_Target`` for the raw text of a link, or None when it names no page."""
        raw = (raw or "").strip()
        space = self.space
        if COMMONS_PREFIX.match(raw):
            raw = COMMONS_PREFIX.sub("", raw, count=1)
            space = self._commons_space()
        name, _, section = raw.partition("#")
        if not name.strip():
            return None
        try:
            title = parse(name)
        except TitleError:
            return None
        return _Target(space, title, section.strip())

    def prefetch(self, body):
        targets = [t for t in (self.parse(m.group(1)) for m in _LINK.finditer(body or ""))
                   if t is not None]
        self.existing = existing_keys({t.key for t in targets})

    def __call__(self, raw):
        text = (raw or "").strip()
        if text.startswith("#"):
            # A section of this very page.
            section = text[1:].strip()
            return ("#" + section_anchor(section), True, section) if section else None
        target = self.parse(text)
        if target is None:
            return None
        if target.key not in self._seen:
            self._seen.add(target.key)
            self.links.append(target.key)
        display = text.replace("_", " ")
        if target.key in self.existing:
            href = page_path(target.space, target.title)
            if target.section:
                href += "#" + section_anchor(target.section)
            return href, True, display
        return page_path(target.space, target.title, "edit"), False, display


def existing_keys(keys):
    """Which of the (space_id, namespace, title) keys name a live page: one query."""
    if not keys:
        return set()
    groups = {}
    for space_id, namespace, title in keys:
        groups.setdefault((space_id, namespace), set()).add(title)
    condition = or_(*(and_(Page.space_id == space_id, Page.namespace == namespace,
                           Page.title.in_(sorted(titles)))
                      for (space_id, namespace), titles in groups.items()))
    rows = db.session.execute(
        select(Page.space_id, Page.namespace, Page.title)
        .where(condition, Page.deleted_at.is_(None)))
    return {tuple(row) for row in rows}


def _embed_resolver(page):
    if page is None or getattr(page, "id", None) is None:
        return None
    from wiki.attachments import embed_resolver
    return embed_resolver(page)


def render_revision_body(body, page_space=None, page=None):
    """Render ``body`` as a page of ``page_space``; returns ``Rendered(html, links)``.

    Given a Revision instead of a body, renders its body (without its front
    matter) as a page of its page's space, with the page's attachments, and
    stores the HTML on it."""
    if isinstance(body, Revision):
        revision = body
        page = revision.page
        # The front matter is data (record fields, import metadata), not prose:
        # the page view shows record fields in an infobox instead.
        rendered = render_revision_body(body_of(revision.body), page.space, page=page)
        revision.html = rendered.html
        revision.renderer_version = RENDERER_VERSION
        return rendered
    resolver = LinkResolver(page_space if page_space is not None else page.space)
    resolver.prefetch(body)
    html = render_markdown(body or "", wikilink_resolver=resolver,
                           embed_resolver=_embed_resolver(page))
    return Rendered(html, list(resolver.links))


def is_fresh(revision):
    return revision.html is not None and revision.renderer_version == RENDERER_VERSION


def html_for(revision):
    """The revision's HTML: the cached copy when fresh (no query), else rendered
    again, stored on the revision and flushed (the caller's commit keeps it)."""
    if is_fresh(revision):
        return revision.html
    render_revision_body(revision)
    db.session.flush()
    return revision.html
