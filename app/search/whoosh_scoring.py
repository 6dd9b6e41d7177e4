"""Matching, counting, faceting and ranking a Whoosh query in bulk (used only by
``whoosh_backend``, which stays the one module the rest of the code knows).

Whoosh's collectors walk a tree of matchers one document at a time, in Python:
several microseconds per matching document to score it, more to filter and to
count its facets. A word found in 16,000 of 50,000 pages took about 300 ms.
Here the query tree is evaluated over whole posting lists instead: each term's
document numbers and weights are read a block at a time, scored with Whoosh's
own BM25F parameters and statistics (the same formula on the same numbers, so
the ranking is Whoosh's), and combined the way Whoosh's matchers combine them:
OR and AND add their children's scores (AND over the intersection), a boost
multiplies, AND-MAYBE adds the optional part where it matches, NOT scores its
constant 1.0. Phrases and prefixes, rarer and smaller, go through Whoosh's own
matchers. Each segment's per-document values (space, namespace, workspace,
language, tags, author) and field lengths are read once and kept while the
segment exists, so the permission filter, the total and the facet counts are a
few passes over plain lists, and the index is never asked twice for them."""
import heapq
import operator
import threading
from array import array
from collections import Counter, OrderedDict
from itertools import chain

from whoosh import query as wq
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25FScorer

#: Fields whose per-document values are kept (all single terms; ``tags`` holds several).
VALUE_FIELDS = ("space_id", "namespace", "workspace", "language", "tags", "author")


class SegmentData:
    """What is read once per segment: per-document values and field lengths."""

    def __init__(self, reader):
        self.doc_count = reader.doc_count_all()
        self._values = {}
        self._lengths = {}

    def values(self, reader, field):
        """``[value of field for docnum]``; a tuple of values for ``tags``."""
        found = self._values.get(field)
        if found is None:
            multi = field == "tags"
            found = [() if multi else ""] * self.doc_count
            for btext in reader.lexicon(field):
                value = btext.decode("utf-8")
                ids, _ = _decode(reader, field, btext)  # deleted ones are never scored
                for docnum in ids:
                    found[docnum] = found[docnum] + (value,) if multi else value
            self._values[field] = found
        return found

    def lengths(self, reader, field):
        found = self._lengths.get(field)
        if found is None:
            found = [reader.doc_field_length(d, field, 1) for d in range(self.doc_count)]
            self._lengths[field] = found
        return found


