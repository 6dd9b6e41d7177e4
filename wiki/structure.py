"""Subpages: ``/`` in a title makes a page a child of the page before it.

``Knowledge:Mechanisms/Microinsurance`` sits under ``Knowledge:Mechanisms``.
Breadcrumbs walk up that chain; ``children`` lists the pages one level down;
``tree`` nests a whole namespace (the parents need not exist)."""
from collections import namedtuple
from dataclasses import dataclass, field

from flask import url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from app import policy
from app.extensions import db
from wiki.models import Page
from wiki.titles import MAIN, Title
from wiki.urls import page_path


class Crumb(namedtuple("Crumb", "label path exists")):
    """One step of the breadcrumbs; ``url`` is the same as ``path``."""

    @property
    def url(self):
        return self.path


def like_escape(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def namespace_path(space, namespace):
    """The namespace index's path in ``space``'s mount."""
    if space is None or space.is_commons:
        return url_for("wiki.namespace_index", namespace=namespace)
    return url_for("ws_wiki.namespace_index", namespace=namespace, space_slug=space.slug)


def breadcrumbs(page):
    """``[(label, path, exists)]`` from the namespace index down to ``page`` itself
    (last). Ancestors that do not exist link to their creation. One query."""
    title = Title(page.namespace, page.title)
    crumbs = []
    if page.namespace != MAIN:
        crumbs.append(Crumb(page.namespace, namespace_path(page.space, page.namespace), True))
    ancestors = []
    parent = title.parent
    while parent is not None:
        ancestors.insert(0, parent)
        parent = parent.parent
    found = set()
    if ancestors:
        found = set(db.session.scalars(
            select(Page.title).where(Page.space_id == page.space_id,
                                     Page.namespace == page.namespace,
                                     Page.title.in_([a.title for a in ancestors]),
                                     Page.deleted_at.is_(None))))
    for ancestor in ancestors:
        exists = ancestor.title in found
        crumbs.append(Crumb(ancestor.leaf,
                            page_path(page.space, ancestor, None if exists else "edit"), exists))
    crumbs.append(Crumb(title.leaf, page_path(page.space, title), True))
    return crumbs


def _live(query, reader):
    return query.where(Page.deleted_at.is_(None), Page.redirect_to_id.is_(None),
                       Page.space_id.in_(policy.readable_space_ids(reader)))


def children(page, reader=None, limit=500):
    """The live pages directly under ``page`` that ``reader`` (by default the
    current user) may read: one query."""
    if reader is None:
        reader = current_user
    prefix = like_escape(page.title + "/")
    # The range (every title starting "Title/" sorts between "Title/" and
    # "Title0", '0' following '/' in code points) lets the title index serve
    # the query; LIKE alone scans every page. Ranges only hold where titles
    # compare by code point: SQLite's BINARY collation; on PostgreSQL the
    # database collation may sort otherwise, so only LIKE is used there.
    bounds = []
    if db.engine.dialect.name == "sqlite":
        bounds = [Page.title >= page.title + "/", Page.title < page.title + "0"]
    query = _live(select(Page).where(
        Page.space_id == page.space_id, Page.namespace == page.namespace, *bounds,
        Page.title.like(prefix + "%", escape="\\"),
        Page.title.not_like(prefix + "%/%", escape="\\")), reader)
    # Nothing but the pages: their space is the parent's (already loaded) and
    # tags are not shown in child lists.
    query = query.options(lazyload("*")).order_by(Page.title).limit(limit)
    return list(db.session.scalars(query).unique())


@dataclass
class Node:
    """One level of a subpage tree; ``page`` is None for a parent that does not exist."""

    name: str
    title: str
    page: object = None
    children: list = field(default_factory=list)


def tree(pages):
    """Nest pages of one namespace by their ``/`` segments, sorted by name.

    Returns the top-level Nodes; missing parents become Nodes without a page."""
    root = Node("", "")
    index = {"": root}
    for page in sorted(pages, key=lambda p: p.title):
        parts = page.title.split("/")
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key not in index:
                node = Node(parts[depth - 1], key)
                index["/".join(parts[:depth - 1])].children.append(node)
                index[key] = node
        index[page.title].page = page
    return root.children
