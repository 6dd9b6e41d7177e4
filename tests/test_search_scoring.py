"""How searches are evaluated: the Whoosh back end's bulk evaluation gives
Whoosh's own ranking, totals and facets; a cached searcher sees every write at
once; one query serves pages of every language, each stemmed in its own."""
import pytest

from app.extensions import db
from tests.fixtures.search import BACKENDS

WHOOSH = pytest.mark.config(SEARCH_BACKEND="whoosh")

WORDS = ("river", "rivers", "flood", "floods", "insurance", "premium", "drought", "crop",
         "cash", "transfer", "village", "savings", "group", "loan", "health")
QUERIES = ["flood", "floods", "river flood", '"crop insurance"', "cash OR loan",
           "savings -group", "health NOT premium", "riv*", "(flood OR drought) AND crop",
           "village tag:green", "loan lang:fr", "premium ns:Library", "tag:blue", "the",
           '"river river river"', '"insurance crop"', '"savings group" OR "cash loan"',
           "NOT flood", "-crop -river tag:green"]


def _docs(space_id, count, start=0):
    """Pages with overlapping words, several languages, namespaces and tags."""
    from app.search.documents import SearchDoc
    docs = []
    for number in range(start, start + count):
        words = [WORDS[(number * k) % len(WORDS)] for k in (1, 3, 7, 11)]
        body = " ".join(words * (1 + number % 3)) + f" crop insurance {number}"
        docs.append(SearchDoc(
            kind="page", id=number, title=" ".join(words[:2]).title(), url=f"/wiki/P{number}",
            space_id=space_id if number % 5 else space_id + 1000, body=body,
            namespace=("Main", "Library", "Knowledge")[number % 3],
            language=("en", "fr", "es", "pt")[number % 4],
            tags=[("green", "blue", "red")[number % 3]] + (["blue"] if number % 4 == 0 else [])))
    return docs


@WHOOSH
def test_bulk_evaluation_gives_whooshs_ranking_totals_and_facets(app, index_docs):
    """Several segments, deleted documents, filters and facets: the same hits in the
    same order with the same scores as Whoosh's own collectors."""
    from sqlalchemy.orm import Session
    from whoosh import query as wq, sorting

    from app import search
    from app.search import query as q, whoosh_backend, whoosh_scoring
    from app.spaces.services import commons
    space_id = commons().id
    for start in (0, 60, 120):  # one commit each: three segments
        index_docs(*_docs(space_id, 60, start))
    with Session(db.engine) as session:
        with search.backend().batch(session) as batch:
            batch.apply({f"page:{n}": None for n in (3, 64, 65, 150)})
        session.commit()
    engine = search.backend()
    searcher = engine.searcher()
    assert len(searcher.leaf_searchers()) > 1
    readable = {0, space_id}
    for text in QUERIES:
        for lang in ("en", "fr"):
            parsed = q.parse(text)
            query = engine._query(parsed, lang)
            conditions = engine._conditions(parsed, readable)
            mine = whoosh_scoring.run(searcher, engine._segment_data, query, conditions,
                                      whoosh_backend.FACET_FIELDS, limit=25)
            allowed = wq.And([wq.Or([wq.Term(field, v) for v in sorted(values)])
                              for field, values in conditions.items()])
            facets = {"namespace": sorting.FieldFacet("namespace", maptype=sorting.Count),
                      "tag": sorting.FieldFacet("tags", allow_overlap=True,
                                                maptype=sorting.Count)}
            theirs = searcher.search(query, limit=25, filter=allowed, groupedby=facets)
            expected = [(hit.docnum, hit.score) for hit in theirs][:25]
            assert mine.total == len(theirs), text
            assert [d for d, _ in mine.top] == [d for d, _ in expected], text
            assert [s for _, s in mine.top] == pytest.approx([s for _, s in expected]), text
            assert dict(mine.facets["namespace"]) == dict(theirs.groups("namespace")), text
            assert {k: v for k, v in mine.facets["tag"].items() if k} == \
                {k: v for k, v in theirs.groups("tag").items() if k}, text


