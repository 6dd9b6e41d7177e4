"""Snippets of Whoosh hits (for ``whoosh_backend``): the text around the first match,
re-analysed with the page's language analyser, matches marked with ``MARK_START`` /
``MARK_END`` (the views turn them into ``<mark>``), the best two fragments."""
from whoosh.highlight import (ContextFragmenter, Formatter, Highlighter, set_matched_filter,
                              top_fragments)

from app.search import query as q
from app.search.analysis import MARK_END, MARK_START, fold

#: How much text around the first match is analysed again for the snippet (the
#: fragments shown hold 240 characters each): analysing (stemming) the text of
#: twenty hits is most of what a search for a rare word costs.
HIGHLIGHT_CHARS = 500
#: How far before the first match the window starts.
LEAD_CHARS = 100
#: How far into a long page the first match is looked for.
MAX_SCAN = 100_000


class _MarkFormatter(Formatter):
    """Wraps matches in ``MARK_START``/``MARK_END``; the view turns them into ``<mark>``."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return f"{MARK_START}{text[token.startchar:token.endchar]}{MARK_END}"


def highlighter():
    return Highlighter(fragmenter=ContextFragmenter(maxchars=240, surround=60),
                       formatter=_MarkFormatter())


def snippet(content, node, words, marker, analyzer):
    """Marked text around the first match of ``content``; "" when nothing matches.
    ``node``: the parsed query; ``words``: the query's words in the body field;
    ``marker``: a ``highlighter()``."""
    window = _window(content, _positive_words(node))
    return _highlight(window, words, marker, analyzer) if window else ""


def highlight_words(query, reader):
    """``{field: words}`` of the query, as the index stores them, for highlighting.
    (Leaf by leaf: ``Query.existing_terms`` skips fields after the first one it sees.)"""
    found = {}
    for leaf in query.leaves():
        for field, text in leaf.expanded_terms(reader, phrases=True):
            text = text.decode("utf-8") if isinstance(text, bytes) else text
            found.setdefault(field, set()).add(text)
    return found


def _highlight(text, words, marker, analyzer):
    """Whoosh's highlighting of ``text`` (as ``Hit.highlights`` does it): matched
    tokens marked, adjacent ones merged, the best two fragments."""
    if not words:
        return ""
    tokens = analyzer(text, positions=True, chars=True, mode="index", removestops=False)
    tokens = marker._merge_matched_tokens(set_matched_filter(tokens, words))
    fragments = marker.fragmenter.fragment_tokens(text, tokens)
    fragments = top_fragments(fragments, 2, marker.scorer, marker.order, minscore=1)
    return marker.formatter.format(fragments)


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
    where a query word (its first letters: stems differ) appears."""
    folded = fold(content[:MAX_SCAN])
    found = [folded.find(w[:5]) for w in words if w]
    found = [i for i in found if i >= 0]
    start = max(0, min(found) - LEAD_CHARS) if found else 0
    return content[start:start + HIGHLIGHT_CHARS]
