"""Snippets of Whoosh hits (for ``whoosh_backend``): the text around the first match,
analysed as the page's language analyser analyses it, matches marked with
``MARK_START`` / ``MARK_END`` (the views turn them into ``<mark>``), the best two
fragments, chosen and cut as Whoosh's own highlighter chooses and cuts them (its
fragmenter and scorer, rewritten over plain tuples and checked against it in the tests).

Every filter of the analysers works on one word at a time (lower case, stop
word, accent folding, stem), so a word's analysis does not depend on its
neighbours: each word is analysed once per worker and language and looked up
after (``_analysed``), and the highlighter is given plain tokens, instead of
running the analyser's chain of generators, and making Whoosh's tokens, over
twenty windows of text for every search (a third of a search's time)."""
import heapq
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter

from whoosh.highlight import ContextFragmenter, Formatter, Highlighter

from app.search import query as q
from app.search.analysis import MARK_END, MARK_START, TOKEN_PATTERN, unfolded_pattern

#: How much text around the first match is analysed again for the snippet (the
#: fragments shown hold 240 characters each): analysing (stemming) the text of
#: twenty hits is most of what a search for a rare word costs.
HIGHLIGHT_CHARS = 500
#: How far before the first match the window starts.
LEAD_CHARS = 100
#: How far into a long page the first match is looked for.
MAX_SCAN = 100_000
#: Words whose analysis is remembered at most, per language and worker (all
#: forgotten beyond it).
REMEMBERED_WORDS = 50_000

#: Splits a text into gaps and words: ``[gap, word, gap, word, ..., gap]``.
_WORD_SPLIT = re.compile(f"({TOKEN_PATTERN})")
#: language -> {word as written: its analysed form ("" when the analyser drops it)}.
_analysed = {}


class _MarkFormatter(Formatter):
    """Wraps matches in ``MARK_START``/``MARK_END``; the view turns them into ``<mark>``."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return f"{MARK_START}{text[token.startchar:token.endchar]}{MARK_END}"


def highlighter():
    return Highlighter(fragmenter=ContextFragmenter(maxchars=240, surround=60),
                       formatter=_MarkFormatter())


def snippet(content, node, words, marker, analyzer, language):
    """Marked text around the first match of ``content``; "" when nothing matches.
    ``node``: the parsed query; ``words``: the query's words in the body field;
    ``marker``: a ``highlighter()``; ``analyzer``: the body field's, for ``language``."""
    window = _window(content, _positive_words(node))
    return _highlight(window, words, marker, analyzer, language) if window else ""


def highlight_words(query, reader):
    """``{field: words}`` of the query, as the index stores them, for highlighting.
    (Leaf by leaf: ``Query.existing_terms`` skips fields after the first one it sees.)"""
    found = {}
    for leaf in query.leaves():
        for field, text in leaf.expanded_terms(reader, phrases=True):
            text = text.decode("utf-8") if isinstance(text, bytes) else text
            found.setdefault(field, set()).add(text)
    return found


def _highlight(text, words, marker, analyzer, language):
    """Whoosh's highlighting of ``text`` (as ``Hit.highlights`` does it): matched
    tokens marked, the best two fragments, in the order they come in the text.

    Whoosh's ``top_fragments`` and formatter, written for the fragments of
    ``_fragments``: a fragment scores its matches times a hundred times its distinct
    words (``BasicFragmentScorer``, every boost 1.0), ties go to the later fragment
    (``Fragment.__lt__`` compares starts), and no two matches overlap (words never
    touch), so each is marked where it stands."""
    if not words:
        return ""
    scored = ((len(matches) * (len({word for _, _, word in matches}) * 100 or 1), start,
               end, matches)
              for start, end, matches in _fragments(text, words, analyzer, language,
                                                    marker.fragmenter))
    best = sorted((fragment for fragment in heapq.nlargest(2, scored) if fragment[0] >= 1),
                  key=itemgetter(1))
    formatted = []
    for _, start, end, matches in best:
        pieces, index = [], start
        for match_start, match_end, _ in matches:
            pieces += [text[index:match_start], MARK_START, text[match_start:match_end],
                       MARK_END]
            index = match_end
        pieces.append(text[index:end])
        formatted.append("".join(pieces))
    return marker.formatter.between.join(formatted)