@WHOOSH
def test_a_cached_searcher_sees_writes_at_once(app, make_page, find, index_docs):
    """The searcher is kept between searches; a write (here, or by another worker
    process on the same index) is visible to the very next search."""
    from app.search.documents import SearchDoc
    from app.search.whoosh_backend import WhooshBackend
    from app.spaces.services import commons
    make_page("Lagoon", body="Mangrove lagoon.")
    assert find("mangrove").total == 1
    kept = app.extensions["konbit_search"].searcher()
    make_page("Estuary", body="Mangrove estuary.")
    assert find("mangrove").total == 2
    # Another process: its own back end object on the same index folder.
    other = WhooshBackend(app)
    from sqlalchemy.orm import Session
    with Session(db.engine) as session:
        with other.batch(session) as batch:
            doc = SearchDoc(kind="page", id=424242, title="Delta", url="/wiki/Delta",
                            space_id=commons().id, body="Mangrove delta.")
            batch.apply({doc.key: doc, f"page:{1}": None})
        session.commit()
    assert sorted(h.title for h in find("mangrove").hits) == ["Delta", "Estuary"]
    assert app.extensions["konbit_search"].searcher() is not kept


@BACKENDS
def test_one_query_finds_stemmed_forms_in_every_language(backend, make_page, find,
                                                         search_titles):
    """One query for all languages: each page matches in its own language's stemming,
    whatever the reader's language, and title matches still rank first."""
    make_page("Seguros agrícolas", body="Los seguros cubren las cosechas.", language="es")
    make_page("Assurance récolte", body="Une assurance contre la sécheresse.",
              language="fr")
    make_page("Crop policies", body="Policies for farmers.", language="en")
    make_page("Seguro de vida", body="O seguro protege as famílias.", language="pt")
    make_page("Notes", body="A note on policy and many other matters of the day.")
    for reader_lang in ("en", "fr", "pt"):
        found = search_titles(find("seguro OR assurances OR policy", language=reader_lang))
        assert set(found) == {"Seguros agrícolas", "Assurance récolte", "Crop policies",
                              "Seguro de vida", "Notes"}, reader_lang
        assert found[-1] == "Notes", reader_lang  # the only body-only match comes last
    assert search_titles(find("recoltes", language="en")) == ["Assurance récolte"]
    assert search_titles(find("familia", language="en")) == ["Seguro de vida"]


@WHOOSH
def test_kept_posting_lists_follow_later_deletions(app, index_docs):
    """A word's posting list is decoded once and kept; documents deleted from its
    segment afterwards are left out of the next search all the same."""
    from sqlalchemy.orm import Session
    from whoosh import query as wq

    from app import search
    from app.search import query as q, whoosh_backend, whoosh_scoring
    from app.spaces.services import commons
    space_id = commons().id
    index_docs(*_docs(space_id, 80))
    engine = search.backend()

    def top(text):
        """Our evaluation, and the documents Whoosh's own search finds."""
        searcher = engine.searcher()
        parsed = q.parse(text)
        query = engine._query(parsed, "en")
        outcome = whoosh_scoring.run(searcher, engine._segment_data, query,
                                     engine._conditions(parsed, {0, space_id}),
                                     whoosh_backend.FACET_FIELDS, limit=100)
        allowed = wq.Or([wq.Term("space_id", str(i)) for i in (0, space_id)])
        return outcome, {hit.docnum for hit in searcher.search(query, limit=None,
                                                               filter=allowed)}

    first, theirs = top("flood")
    assert {docnum for docnum, _ in first.top} == theirs
    segment = engine.searcher().leaf_searchers()[0][0].reader().segment().segment_id()
    assert any(key[0] == segment for key in whoosh_scoring.kept_postings.entries)
    with Session(db.engine) as session:
        with engine.batch(session) as batch:
            batch.apply({f"page:{n}": None for n in range(0, 80, 2)})
        session.commit()
    assert engine.searcher().leaf_searchers()[0][0].reader().has_deletions()
    again, theirs = top("flood")
    searcher = engine.searcher()
    kept_docs = {docnum for docnum, _ in again.top}
    assert kept_docs == theirs and again.total == len(kept_docs) < first.total
    assert all(searcher.stored_fields(d)["key"] in
               {f"page:{n}" for n in range(1, 80, 2)} for d in kept_docs)


def test_the_posting_cache_drops_the_least_recently_used_first():
    from array import array

    from app.search.whoosh_scoring import PostingsCache
    kept = PostingsCache(limit=10)

    def lists(n):
        return lambda: (array("l", range(n)), array("d", [1.0] * n))
    kept.get("a", lists(4))
    kept.get("b", lists(4))
    assert kept.get("a", lists(99))[0] == array("l", range(4))  # kept: not decoded again
    kept.get("c", lists(4))  # over the limit: "b", the least recently used, goes
    assert list(kept.entries) == ["a", "c"] and kept.size == 8
    kept.get("huge", lists(11))  # larger than the whole cache: read, never kept
    assert "huge" not in kept.entries and kept.size == 8


