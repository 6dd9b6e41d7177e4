"""Query parsing, shared by both back ends.

Syntax: words, ``"exact phrases"``, ``AND``/``OR``/``NOT`` (upper case, or a
leading ``-``), parentheses, ``prefix*``, and filters ``ns:``, ``ws:``,
``tag:``, ``lang:``, ``author:``. Words next to each other must all match.

The parser turns the text into a small tree of ``Term``, ``Prefix``,
``Phrase``, ``And``, ``Or`` and ``Not`` that each back end compiles to its
own query language. A query made only of exclusions (``NOT word``, ``-a -b``)
becomes one ``Not`` at the top, of what they exclude: as in MediaWiki or
Elasticsearch, it finds every document that the words would not find (the
back ends match the complement, unranked). Anything malformed (unbalanced
quotes or parentheses, a lone operator, a bare ``*``, absurd length, an
exclusion in an ``OR``) falls back to plain words, those after ``NOT`` or a
``-`` still excluded: a reader never gets an error page for what they typed,
nor the documents they excluded."""
import re
from dataclasses import dataclass, field

from app.search.analysis import LANGUAGES, words

MAX_QUERY_LENGTH = 500
MAX_TERMS = 24
FILTER_KEYS = ("ns", "ws", "tag", "lang", "author")
OPERATORS = ("AND", "OR", "NOT")
_TOKEN = re.compile(r'"([^"]*)"|(\()|(\))|([^\s()"]+)')
_FILTER = re.compile(r"^(ns|ws|tag|lang|author):(\S+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    word: str


@dataclass(frozen=True)
class Prefix:
    word: str


@dataclass(frozen=True)
class Phrase:
    words: tuple


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


@dataclass
class ParsedQuery:
    #: The text as typed (trimmed and shortened).
    text: str
    #: The tree, or None when only filters (or nothing) were given.
    node: object = None
    filters: dict = field(default_factory=dict)
    #: True when the text was malformed and read as plain words.
    fallback: bool = False

    @property
    def empty(self):
        return self.node is None and not any(self.filters.values())

    def leaf_words(self):
        """Plain words of the positive part of the query (for spelling suggestions)."""
        return leaf_words(self.node)


def leaf_words(node):
    """Plain words of the positive part of ``node``."""
    found = []

    def walk(node):
        if isinstance(node, Term):
            found.append(node.word)
        elif isinstance(node, (And, Or)):
            for child in node.children:
                walk(child)
    walk(node)
    return found


class Malformed(ValueError):
    pass


def _word_node(raw):
    """A word as typed: ``health*`` is a prefix, ``c++`` or ``e-mail`` a phrase."""
    if raw.endswith("*"):
        stem = words(raw.rstrip("*"))
        if len(stem) == 1 and len(stem[0]) >= 2:
            return Prefix(stem[0])
        if not stem:
            return None
    found = words(raw)
    if not found:
        return None
    return Term(found[0]) if len(found) == 1 else Phrase(tuple(found))


def _phrase_node(text):
    found = words(text)
    if not found:
        return None
    return Term(found[0]) if len(found) == 1 else Phrase(tuple(found))


def _combine(kind, nodes):
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else kind(tuple(nodes))


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def parse(self):
        node = self.or_expr()
        if self.peek() is not None:
            raise Malformed("unexpected token")
        return node

    def or_expr(self):
        nodes = [self.and_expr()]
        while self.peek() == ("op", "OR"):
            self.take()
            nodes.append(self.and_expr())
        return _combine(Or, nodes)

    def and_expr(self):
        nodes = [self.unary()]
        while self.peek() is not None and self.peek() not in (("close", ")"), ("op", "OR")):
            if self.peek() == ("op", "AND"):
                self.take()
            nodes.append(self.unary())
        return _combine(And, nodes)

    def unary(self):
        if self.peek() == ("op", "NOT"):
            self.take()
            child = self.unary()
            return Not(child) if child is not None else None
        return self.atom()

    def atom(self):
        token = self.take()
        if token is None or token[0] in ("op", "close"):
            raise Malformed("an operator needs words on both sides")
        kind, value = token
        if kind == "open":
            node = self.or_expr()
            if self.take() != ("close", ")"):
                raise Malformed("unbalanced parentheses")
            return node
        if kind == "phrase":
            return _phrase_node(value)
        if kind == "neg":
            node = _word_node(value)
            return Not(node) if node is not None else None
        return _word_node(value)


def _tokens(text, filters):
    if text.count('"') % 2:
        raise Malformed("unbalanced quotes")
    tokens = []
    for match in _TOKEN.finditer(text):
        phrase, opened, closed, word = match.groups()
        if phrase is not None:
            tokens.append(("phrase", phrase))
        elif opened:
            tokens.append(("open", "("))
        elif closed:
            tokens.append(("close", ")"))
        elif word in OPERATORS:
            tokens.append(("op", word))
        elif _FILTER.match(word):
            key, value = _FILTER.match(word).groups()
            filters.setdefault(key.lower(), []).append(value)
        elif word.startswith("-") and len(word) > 1:
            tokens.append(("neg", word[1:]))
        else:
            tokens.append(("word", word))
    return tokens


def _has_positive(node):
    if node is None or isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_has_positive(c) for c in node.children)
    if isinstance(node, Or):
        return all(_has_positive(c) for c in node.children)
    return True


