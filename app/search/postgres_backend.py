"""The PostgreSQL full-text back end (``SEARCH_BACKEND = "postgres"``), for several
app servers sharing one database.

Documents live in ``search_documents`` with one ``tsvector`` analysed by the
document's language (``french_unaccent``..., custom configurations that fold
accents with ``unaccent`` before stemming): the title with weight A, the body,
tags and attachment names with B, and both again unstemmed (``simple_unaccent``)
with C and D for prefixes and title completion. A query (parsed by
``app.search.query``, its words and phrases turned into tsqueries by
``websearch_to_tsquery``) is analysed in the reader's language for every
document and in each document's own language, so the GIN index serves every
branch (constant tsqueries). What an analysis rewrites before stemming
(Portuguese plurals in -ões, ``app.search.analysis``) is rewritten in the text
given to the configuration and in the query's words; headlines, which stem the
text as written, look for every form of such a word. Spelling suggestions
use ``pg_trgm`` similarity over ``search_words``.

Writers serialise on a transaction-level advisory lock: a drain reads the
queue, loads the documents and writes them under that lock, in one
transaction with the deletion of the queue rows."""
import re
from collections import Counter
from contextlib import contextmanager
from functools import reduce

from sqlalchemy import (Float, and_, bindparam, case, cast, delete, func, literal,
                        literal_column, not_, or_, select, text, union_all)
from sqlalchemy.orm import defer
from sqlalchemy.types import Text
from sqlalchemy.dialects.postgresql import ARRAY, REGCONFIG, TSQUERY, insert

from app.extensions import db
from app.search import query as q
from app.search.analysis import (LANGUAGES, MARK_END, MARK_START, PG_SIMPLE, REWRITING, clean,
                                 normalise_language, pg_config, replace_word, singular_endings,
                                 singular_word, unfolded_pattern, word_forms, words)
from app.search.documents import fingerprint
from app.search.models import SearchDocument, SearchWord

#: Any number: the advisory lock that serialises index writers.
LOCK_KEY = 7_363_218
MAX_BODY = 400_000
FACET_NAMES = ("namespace", "workspace", "language", "tag")
#: "Did you mean" is worked out when a search finds fewer results than this.
SUGGEST_BELOW = 5
#: ts_headline parses all the text it is given (about 6 ms for 20,000 characters): it
#: is given ``EXCERPT_CHARS`` from just before the first occurrence of a query word
#: in the body's first ``HEADLINE_CHARS``.
EXCERPT_CHARS = 1_000
EXCERPT_LEAD = 100
HEADLINE_CHARS = 20_000
HEADLINE = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, "
            "MinWords=10, FragmentDelimiter=\" … \"")
#: ts_rank weights for D, C, B, A: the title (A) far above the body.
WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"

SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
]


def _config_ddl(name, base, stem):
    return f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
    CREATE TEXT SEARCH CONFIGURATION {name} ( COPY = {base} );
    ALTER TEXT SEARCH CONFIGURATION {name}
      ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart
      WITH unaccent, {stem};
  END IF;
END $$"""


#: Unstemmed words; English stop words are dropped (but counted), to make the gaps below.
SIMPLE_DICTIONARY = """DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'simple_gap') THEN
    CREATE TEXT SEARCH DICTIONARY simple_gap ( TEMPLATE = pg_catalog.simple,
                                               STOPWORDS = english );
  END IF;