def postings(reader, field, btext):
    """``(docnums, weights)`` of a term in one segment, deleted documents left out.

    Read through ``kept_postings`` when the segment can be named: a frequent
    word is decoded once per process, not at every search."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    if segment is not None:
        ids, found = kept_postings.get((segment.segment_id(), field, btext),
                                       lambda: _decode(reader, field, btext))
    else:
        ids, found = _decode(reader, field, btext)
    if reader.has_deletions() and ids:
        deleted = reader.deleted_docs_set
        kept = [i for i, docnum in enumerate(ids) if docnum not in deleted]
        ids = [ids[i] for i in kept]
        found = [found[i] for i in kept]
    return ids, found


def _decode(reader, field, btext):
    """Every posting of a term in one segment, deleted or not, as two arrays.

    Whoosh's leaf matcher keeps a block's numbers and weights in arrays; they are
    copied a block at a time (any other matcher is walked one posting at a time)."""
    ids, found = array("l"), array("d")
    try:
        matcher = reader.postings(field, btext)
    except TermNotFound:  # not in this segment
        return ids, found
    inner = getattr(matcher, "child", matcher) if reader.has_deletions() else matcher
    if all(hasattr(inner, name) for name in ("_read_ids", "_read_weights", "_next_block",
                                             "_atend", "_i")):
        while not inner._atend and inner._i < inner._blocklength:
            if inner._ids is None:
                inner._read_ids()
            ids.extend(iter(inner._ids[inner._i:]))  # any integer array or list
            if inner._weights is None:
                inner._read_weights()
            found.extend(iter(inner._weights[inner._i:]))
            inner._next_block()
        return ids, found
    while matcher.is_active():
        ids.append(matcher.id())
        found.append(matcher.weight())
        matcher.next()
    return ids, found


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
                    _, (ids, _weights) = self.entries.popitem(last=False)
                    self.size -= len(ids)
        return found


#: About 12 MB at most per process: the posting lists of the words people search often.
kept_postings = PostingsCache(1_000_000)


class Segment:
    """One segment of the searcher, with its reader and cached data."""

    def __init__(self, searcher, offset, data):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.data = data
        self.top = searcher.get_parent()

    # --- scores: {local docnum: score} --------------------------------------
    def scores(self, node):
        if isinstance(node, wq.Term):
            return self._term(node)
        if isinstance(node, wq.And):
            return self._and(node)
        if isinstance(node, wq.Or) and type(node).__name__ in ("Or", "DefaultOr"):
            return self._or(node)
        if isinstance(node, wq.AndMaybe):
            required = self.scores(node.a)
            optional = self.scores(node.b)
            return {d: s + optional[d] if d in optional else s for d, s in required.items()}
        if isinstance(node, wq.Not):
            return dict.fromkeys(self.live() - self.scores(node.query).keys(), 1.0)
        if isinstance(node, wq.Every) and node.fieldname in (None, "", "*"):
            return dict.fromkeys(self.live(), node.boost)
        if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
            return {}
        if isinstance(node, wq.Prefix):
            # Whoosh ORs the expanded terms (one term alone is just that term).
            terms = [wq.Term(node.fieldname, t) for t in node._btexts(self.reader) if t]
            if len(terms) == 1:
                return self.scores(terms[0])
            return self._or(wq.Or(terms, boost=node.boost))
        return self._walk(node)

    def live(self):
        return set(self.reader.all_doc_ids())

    def _term(self, node):
        field = node.fieldname
        schema = self.reader.schema
        if field not in schema:
            return {}
        try:
            btext = schema[field].to_bytes(node.text)
        except ValueError:
            return {}
        if (field, btext) not in self.reader:
            return {}
        scorer = self.top.weighting.scorer(self.searcher, field, btext)
        if type(scorer) is not BM25FScorer or node.boost != 1.0:
            return self._walk(node)
        ids, weights = postings(self.reader, field, btext)
        lengths = self.data.lengths(self.reader, field)
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        # Whoosh's scoring.bm25, written out the same way (same floating-point result).
        return {d: idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths[d] / avgfl)))
                for d, tf in zip(ids, weights)}

    def _or(self, node):
        subs = node.subqueries
        if not subs:
            return {}
        if len(subs) == 1:  # Whoosh drops the boost of a one-child OR
            return self.scores(subs[0])
        total = dict(self.scores(subs[0]))
        for sub in subs[1:]:
            scores = self.scores(sub)
            # Only documents both sides hold are added in Python (in the children's
            # order, so the sums are Whoosh's to the last bit); the rest is copied.
            both = total.keys() & scores.keys()
            for docnum in both:
                total[docnum] += scores[docnum]
            fresh = scores.keys() - both
            total.update(zip(fresh, map(scores.__getitem__, fresh)))
        return _boosted(total, node.boost)

    def _and(self, node):
        subs = node.subqueries
        if not subs:
            return {}
        if len(subs) == 1:
            return self.scores(subs[0])
        positive = [self.scores(s) for s in subs if not isinstance(s, wq.Not)]
        negative = [s for s in subs if isinstance(s, wq.Not)]
        if not positive:
            return self._walk(node)
        positive.sort(key=len)
        keys = set(positive[0])
        for part in positive[1:]:
            keys &= part.keys()
        for sub in negative:
            keys -= self.scores(sub.query).keys()
        bonus = float(len(negative))  # an inverse matcher scores 1.0 where it matches
        total = {}
        for docnum in keys:
            score = 0
            for part in positive:
                score += part[docnum]
            total[docnum] = score + bonus if bonus else score
        return _boosted(total, node.boost)

    def _walk(self, node):
        """Anything else (phrases, prefixes...): Whoosh's own matcher, one posting at a time."""
        matcher = node.matcher(self.searcher, self.searcher.context())
        found = {}
        while matcher.is_active():
            found[matcher.id()] = matcher.score()
            matcher.next()
        return found


def _boosted(scores, boost):
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}


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
        scores = segment.scores(node)
        if not scores:
            continue
        docs = scores.keys()
        for field, allowed in conditions.items():
            values = segment.data.values(segment.reader, field)
            if field == "tags":
                docs = [d for d in docs if not allowed.isdisjoint(values[d])]
            else:
                docs = [d for d in docs if values[d] in allowed]
        outcome.total += len(docs)
        for name, field in facets.items():
            values = segment.data.values(segment.reader, field)
            if field == "tags":
                counters[name].update(chain.from_iterable(map(values.__getitem__, docs)))
            else:
                counters[name].update(map(values.__getitem__, docs))
        if limit:
            # (score, -docnum) pairs made and compared in C: best score first, then
            # the lower document number, as Whoosh's collector ranks ties.
            best = heapq.nlargest(limit, zip(map(scores.__getitem__, docs),
                                             map(operator.neg, docs)))
            ranked.extend((score, negative - offset) for score, negative in best)
    outcome.facets = counters
    outcome.top = [(-negative, score) for score, negative in heapq.nlargest(limit, ranked)]
    return outcome
