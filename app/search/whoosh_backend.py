"""The Whoosh back end: an index in ``SEARCH_INDEX_PATH`` (this module and its helpers
``whoosh_scoring`` and ``whoosh_snippets`` are the only ones importing whoosh).

Each content language has its own title and body fields analysed with its
stemmer and stop words (``title_fr``, ``body_fr``...); a document fills the
fields of its language. A query becomes one branch per language: in the
``fr`` branch every word is analysed as French (the page's language, so French
stop words drop out there only) and as the reader's language, and looked up in
the French fields. ``plain`` and ``title_plain`` hold the folded, unstemmed
words for prefixes, completion and "did you mean".

Whoosh allows one writer at a time across processes: ``batch`` waits for the
index's write lock (retrying on ``LockError``) and holds it while the queue is
read and applied, so several workers never fail nor overwrite a newer state."""
import os
import threading
import time
from bisect import bisect_right
from contextlib import contextmanager
from datetime import datetime

from whoosh import index, query as wq, writing
from whoosh.analysis import (CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter,
                             StopFilter, SubstitutionFilter)
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map
from whoosh.writing import LockError

from app.search import query as q
from app.search.whoosh_snippets import highlight_words, highlighter, snippet
from app.search.analysis import (LANGUAGES, PT_PLURAL, PT_SINGULAR, TOKEN_PATTERN, clean, fold,
                                 normalise_language, replace_word)
from app.search.documents import fingerprint

INDEX_NAME = "konbit"
TITLE_BOOST = 3.0
PHRASE_BOOST = 2.0
#: How long a writer waits for another process's lock before leaving the rows queued.
LOCK_TIMEOUT = 60.0
MAX_STORED_BODY = 100_000
#: Memory for the postings of a full rebuild before they spill to sorted runs on disk.
REBUILD_MB = 256
#: "Did you mean" is worked out when a search finds fewer results than this.
SUGGEST_BELOW = 5
#: Query filters and the fields they test.
FILTER_FIELDS = {"ns": "namespace", "ws": "workspace", "lang": "language", "tag": "tags",
                 "author": "author"}
#: Facets of the results and the fields they count.
FACET_FIELDS = {"namespace": "namespace", "workspace": "workspace", "language": "language",
                "tag": "tags"}


def language_analyzer(lang):
    stem_lang = LANGUAGES[lang][0]
    stops = frozenset(stopwords_for_language(stem_lang))
    stops = stops | frozenset(fold(w) for w in stops)
    chain = (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()
             | StopFilter(stoplist=stops, minsize=1) | CharsetFilter(accent_map))
    if lang == "pt":
        chain = chain | SubstitutionFilter(PT_PLURAL, PT_SINGULAR)
    return chain | StemFilter(lang=stem_lang)


def plain_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema():
    fields = dict(
        key=ID(unique=True, stored=True), kind=ID(stored=True), space_id=ID(stored=True),
        namespace=ID(stored=True, sortable=True), workspace=ID(stored=True, sortable=True),
        language=ID(stored=True, sortable=True),
        tags=KEYWORD(stored=True, lowercase=True, commas=True, scorable=True),
        author=ID(stored=True), author_name=STORED, title=STORED, url=STORED,
        content=STORED, fingerprint=STORED, updated=DATETIME(stored=True, sortable=True),
        plain=TEXT(analyzer=plain_analyzer()),
        title_plain=TEXT(analyzer=plain_analyzer(), field_boost=TITLE_BOOST),
    )
    for lang in LANGUAGES:
        fields[f"title_{lang}"] = TEXT(analyzer=language_analyzer(lang), field_boost=TITLE_BOOST)
        fields[f"body_{lang}"] = TEXT(analyzer=language_analyzer(lang))
    return Schema(**fields)


def stale_fields(schema):
    """The fields of ``schema`` (an index's) missing from ``make_schema()``, of
    another type or analysed otherwise. (Whoosh's own field equality leaves the
    analyser out, and a sortable field's column is never equal to a new one.)"""
    current = make_schema()
    return [name for name, field in current.items()
            if name not in schema or type(schema[name]) is not type(field)
            or getattr(schema[name], "analyzer", None) != getattr(field, "analyzer", None)]


def _index_analyzers(schema):
    """``{lang: analyser}`` of an index's body fields (this code's for a field it lacks)."""
    return {lang: schema[f"body_{lang}"].analyzer if f"body_{lang}" in schema
            else language_analyzer(lang) for lang in LANGUAGES}


