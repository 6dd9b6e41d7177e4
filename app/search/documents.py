"""What search indexes: documents described by providers.

Each package that owns searchable things registers a provider for a *kind*
(``page``, ``post``, ``workspace``, ``person``). The index never reads models
itself: it asks the provider for the current state of a few ids (``load``)
or for every id that should be indexed (``all_ids``). A provider answers
``None`` for something that must not be in the index (deleted, draft,
blocked), so the same code path adds, updates and removes documents.

``space_id`` is what the permission filter works on: every document lives in
the space whose readers may find it; ``PUBLIC_SPACE`` (0) marks documents
anyone may read (people's public profiles)."""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterable, Optional

from app.search.analysis import ANALYSIS_VERSION

#: Pseudo-space of documents every reader may find.
PUBLIC_SPACE = 0


@dataclass
class SearchDoc:
    kind: str
    id: int
    title: str
    url: str
    space_id: int
    body: str = ""
    namespace: str = ""
    #: Workspace slug, "" for the commons.
    workspace: str = ""
    language: str = "en"
    tags: list = field(default_factory=list)
    #: Username of the last author (for ``author:``) and the name to show.
    author: str = ""
    author_name: str = ""
    updated_at: Optional[datetime] = None
    #: More words that find the document (attachment file names, organisation...).
    extra: str = ""

    @property
    def key(self):
        return doc_key(self.kind, self.id)


@dataclass
class Provider:
    kind: str
    #: ``load(session, ids) -> {id: SearchDoc or None}``.
    load: Callable
    #: ``all_ids(session) -> iterable of ids`` that must be indexed now.
    all_ids: Callable[..., Iterable[int]]


def doc_key(kind, obj_id):
    return f"{kind}:{obj_id}"


def split_key(key):
    kind, _, obj_id = key.partition(":")
    return kind, int(obj_id)


def register_provider(app, kind, load, all_ids):
    """Called by a package's ``init_app``: ``kind`` documents come from ``load``."""
    app.extensions.setdefault("konbit_search_providers", {})[kind] = Provider(kind, load, all_ids)


def providers(app):
    return app.extensions.get("konbit_search_providers", {})


def load_documents(app, session, keys):
    """The current documents for ``keys``: ``{key: SearchDoc or None}`` (None for
    unknown kinds too)."""
    by_kind = {}
    for key in keys:
        kind, obj_id = split_key(key)
        by_kind.setdefault(kind, set()).add(obj_id)
    found = {}
    registry = providers(app)
    for kind, ids in by_kind.items():
        provider = registry.get(kind)
        loaded = provider.load(session, sorted(ids)) if provider else {}
        for obj_id in ids:
            found[doc_key(kind, obj_id)] = loaded.get(obj_id)
    return found


def all_keys(app, session):
    """Every key that should be in the index, according to the providers."""
    keys = set()
    for kind, provider in providers(app).items():
        keys.update(doc_key(kind, obj_id) for obj_id in provider.all_ids(session))
    return keys


def fingerprint(doc):
    """A hash of everything indexed about ``doc`` and of the analysis version:
    ``flask check`` compares it."""
    import hashlib
    import json
    data = [ANALYSIS_VERSION, doc.kind, doc.id, doc.title, doc.url, doc.space_id, doc.body,
            doc.namespace, doc.workspace, doc.language, sorted(doc.tags), doc.author,
            doc.author_name, doc.updated_at.isoformat() if doc.updated_at else "", doc.extra]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()
