"""Snippets of Whoosh hits (for ``whoosh_backend``): the text around the first match,
analysed as the page's language analyser analyses it, matches marked with
``MARK_START`` / ``MARK_END`` (the views turn them into ``<mark>``), the best two
fragments, chosen and cut by Whoosh's own highlighter.

Every filter of the analysers works on one word at a time (lower case, stop
word, accent folding, stem), so a word's analysis does not depend on its
neighbours: each word is analysed once per worker and language and looked up
after (``_analysed``), and the highlighter is given plain tokens, instead of
running the analyser's chain of generators, and making Whoosh's tokens, over
twenty windows of text for every search (a third of a search's time)."""
import re
from collections import deque

from whoosh.highlight import ContextFragmenter, Formatter, Highlighter, mkfrag, top_fragments

from app.search import query as q
from app.search.analysis import MARK_END, MARK_START, TOKEN_PATTERN, fold

#: How much text around the first match is analysed again for the snippet (the
#: fragments shown hold 240 characters each): analysing (stemming) the text of
#: twenty hits is most of what a search for a rare word costs.
HIGHLIGHT_CHARS = 500
#: How far before the first match the window starts.
LEAD_CHARS = 100
#: How far into a long page the first match is looked for.
MAX_SCAN = 100_000
#: The first match is looked for in the first ``SCAN_STEPS[0]`` characters, then in more
#: (folding the text to look in is most of what finding the window costs).
SCAN_STEPS = (1_000, 4_000, 25_000, MAX_SCAN)
#: Words whose analysis is remembered at most, per language and worker (all
#: forgotten beyond it).
REMEMBERED_WORDS = 50_000

_WORD = re.compile(TOKEN_PATTERN)
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
    tokens marked, adjacent ones merged, the best two fragments."""
    if not words:
        return ""
    fragments = _fragments(text, _tokens(text, words, analyzer, language), marker.fragmenter)
    fragments = top_fragments(fragments, 2, marker.scorer, marker.order, minscore=1)
    return marker.formatter.format(fragments)


def _fragments(text, tokens, fragmenter):
    """Whoosh's ``Highlighter._merge_matched_tokens`` then ``ContextFragmenter.
    fragment_tokens``, in one loop over ``(analysed, startchar, endchar, matched)``
    tuples: only matched tokens become objects (the fragments hold them). The same
    fragments as Whoosh's, step for step, in about a fifth less time."""
    maxchars, surround, charlimit = (fragmenter.maxchars, fragmenter.surround,
                                     fragmenter.charlimit)
    first, firsts, countdown, kept, endchar, currentlen = None, deque(), -1, [], None, 0
    for token in _merged(tokens):
        plain = token.__class__ is tuple
        if plain:
            _, startchar, endchar, matched = token
        else:
            startchar, endchar, matched = token.startchar, token.endchar, True
        length = endchar - startchar
        if charlimit and endchar > charlimit:
            break
        if countdown < 0 and not matched:
            firsts.append(startchar)
            while firsts and endchar - firsts[0] > surround:
                firsts.popleft()
        elif currentlen + length > maxchars:
            countdown = 0
        elif matched:
            countdown = surround
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = startchar
                    countdown += surround
            kept.append(_Token(*token) if plain else token.copy())
        if countdown >= 0:
            currentlen += length
            countdown -= length
            if countdown <= 0:
                yield mkfrag(text, kept, startchar=first, endchar=endchar)
                kept, firsts, first, currentlen = [], deque(), None, 0
    if kept:
        yield mkfrag(text, kept, startchar=first, endchar=endchar)


def _merged(tokens):
    """Whoosh's ``_merge_matched_tokens``: a run of adjacent matched tokens becomes
    one ``_Token``; the others pass as they came (a matched one after a run too,
    as Whoosh lets it)."""
    token = None
    for t in tokens:
        if not t[3]:
            if token is not None:
                yield token
                token = None
            yield t
            continue
        if token is None:
            token = _Token(t[0], t[1], t[2], True)
        elif t[1] <= token.endchar:
            if t[2] > token.endchar:
                token.text += t[0][token.endchar - t[2]:]
                token.endchar = t[2]
        else:
            yield token
            token = None
            yield t
    if token is not None:
        yield token


class _Token:
    """What Whoosh's highlighter reads of a token (its ``Token`` without the rest)."""

    __slots__ = ("text", "startchar", "endchar", "matched", "boost")

    def __init__(self, text, startchar, endchar, matched):
        self.text, self.startchar, self.endchar = text, startchar, endchar
        self.matched, self.boost = matched, 1.0

    def copy(self):
        return _Token(self.text, self.startchar, self.endchar, self.matched)


def _tokens(text, words, analyzer, language):
    """``(analysed, startchar, endchar, matched)`` of the tokens ``analyzer`` makes
    of ``text`` (stop words kept), ``matched`` when the analysed form is one of ``words``."""
    known = _analysed.setdefault(language, {})
    if len(known) >= REMEMBERED_WORDS:
        known.clear()
    for match in _WORD.finditer(text):
        written = match.group()
        analysed = known.get(written)
        if analysed is None:
            analysed = known[written] = "".join(
                token.text for token in analyzer(written, mode="index", removestops=False))
        yield analysed, match.start(), match.end(), analysed in words


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
    where a query word (its first letters: stems differ) appears: looked for in
    the page's beginning first, and further only when it is not there."""
    prefixes = [w[:5] for w in words if w]
    found = []
    for scanned in SCAN_STEPS:
        folded = fold(content[:scanned])
        found = [i for i in (folded.find(prefix) for prefix in prefixes) if i >= 0]
        if found or scanned >= len(content):
            break
    start = max(0, min(found) - LEAD_CHARS) if found else 0
    return content[start:start + HIGHLIGHT_CHARS]
