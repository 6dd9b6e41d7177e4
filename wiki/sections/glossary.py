"""The Glossary in the reader's language, and term definitions for tooltips.

Each glossary page is a record with its term in four languages (``term_en``
... ``term_pt``); its first paragraph is the short definition. ``/ns/Glossary``
lists every term A to Z under its equivalent in the reader's UI language
(the page title when there is none), with the other equivalents and the
definition beside it. A term translated on several pages (the English page
and its French translation) is listed once, from the page in the reader's
language when there is one."""
import re

from flask import render_template, url_for
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select

from app.collation import sort_key
from app.extensions import db
from wiki import namespaces as ns
from wiki import view_facts
from wiki.models import Page, PageLink, Revision
from wiki.records import frontmatter
from wiki.sections import lookup
from wiki.urls import page_path

NAMESPACE = "Glossary"
LANGUAGES = ("en", "fr", "es", "pt")
SHORT = 300
LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


def locale():
    return str(get_locale() or "en")


def plain(markdown):
    """Markdown of one paragraph as plain text: links become their label."""
    text = LINK.sub(lambda m: m.group(2) or m.group(1).split(":", 1)[-1], markdown)
    text = MD_LINK.sub(r"\1", text)
    text = EMPHASIS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def short_definition(body):
    """The first paragraph of the text (after the front matter and headings),
    as plain text of at most ``SHORT`` characters."""
    rest = frontmatter.body_of(body or "")
    for block in re.split(r"\n\s*\n", rest):
        block = block.strip()
        if not block or block.startswith(("#", "---", "|", "```")):
            continue
        text = plain(block)
        if len(text) > SHORT:
            text = text[:SHORT].rsplit(" ", 1)[0] + "…"
        return text
    return ""


def bodies(page_ids):
    """``{page_id: current body}`` in one query."""
    if not page_ids:
        return {}
    rows = db.session.execute(select(Page.id, Revision.body)
                              .join(Revision, Revision.id == Page.current_revision_id)
                              .where(Page.id.in_(list(page_ids))))
    return dict(rows.all())


def equivalents_of(values):
    return {lang: lookup.text(values.get(f"term_{lang}")) or None for lang in LANGUAGES}


def term_in(values, language, fallback):
    return lookup.text(values.get(f"term_{language}")) or fallback


def entries(space, reader, language):
    """``[entry]``, one per term, with ``page, term, letter, equivalents, definition``."""
    pages = ns.all_pages(space, NAMESPACE, reader)
    values = lookup.values_for([p.id for p in pages])
    chosen = {}
    for page in pages:
        own = values.get(page.id, {})
        equivalents = equivalents_of(own)
        key = tuple(equivalents.values()) if any(equivalents.values()) else ("page", page.id)
        rank = 0 if page.language == language else (1 if page.language == "en" else 2)
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, page, equivalents)
    texts = bodies([page.id for _rank, page, _eq in chosen.values()])
    found = []
    for _rank, page, equivalents in chosen.values():
        term = equivalents.get(language) or page.title
        others = [(lang, equivalents[lang]) for lang in LANGUAGES
                  if lang != language and equivalents.get(lang) and equivalents[lang] != term]
        found.append({"page": page, "term": term, "letter": ns.letter_of(term),
                      "equivalents": others, "definition": short_definition(texts.get(page.id))})
    found.sort(key=lambda e: (ns.letter_of(e["term"]) == ns.OTHER, sort_key(e["term"])))
    return found


def by_letter(found):
    groups = {}
    for entry in found:
        groups.setdefault(entry["letter"], []).append(entry)
    return sorted(groups.items(), key=lambda item: (item[0] == ns.OTHER, item[0]))


def glossary_index(space, namespace):
    """``/ns/Glossary``: A to Z in the reader's language."""
    language = locale()
    groups = by_letter(entries(space, current_user, language))
    return render_template("sections/glossary_index.html", space=space, namespace=namespace,
                           groups=groups, language=language, page_path=page_path)


def term_json(page, language):
    """What a tooltip shows: the term in ``language``, its equivalents, the short definition."""
    values = lookup.values_for([page.id]).get(page.id, {})
    equivalents = equivalents_of(values)
    body = page.current_revision.body if page.current_revision else ""
    return {"title": page.full_title, "term": term_in(values, language, page.title),
            "equivalents": equivalents, "definition": short_definition(body),
            "url": page_path(page.space, page)}


def links_to_glossary(page):
    """Does ``page`` link to a glossary term (so its view needs the tooltip script)?"""
    return db.session.scalar(select(PageLink.id).where(PageLink.from_page_id == page.id,
                                                       PageLink.to_namespace == NAMESPACE)
                             .limit(1)) is not None


def _links_to_glossary(dialect_name):
    return (select(PageLink.id).where(PageLink.from_page_id == Page.id,
                                      PageLink.to_namespace == NAMESPACE).exists())


view_facts.register_fact("links_to_glossary", _links_to_glossary)


def tooltip_panel(page):
    """``page_extra``: the tooltip script and its stylesheet, on pages that link
    to glossary terms (the links work as plain links without it)."""
    if page.deleted_at is not None or not view_facts.fact(page, "links_to_glossary",
                                                          links_to_glossary):
        return None
    return render_template("sections/glossary_script.html",
                           api=url_for("sections_api.glossary_term", title="_"))
