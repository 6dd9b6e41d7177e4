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
