"""Matching, counting, faceting and ranking a Whoosh query in bulk (used only by
``whoosh_backend``, which stays the one module the rest of the code knows).

Whoosh's collectors walk a tree of matchers one document at a time, in Python:
several microseconds per matching document to score it, more to filter and to
count its facets. A word found in 16,000 of 50,000 pages took about 300 ms.
Here the query tree is evaluated over whole posting lists instead, as numpy
arrays indexed by document number: each term's document numbers and weights
are read a block at a time, scored with Whoosh's own BM25F parameters and
statistics (the same formula on the same numbers, so the ranking is Whoosh's),
and combined the way Whoosh's matchers combine them: OR and AND add their
children's scores (AND over the intersection), a boost multiplies, AND-MAYBE
adds the optional part where it matches, NOT scores its constant 1.0, a
prefix ORs the words it expands to. A phrase intersects its words' lists and
reads the positions of the documents holding them all (Whoosh's ``Phrase``
walks each such document through a tree of span matchers: "list files", whose
phrase is looked for too, took 160 ms over 50,000 pages, 33 ms so). Each
segment's per-document values (space, namespace, workspace, language, tags,
author) and field lengths are read once and kept while the segment exists, so
the permission filter, the total and the facet counts are a few operations on
whole arrays, and the index is never asked twice for them. Which terms a
segment holds, and each term's statistics, are kept too: most of a query's
terms (every word in four languages' fields) are in few of the segments.
(A word in 16,000 of 50,000 pages, five segments: 37 ms with Python loops
over dictionaries, 3 ms on arrays.)"""
import heapq
import threading
import weakref
from array import array
from collections import Counter, OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25FScorer


class SegmentData:
    """What is read once per segment: per-document values and field lengths, as arrays."""

    def __init__(self, reader):
        self.doc_count = reader.doc_count_all()
        self._values = {}
        self._lengths = {}
        #: ``{(field, btext): bool}``: a segment's terms never change.
        self._holds = {}
        self.nothing = Matches(np.zeros(self.doc_count, dtype=bool),
                               np.zeros(self.doc_count, dtype=np.float64), empty=True)

    def holds(self, reader, field, btext):
        """Whether the segment has the term (most of a query's terms are in few segments)."""
        found = self._holds.get((field, btext))
        if found is None:
            found = self._holds[(field, btext)] = (field, btext) in reader
        return found

    def values(self, reader, field):
        """``(documents, codes, vocabulary)``: document ``documents[i]`` has the value
        ``vocabulary[codes[i]]``. Each document appears once for a one-value field (code
        0, the empty value, where it has none), once per tag for ``tags``."""
        found = self._values.get(field)
        if found is None:
            vocabulary, documents, codes = [""], [], []
            for btext in reader.lexicon(field):
                ids, _ = _decode(reader, field, btext)  # deleted ones are never scored
                documents.append(np.asarray(ids, dtype=np.int64))
                codes.append(np.full(len(ids), len(vocabulary), dtype=np.int32))
                vocabulary.append(btext.decode("utf-8"))
            documents = np.concatenate(documents) if documents else np.zeros(0, np.int64)
            codes = np.concatenate(codes) if codes else np.zeros(0, np.int32)
            if field != "tags":
                dense = np.zeros(self.doc_count, dtype=np.int32)
                dense[documents] = codes
                documents, codes = np.arange(self.doc_count), dense
            found = self._values[field] = (documents, codes, vocabulary)
        return found

    def lengths(self, reader, field):
        found = self._lengths.get(field)
        if found is None:
            found = np.array([reader.doc_field_length(d, field, 1)
                              for d in range(self.doc_count)], dtype=np.float64)
            self._lengths[field] = found
        return found


class Matches:
    """The documents of one segment a query matches, and their scores: two arrays
    indexed by document number (a score is 0.0 where the document does not match)."""

    __slots__ = ("found", "scores", "empty")

    def __init__(self, found, scores, empty=False):
        self.found = found
        self.scores = scores
        #: Known to match nothing (a term the segment does not have), so never summed.
        self.empty = empty
        found.flags.writeable = scores.flags.writeable = False  # shared: never changed

    @classmethod
    def of(cls, size, documents, scores):
        found, values = np.zeros(size, dtype=bool), np.zeros(size, dtype=np.float64)
        found[documents] = True
        values[documents] = scores
        return cls(found, values)

    def count(self):
        return int(np.count_nonzero(self.found))

    def boosted(self, boost):
        return self if boost == 1.0 or self.empty else Matches(self.found, self.scores * boost)


