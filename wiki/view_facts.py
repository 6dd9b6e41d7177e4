"""What a page view shows beside the text, read with the page in one statement.

A page view is the request a wiki answers most, and each little fact it shows
(its tags, whether it belongs to a translation group, how many discussions it
has, whether it links to a glossary term) used to cost a query of its own.
Here every fact is a scalar SQL expression correlated to ``pages.id``; the
view selects them as extra columns of the statement that loads the page and
its current revision, and keeps their values on the page object.

A fact may be about the reader too (do they watch the page?). Packages built
on the wiki add their own facts (``register_fact``) from their
``init_app``; the code that shows one reads it with ``fact(page, name,
fallback)``, which runs ``fallback(page)`` when the page was loaded some other
way (an API call, a test), so a fact is an optimisation, never a second truth.
"""
from flask import g, has_request_context
from sqlalchemy import and_, bindparam, func, literal, or_, select
from sqlalchemy.orm import aliased

from wiki.models import Page, PageTag

#: name -> function(dialect name) returning a scalar expression correlated to Page.
_FACTS = {}
#: The names of the facts about the reader alone (``register_reader_fact``).
_READER_FACTS = set()
#: Where the loaded values live on a page object (a plain, unmapped attribute).
_ATTRIBUTE = "_view_facts"


#: The bound parameter a fact about the reader uses: their user id (0 when anonymous).
READER_ID = bindparam("reader_id")


def register_fact(name, expression):
    """``expression(dialect_name)`` returns a scalar SQL expression over ``Page``
    (``READER_ID`` in it stands for the reader's id)."""
    _FACTS[name] = expression


def registered():
    """The names of the facts, to key statements built from them."""
    return tuple(sorted(_FACTS))


def columns(dialect_name):
    """(names, labelled expressions) of every registered fact, in a fixed order."""
    names = sorted(_FACTS)
    return names, [_FACTS[name](dialect_name).label("fact_" + name) for name in names]


def register_reader_fact(name, expression):
    """A fact about the reader alone (how many conversations have news for
    them): read with the page like the others, and kept for the rest of the
    request, where the header reads it (``reader_fact``)."""
    register_fact(name, expression)
    _READER_FACTS.add(name)


def keep(page, names, values, reader_id=0):
    facts = dict(zip(names, values))
    setattr(page, _ATTRIBUTE, facts)
    if _READER_FACTS and has_request_context():
        g.reader_facts = (reader_id, {name: facts[name] for name in _READER_FACTS
                                      if name in facts})


def reader_fact(name, user):
    """Reader fact ``name`` about ``user`` read with this request's page, or None."""
    kept = g.get("reader_facts") if has_request_context() else None
    if kept is None or kept[0] != getattr(user, "id", None):
        return None
    return kept[1].get(name)


def fact(page, name, fallback):
    """The fact loaded with ``page``, or ``fallback(page)`` when it was not."""
    facts = getattr(page, _ATTRIBUTE, None)
    if facts is not None and name in facts:
        return facts[name]
    return fallback(page)


# --- the wiki's own facts -------------------------------------------------------

def _tags(dialect_name):
    """The page's tags joined by spaces (a tag never holds one)."""
    tag = PageTag.tag
    joined = (func.string_agg(tag, literal(" ")) if dialect_name == "postgresql"
              else func.group_concat(tag, " "))
    return select(joined).where(PageTag.page_id == Page.id).scalar_subquery()


def _in_translation_group(dialect_name):
    """A translation, or the source of one (only then is the group worth a query)."""
    translation = aliased(Page)
    # Only the indexed column is selected: with ``SELECT *`` SQLite's planner
    # prefers a table scan (the column is NULL on nearly every page).
    return or_(Page.translation_of_id.is_not(None),
               select(translation.translation_of_id)
               .where(translation.translation_of_id == Page.id).exists())


def _has_subpages(dialect_name):
    """Any page under this one ("Title/..."): only then are its children listed."""
    below = aliased(Page)
    prefix = Page.title + "/"
    if dialect_name == "sqlite":
        # Titles sort by code point (BINARY collation) and "0" follows "/":
        # the range is an index seek.
        under = and_(below.title > prefix, below.title < Page.title + "0")
    else:
        under = func.left(below.title, func.length(prefix)) == prefix
    return (select(below.id).where(below.space_id == Page.space_id,
                                   below.namespace == Page.namespace, under).exists())


def tag_names(page):
    """The page's tags, sorted, from the fact when loaded."""
    joined = fact(page, "tags", lambda p: " ".join(p.tag_names))
    return sorted(joined.split()) if joined else []


def in_translation_group(page):
    return bool(fact(page, "in_translation_group", lambda p: True))


def has_subpages(page):
    return bool(fact(page, "has_subpages", lambda p: True))


register_fact("tags", _tags)
register_fact("in_translation_group", _in_translation_group)
register_fact("has_subpages", _has_subpages)