END $$"""
#: A stop word per configuration: put before the body, it leaves a position free after
#: the title, so a phrase never runs from the end of the title into the body.
GAP = {"english": "the", "french": "le", "spanish": "el", "portuguese": "o", "simple": "the"}
_NOT_WORD = re.compile(r"[^\w\s]+")


def _words_only(text_):
    """PostgreSQL's parser keeps ``a/b.csv`` or ``x-y`` as one token; index words, as
    Whoosh does."""
    return _NOT_WORD.sub(" ", text_ or "")


#: Ranking reads the vector of every matching row: kept uncompressed, in the row
#: when the row fits in a page (``toast_tuple_target``), it is read without being
#: decompressed each time (for 16,000 rows, 80 ms down to 50). Rows written before
#: the table was altered keep their old storage until ``flask reindex`` rewrites them.
#: Altered once only: ALTER TABLE waits for every open transaction on the table.
STORAGE = [
    "ALTER TABLE search_documents SET (toast_tuple_target = 8160)",
    "ALTER TABLE search_documents ALTER COLUMN tsv SET STORAGE EXTERNAL",
]
STORAGE_SET = """SELECT coalesce(c.reloptions @> ARRAY['toast_tuple_target=8160'], false)
                        AND a.attstorage = 'e'
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.oid = 'search_documents'::regclass AND a.attname = 'tsv'"""
#: ``(language, tsv)`` in one GIN index (``btree_gin``): "this stem, in documents of
#: this language" is then answered by the index alone. With ``tsv`` alone, each
#: matching row's vector was read again to check the language branch of the match.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS ix_search_documents_language_tsv ON search_documents "
    "USING gin (language, tsv)",
    "DROP INDEX IF EXISTS ix_search_documents_tsv",
    "CREATE INDEX IF NOT EXISTS ix_search_words_trgm ON search_words "
    "USING gin (word gin_trgm_ops)",
]


def regconfig(name):
    return cast(literal(name), REGCONFIG)


def _tsv():
    """The document's vector, from the bound parameters of ``_row``."""
    cfg = cast(bindparam("cfg"), REGCONFIG)
    simple = regconfig(PG_SIMPLE)

    def weight(letter):
        return literal_column(f"'{letter}'::\"char\"")
    return (func.setweight(func.to_tsvector(cfg, bindparam("tsv_title")), weight("A"))
            .op("||")(func.setweight(func.to_tsvector(cfg, bindparam("tsv_body")), weight("B")))
            .op("||")(func.setweight(func.to_tsvector(simple, bindparam("tsv_stitle")),
                                     weight("C")))
            .op("||")(func.setweight(func.to_tsvector(simple, bindparam("tsv_sbody")),
                                     weight("D"))))


COLUMNS = ("key", "kind", "obj_id", "space_id", "namespace", "workspace", "language", "tags",
           "title", "body", "extra", "author", "author_name", "url", "updated_at",
           "fingerprint")


def _upsert():
    stmt = insert(SearchDocument).values(
        **{name: bindparam(name) for name in COLUMNS}, tsv=_tsv())
    return stmt.on_conflict_do_update(
        index_elements=["key"],
        set_={name: stmt.excluded[name] for name in COLUMNS + ("tsv",) if name != "key"})


def _row(doc):
    lang = normalise_language(doc.language)
    title = _words_only(doc.title)
    body = _words_only(clean(" ".join([doc.body, " ".join(doc.tags), doc.extra])))[:MAX_BODY]
    gap = GAP[LANGUAGES[lang][1]]
    # The configuration stems; what the language's analysis rewrites before stemming
    # (Portuguese plurals) is rewritten here. The unstemmed words stay as written.
    stemmed_title, stemmed_body = singular_endings(lang, title), singular_endings(lang, body)
    return dict(
        key=doc.key, kind=doc.kind, obj_id=doc.id, space_id=doc.space_id,
        namespace=doc.namespace, workspace=doc.workspace, language=lang,
        tags=" ".join(doc.tags), title=doc.title[:300], body=clean(doc.body)[:MAX_BODY],
        extra=doc.extra, author=doc.author.lower(), author_name=doc.author_name[:100],
        url=doc.url, updated_at=doc.updated_at, fingerprint=fingerprint(doc),
        cfg=pg_config(lang), tsv_title=stemmed_title, tsv_body=f"{gap} {stemmed_body}",
        tsv_stitle=f"the {title}", tsv_sbody=f"the {body}")


