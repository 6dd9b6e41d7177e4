"""app.markup: what the one Markdown renderer produces (the hostile inputs are
in test_markup_xss.py)."""
import pytest
from flask import render_template_string

from app import markup


def links(target):
    exists = not target.startswith("Missing")
    return (f"/wiki/{target.replace(' ', '_')}" + ("" if exists else "/edit"), exists,
            target)


def test_markdown_features():
    out = markup.render_markdown(
        "[TOC]\n\n# First part\n\n## Details here\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        "```python\nx = 1 < 2\n```\n\nText[^1].\n\n[^1]: The note.\n")
    assert '<div class="toc">' in out
    assert '<a href="#first-part">' in out
    assert '<h1 id="first-part">' in out and '<h2 id="details-here">' in out
    assert '<table>' in out and '<th align="left">a</th>' in out
    assert '<td align="right">2</td>' in out
    assert 'style=' not in out
    assert '<pre><code class="language-python">x = 1 &lt; 2' in out
    assert 'class="footnote-ref" href="#fn:1"' in out and 'id="fn:1"' in out
    assert 'Jump back' not in out  # cached HTML carries no English UI text


def test_wikilinks():
    out = markup.render_markdown(
        "[[Foo]] [[Foo|the label]] [[Library:Health financing]] [[Missing page]]", links)
    assert '<a class="wikilink" href="/wiki/Foo">Foo</a>' in out
    assert '<a class="wikilink" href="/wiki/Foo">the label</a>' in out
    assert 'href="/wiki/Library:Health_financing">Library:Health financing</a>' in out
    assert '<a class="wikilink new" href="/wiki/Missing_page/edit">Missing page</a>' in out


def test_resolver_gets_the_raw_target():
    seen = []

    def resolver(target):
        seen.append(target)
        return "/x", True, target

    markup.render_markdown("[[Foo#Some section|label]] [[commons:Bar]] [[ Spaced ]]", resolver)
    assert seen == ["Foo#Some section", "commons:Bar", "Spaced"]


def test_invalid_target_stays_text():
    out = markup.render_markdown("see [[Bad|shown]] and [[Worse]]", lambda target: None)
    assert "<a" not in out
    assert "shown" in out and "Worse" in out


def test_wikilinks_not_in_code_and_escapable():
    calls = []
    out = markup.render_markdown("`[[Foo]]` and \\[[Bar]]\n\n    [[Baz]]\n",
                                 lambda t: calls.append(t) or ("/x", True, t))
    assert calls == []
    assert "<code>[[Foo]]</code>" in out and "[[Bar]]" in out


def test_embeds():
    files = {"photo.png": ("/files/photo.png", True), "report.pdf": ("/files/report.pdf", False)}
    out = markup.render_markdown(
        "![[photo.png]] ![[photo.png|A photo]] [[File:report.pdf]] [[File:report.pdf|Report]] "
        "![[gone.png]]", links, files.get)
    assert '<img alt="photo.png" class="embed" src="/files/photo.png">' in out
    assert '<img alt="A photo" class="embed" src="/files/photo.png">' in out
    assert '<a class="attachment" href="/files/report.pdf">report.pdf</a>' in out
    assert '<a class="attachment" href="/files/report.pdf">Report</a>' in out
    assert '<span class="attachment new">gone.png</span>' in out


def test_external_links_get_rel_and_internal_do_not():
    out = markup.render_markdown(
        "[a](https://example.org) [b](/wiki/Foo) <http://example.org/x> [c](//example.net) "
        "[d](mailto:a@example.org) <a href=\"https://example.org\" rel=\"opener\">e</a>")
    assert out.count('rel="nofollow ugc noopener"') == 5
    assert '<a href="/wiki/Foo">b</a>' in out
    assert 'opener"' not in out.replace('noopener"', "")


def test_user_classes_and_ids_are_narrowed():
    out = markup.render_markdown(
        '<p class="flash error">x</p><span class="wikilink new">y</span>'
        '<code class="language-js">z</code><h2 id="ok">t</h2><h3 id="1 bad">u</h3>')
    assert 'class="flash' not in out and "<p>x</p>" in out
    assert '<span class="wikilink new">y</span>' in out
    assert 'class="language-js"' in out
    assert 'id="ok"' in out and 'id="1 bad"' not in out


def test_safe_raw_html_is_kept():
    out = markup.render_markdown("Press <kbd>Ctrl</kbd> and <sup>2</sup>.")
    assert "<kbd>Ctrl</kbd>" in out and "<sup>2</sup>" in out


def test_render_plain_has_no_wikilinks_nor_toc():
    out = markup.render_plain("[TOC]\n\n# Title\n\nSee [[Foo]] and **bold**.")
    assert "[[Foo]]" in out and "<strong>bold</strong>" in out
    assert "toc" not in out and 'id="title"' not in out


def test_template_syntax_stays_literal(app):
    """Rendered HTML is inserted with |safe: Jinja never evaluates user text."""
    text = ("Run `tar -xf {{path/to/file}}` then {{ config }} and {% if x %}y{% endif %} "
            "and {{< hugo-shortcode >}} {{% note %}}")
    out = markup.render_markdown(text, links)
    page = render_template_string("<div>{{ html|safe }}</div>", html=out, config={"x": 1})
    assert "{{path/to/file}}" in page
    assert "{{ config }}" in page
    assert "{% if x %}y{% endif %}" in page
    assert "{{&lt; hugo-shortcode &gt;}}" in page and "{{% note %}}" in page


def test_section_anchor_matches_heading_ids():
    out = markup.render_markdown("## Épargne et crédit")
    assert f'id="{markup.section_anchor("Épargne et crédit")}"' in out


def test_sanitise_empty_and_none():
    assert markup.sanitise(None) == ""
    assert markup.render_markdown("") == ""


@pytest.mark.parametrize("text", ["[" * 100_000, "[a](b " * 20_000, "![" * 50_000,
                                  "[[a" * 30_000, "[a](b\n" * 20_000])
def test_bracket_floods_render_quickly_as_text(text):
    import time
    started = time.monotonic()
    html = markup.render_markdown(text, wikilink_resolver=lambda raw: ("/x", True, raw))
    # Without the guard each of these takes minutes (quadratic link parsing).
    assert time.monotonic() - started < 5
    assert "<a " not in html and "<img" not in html and "[" in html


def test_paragraphs_with_a_few_links_still_link():
    links = " ".join(f"[{n}](https://example.org/{n})" for n in range(markup.MAX_BRACKETS))
    html = markup.render_markdown(links + "\n\n" + "[x " * (markup.MAX_BRACKETS + 1)
                                  + "<b>bold</b>")
    assert html.count("<a ") == markup.MAX_BRACKETS
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>" not in html
    many = " ".join(f"[{n}](https://example.org/{n}) [[Page {n}]] [^{n}]" for n in range(200))
    html = markup.render_markdown(many, wikilink_resolver=lambda raw: ("/x", True, raw))
    assert html.count("<a ") == 400