def postings(reader, field, btext):
    """``(docnums, weights)`` of a term in one segment, as numpy arrays, deleted
    documents included (``run`` leaves them out at the end).

    Read through ``kept_postings`` when the segment can be named: a frequent
    word is decoded once per process, not at every search."""
    return _kept(kept_postings, reader, field, btext,
                 lambda: _as_arrays(_decode(reader, field, btext)))


def _kept(cache, reader, field, btext, decode):
    """``decode()`` of a term of a segment, through ``cache`` when the segment can be
    named (its postings never change while it lives)."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    if segment is None:
        return decode()
    return cache.get((segment.segment_id(), field, btext), decode)


def _as_arrays(decoded):
    ids, weights = decoded
    return np.asarray(ids, dtype=np.int32), np.asarray(weights, dtype=np.float64)


def _decode(reader, field, btext, with_values=False):
    """Every posting of a term in one segment, deleted or not, as two arrays (and
    with ``with_values`` a list of each posting's encoded value: its positions).

    Whoosh's leaf matcher keeps a block's numbers and weights in arrays; they are
    copied a block at a time (any other matcher is walked one posting at a time)."""
    ids, found, values = array("l"), array("d"), []
    try:
        matcher = reader.postings(field, btext)
    except TermNotFound:  # not in this segment
        return (ids, found, values) if with_values else (ids, found)
    inner = getattr(matcher, "child", matcher) if reader.has_deletions() else matcher
    if all(hasattr(inner, name) for name in ("_read_ids", "_read_weights", "_read_values",
                                             "_next_block", "_atend", "_i")):
        while not inner._atend and inner._i < inner._blocklength:
            if inner._ids is None:
                inner._read_ids()
            ids.extend(iter(inner._ids[inner._i:]))  # any integer array or list
            if inner._weights is None:
                inner._read_weights()
            found.extend(iter(inner._weights[inner._i:]))
            if with_values:
                if inner._values is None:
                    inner._read_values()
                values.extend(inner._values[inner._i:])
            inner._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            found.append(matcher.weight())
            if with_values:
                values.append(matcher.value())
            matcher.next()
    return (ids, found, values) if with_values else (ids, found)


def position_keys(reader, field, btext):
    """Every position of a term in one segment as ``docnum << 32 | position``, in one
    sorted int64 array (deleted documents included), decoded once per process and
    kept like the posting lists: a phrase is then found with a few array operations
    (Whoosh pickles each posting's positions: decoding those of every document
    holding two frequent words took most of a two-word search)."""
    def decode():
        ids, _, values = _decode(reader, field, btext, with_values=True)
        decode_positions = reader.schema[field].format.decoder("positions")
        counts, positions = array("l"), array("l")
        for value in values:
            found = decode_positions(value)
            counts.append(len(found))
            positions.extend(found)
        documents = np.repeat(np.asarray(ids, dtype=np.int64), np.asarray(counts, np.int64))
        return ((documents << 32) | np.asarray(positions, dtype=np.int64),)
    return _kept(kept_positions, reader, field, btext, decode)[0]


class PostingsCache:
    """Decoded posting lists of one process, the least recently used dropped
    first once ``limit`` postings are kept (12 bytes each). Segments never
    change their postings (deletions are applied after), so an entry is right
    for as long as its segment lives; one that died is simply never asked for."""

    def __init__(self, limit):
        self.limit = limit
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, decode):
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
                return found
        found = decode()
        with self.lock:
            if key not in self.entries and len(found[0]) <= self.limit:
                self.entries[key] = found
                self.size += len(found[0])
                while self.size > self.limit:
                    _, dropped = self.entries.popitem(last=False)
                    self.size -= len(dropped[0])
        return found


#: Term statistics by segment searcher, while it lives (a new searcher: new figures).
_statistics = weakref.WeakKeyDictionary()

#: About 12 MB at most per process: the posting lists of the words people search often.
kept_postings = PostingsCache(1_000_000)
#: The positions of the words of phrases (8 bytes each: 12 MB at most per process).
kept_positions = PostingsCache(1_500_000)


class Segment:
    """One segment of the searcher, with its reader and cached data."""

    def __init__(self, searcher, offset, data):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.data = data
        self.top = searcher.get_parent()
        self.size = data.doc_count
        self.live = np.ones(self.size, dtype=bool)
        if self.reader.has_deletions():
            self.live[list(self.reader.deleted_docs_set)] = False

    # --- matches of a query: a Matches over this segment ---------------------
    def scores(self, node):
        if isinstance(node, wq.Term):
            return self._term(node)
        if isinstance(node, wq.And):
            return self._and(node)
        if _is_plain_or(node):
            return self._or(node)
        if isinstance(node, wq.AndMaybe):
            required = self.scores(node.a)
            optional = self.scores(node.b)
            # The optional part's score is 0.0 wherever it does not match.
            return Matches(required.found, np.where(required.found,
                                                    required.scores + optional.scores, 0.0))
        if isinstance(node, wq.Not):
            # Whoosh's inverse matcher scores 1.0 wherever its child does not match.
            found = self.live & ~self.scores(node.query).found
            return Matches(found, found.astype(np.float64))
        if isinstance(node, wq.Every) and node.fieldname in (None, "", "*"):
            return Matches(self.live.copy(), np.where(self.live, node.boost, 0.0))
        if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
            return self.data.nothing
        if type(node) is wq.Phrase and node.slop == 1:
            return self._phrase(node)
        if isinstance(node, wq.Prefix):
            # Whoosh ORs the expanded terms (one term alone is just that term).
            terms = [wq.Term(node.fieldname, t) for t in node._btexts(self.reader) if t]
            if len(terms) == 1:
                return self.scores(terms[0])
            return self._or(wq.Or(terms, boost=node.boost))
        return self._walk(node)

    def _term(self, node):
        found = self._term_postings(node)
        if found is None:
            return self._walk(node)
        if not found:
            return self.data.nothing
        ids, scores = found
        return Matches.of(self.size, ids, scores)

    def _term_postings(self, node):
        """``(docnums, scores)`` of a term in this segment; ``()`` when the segment
        does not have it, None when Whoosh's own matcher must score it (a boost, a
        scorer other than BM25F)."""
        field = node.fieldname
        schema = self.reader.schema
        if field not in schema:
            return ()
        try:
            btext = schema[field].to_bytes(node.text)
        except ValueError:
            return ()
        if not self.data.holds(self.reader, field, btext):
            return ()
        statistics = self._statistics(field, btext)
        if statistics is None or node.boost != 1.0:
            return None
        ids, tf = postings(self.reader, field, btext)
        return ids, _bm25(statistics, tf, self.data.lengths(self.reader, field)[ids])

    def _statistics(self, field, btext):
        """``(idf, avgfl, B, K1)`` of Whoosh's BM25F scorer for a term, or None for
        any other scorer; worked out once per segment's searcher (Whoosh's idf counts
        every segment, its average field length divides by this segment's size)."""
        kept = _statistics.setdefault(self.searcher, {})
        key = (field, btext)
        if key not in kept:
            scorer = self.top.weighting.scorer(self.searcher, field, btext)
            kept[key] = ((scorer.idf, scorer.avgfl, scorer.B, scorer.K1)
                         if type(scorer) is BM25FScorer else None)
        return kept[key]

    def _or(self, node):
        subs = node.subqueries
        if not subs:
            return self.data.nothing
        if len(subs) == 1:  # Whoosh drops the boost of a one-child OR
            return self.scores(subs[0])
        summed = self._or_of_terms(node)
        if summed is not None:
            return summed
        # Added in the children's order, as Whoosh's matchers add them (x + 0.0 is x:
        # where a child does not match, its 0.0 changes nothing).
        children = [m for m in map(self.scores, subs) if not m.empty]
        if not children:
            return self.data.nothing
        if len(children) == 1:
            return children[0].boosted(node.boost)
        found = np.logical_or.reduce([m.found for m in children])
        scores = children[0].scores + children[1].scores
        for matches in children[2:]:
            scores += matches.scores
        return Matches(found, scores).boosted(node.boost)

    def _or_of_terms(self, node):
        """An OR tree whose leaves are all plain terms (a word in every language's
        fields), summed with ``bincount`` over the terms' postings instead of two
        arrays the size of the segment per term; None for any other OR.

        The same sums as ``_or``'s, bit for bit: each OR adds its children's sums in
        their order, starting from 0.0 (0.0 + x is x, and x + 0.0 where a child does
        not match is x), a nested OR's sum made first, as Whoosh's matchers nest."""
        parts = self._or_parts(node)
        if parts is None:
            return None
        if not parts:
            return self.data.nothing
        ids = np.concatenate([ids for ids, _ in parts])
        scores = np.bincount(ids, np.concatenate([scores for _, scores in parts]),
                             minlength=self.size)
        found = np.zeros(self.size, dtype=bool)
        found[ids] = True
        return Matches(found, scores).boosted(node.boost)

    def _or_parts(self, node):
        """``[(docnums, scores)]`` of the children of an OR of plain terms and such ORs
        that match in this segment (a nested OR's own sums); None for any other OR."""
        parts = []
        for sub in node.subqueries:
            if isinstance(sub, wq.Term):
                found = self._term_postings(sub)
            elif _is_plain_or(sub) and len(sub.subqueries) > 1:
                nested = self._or_parts(sub)
                found = _summed(nested, sub.boost) if nested is not None else None
            else:
                return None
            if found is None:
                return None
            if found:
                parts.append(found)
        return parts

    def _and(self, node):
        subs = node.subqueries
        if not subs:
            return self.data.nothing
        if len(subs) == 1:
            return self.scores(subs[0])
        positive = [self.scores(s) for s in subs if not isinstance(s, wq.Not)]
        negative = [s for s in subs if isinstance(s, wq.Not)]
        if not positive:
            return self._walk(node)
        if any(m.empty for m in positive):
            return self.data.nothing
        positive.sort(key=Matches.count)  # the order the scores are added in
        found = positive[0].found.copy()
        for part in positive[1:]:
            found &= part.found
        for sub in negative:
            found &= ~self.scores(sub.query).found
        scores = np.zeros(self.size, dtype=np.float64)
        for part in positive:
            scores += part.scores
        bonus = float(len(negative))  # an inverse matcher scores 1.0 where it matches
        if bonus:
            scores += bonus
        return Matches(found, np.where(found, scores, 0.0)).boosted(node.boost)

    def _phrase(self, node):
        """Whoosh's ``Phrase``: the documents holding every word, each at the position
        after the one before (its ``SpanNear2`` with slop 1), scored as its matcher
        scores them: the words' own scores, added as a binary tree of intersections."""
        field = node.fieldname
        schema = self.reader.schema
        if field not in schema or not schema[field].format.supports("positions"):
            return self._walk(node)  # Whoosh's error, or its null matcher
        try:
            btexts = [schema[field].to_bytes(word) for word in node.words]
        except ValueError:
            return self.data.nothing
        if not btexts or not all(self.data.holds(self.reader, field, b) for b in btexts):
            return self.data.nothing
        statistics = [self._statistics(field, b) for b in btexts]
        if None in statistics:
            return self._walk(node)
        # The positions where each word follows the one before, word after word: a
        # position is a match of the next word if the position before it ended one.
        ends = position_keys(self.reader, field, btexts[0])
        for btext in btexts[1:]:
            if not len(ends):
                break
            following = position_keys(self.reader, field, btext)
            before = np.searchsorted(ends, following - 1).clip(max=len(ends) - 1)
            ends = following[ends[before] == following - 1]
        docs = np.unique(ends >> 32)
        if not len(docs):
            return self.data.nothing
        lengths = self.data.lengths(self.reader, field)[docs]
        scores = []
        for term, btext in zip(statistics, btexts):
            ids, weights = postings(self.reader, field, btext)
            scores.append(_bm25(term, weights[np.searchsorted(ids, docs)], lengths))
        return Matches.of(self.size, docs, _tree_sum(scores)).boosted(node.boost)

    def _walk(self, node):
        """Anything else (phrases, prefixes...): Whoosh's own matcher, one posting at a time."""
        matcher = node.matcher(self.searcher, self.searcher.context())
        ids, scores = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
        return Matches.of(self.size, np.array(ids, dtype=np.int64), scores)