class _Batch:
    def __init__(self, session):
        self.session = session

    def apply(self, docs):
        gone = [key for key, doc in docs.items() if doc is None]
        if gone:
            self.session.execute(delete(SearchDocument).where(SearchDocument.key.in_(gone)))
        present = [doc for doc in docs.values() if doc is not None]
        if not present:
            return
        self.session.execute(_upsert(), [_row(doc) for doc in present])
        vocabulary = {w for doc in present for w in words(doc.title + " " + doc.body)
                      if 3 <= len(w) <= 40}
        if vocabulary:
            stmt = insert(SearchWord).on_conflict_do_nothing(index_elements=["word"])
            self.session.execute(stmt, [{"word": w} for w in sorted(vocabulary)])


def _tsquery(node, config, lang=None):
    """The tree as a tsquery in the text search configuration ``config``: words and
    phrases through ``websearch_to_tsquery`` (stemmed, stop words dropped, as the
    configuration says), prefixes through ``to_tsquery`` (web search syntax has none),
    joined with tsquery's own operators, so grouping is kept (web search syntax has
    no parentheses). The tree's words are ``\\w+`` only, so quoting is safe. Words
    are first rewritten as the ``lang`` analysis rewrites them before stemming."""
    if isinstance(node, q.Term):
        return func.websearch_to_tsquery(config, singular_word(lang, node.word))
    if isinstance(node, q.Phrase):
        phrase = " ".join(singular_word(lang, word) for word in node.words)
        return func.websearch_to_tsquery(config, f'"{phrase}"')
    if isinstance(node, q.Prefix):
        return func.to_tsquery(config, f"'{node.word}':*")
    if isinstance(node, q.Not):
        return func.tsquery_not(_tsquery(node.child, config, lang))
    combine = func.tsquery_and if isinstance(node, q.And) else func.tsquery_or
    return reduce(combine, [_tsquery(child, config, lang) for child in node.children])


def _marking_node(node, lang):
    """The tree with each word that takes other forms in ``lang`` (Portuguese plurals)
    replaced by all of them, phrases by their words: ts_headline stems the text as it
    is written, where ``pensões`` does not stem as ``pensão``. The tree itself when no
    word does."""
    def forms(word):
        found = word_forms(lang, word)
        return q.Or(tuple(q.Term(form) for form in found)) if len(found) > 1 else q.Term(word)

    if isinstance(node, q.Term):
        return forms(node.word)
    if isinstance(node, q.Phrase):
        if all(len(word_forms(lang, word)) == 1 for word in node.words):
            return node
        return q.And(tuple(forms(word) for word in node.words))
    if isinstance(node, q.Not):
        return q.Not(_marking_node(node.child, lang))
    if isinstance(node, (q.And, q.Or)):
        return type(node)(tuple(_marking_node(child, lang) for child in node.children))
    return node


