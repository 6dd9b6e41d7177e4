"""Namespace indexes: what ``/ns/<Namespace>`` lists, and how.

Each namespace has a layout: the Glossary reads A to Z, the Knowledge base as
a tree of subpages, the Library as a list filtered by tag and language, any
other namespace as a plain alphabetical list. ``NAMESPACE_LAYOUTS`` in the
configuration may set the layout of others. Only live pages (not deleted, not
redirects) of a space the reader may read are listed."""
import unicodedata

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import lazyload, load_only

from app import policy
from app.extensions import db
from app.templating import NAVIGATION
from wiki.models import Page, PageTag

AZ = "az"
TREE = "tree"
LIST = "list"
PLAIN = "plain"
LAYOUTS = {"Glossary": AZ, "Knowledge": TREE, "Library": LIST}
PER_PAGE = 50
#: The A to Z bucket of titles that do not start with a letter.
OTHER = "#"
#: Built-in namespaces in the reader's words: the menu's, for those it lists; a
#: namespace declared in the configuration is shown by its name.
LABELS = {"Main": _l("Main"), **{path[len("/ns/"):]: label for label, path in NAVIGATION
                                 if path.startswith("/ns/")}}


def label_of(namespace):
    """What the index of ``namespace`` is called in the reader's language."""
    return str(LABELS.get(namespace, namespace))


def register_index_view(app, namespace, view):
    """Let a package draw ``/ns/<namespace>`` itself (the Country map, say):
    ``view(space, namespace)`` returns a response, or None for the usual index."""
    app.extensions.setdefault("konbit_index_views", {})[namespace] = view


def index_view(namespace):
    """The view registered for ``namespace``, or None."""
    return current_app.extensions.get("konbit_index_views", {}).get(namespace)


def layout_of(namespace):
    configured = current_app.config.get("NAMESPACE_LAYOUTS") or {}
    layout = configured.get(namespace) or LAYOUTS.get(namespace) or PLAIN
    return layout if layout in (AZ, TREE, LIST, PLAIN) else PLAIN


def _live(space, namespace, reader):
    return select(Page).where(Page.space_id == space.id, Page.namespace == namespace,
                              Page.deleted_at.is_(None), Page.redirect_to_id.is_(None),
                              Page.space_id.in_(policy.readable_space_ids(reader)))


def all_pages(space, namespace, reader):
    """Every live page of the namespace (titles and dates only), by title."""
    query = _live(space, namespace, reader).options(
        load_only(Page.id, Page.space_id, Page.namespace, Page.title, Page.language,
                  Page.updated_at), lazyload(Page.tags)).order_by(Page.title)
    return list(db.session.scalars(query).unique())


def letter_of(title):
    """``É`` files under ``E``; digits and signs under ``#``."""
    first = unicodedata.normalize("NFKD", title[:1])[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


def by_letter(pages):
    """``[(letter, [pages])]`` in A to Z order, ``#`` last."""
    groups = {}
    for page in pages:
        groups.setdefault(letter_of(page.title), []).append(page)
    return sorted(groups.items(), key=lambda item: (item[0] == OTHER, item[0]))


def filtered_list(space, namespace, reader, page=1, tag=None, language=None,
                  per_page=PER_PAGE):
    """One page (Pagination) of the namespace's pages, by title, optionally only
    those with ``tag`` and/or in ``language``."""
    query = _live(space, namespace, reader)
    if tag:
        query = query.where(Page.id.in_(select(PageTag.page_id).where(PageTag.tag == tag)))
    if language:
        query = query.where(Page.language == language)
    return db.paginate(query.order_by(Page.title), page=page, per_page=per_page,
                       error_out=False)


def tags_in(space, namespace, reader):
    """The tags used in the namespace, for the filter form."""
    query = (select(PageTag.tag).distinct()
             .where(PageTag.page_id.in_(_live(space, namespace, reader)
                                        .with_only_columns(Page.id)))
             .order_by(PageTag.tag))
    return list(db.session.scalars(query))