def test_the_positions_cache_drops_entries_of_one_array():
    """The phrases' positions are kept as one array per term: dropping them to make
    room must work as for the posting lists' pairs of arrays."""
    import numpy as np

    from app.search.whoosh_scoring import PostingsCache
    kept = PostingsCache(limit=10)
    for key in ("a", "b", "c"):
        kept.get(key, lambda: (np.arange(4, dtype=np.int64),))
    assert list(kept.entries) == ["b", "c"] and kept.size == 8


@WHOOSH
def test_scores_follow_the_index_as_it_grows(app, index_docs):
    """A term's statistics are kept per segment searcher: after a write, a new
    searcher scores the same pages with the new figures (the word is commoner,
    the fields longer on average), still Whoosh's own."""
    from whoosh import query as wq

    from app import search
    from app.search import query as q, whoosh_backend, whoosh_scoring
    from app.spaces.services import commons
    space_id = commons().id
    index_docs(*_docs(space_id, 40))
    engine = search.backend()

    def scores():
        searcher = engine.searcher()
        parsed = q.parse("drought")
        query = engine._query(parsed, "en")
        mine = whoosh_scoring.run(searcher, engine._segment_data, query,
                                  engine._conditions(parsed, {0, space_id}),
                                  whoosh_backend.FACET_FIELDS, limit=200)
        allowed = wq.Or([wq.Term("space_id", str(i)) for i in (0, space_id)])
        theirs = searcher.search(query, limit=200, filter=allowed)
        assert [d for d, _ in mine.top] == [hit.docnum for hit in theirs]
        assert [s for _, s in mine.top] == pytest.approx([hit.score for hit in theirs])
        return dict(mine.top)

    before = scores()
    index_docs(*_docs(space_id, 40, start=40))  # a second segment, more droughts
    after = scores()
    assert before.keys() <= after.keys()
    assert all(after[docnum] != score for docnum, score in before.items())


@WHOOSH
def test_an_or_of_terms_summed_at_once_scores_as_the_nested_ors(app, index_docs, monkeypatch):
    """The flat evaluation of an OR of plain terms (a word in every language's fields)
    gives the very scores, bit for bit, of summing the nested ORs one by one."""
    from app import search
    from app.search import query as q, whoosh_backend, whoosh_scoring
    from app.spaces.services import commons
    space_id = commons().id
    for start in (0, 60):
        index_docs(*_docs(space_id, 60, start))
    engine = search.backend()
    searcher = engine.searcher()
    outcomes = {}
    for flat in (True, False):
        if not flat:
            monkeypatch.setattr(whoosh_scoring.Segment, "_or_of_terms", lambda self, node: None)
        outcomes[flat] = []
        for text in QUERIES:
            parsed = q.parse(text)
            outcome = whoosh_scoring.run(
                searcher, engine._segment_data, engine._query(parsed, "fr"),
                engine._conditions(parsed, {0, space_id}), whoosh_backend.FACET_FIELDS,
                limit=40)
            outcomes[flat].append((outcome.total, outcome.top, outcome.facets))
    for text, mine, theirs in zip(QUERIES, outcomes[True], outcomes[False]):
        assert mine == theirs, text
    assert sum(total for total, _, _ in outcomes[True]) > 100


@WHOOSH
def test_hits_of_every_segment_show_their_own_stored_fields(app, index_docs):
    """Hits read their title, address and language from their own segment (each
    read straight from the segment's stored fields), whichever segment holds them."""
    from app import search
    from app.spaces.services import commons
    docs = []
    for start in (0, 60, 120):  # one commit each: three segments
        batch = _docs(commons().id, 60, start)
        index_docs(*batch)
        docs += batch
    assert len(search.backend().searcher().leaf_searchers()) == 3
    by_url = {doc.url: doc for doc in docs}
    results = search.search(None, "crop", per_page=100)
    assert results.total == sum(1 for doc in docs if doc.space_id == commons().id)
    segments = set()
    for hit in results.hits:
        doc = by_url[hit.url]
        assert (hit.title, hit.language, hit.namespace) == (doc.title, doc.language,
                                                            doc.namespace)
        segments.add(doc.id // 60)
    assert segments == {0, 1, 2}
