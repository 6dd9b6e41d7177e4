"""The query parser: syntax, filters, and garbage that must fall back to words."""
import random

import pytest

from app.search import query as q


def test_words_phrases_operators_and_prefixes():
    parsed = q.parse('health "micro insurance" OR fund* NOT cash')
    assert not parsed.fallback
    assert parsed.node == q.Or((
        q.And((q.Term("health"), q.Phrase(("micro", "insurance")))),
        q.And((q.Prefix("fund"), q.Not(q.Term("cash"))))))


def test_filters_are_taken_out_of_the_words():
    parsed = q.parse("santé ns:Library tag:Health lang:fr lang:xx author:Ana ws:coop")
    assert parsed.node == q.Term("sante")
    assert parsed.filters == {"ns": ["Library"], "tag": ["health"], "lang": ["fr"],
                              "author": ["Ana"], "ws": ["coop"]}


def test_form_filters_join_typed_ones():
    parsed = q.parse("fund", {"ns": ["Glossary"], "tag": [""]})
    assert parsed.filters == {"ns": ["Glossary"]}


@pytest.mark.parametrize("text", [
    '"unbalanced quote', "(open paren", "close paren)", "AND", "OR health", "health NOT",
    "NOT", "*", "((((", '""', "a AND OR b", ")(", "-", "NOT NOT", "x" * 5000,
    "(" * 400 + "a" + ")" * 400, "ns:", "tag:*", "\x00\x01", "🙂 OR", "AND AND AND",
])
def test_malformed_input_never_raises(text):
    parsed = q.parse(text)
    assert len(parsed.text) <= q.MAX_QUERY_LENGTH
    assert parsed.node is None or isinstance(parsed.node, (q.Term, q.And, q.Or, q.Phrase,
                                                           q.Prefix, q.Not))


def test_unbalanced_quotes_fall_back_to_plain_words():
    parsed = q.parse('"health insurance')
    assert parsed.fallback
    assert parsed.node == q.And((q.Term("health"), q.Term("insurance")))


def test_lone_operator_falls_back_to_words():
    parsed = q.parse("health AND")
    assert parsed.fallback and parsed.node == q.Term("health")


def test_random_strings_never_raise():
    alphabet = 'ab éñ"()*:-ORANDNOT \t\\\'~^'
    rng = random.Random(1234)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        parsed = q.parse(text)
        assert parsed.text == text.strip()[:q.MAX_QUERY_LENGTH]


def test_folding_lowers_and_strips_accents_as_a_whole_text_decomposition_would():
    """``fold`` decomposes character by character (a translate table); that must
    give exactly what decomposing the whole text (NFKD) and dropping its
    combining marks gives, or the index and the queries would disagree."""
    import unicodedata

    from app.search.analysis import fold

    def by_the_book(text):
        decomposed = unicodedata.normalize("NFKD", text.lower())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    assert fold("Santé MUTUELLE Sénégal") == "sante mutuelle senegal"
    assert fold("Cotización, ação, ﬁle, e\u0301te\u0301") == "cotizacion, acao, file, ete"
    picks = random.Random(7)
    texts = ["ΟΔΥΣΣΕΥΣ", "İstanbul", "Straße ½", "Ǆemal"] + [
        "".join(chr(picks.choice((picks.randrange(32, 0x250), picks.randrange(0x300, 0x370),
                                  picks.randrange(0x370, 0x3000)))) for _ in range(24))
        for _ in range(500)]
    for text in texts:
        assert fold(text) == by_the_book(text), text


@pytest.mark.parametrize("text, excluded", [
    ("NOT cash", q.Term("cash")),
    ("-cash", q.Term("cash")),
    ("NOT cash -loan", q.Or((q.Term("cash"), q.Term("loan")))),
    ('NOT "cash transfers"', q.Phrase(("cash", "transfers"))),
    ("NOT (cash OR loan) tag:green", q.Or((q.Term("cash"), q.Term("loan")))),
])
def test_exclusions_alone_become_one_not_of_what_they_exclude(text, excluded):
    parsed = q.parse(text)
    assert not parsed.fallback
    assert parsed.node == q.Not(excluded)
    assert parsed.leaf_words() == []  # nothing to correct


@pytest.mark.parametrize("text, node", [
    ("cash OR NOT loan", q.And((q.Term("cash"), q.Not(q.Term("loan"))))),
    ("(NOT loan", q.Not(q.Term("loan"))),
    ('"cash -loan', q.And((q.Term("cash"), q.Not(q.Term("loan"))))),
    ("NOT NOT loan", q.Not(q.Term("loan"))),
])
def test_what_falls_back_to_words_keeps_its_exclusions(text, node):
    parsed = q.parse(text)
    assert parsed.fallback and parsed.node == node
