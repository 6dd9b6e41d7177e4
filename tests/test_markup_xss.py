"""The sanitiser against a corpus of hostile inputs (tests/data/xss_vectors.txt).

Each line is one input (``\\n`` stands for a line break). Whatever the input,
the output parsed by an HTML parser must hold no dangerous element, no event
handler or style attribute, and no URL with a scheme other than http, https
or mailto (after entity decoding and removal of whitespace and control
characters)."""
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app import markup

VECTORS = [line.replace("\\n", "\n") for line in
           (Path(__file__).parent / "data" / "xss_vectors.txt").read_text("utf-8").splitlines()
           if line.strip()]
URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "background", "lowsrc",
                  "dynsrc", "srcset", "data", "poster", "xlink:href", "to", "values"}
FORBIDDEN_ATTRIBUTES = {"style", "srcdoc", "formaction", "xmlns", "xlink:href", "target",
                        "name", "form", "autofocus", "contenteditable"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(output):
    """(tag, [(name, value)]) for every element, as the stdlib parser sees it and
    as an HTML5 (browser-like) parser sees it."""
    found = []
    parser = Collector()
    parser.feed(output)
    parser.close()
    found.extend(parser.elements)
    try:
        from bleach._vendor import html5lib
    except ImportError:  # pragma: no cover - the stdlib view still counts
        return found
    tree = html5lib.parse(output, namespaceHTMLElements=False)
    for node in tree.iter():
        if isinstance(node.tag, str):
            found.append((node.tag.split("}")[-1].lower(), list(node.attrib.items())))
    return found


def scheme_of(url):
    # The parsers have already decoded entities once, as a browser does.
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f]", "", url or "").lower()
    match = SCHEME.match(cleaned)
    return match.group(1) if match else None


def assert_safe(output):
    for tag, attrs in elements(output):
        assert tag in markup.ALLOWED_TAGS | {"html", "head", "body"}, (tag, output)
        for name, value in attrs:
            name = name.lower()
            assert not name.startswith("on"), (name, output)
            assert name not in FORBIDDEN_ATTRIBUTES, (name, output)
            assert not name.startswith("data-"), (name, output)
            if name in URL_ATTRIBUTES:
                assert scheme_of(value) in (None, "http", "https", "mailto"), (value, output)
    lowered = output.lower()
    for marker in ("<script", "<style", "<iframe", "<svg", "<math", "<object", "<embed",
                   "<form", "<meta", "<link", "<base", "<template", "<textarea", "<noscript"):
        assert marker not in lowered, (marker, output)


def resolver(target):
    """A resolver as naive as possible: it trusts the target blindly, so only the
    sanitiser stands between the input and the page."""
    return target, target.startswith("E"), target


def embed_resolver(name):
    return name, name.endswith(".png")


def test_corpus_is_large():
    assert len(VECTORS) >= 100


@pytest.mark.parametrize("vector", VECTORS)
def test_render_markdown_is_safe(vector):
    assert_safe(markup.render_markdown(vector, resolver, embed_resolver))


@pytest.mark.parametrize("vector", VECTORS)
def test_render_plain_and_sanitise_are_safe(vector):
    assert_safe(markup.render_plain(vector))
    assert_safe(markup.sanitise(vector))


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitising_twice_changes_nothing_dangerous(vector):
    once = markup.render_markdown(vector, resolver, embed_resolver)
    assert_safe(markup.sanitise(html.unescape(once)))


def test_the_checker_itself_catches_attacks():
    """The assertions above must be able to fail."""
    for bad in ('<img src=x onerror=alert(1)>', '<a href="jav&#x09;ascript:x">x</a>',
                '<svg></svg>', '<p style="x">p</p>', '<a href="data:text/html,x">x</a>'):
        with pytest.raises(AssertionError):
            assert_safe(bad)


def test_scripts_show_as_text():
    out = markup.render_markdown("<script>alert(1)</script>")
    assert "&lt;script&gt;" in out
    assert "<script" not in out


def test_wikilink_attacks_become_harmless_links():
    out = markup.render_markdown('[[Foo|<img src=x onerror=alert(1)>]]', resolver)
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<img" not in out
    out = markup.render_markdown('[[" onmouseover="x]]', lambda t: ("/wiki/x", True, t))
    tag, attrs = [e for e in elements(out) if e[0] == "a"][0]
    assert dict(attrs) == {"href": "/wiki/x", "class": "wikilink"}


@pytest.mark.parametrize("joiner", ["\n", "\n\n", " ", "\n> ", "\n* ", "\n| x | "])
def test_vectors_combined_in_one_document(joiner):
    """Vectors next to each other open contexts (lists, quotes, tables, unclosed
    tags) that a single line does not."""
    document = joiner.join(VECTORS)
    assert_safe(markup.render_markdown(document, resolver, embed_resolver))
    assert_safe(markup.render_plain(document))


def test_unclosed_vectors_cannot_swallow_the_page():
    out = markup.render_markdown('<a href="http://example.org/x\n\n<img src=x onerror=alert(1)')
    assert_safe(out)
    out = markup.render_markdown("<div><p><b><i>unclosed")
    assert out.count("<div>") == out.count("</div>") == 1