def _is_plain_or(node):
    return isinstance(node, wq.Or) and type(node).__name__ in ("Or", "DefaultOr")


def _summed(parts, boost):
    """``(docnums, scores)`` of an OR's matching children ``parts``: each document once,
    its children's scores added in their order (``bincount`` adds in array order)."""
    if not parts:
        return ()
    if len(parts) == 1:
        ids, scores = parts[0]
    else:
        ids, where = np.unique(np.concatenate([ids for ids, _ in parts]), return_inverse=True)
        scores = np.bincount(where, np.concatenate([scores for _, scores in parts]))
    return ids, (scores * boost if boost != 1.0 else scores)


def _bm25(statistics, tf, lengths):
    """Whoosh's ``scoring.bm25`` over arrays, written out the same way: the same
    operations in the same order on the same doubles, so the same result."""
    idf, avgfl, b, k1 = statistics
    return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths / avgfl)))


def _tree_sum(parts):
    """Scores added as Whoosh's ``make_binary_tree`` of intersection matchers adds them."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])


class Outcome:
    """Total, facet counts and the ranked global docnums of the top hits."""

    def __init__(self):
        self.total = 0
        self.facets = {}
        self.top = []


def run(searcher, segment_data, node, conditions, facets, limit):
    """Evaluate ``node`` on every segment of ``searcher``.

    ``conditions``: ``{field: set of allowed values}`` (every one must hold; for
    ``tags`` one of the document's tags must be allowed). ``facets``: ``{name: field}``
    to count. ``limit``: how many of the best hits to rank (0: only count)."""
    outcome = Outcome()
    counters = {name: Counter() for name in facets}
    ranked = []
    for subsearcher, offset in searcher.leaf_searchers():
        segment = Segment(subsearcher, offset, segment_data(subsearcher.reader()))
        matches = segment.scores(node)
        docs = np.flatnonzero(matches.found & segment.live)
        for field, allowed in conditions.items():
            if not len(docs):
                break
            documents, codes, vocabulary = segment.data.values(segment.reader, field)
            permitted = np.array([value in allowed for value in vocabulary], dtype=bool)
            if field == "tags":
                holds = np.zeros(segment.size, dtype=bool)
                holds[documents[permitted[codes]]] = True
                docs = docs[holds[docs]]
            else:
                docs = docs[permitted[codes[docs]]]
        if not len(docs):
            continue
        outcome.total += len(docs)
        _count_facets(segment, docs, facets, counters)
        if limit:
            ranked.extend(_best(docs, matches.scores[docs], limit, offset))
    outcome.facets = counters
    outcome.top = [(-negative, score) for score, negative in heapq.nlargest(limit, ranked)]
    return outcome


def _count_facets(segment, docs, facets, counters):
    """Add the values of the documents ``docs`` (matched and permitted) to the facets'
    counters. A one-value field's codes are read for those documents only (its arrays
    span the whole segment); tags are counted over the (document, tag) pairs."""
    kept = None
    for name, field in facets.items():
        documents, codes, vocabulary = segment.data.values(segment.reader, field)
        if field == "tags":
            if kept is None:
                kept = np.zeros(segment.size, dtype=bool)
                kept[docs] = True
            found = codes[kept[documents]]
        else:
            found = codes[docs]
        counts = np.bincount(found, minlength=len(vocabulary))
        for code in np.flatnonzero(counts).tolist():
            counters[name][vocabulary[code]] += int(counts[code])


def _best(docs, scores, limit, offset):
    """``(score, -global docnum)`` of the ``limit`` best documents: the best score
    first, then the lower document number, as Whoosh's collector ranks ties."""
    if len(docs) > limit:
        # Everything scoring at least the limit-th best score (ties included).
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= threshold
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return zip(scores[order].tolist(), (-(docs[order] + offset)).tolist())
