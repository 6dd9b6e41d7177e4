"""Demo content for the commons' wiki: a main page, help, a knowledge base
tree, a glossary and a library, in English, French, Spanish and Portuguese,
linked as translation groups, tagged, with histories by several people.

The glossary comes from ``seed_data/glossary_seed.json`` (47 terms written
for this project, en/fr; ``GLOSSARY_SEED_PATH`` may name another file); if the
file cannot be read, a few built-in terms are seeded."""
import io
import json
import re
from pathlib import Path

from flask import current_app

from app.extensions import db
from wiki import seed_content as content
from wiki import seed_glossary as glossary
from wiki.titles import parse

GLOSSARY_SEED = Path(__file__).resolve().parent / "seed_data" / "glossary_seed.json"


def glossary_entries(path=None):
    """The glossary terms to seed: from the seed file, or the built-in few."""
    path = Path(path or current_app.config.get("GLOSSARY_SEED_PATH") or GLOSSARY_SEED)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return list(glossary.FALLBACK_GLOSSARY)
    keys = ("term_en", "term_fr", "definition_en", "definition_fr")
    entries = [e for e in data if isinstance(e, dict)
               and all(isinstance(e.get(k), str) and e[k].strip() for k in keys)]
    return entries or list(glossary.FALLBACK_GLOSSARY)


def glossary_title(term):
    """A glossary title from a term: a ``/`` would make a subpage."""
    return re.sub(r"\s*/\s*", "-", term.strip())


def _short(term):
    """``Prime (d'assurance)`` is mentioned in text as ``prime``."""
    return re.sub(r"\s*\(.*?\)\s*", " ", term).strip().lower()


def _see_also(term, definition, others):
    """Links to the other terms the definition mentions."""
    text = definition.lower()
    found = []
    for other in others:
        if other == term:
            continue
        short = _short(other)
        if len(short) > 3 and re.search(r"(?<!\w)" + re.escape(short) + r"s?(?!\w)", text):
            found.append(other)
    return found


def _tags_for(term_en):
    tags = ["glossary"]
    tags += [tag for tag, terms in glossary.GLOSSARY_TAGS.items() if term_en in terms]
    return tags


def _body(definition, see_also, label, names, extra_link=None):
    lines = [definition.strip(), ""]
    links = [f"[[Glossary:{names[t]}]]" for t in see_also]
    if extra_link:
        links.append(extra_link)
    if links:
        lines += [f"## {label}", ""] + [f"- {link}" for link in links] + [""]
    return "\n".join(lines)


#: Glossary terms that have a page in the knowledge base.
KNOWLEDGE_LINKS = {
    "Microinsurance": ("[[Knowledge:Mechanisms/Microinsurance]]", "[[Knowledge:Micro-assurance]]"),
    "Mutual health organization": ("[[Knowledge:Mechanisms/Mutual health organisations]]",
                                   "[[Knowledge:Mutuelles de santé]]"),
    "Social assistance": ("[[Knowledge:Mechanisms/Social assistance]]", None),
    "Social insurance": ("[[Knowledge:Mechanisms/Social insurance]]", None),
}


class Seeder:
    def __init__(self, site):
        from wiki.services import save_page
        self.save_page = save_page
        self.site = site
        self.space = site.commons
        self.users = site.users
        self.pages = {}

    def user(self, name):
        return self.users.get(name) or next(iter(self.users.values()), None)

    def save(self, title, body, author, summary, language, tags):
        result = self.save_page(self.space, parse(title), body, self.user(author),
                                summary=summary, base_number=None if self._new(title)
                                else self._head(title), tags=tags, language=language)
        return result.page

    def _new(self, title):
        return title not in self.pages

    def _head(self, title):
        return self.pages[title].head_number

    def page(self, key, title, language, tags, revisions, source_key):
        from wiki.translations import link_translation
        page = None
        for author, summary, body in revisions:
            page = self.save(title, body, author, summary, language, tags)
            self.pages[title] = page
        self.pages[key] = page
        if source_key:
            link_translation(page, self.pages[source_key])
        return page

    def run(self):
        from wiki.attachments import attach_file
        from wiki.translations import link_translation
        for key, title, language, tags, revisions, source_key in content.PAGES:
            self.page(key, title, language, tags, revisions, source_key)
        for key, author, summary, body in content.LATER_REVISIONS:
            page = self.pages[key]
            result = self.save_page(self.space, parse(page.full_title), body, self.user(author),
                                    summary=summary, base_number=page.head_number)
            self.pages[key] = result.page
        for key, name, author, comment, text in content.ATTACHMENTS:
            attach_file(self.pages[key], name, io.BytesIO(text.encode("utf-8")),
                        self.user(author), comment=comment)
        self.glossary(link_translation)
        db.session.flush()
        return self.pages

    def glossary(self, link_translation):
        # Each term is a record: its equivalents in four languages as front matter.
        from wiki.sections.seed_glossary_terms import with_front_matter
        entries = glossary_entries()
        terms_en = [e["term_en"] for e in entries]
        terms_fr = [e["term_fr"] for e in entries]
        names_en = {t: glossary_title(t) for t in terms_en}
        names_fr = {}
        for term in terms_fr:
            name = glossary_title(term)
            names_fr[term] = name + " (fr)" if name in names_en.values() else name
        edits = {term: (author, text) for term, author, text in glossary.GLOSSARY_EDITS}
        authors = ["priya", "kofi", "claire", "joao", "lucia", "amina"]
        for index, entry in enumerate(entries):
            term_en, term_fr = entry["term_en"], entry["term_fr"]
            knowledge_en, knowledge_fr = KNOWLEDGE_LINKS.get(term_en, (None, None))
            tags = _tags_for(term_en)
            en_title = f"Glossary:{names_en[term_en]}"
            body_en = with_front_matter(entry, _body(
                entry["definition_en"], _see_also(term_en, entry["definition_en"], terms_en),
                "See also", names_en, knowledge_en))
            en = self.save(en_title, body_en, authors[index % len(authors)],
                           "New term", "en", tags)
            self.pages[en_title] = en
            if term_en in edits:
                author, addition = edits[term_en]
                en = self.save(en_title, body_en + addition, author, "Add an example", "en",
                               tags)
            fr_title = f"Glossary:{names_fr[term_fr]}"
            body_fr = with_front_matter(entry, _body(
                entry["definition_fr"], _see_also(term_fr, entry["definition_fr"], terms_fr),
                "Voir aussi", names_fr, knowledge_fr))
            fr = self.save(fr_title, body_fr, "claire" if index % 2 else "amina",
                           "Traduction", "fr", tags)
            self.pages[fr_title] = fr
            link_translation(fr, en)


def seed_wiki(site):
    """The wiki's seeder (``app.seed.add_seeder``): fills the commons."""
    if site.commons is None or not site.users:
        return None
    return Seeder(site).run()
