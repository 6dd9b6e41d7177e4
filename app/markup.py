"""The one place where user text becomes HTML: Markdown in, sanitised HTML out.

Everything a user writes (pages, posts, comments) goes through here; the rest
of the code never builds HTML from strings and inserts what this module
returns with ``|safe``. Markdown does the formatting, then bleach (kept behind
this module alone, so it can be swapped) reduces the result to an allow-list of
tags, attributes, classes and URL schemes. Raw HTML in the Markdown is allowed
only as far as the allow-list goes; anything else is shown as text.

Wiki links (``[[Title]]``, ``[[Title|label]]``, ``[[Namespace:Title]]``,
``[[Title#Section]]``, ``[[commons:Title]]``) and embeds of attachments
(``![[file.png]]``, ``[[File:report.pdf]]``) are parsed here, but what they
point to is decided by resolvers the caller passes in: this module knows
nothing about pages or spaces.
"""
import re
import xml.etree.ElementTree as etree

import bleach
import markdown
from bleach.html5lib_shim import Filter
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
})
#: Attributes allowed per tag ("*": on every allowed tag). ``class`` and ``id``
#: are further narrowed by value in ``_allowed_attribute``.
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"}, "sup": {"id"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "details": {"open"},
    "q": {"cite"}, "blockquote": {"cite"},
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
#: Classes our own Markdown extensions emit; user-given ones are dropped otherwise.
ALLOWED_CLASSES = frozenset({
    "wikilink", "new", "external", "attachment", "embed", "toc", "footnote",
    "footnote-ref", "footnote-backref",
})
LANGUAGE_CLASS = re.compile(r"language-[a-z0-9_+#-]{1,30}")
SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_:.-]{0,99}|_[0-9]{1,4}")
NUMBER = re.compile(r"[0-9]{1,4}")
ALIGN = frozenset({"left", "right", "center"})
EXTERNAL_REL = "nofollow ugc noopener"

#: ``[[target]]`` or ``[[target|label]]``; no brackets, pipes or newlines inside.
WIKILINK_RE = r"\[\[([^\[\]|\n\x02\x03]+?)(?:\|([^\[\]\n]*?))?\]\]"
EMBED_RE = r"!" + WIKILINK_RE
FILE_PREFIX = re.compile(r"\s*(?:file|attachment)\s*:\s*", re.IGNORECASE)


def _allowed_attribute(tag, name, value):
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()) and name not in ALLOWED_ATTRIBUTES["*"]:
        return False
    if name == "class":
        classes = value.split()
        return bool(classes) and all(c in ALLOWED_CLASSES or LANGUAGE_CLASS.fullmatch(c)
                                     for c in classes)
    if name == "id":
        return bool(SAFE_ID.fullmatch(value))
    if name in ("colspan", "rowspan", "start", "width", "height"):
        return bool(NUMBER.fullmatch(value))
    if name == "align":
        return value in ALIGN
    if name == "scope":
        return value in ("row", "col", "rowgroup", "colgroup")
    if name == "title":
        return bool(value)
    return True


def _is_external(href):
    # Browsers drop tabs and newlines in URLs and read "\\" as "/" in them.
    href = re.sub(r"[\t\n\r]", "", href).strip().lower().replace("\\", "/")
    return href.startswith("//") or href.split(":", 1)[0] in ALLOWED_PROTOCOLS and ":" in href