def _install_schema(writer):
    """A rebuild writes this code's fields: an index keeps the analysers it was
    created with (pickled in its table of contents), so a change of analysis reaches
    an existing index through ``flask reindex`` only. The writer replaces no
    segment's data yet (a rebuild drops them all at commit)."""
    current = make_schema()
    for name in stale_fields(writer.schema):
        if name in writer.schema:
            writer.remove_field(name)
        writer.add_field(name, current[name])


class _Batch:
    def __init__(self, writer, fresh=False):
        self.writer = writer
        #: Rebuilding from nothing: no older copy of a document to replace or delete.
        self.fresh = fresh

    def apply(self, docs):
        for key, doc in docs.items():
            if doc is None:
                if not self.fresh:
                    self.writer.delete_by_term("key", key)
            elif self.fresh:
                self.writer.add_document(**_fields(doc))
            else:
                self.writer.update_document(**_fields(doc))


def _fields(doc):
    lang = normalise_language(doc.language)
    body = clean(doc.body)
    text = " ".join([doc.title, body, " ".join(doc.tags), doc.extra])
    fields = dict(
        key=doc.key, kind=doc.kind, space_id=str(doc.space_id), namespace=doc.namespace,
        workspace=doc.workspace, language=lang, tags=",".join(doc.tags),
        author=doc.author.lower(), author_name=doc.author_name, title=doc.title, url=doc.url,
        content=body[:MAX_STORED_BODY], fingerprint=fingerprint(doc),
        updated=doc.updated_at or datetime(1970, 1, 1), plain=clean(text),
        title_plain=doc.title)
    fields[f"title_{lang}"] = doc.title
    fields[f"body_{lang}"] = clean(" ".join([body, " ".join(doc.tags), doc.extra]))
    return fields