class PostgresBackend:
    name = "postgres"

    def __init__(self, app):
        self.app = app

    def ensure(self):
        """Extensions, text search configurations and indexes; idempotent."""
        with db.engine.begin() as conn:
            for statement in SETUP:
                conn.execute(text(statement))
            conn.execute(text(SIMPLE_DICTIONARY))
            conn.execute(text(_config_ddl(PG_SIMPLE, "simple", "simple_gap")))
            for lang, (_, base) in LANGUAGES.items():
                conn.execute(text(_config_ddl(pg_config(lang), base, f"{base}_stem")))
            SearchDocument.__table__.create(conn, checkfirst=True)
            SearchWord.__table__.create(conn, checkfirst=True)
            if not conn.scalar(text(STORAGE_SET)):
                for statement in STORAGE:
                    conn.execute(text(statement))
            for statement in INDEXES:
                conn.execute(text(statement))

    @contextmanager
    def batch(self, session, clear=False):
        session.execute(select(func.pg_advisory_xact_lock(LOCK_KEY)))
        if clear:
            session.execute(delete(SearchDocument))
        yield _Batch(session)
        session.flush()

    def problems(self):
        """Nothing besides the documents: each vector is written with the analysis of
        its time, and the analysis version is part of the documents' fingerprints."""
        return []

    def fingerprints(self):
        rows = db.session.execute(select(SearchDocument.key, SearchDocument.fingerprint))
        return dict(rows.all())

    # --- searching ---------------------------------------------------------
    def _query_texts(self, node, marking=False):
        """``{lang: tsquery text}`` of the tree for every language, plus ``"simple"``;
        with ``marking``, ``marks_<lang>`` too for each language where a word takes
        forms that its stemmer keeps apart (``_marking_node``), for the headlines.

        They are worked out once, in one round trip, and used as constants: written
        as functions in the WHERE clause, PostgreSQL would call them again for every
        row that a bitmap scan rechecks or a sequential scan reads."""
        columns = [cast(_tsquery(node, regconfig(pg_config(lang)), lang), Text).label(lang)
                   for lang in LANGUAGES]
        columns.append(cast(_tsquery(node, regconfig(PG_SIMPLE)), Text).label("simple"))
        for lang in REWRITING if marking else ():
            other = _marking_node(node, lang)
            if other != node:
                columns.append(cast(_tsquery(other, regconfig(pg_config(lang))), Text)
                               .label(f"marks_{lang}"))
        return dict(db.session.execute(select(*columns)).one()._mapping)

    def _where(self, parsed, space_ids, reader_lang, headlines=False):
        """The WHERE clause, the rank, and (with ``headlines``) the query's tsquery
        texts for the headlines (``{lang: text}``; None without words to mark).

        A query made only of exclusions (``Not`` at the top, ``query.parse``) matches
        every document its words would not match: the negation of the whole match,
        since each branch alone (``!word`` in English) holds for a French page."""
        doc = SearchDocument
        conditions = [space_ids.condition(doc.space_id)]
        for key, wanted in parsed.filters.items():
            if key == "ns":
                conditions.append(doc.namespace.in_([v[:1].upper() + v[1:] for v in wanted]))
            elif key == "ws":
                conditions.append(doc.workspace.in_(["" if v == "commons" else v
                                                     for v in wanted]))
            elif key == "lang":
                conditions.append(doc.language.in_(wanted))
            elif key == "author":
                conditions.append(doc.author.in_([v.lower() for v in wanted]))
            elif key == "tag":
                conditions.append(or_(*(func.concat(" ", doc.tags, " ").contains(f" {v} ")
                                        for v in wanted)))
        rank = literal(0.0, Float)
        texts = None
        if parsed.node is not None:
            negative = isinstance(parsed.node, q.Not)
            found = self._query_texts(parsed.node.child if negative else parsed.node,
                                      marking=headlines and not negative)
            queries = _tsqueries({key: found[key] for key in (*LANGUAGES, "simple")})
            matches = [doc.tsv.op("@@")(queries[reader_lang]),
                       doc.tsv.op("@@")(queries["simple"])]
            matches += [and_(doc.language == lang, doc.tsv.op("@@")(queries[lang]))
                        for lang in LANGUAGES if lang != reader_lang]
            if negative:  # nothing to rank nor to mark
                conditions.append(not_(or_(*matches)))
                return and_(*conditions), rank, None
            conditions.append(or_(*matches))
            if headlines:
                texts = {lang: found.get(f"marks_{lang}", found[lang]) for lang in LANGUAGES}
            own = _own_language(doc.language, queries, reader_lang)
            rank = (func.ts_rank(text(f"'{WEIGHTS}'"), doc.tsv, own)
                    + 0.5 * func.ts_rank(text(f"'{WEIGHTS}'"), doc.tsv, queries["simple"]))
            terms = [c.word for c in getattr(parsed.node, "children", ())
                     if isinstance(c, q.Term)]
            if isinstance(parsed.node, q.And) and len(terms) == len(parsed.node.children):
                # Exact phrase above scattered words.
                phrases = _tsqueries(self._query_texts(q.Phrase(tuple(terms))))
                phrase = _own_language(doc.language, phrases, reader_lang)
                rank = rank + 2 * func.ts_rank(text(f"'{WEIGHTS}'"), doc.tsv, phrase)
        return and_(*conditions), rank, texts

    def search(self, parsed, space_ids, reader_lang, results):
        """One scan of the matching rows (a materialised CTE) gives the page's keys and
        ranks, the total and the facet counts; the rows shown come from a second
        statement by primary key, their headlines from a third."""
        from app.search import Hit
        doc = SearchDocument
        where, rank, texts = self._where(parsed, space_ids, reader_lang, headlines=True)
        hits = (select(doc.key, doc.namespace, doc.workspace, doc.language, doc.tags,
                       doc.updated_at, rank.label("rank"))
                .where(where).cte("hits").prefix_with("MATERIALIZED"))
        page = (select(hits.c.key, hits.c.rank)
                .order_by(hits.c.rank.desc(), hits.c.updated_at.desc().nulls_last(),
                          hits.c.key)
                .limit(results.per_page).offset((results.page - 1) * results.per_page)
                .subquery("page"))
        nothing = literal(None, Text)
        shown = select(literal(0).label("part"), page.c.key, page.c.rank, nothing, nothing,
                       nothing, nothing, literal(0).label("n"))
        counted = (select(literal(1), nothing, literal(None, Float), hits.c.namespace,
                          hits.c.workspace, hits.c.language, hits.c.tags, func.count())
                   .group_by(hits.c.namespace, hits.c.workspace, hits.c.language,
                             hits.c.tags))
        ranked, groups = [], []
        for part, key, score, *facet_row in db.session.execute(union_all(shown, counted)):
            if part == 0:
                ranked.append((key, score))
            else:
                groups.append(facet_row)
        ranked.sort(key=lambda item: -item[1])  # UNION ALL keeps no order: ties stay put
        results.total, results.facets = _facets(groups)
        rows = self._shown([key for key, _ in ranked])
        marks = self._headlines(rows, parsed, texts, reader_lang) if texts else {}
        for key, score in ranked:
            row, marked = rows[key], marks.get(key)
            if MARK_START not in (marked or ""):
                marked = row.body[:240] + ("…" if len(row.body) > 240 else "")
            results.hits.append(Hit(
                key=row.key, kind=row.kind, title=row.title, url=row.url, score=float(score),
                snippet=marked, namespace=row.namespace, workspace=row.workspace,
                language=row.language, updated_at=row.updated_at, author_name=row.author_name,
                tags=row.tags.split()))
        if parsed.node is not None and results.total < SUGGEST_BELOW:
            results.suggestion = self._suggestion(parsed, space_ids, reader_lang)
        return results

    def _shown(self, keys):
        """``{key: row}`` of the rows shown, without their (large) vectors."""
        if not keys:
            return {}
        doc = SearchDocument
        rows = db.session.scalars(select(doc).options(defer(doc.tsv))
                                  .where(doc.key.in_(keys)))
        return {row.key: row for row in rows}

    def _headlines(self, rows, parsed, texts, reader_lang):
        """``{key: ts_headline}`` of each row's body, in one statement, worked out on
        an excerpt that starts just before the first occurrence of a query word (or
        of one of its stems) in the body: ts_headline's cost grows with the text it
        parses. The excerpts are sent as arrays, so the statement's SQL is the same
        for every search (compiled once)."""
        if not rows:
            return {}
        patterns, excerpts = {}, []
        for row in rows.values():
            language = row.language if row.language in LANGUAGES else reader_lang
            if language not in patterns:
                patterns[language] = _first_occurrence(parsed, texts[language])
            found = patterns[language].search(row.body, 0, HEADLINE_CHARS)
            start = max(0, found.start() - EXCERPT_LEAD) if found else 0
            start = row.body.rfind(" ", 0, start) + 1 if start else 0
            excerpts.append(row.body[start:start + EXCERPT_CHARS])
        shown = func.unnest(
            bindparam("keys", list(rows), type_=ARRAY(Text)),
            bindparam("languages", [row.language for row in rows.values()], type_=ARRAY(Text)),
            bindparam("excerpts", excerpts, type_=ARRAY(Text)),
        ).table_valued("key", "language", "excerpt").render_derived(name="shown")
        cfg = _own_language(shown.c.language, {lang: regconfig(pg_config(lang))
                                               for lang in LANGUAGES}, reader_lang)
        own = _own_language(shown.c.language, _tsqueries(texts), reader_lang)
        return dict(db.session.execute(
            select(shown.c.key, func.ts_headline(cfg, shown.c.excerpt, own, HEADLINE))).all())

    def _suggestion(self, parsed, space_ids, reader_lang):
        """A spelling correction (pg_trgm) whose query finds something for this reader."""
        text_ = parsed.text
        changed = False
        for word in parsed.leaf_words():
            if len(word) < 3 or self._finds(q.parse(word), space_ids, reader_lang):
                continue  # a word this reader's documents contain
            found = db.session.scalar(
                select(SearchWord.word).where(SearchWord.word.op("%")(word))
                .order_by(func.similarity(SearchWord.word, word).desc()).limit(1))
            if found:
                text_ = replace_word(text_, word, found)
                changed = True
        if not changed:
            return None
        corrected = q.parse(text_)
        if corrected.node is None:
            return None
        return text_ if self._finds(corrected, space_ids, reader_lang) else None

    def _finds(self, parsed, space_ids, reader_lang):
        where, _, _ = self._where(parsed, space_ids, reader_lang)
        return db.session.scalar(select(SearchDocument.key).where(where).limit(1)) is not None

    def suggest_titles(self, prefix, space_ids, limit):
        tokens = words(prefix)
        if not tokens:
            return []
        parts = [f"'{t}':C" for t in tokens[:-1]] + [f"'{tokens[-1]}':*C"]
        doc = SearchDocument
        tsquery = func.to_tsquery(regconfig(PG_SIMPLE), bindparam("prefix", " & ".join(parts)))
        rows = db.session.execute(
            select(doc.title, doc.url)
            .where(space_ids.condition(doc.space_id), doc.tsv.op("@@")(tsquery))
            .order_by(func.length(doc.title), doc.title).limit(limit)).all()
        return [{"title": t, "url": u} for t, u in rows]