class _LinkRelFilter(Filter):
    """External links get ``rel="nofollow ugc noopener"``; no other ``rel`` survives."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attrs = dict(token["data"])
                attrs.pop((None, "rel"), None)
                href = attrs.get((None, "href"))
                if href and _is_external(href):
                    attrs[(None, "rel")] = EXTERNAL_REL
                token["data"] = attrs
            yield token


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS, attributes=_allowed_attribute, protocols=ALLOWED_PROTOCOLS,
    strip=False, strip_comments=True, filters=[_LinkRelFilter])


def sanitise(html):
    """Reduce any HTML to the allow-list; what is not allowed is shown as text."""
    return _cleaner.clean(html or "")


# --- wiki links and embeds ----------------------------------------------------

def _label_text(processor, text):
    return AtomicString(processor.unescape(text).strip())


class _WikiLinkProcessor(InlineProcessor):
    def __init__(self, pattern, md, resolver, embed_resolver):
        super().__init__(pattern, md)
        self.resolver = resolver
        self.embed_resolver = embed_resolver

    def handleMatch(self, m, data):
        target, label = m.group(1).strip(), m.group(2)
        if FILE_PREFIX.match(target):
            return _embed(self, FILE_PREFIX.sub("", target, count=1), label), m.start(0), m.end(0)
        resolved = self.resolver(target) if self.resolver else None
        if not resolved:
            # Not a valid target: keep the text, never half a link.
            span = etree.Element("span")
            span.text = _label_text(self, label if label and label.strip() else target)
            return span, m.start(0), m.end(0)
        href, exists, display = resolved
        link = etree.Element("a")
        link.set("href", href)
        link.set("class", "wikilink" if exists else "wikilink new")
        link.text = _label_text(self, label if label and label.strip() else display)
        return link, m.start(0), m.end(0)


class _EmbedProcessor(_WikiLinkProcessor):
    def handleMatch(self, m, data):
        name = FILE_PREFIX.sub("", m.group(1).strip(), count=1)
        return _embed(self, name, m.group(2)), m.start(0), m.end(0)


def _embed(processor, name, label):
    name = name.strip()
    label = label.strip() if label and label.strip() else name
    found = processor.embed_resolver(name) if processor.embed_resolver and name else None
    if not found:
        span = etree.Element("span")
        span.set("class", "attachment new")
        span.text = _label_text(processor, label)
        return span
    url, is_image = found
    if is_image:
        img = etree.Element("img")
        img.set("src", url)
        img.set("alt", processor.unescape(label))
        img.set("class", "embed")
        return img
    link = etree.Element("a")
    link.set("href", url)
    link.set("class", "attachment")
    link.text = _label_text(processor, label)
    return link


class WikiLinkExtension(Extension):
    """``[[...]]`` links and ``![[...]]`` embeds, resolved by the given callables."""

    def __init__(self, resolver=None, embed_resolver=None):
        super().__init__()
        self.resolver = resolver
        self.embed_resolver = embed_resolver

    def extendMarkdown(self, md):
        # After backticks (code stays literal) and backslash escapes, before links.
        md.inlinePatterns.register(
            _EmbedProcessor(EMBED_RE, md, self.resolver, self.embed_resolver), "wikiembed", 176)
        md.inlinePatterns.register(
            _WikiLinkProcessor(WIKILINK_RE, md, self.resolver, self.embed_resolver),
            "wikilink", 175)


#: More stray opening brackets than this in one paragraph (or list item,
#: cell...) and that paragraph is shown as plain text: Python-Markdown's link
#: parsing scans to the end of the paragraph from every ``[`` that does not close
#: at once, which makes such a text take minutes to render (and escaping them one
#: by one is quadratic too). Well-formed links do not count.
MAX_BRACKETS = 64
_WELL_FORMED = re.compile(r'!?\[\[[^\[\]\n]*\]\]'
                          r'|!?\[[^\[\]\n]*\]\([^()\s]*(?:\s+"[^"\n]*")?\)'
                          r'|!?\[[^\[\]\n]*\](?!\()')


def _stray_brackets(text):
    return _WELL_FORMED.sub("", text).count("[")


class _BracketGuard(Treeprocessor):
    """Leave the inline syntax of a paragraph holding more than ``MAX_BRACKETS``
    unparsed, before the inline patterns run (code blocks are atomic already)."""

    def run(self, root):
        for element in root.iter():
            for attribute in ("text", "tail"):
                value = getattr(element, attribute)
                if (value and not isinstance(value, AtomicString)
                        and value.count("[") > MAX_BRACKETS
                        and _stray_brackets(value) > MAX_BRACKETS):
                    setattr(element, attribute, AtomicString(value))


class BracketGuardExtension(Extension):
    def extendMarkdown(self, md):
        # Before "inline" (priority 20), which parses links.
        md.treeprocessors.register(_BracketGuard(md), "bracket_guard", 25)


def section_anchor(section):
    """The id the table of contents gives a heading, for ``[[Title#Section]]``."""
    return slugify(section.strip(), "-")


def _extensions(with_toc):
    extensions = [
        "markdown.extensions.tables", "markdown.extensions.fenced_code",
        "markdown.extensions.footnotes", "markdown.extensions.sane_lists",
        "markdown.extensions.abbr", "markdown.extensions.def_list", BracketGuardExtension(),
    ]
    configs = {
        # The CSP forbids style attributes: align tables with the align attribute.
        "markdown.extensions.tables": {"use_align_attribute": True},
        # Cached HTML is language-neutral: no English tooltip on footnote back links.
        "markdown.extensions.footnotes": {"BACKLINK_TITLE": ""},
    }
    if with_toc:
        extensions.append("markdown.extensions.toc")
        configs["markdown.extensions.toc"] = {"marker": "[TOC]", "slugify": slugify}
    return extensions, configs


def render_markdown(text, wikilink_resolver=None, embed_resolver=None):
    """Wiki Markdown to sanitised HTML.

    ``wikilink_resolver(target)`` gets the raw target of ``[[target|label]]`` and
    returns ``(href, exists, display)`` or None for an invalid target (shown as
    text); a missing target gets the class ``new``. ``embed_resolver(name)``
    returns ``(url, is_image)`` or None for a missing attachment."""
    extensions, configs = _extensions(with_toc=True)
    md = markdown.Markdown(extensions=extensions + [
        WikiLinkExtension(wikilink_resolver, embed_resolver)], extension_configs=configs)
    return sanitise(md.convert(text or ""))


def render_plain(text):
    """Markdown without wiki links or table of contents, for comments and posts."""
    extensions, configs = _extensions(with_toc=False)
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return sanitise(md.convert(text or ""))


#: Blog posts and other non-wiki text: the same as ``render_plain``.
render = render_plain