def _negative_only(node):
    """A tree of exclusions only (``Not(a)``, ``And(Not(a), Not(b))``) as one ``Not``
    of what they exclude (``Not(Or(a, b))``); None for any other tree without a
    positive part (``a OR NOT b``, ``NOT NOT a``)."""
    if isinstance(node, Not):
        excluded = [node.child]
    elif isinstance(node, And) and all(isinstance(c, Not) for c in node.children):
        excluded = [c.child for c in node.children]
    else:
        return None
    if not all(_has_positive(c) for c in excluded):
        return None
    return Not(_combine(Or, excluded))


def _count_leaves(node):
    if isinstance(node, (And, Or)):
        return sum(_count_leaves(c) for c in node.children)
    if isinstance(node, Not):
        return _count_leaves(node.child)
    return 0 if node is None else 1


def _fallback(text):
    """Plain words: every word of the text that is not an operator or a filter, but
    the words of a token after ``NOT`` or starting with ``-``, which stay excluded."""
    filters = {}
    plain, excluded = [], []
    negate = False
    for raw in re.split(r"\s+", text):
        bare = raw.strip('()"')
        match = _FILTER.match(bare)
        if match:
            filters.setdefault(match.group(1).lower(), []).append(match.group(2))
        elif bare == "NOT":
            negate = True
            continue
        elif bare not in OPERATORS:
            negate = negate or (bare.startswith("-") and len(bare) > 1)
            (excluded if negate else plain).extend(words(raw))
        negate = False
    plain = plain[:MAX_TERMS]
    excluded = excluded[:MAX_TERMS - len(plain)]
    node = _combine(And, [Term(w) for w in plain] + [Not(Term(w)) for w in excluded])
    return (node if plain else _negative_only(node)), filters


def _clean_filters(filters):
    cleaned = {}
    for key, values in filters.items():
        kept = [v.strip()[:80] for v in values if v.strip()]
        if key == "lang":
            kept = [v.lower() for v in kept if v.lower() in LANGUAGES]
        if key == "tag":
            kept = [v.lower() for v in kept]
        if kept:
            cleaned[key] = kept
    return cleaned


def parse(text, extra_filters=None):
    """Parse what a reader typed; ``extra_filters`` come from form fields (``ns=``...)."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    filters = {}
    fallback = False
    try:
        node = _Parser(_tokens(text, filters)).parse()
        if node is not None and not _has_positive(node):
            node = _negative_only(node)
            if node is None:
                raise Malformed("nothing to look for")
        if node is not None and _count_leaves(node) > MAX_TERMS:
            raise Malformed("too many words")
    except (Malformed, RecursionError):
        node, filters = _fallback(text)
        fallback = True
    for key, values in (extra_filters or {}).items():
        if key in FILTER_KEYS and values:
            filters.setdefault(key, []).extend(v for v in values if v)
    return ParsedQuery(text=text, node=node, filters=_clean_filters(filters), fallback=fallback)