def _tsqueries(texts):
    """``{key: tsquery constant}`` from ``{key: tsquery text}``."""
    return {key: cast(literal(value), TSQUERY) for key, value in texts.items()}


def _own_language(language, per_language, reader_lang):
    """The value of ``per_language`` for the row's ``language`` (the reader's for any
    other)."""
    return case(*((language == lang, per_language[lang]) for lang in LANGUAGES),
                else_=per_language[reader_lang])


_LEXEME = re.compile(r"'((?:[^']|'')+)'")
#: A word start that is not inside a path, address or file name, where ts_headline's
#: parser sees one token (``/images/building-community/x.png``) and marks nothing.
_NOT_IN_ADDRESS = r"(?<![\w/.\-#=?&%~@:])"


def _first_occurrence(parsed, tsquery_text):
    """A pattern for the start of a query word in a text: the words as typed
    (folded), their stems in a language (``tsquery_text``, as ts_headline will look
    for them), and each stem less its last letter (Snowball's ``communiti`` is not
    the start of ``community``), not inside an address."""
    forms = set(parsed.leaf_words())
    for lexeme in _LEXEME.findall(tsquery_text or ""):
        lexeme = lexeme.replace("''", "'")
        forms.update((lexeme, lexeme[:-1]) if len(lexeme) > 4 else (lexeme,))
    forms = sorted((f for f in forms if f), key=len, reverse=True)
    if not forms:
        return re.compile(r"(?!)")
    return re.compile(f"{_NOT_IN_ADDRESS}(?:" + "|".join(map(unfolded_pattern, forms)) + ")",
                      re.IGNORECASE)


def _facets(groups):
    """The total and the facet counts from ``(namespace, workspace, language, tags,
    count)`` rows."""
    counters = {name: Counter() for name in FACET_NAMES}
    total = 0
    for namespace, workspace, language, tags, count in groups:
        total += count
        counters["namespace"][namespace] += count
        counters["workspace"][workspace] += count
        counters["language"][language] += count
        for tag in tags.split():
            counters["tag"][tag] += count
    return total, {name: sorted(((v, c) for v, c in counter.items() if v),
                                key=lambda i: (-i[1], i[0]))
                   for name, counter in counters.items()}
