"""``/ns/<Namespace>``: the index of one namespace of the current space.

The Glossary reads A to Z, the Knowledge base as a tree of subpages, the
Library as a list filtered by tag and language, other namespaces as a plain
paginated list (``wiki.namespaces.layout_of``); a list or plain namespace with
fields shows its records as a table (``wiki.views.records``), and a package may
draw an index itself (``wiki.namespaces.register_index_view``). Names are
matched case-insensitively and redirected to their canonical spelling."""
from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user

from app.pagination import paging
from wiki import namespaces as ns
from wiki.records.schema import schema_for
from wiki.structure import tree
from wiki.tags import is_valid_tag
from wiki.titles import canonical_namespace
from wiki.translations import LANGUAGES
from wiki.urls import page_path
from wiki.views import bp
from wiki.views.records import records_index

#: Keys of the route itself: from the query string they would move the link to
#: another space (``?space_slug=...``) instead of filtering this one.
ROUTE_KEYS = frozenset({"space_slug"})
#: Past this, OFFSET overflows on PostgreSQL; no list is that long.
MAX_PAGE = 100_000


def query_args(**overrides):
    """The query string as url_for keywords: without the keys url_for would read
    as its own options (``_external``, ``_scheme``...) nor ones given here."""
    args = {key: value for key, value in request.args.items()
            if not key.startswith("_") and key not in overrides and key not in ROUTE_KEYS}
    args.update(overrides)
    return args


def page_number():
    return paging(request.args.get("page"), max_page=MAX_PAGE)[0]


@bp.route("/ns/<namespace>")
def namespace_index(namespace):
    canonical = canonical_namespace(namespace)
    if canonical is None:
        abort(404)
    if canonical != namespace:
        return redirect(url_for(request.endpoint, **query_args(namespace=canonical)), 301)
    space = g.space
    custom = ns.index_view(canonical)
    if custom is not None:
        response = custom(space, canonical)
        if response is not None:
            return response
    layout = ns.layout_of(canonical)
    context = {"space": space, "namespace": canonical, "layout": layout,
               "page_path": page_path, "pager_args": query_args(namespace=canonical)}
    if layout == ns.AZ:
        groups = ns.by_letter(ns.all_pages(space, canonical, current_user))
        return render_template("wiki/ns_glossary.html", groups=groups, **context)
    if layout == ns.TREE:
        nodes = tree(ns.all_pages(space, canonical, current_user))
        return render_template("wiki/ns_tree.html", nodes=nodes, **context)
    schema = schema_for(canonical)
    if schema is not None:
        return records_index(space, canonical, schema, page_number(), layout)
    tag = language = None
    if layout == ns.LIST:
        tag = (request.args.get("tag") or "").strip().lower() or None
        tag = tag if tag and is_valid_tag(tag) else None
        language = request.args.get("lang") or None
        language = language if language in LANGUAGES else None
    pages = ns.filtered_list(space, canonical, current_user, page=page_number(), tag=tag,
                             language=language)
    tags = ns.tags_in(space, canonical, current_user) if layout == ns.LIST else []
    return render_template("wiki/ns_list.html", pages=pages, tags=tags, tag=tag,
                           language=language, languages=LANGUAGES, **context)