class WhooshBackend:
    name = "whoosh"

    def __init__(self, app):
        self.path = app.config["SEARCH_INDEX_PATH"]
        self._index = None
        self._searcher = None
        #: Per-segment data (``whoosh_scoring.SegmentData``), by segment id.
        self._segments = {}
        self._lock = threading.Lock()
        self._highlighter = highlighter()
        #: The analysers of the index's body fields (its own, as ``searcher`` found them:
        #: queries are analysed as the index was until ``flask reindex`` rebuilds it).
        self.analyzers = {lang: language_analyzer(lang) for lang in LANGUAGES}

    # --- the index ---------------------------------------------------------
    def ensure(self):
        """Create the index folder and an empty index unless one exists."""
        os.makedirs(self.path, exist_ok=True)
        if not index.exists_in(self.path, indexname=INDEX_NAME):
            try:
                index.create_in(self.path, make_schema(), indexname=INDEX_NAME)
            except LockError:
                pass  # another process is creating it
        return self.index()

    def index(self):
        if self._index is None:
            if not index.exists_in(self.path, indexname=INDEX_NAME):
                self.ensure()
            self._index = index.open_dir(self.path, indexname=INDEX_NAME)
        return self._index

    def searcher(self):
        with self._lock:
            if self._searcher is None or not self._searcher.up_to_date():
                # A fresh reader: refresh() reuses segment readers and misses deletions.
                # The old searcher may still serve another thread; it closes when dropped.
                self._searcher = self.index().searcher()
                self.analyzers = _index_analyzers(self._searcher.schema)
                live = {_segment_id(r) for r, _ in self._searcher.reader().leaf_readers()}
                for key in set(self._segments) - live:
                    del self._segments[key]
            return self._searcher

    @contextmanager
    def batch(self, session, clear=False):
        """Hold the index's write lock; commit what was applied on success."""
        # The index as this process opened it (created then if missing; ``reindex``
        # ensures it first): checking again that it exists reads its table of contents,
        # 3 ms of every save.
        ix = self.index()
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                # No compound segment files: fewer renames under concurrent
                # workers, and no rewrite of every segment at commit.
                writer = ix.writer(timeout=1.0, delay=0.05, compound=False,
                                   limitmb=REBUILD_MB if clear else 128)
                break
            except LockError:
                if time.monotonic() > deadline:
                    raise
        if clear:
            _install_schema(writer)
        try:
            yield _Batch(writer, fresh=clear)
        except BaseException:
            writer.cancel()
            raise
        try:
            # A rebuild replaces every segment at once (searches meanwhile see the old
            # index); other commits merge only small segments.
            writer.commit(mergetype=writing.CLEAR if clear else None)
        except BaseException:
            # A failed commit must still release the write lock, or every
            # later write would wait for it until it times out.
            if not writer.is_closed:
                writer.cancel()
            raise

    def problems(self):
        """What ``flask check`` reports about the index besides its documents: fields
        analysed otherwise than this code analyses them (an index kept through an
        upgrade that changed the analysis; only a rebuild changes them)."""
        stale = stale_fields(self.index().schema)
        if not stale:
            return []
        return [f"search: the index analyses {', '.join(stale)} as an older version "
                "did: run flask reindex"]

    def fingerprints(self):
        """``{key: fingerprint}`` of every indexed document."""
        with self.index().searcher() as searcher:
            return {f["key"]: f["fingerprint"] for f in searcher.all_stored_fields()}

    # --- searching ---------------------------------------------------------
    def _tokens(self, lang, text):
        return [t.text for t in self.analyzers[lang](text)]

    def _field_query(self, field, tokens):
        if not tokens:
            return None
        if len(tokens) == 1:
            return wq.Term(field, tokens[0])
        return wq.Phrase(field, tokens)

    def _word(self, words, lang, reader_lang, boost=1.0):
        """``words`` (one word, or a phrase) in ``lang``'s fields, analysed by that
        language (the page's) and by the reader's; None when only stop words remain."""
        text = " ".join(words)
        clauses = []
        variants = {tuple(self._tokens(lang, text)), tuple(self._tokens(reader_lang, text))}
        for tokens in variants:
            for field in (f"title_{lang}", f"body_{lang}"):
                clause = self._field_query(field, list(tokens))
                if clause is not None:
                    clauses.append(clause)
        return wq.Or(clauses, boost=boost) if clauses else None

    def compile(self, node, lang, reader_lang):
        """The query for the documents in ``lang`` (None: nothing left to look for)."""
        if isinstance(node, q.Term):
            return self._word([node.word], lang, reader_lang)
        if isinstance(node, q.Phrase):
            return self._word(list(node.words), lang, reader_lang)
        if isinstance(node, q.Prefix):
            return wq.Or([wq.Prefix("plain", node.word), wq.Prefix("title_plain", node.word)])
        if isinstance(node, q.Not):
            child = self.compile(node.child, lang, reader_lang)
            return wq.Not(child) if child is not None else None
        parts = [self.compile(child, lang, reader_lang) for child in node.children]
        parts = [p for p in parts if p is not None]
        if isinstance(node, q.And) and not [p for p in parts if not isinstance(p, wq.Not)]:
            return None
        if not parts:
            return None
        compiled = (wq.And if isinstance(node, q.And) else wq.Or)(parts)
        terms = [c.word for c in node.children if isinstance(c, q.Term)]
        if isinstance(node, q.And) and len(terms) == len(node.children) and len(terms) > 1:
            phrase = self._word(terms, lang, reader_lang, PHRASE_BOOST)
            if phrase is not None:  # exact phrase above scattered words
                compiled = wq.AndMaybe(compiled, phrase)
        return compiled

    def _query(self, parsed, reader_lang):
        """One branch per content language: each page is matched in its own language.
        A query made only of exclusions (``Not`` at the top) matches every document the
        excluded words would not match (a ``Not`` in each branch would hold for the
        pages of the other languages)."""
        if parsed.node is None:
            return wq.Every()
        if isinstance(parsed.node, q.Not):
            return wq.Not(self._positive(parsed.node.child, reader_lang))
        return self._positive(parsed.node, reader_lang)

    def _positive(self, node, reader_lang):
        branches = [self.compile(node, lang, reader_lang) for lang in LANGUAGES]
        branches = [b for b in branches if b is not None]
        if not branches:  # only stop words: look for them as they are
            return wq.Or([wq.Term("plain", w) for w in q.leaf_words(node)] or [wq.NullQuery])
        return wq.Or(branches)

    def _conditions(self, parsed, space_ids):
        """``{field: allowed values}``: the reader's spaces, then the query's filters."""
        conditions = {"space_id": {str(i) for i in space_ids}}
        for key, values in parsed.filters.items():
            if key == "author":
                values = [v.lower() for v in values]
            if key == "ns":
                values = [v[:1].upper() + v[1:] for v in values]
            if key == "ws":
                values = ["" if v == "commons" else v for v in values]
            conditions[FILTER_FIELDS[key]] = set(values)
        return conditions

    def _segment_data(self, reader):
        key = _segment_id(reader)
        data = self._segments.get(key)
        if data is None:
            data = self._segments[key] = _scoring().SegmentData(reader)
        return data

    def search(self, parsed, space_ids, reader_lang, results):
        searcher = self.searcher()
        user_query = self._query(parsed, reader_lang)
        outcome = _scoring().run(
            searcher, self._segment_data, user_query, self._conditions(parsed, space_ids),
            FACET_FIELDS, limit=results.page * results.per_page)
        results.total = outcome.total
        start = (results.page - 1) * results.per_page
        shown = outcome.top[start:start + results.per_page]
        if shown:
            # Only exclusions: nothing to mark.
            marks = ({} if isinstance(parsed.node, q.Not)
                     else highlight_words(user_query, searcher.reader()))
            stored_fields = _stored_fields_reader(searcher)
            for docnum, score in shown:
                results.hits.append(self._hit(searcher, stored_fields(docnum), score,
                                              parsed.node, marks))
        # Equal relevance: the most recent first (a stable sort keeps the rest in order).
        results.hits.sort(key=lambda h: (-round(h.score, 6), -_timestamp(h.updated_at)))
        for name, counts in outcome.facets.items():
            results.facets[name] = sorted(((k, v) for k, v in counts.items() if k),
                                          key=lambda item: (-item[1], item[0]))
        if parsed.node is not None and results.total < SUGGEST_BELOW:
            results.suggestion = self._suggestion(searcher, parsed, reader_lang, space_ids)
        return results

    def _finds(self, searcher, query, space_ids):
        """Whether ``query`` matches a document of the reader's spaces."""
        outcome = _scoring().run(searcher, self._segment_data, query,
                                 {"space_id": {str(i) for i in space_ids}}, {}, limit=0)
        return outcome.total > 0

    def _hit(self, searcher, stored, score, node, marks):
        from app.search import Hit
        lang = stored.get("language", "en")
        content = stored.get("content", "")
        field = f"body_{lang}"
        marked = snippet(content, node, marks.get(field), self._highlighter,
                         searcher.schema[field].analyzer, lang)
        if not marked:
            marked = content[:240] + ("…" if len(content) > 240 else "")
        return Hit(key=stored["key"], kind=stored["kind"], title=stored["title"],
                   url=stored["url"], score=float(score),
                   snippet=marked, namespace=stored.get("namespace", ""),
                   workspace=stored.get("workspace", ""), language=lang,
                   updated_at=stored.get("updated"), author_name=stored.get("author_name", ""),
                   tags=[t for t in stored.get("tags", "").split(",") if t])

    def _suggestion(self, searcher, parsed, reader_lang, space_ids):
        """A spelling correction whose query finds something for this reader."""
        corrector = searcher.corrector("plain")
        reader = searcher.reader()
        text = parsed.text
        changed = False
        for word in parsed.leaf_words():
            if len(word) < 3 or reader.doc_frequency("plain", word):
                continue  # a word of the index (maybe of pages this reader cannot read)
            if self._finds(searcher, self._query(q.parse(word), reader_lang), space_ids):
                continue  # another form of a word of this reader's pages
            found = corrector.suggest(word, limit=1, maxdist=2)
            if found:
                text = replace_word(text, word, found[0])
                changed = True
        if not changed:
            return None
        corrected = q.parse(text)
        if corrected.node is None:
            return None
        return text if self._finds(searcher, self._query(corrected, reader_lang),
                                   space_ids) else None

    def suggest_titles(self, prefix, space_ids, limit):
        words = [fold(w) for w in prefix.split() if w.strip()]
        tokens = [t for w in words for t in self._plain_tokens(w)]
        if not tokens:
            return []
        clauses = [wq.Term("title_plain", t) for t in tokens[:-1]]
        clauses.append(wq.Prefix("title_plain", tokens[-1]))
        allowed = wq.Or([wq.Term("space_id", str(i)) for i in sorted(space_ids)])
        hits = self.searcher().search(wq.And(clauses), filter=allowed, limit=limit)
        return [{"title": h["title"], "url": h["url"]} for h in hits]

    def _plain_tokens(self, text):
        return [t.text for t in plain_analyzer()(text)]


def _scoring():
    """``whoosh_scoring``, imported by the first search: it loads numpy (about 20 MiB),
    which a process that never searches (the gunicorn master) does without."""
    from app.search import whoosh_scoring
    return whoosh_scoring


def _stored_fields_reader(searcher):
    """``stored_fields(docnum)`` for the hits of one search: read from the document's
    segment without Whoosh's check of each stored field's name against the schema
    (``SegmentReader.stored_fields``: half of its 30 us a hit). Every field stored
    here is in the schema, and any other a document may hold is never asked for."""
    leaves = [(offset, subsearcher.reader()) for subsearcher, offset in searcher.leaf_searchers()]
    if not all(hasattr(reader, "_perdoc") for _, reader in leaves):
        return searcher.stored_fields  # another reader: Whoosh's own way
    offsets = [offset for offset, _ in leaves]

    def stored_fields(docnum):
        offset, reader = leaves[bisect_right(offsets, docnum) - 1]
        return reader._perdoc.stored_fields(docnum - offset) or {}
    return stored_fields


def _segment_id(reader):
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else id(reader)


def _timestamp(moment):
    return moment.timestamp() if isinstance(moment, datetime) else 0.0
