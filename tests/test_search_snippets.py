"""Whoosh snippets (app/search/whoosh_snippets.py): each word analysed once per
worker gives the very snippets Whoosh's highlighter gives when it runs the
analyser over the text, in the four languages."""
import random

import pytest
from whoosh.highlight import (ContextFragmenter, Highlighter, set_matched_filter,
                              top_fragments)

from app.search import whoosh_snippets
from app.search.whoosh_snippets import highlighter
from app.search.query import parse
from app.search.whoosh_backend import language_analyzer

TEXTS = {
    "en": ("The Health Insurance Fund pays claims. Members pay premiums monthly; the "
           "insured members' premiums (and the fund's reserves) cover hospital claims. "
           "Claiming is easy: a member claims once. " * 4),
    "fr": ("La mutuelle de santé rembourse les soins. Les mutuelles sénégalaises "
           "collectent les cotisations; la SANTÉ des membres et leurs cotisations "
           "mensuelles financent les soins hospitaliers. " * 4),
    "es": ("La cotización mensual de los afiliados financia la atención médica. Las "
           "cotizaciones y el seguro de salud cubren a los asegurados y sus familias. " * 4),
    "pt": ("A contribuição dos segurados financia o seguro de saúde. As contribuições "
           "mensais cobrem os cuidados de saúde dos associados e das suas famílias. " * 4),
}
QUERIES = {
    "en": ["claims", "members premium", "health insurance", "the fund", "hospital"],
    "fr": ["mutuelle", "santé cotisations", "sante", "soins hospitaliers", "les membres"],
    "es": ["cotizacion", "seguro salud", "afiliados", "familias médica"],
    "pt": ["contribuições", "saude", "seguro de saúde", "famílias associados"],
}


def whoosh_highlight(text, words, marker, analyzer):
    """What Whoosh's highlighter makes of ``text``, the analyser run over it."""
    tokens = analyzer(text, positions=True, chars=True, mode="index", removestops=False)
    tokens = marker._merge_matched_tokens(set_matched_filter(tokens, words))
    fragments = marker.fragmenter.fragment_tokens(text, tokens)
    fragments = top_fragments(fragments, 2, marker.scorer, marker.order, minscore=1)
    return marker.formatter.format(fragments)


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_snippets_are_whooshs_own(language):
    analyzer = language_analyzer(language)
    marker = whoosh_snippets.highlighter()
    text = TEXTS[language]
    compared = 0
    for query in QUERIES[language]:
        words = {token.text for token in analyzer(query)}
        node = parse(query).node
        window = whoosh_snippets._window(text, whoosh_snippets._positive_words(node))
        expected = whoosh_highlight(window, words, marker, analyzer)
        for _ in range(2):  # the second time every word's analysis is remembered
            assert whoosh_snippets.snippet(text, node, words, marker, analyzer,
                                           language) == expected, query
        compared += bool(expected)
    assert compared == len(QUERIES[language])  # every query marks something


def test_the_first_match_is_found_far_into_a_long_page():
    analyzer = language_analyzer("en")
    long_text = "Nothing to see here. " * 3_000 + "The premium is due in March."
    node = parse("premium").node
    marked = whoosh_snippets.snippet(long_text, node, {"premium"},
                                     whoosh_snippets.highlighter(), analyzer, "en")
    assert "premium" in marked and "\x02premium\x03" in marked


@pytest.mark.parametrize("maxchars, surround", [(240, 60), (40, 10), (12, 30), (300, 4)])
def test_fragments_are_whooshs_own_on_random_texts(maxchars, surround):
    """Whoosh's fragmenter and ours cut the same fragments, on texts with matches
    close together, far apart, at either end, and words longer than a fragment."""
    rng = random.Random(f"{maxchars}-{surround}")
    analyzer = language_analyzer("en")
    vocabulary = ["premium", "premiums", "fund", "the", "a", "claims", "of", "hospital",
                  "x" * 45, "reserves", "members", "é", "2026"]
    gaps = [" ", ", ", " (", ") ", "; ", " - ", "\n", "   "]
    fragmenter = ContextFragmenter(maxchars=maxchars, surround=surround)
    compared = 0
    for _ in range(300):
        text = rng.choice(["", " ", "("]) + "".join(
            rng.choice(vocabulary) + rng.choice(gaps) for _ in range(rng.randint(0, 60)))
        words = set(rng.sample(["premium", "claim", "fund", "hospit", "x" * 45], 2))
        tokens = analyzer(text, positions=True, chars=True, mode="index", removestops=False)
        tokens = highlighter()._merge_matched_tokens(set_matched_filter(tokens, words))
        expected = [(f.startchar, f.endchar, [(t.startchar, t.endchar) for t in f.matches])
                    for f in fragmenter.fragment_tokens(text, tokens)]
        ours = [(start, end, [(s, e) for s, e, _ in matches]) for start, end, matches
                in whoosh_snippets._fragments(text, words, analyzer, "en", fragmenter)]
        assert ours == expected, text
        # And the snippet chosen and marked from them: Whoosh's best two.
        marker = Highlighter(fragmenter=fragmenter, formatter=whoosh_snippets._MarkFormatter())
        assert (whoosh_snippets._highlight(text, words, marker, analyzer, "en")
                == whoosh_highlight(text, words, marker, analyzer)), text
        compared += bool(expected)
    assert compared > 100  # most texts have fragments