def _fragments(text, words, analyzer, language, fragmenter):
    """Whoosh's ``Highlighter._merge_matched_tokens`` then ``ContextFragmenter.
    fragment_tokens``: the same fragments, step for step, made faster. Each is
    ``(startchar, endchar, [(startchar, endchar, analysed word) of each match])``.

    Words are maximal runs of ``\\w``, so no two touch: Whoosh's merging of
    adjacent matched tokens never merges any, and is left out. The words and
    their offsets come from one ``re.split`` (no object per word), and the
    fragmenter's steps are taken only from each match to the end of its fragment:
    between fragments, the words only move where the next fragment may start (at
    most ``surround`` characters before its first match), which is found by bisection."""
    parts = _WORD_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    written, starts, ends = parts[1::2], offsets[1::2], offsets[2::2]
    analysed = _analysed_forms(written, analyzer, language)
    flags = list(map(words.__contains__, analysed))
    matched_at = list(compress(range(len(written)), flags))
    maxchars, surround, charlimit = (fragmenter.maxchars, fragmenter.surround,
                                     fragmenter.charlimit)
    # Whoosh stops at the first word that ends beyond ``charlimit``.
    limit = bisect_right(ends, charlimit) if charlimit else len(written)
    first, first_before, countdown, kept, currentlen = None, None, -1, [], 0
    index, endchar = 0, None
    while index < limit:
        if countdown < 0:  # between fragments: on to the next match
            following = bisect_left(matched_at, index)
            if following == len(matched_at) or matched_at[following] >= limit:
                return  # nothing is kept between fragments
            match = matched_at[following]
            earliest = (bisect_left(starts, ends[match - 1] - surround, index, match)
                        if match > index else match)
            first_before = starts[earliest] if earliest < match else None
            index = match
        startchar, endchar = starts[index], ends[index]
        length = endchar - startchar
        if currentlen + length > maxchars:
            countdown = 0
        elif flags[index]:
            countdown = surround
            if first is None:
                if first_before is not None:
                    first = first_before
                else:
                    first = startchar
                    countdown += surround
            kept.append((startchar, endchar, analysed[index]))
        currentlen += length
        countdown -= length
        if countdown <= 0:
            # A word longer than a fragment ends one with no match (``mkfrag``: at 0).
            yield (0 if first is None else first), endchar, kept
            kept, first, first_before, currentlen = [], None, None, 0
        index += 1
    if kept:
        yield first, ends[limit] if limit < len(written) else endchar, kept


def _analysed_forms(written, analyzer, language):
    """The analysed form of each word of ``written`` (stop words kept), each
    distinct word analysed once per worker and language."""
    known = _known_words(language)
    analysed = list(map(known.get, written))
    if None in analysed:
        for index, form in enumerate(analysed):
            if form is None:
                word = written[index]
                form = known.get(word)
                if form is None:
                    form = known[word] = "".join(
                        token.text for token in analyzer(word, mode="index",
                                                         removestops=False))
                analysed[index] = form
    return analysed


def _known_words(language):
    """``{word as written: its analysed form}`` for ``language`` (stop words kept),
    emptied when it reaches ``REMEMBERED_WORDS``."""
    known = _analysed.setdefault(language, {})
    if len(known) >= REMEMBERED_WORDS:
        known.clear()
    return known


def _positive_words(node):
    """The words a snippet should show, folded (phrases and prefixes included)."""
    if isinstance(node, (q.Term, q.Prefix)):
        return [node.word]
    if isinstance(node, q.Phrase):
        return list(node.words)
    if isinstance(node, (q.And, q.Or)):
        return [w for child in node.children for w in _positive_words(child)]
    return []


def _window(content, words):
    """About ``HIGHLIGHT_CHARS`` of ``content`` starting a little before the first place
    where a query word (its first letters: stems differ) appears, accented or not,
    in the page's first ``MAX_SCAN`` characters."""
    prefixes = tuple(sorted({w[:5] for w in words if w}))
    found = _prefix_pattern(prefixes).search(content, 0, MAX_SCAN) if prefixes else None
    start = max(0, found.start() - LEAD_CHARS) if found else 0
    return content[start:start + HIGHLIGHT_CHARS]


@lru_cache(maxsize=1_000)
def _prefix_pattern(prefixes):
    return re.compile("|".join(map(unfolded_pattern, prefixes)), re.IGNORECASE)
