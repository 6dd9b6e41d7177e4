"""Demo content of the sections (``flask seed-demo``, after the wiki's seeder):
country profiles with real World Bank indicators, illustrative schemes,
library records, positions in the knowledge base and a few key questions.

Idempotent: a page that exists already is left as it is, so running the
seeder twice changes nothing."""
import io
import json
from pathlib import Path

from app.extensions import db
from wiki.queries import find_page
from wiki.records import frontmatter
from wiki.records.schema import schema_for
from wiki.sections import seed_country_texts, seed_records_data
from wiki.sections.knowledge import QUESTIONS
from wiki.titles import parse

COUNTRIES = Path(__file__).resolve().parent / "seed_data" / "countries.json"
INDICATORS = ("population", "gdp_per_capita", "gdp_growth")

#: The order of the knowledge base: (title, position).
POSITIONS = [
    ("Knowledge:Relevance", 1), ("Knowledge:Overview", 2), ("Knowledge:Contingencies", 3),
    ("Knowledge:Mechanisms", 4), ("Knowledge:Mechanisms/Social insurance", 1),
    ("Knowledge:Mechanisms/Social assistance", 2), ("Knowledge:Mechanisms/Microinsurance", 3),
    ("Knowledge:Mechanisms/Mutual health organisations", 4),
]

#: Key questions: (page, question, asked by, answer or None, answered by).
KEY_QUESTIONS = [
    ("Knowledge:Overview", "How does social protection differ from social assistance?", "kofi",
     "Social assistance is one part of social protection: support financed by taxes or aid "
     "without prior contributions. Social protection also includes social insurance, "
     "financed by contributions, and services. See [[Knowledge:Mechanisms]].", "claire"),
    ("Knowledge:Contingencies", "Which contingencies matter most to informal workers?", "priya",
     None, None),
    ("Knowledge:Mechanisms/Microinsurance",
     "How can a scheme keep premiums affordable for low-income members?", "lucia",
     "Common answers: cover the risk people fear most first, keep administration cheap "
     "(collect premiums through groups people already belong to), allow payment at the "
     "rhythm of incomes (after the harvest, by mobile money), and seek a "
     "[[Glossary:Premium subsidy|premium subsidy]] for the poorest.", "priya"),
    ("Knowledge:Mechanisms/Mutual health organisations",
     "Why do many members leave after their first year?", "amina", None, None),
]


def load_countries():
    with open(COUNTRIES, encoding="utf-8") as fh:
        return json.load(fh)


def country_title(entry):
    return "Country:" + entry["names"]["en"].replace("\u2019", "'")


class SectionSeeder:
    def __init__(self, site):
        from wiki.services import save_page
        self.save_page = save_page
        self.site = site
        self.users = site.users
        self.created = []

    def user(self, name):
        return self.users.get(name) or next(iter(self.users.values()))

    def space(self, key):
        if key is None:
            return self.site.commons
        return getattr(self.site, "workspaces", {}).get(key)

    def create(self, space, title, body, author, summary, language, tags=None):
        """Save a new page, unless it exists (then None)."""
        title = parse(title)
        if space is None or find_page(space, title) is not None:
            return None
        page = self.save_page(space, title, body, self.user(author), summary=summary,
                              language=language, tags=tags).page
        self.created.append(page)
        return page

    def record(self, space, title, values, text, author, summary, language, tags=None):
        order = schema_for(parse(title).namespace).names
        body = frontmatter.join(values, "\n" + text, order=order)
        return self.create(space, title, body, author, summary, language, tags)

    def countries(self):
        for entry in load_countries():
            language, maintainer, text = seed_country_texts.TEXTS[entry["iso2"]]
            values = {"iso2": entry["iso2"], "region": entry["region"]}
            values.update({name: entry[name] for name in INDICATORS if name in entry})
            values["maintainer"] = self.user(maintainer).display_name or maintainer
            self.record(self.site.commons, country_title(entry), values, text, maintainer,
                        "Country profile", language, tags=["country-profile"])

    def records(self):
        from wiki.attachments import attach_file
        for title, language, author, values, body, key in (seed_records_data.SCHEMES +
                                                           seed_records_data.LIBRARY):
            self.record(self.space(key), title, values, body, author, "New record", language)
        for title, name, text in seed_records_data.ATTACHMENTS:
            page = find_page(self.site.commons, parse(title))
            if page is not None and page in self.created:
                attach_file(page, name, io.BytesIO(text.encode("utf-8")), self.user("amina"))

    def knowledge(self):
        commons = self.site.commons
        for title, position in POSITIONS:
            page = find_page(commons, parse(title))
            if page is None or page.current_revision is None:
                continue
            data, rest = frontmatter.split(page.current_revision.body)
            if "position" in data:
                continue
            data["position"] = position
            self.save_page(commons, parse(title), frontmatter.join(data, rest, order=["position"]),
                           self.user("claire"), summary="Order in the knowledge base",
                           base_number=page.head_number, minor=True)
        for title, question, asker, answer, answerer in KEY_QUESTIONS:
            page = find_page(commons, parse(title))
            if page is None:
                continue
            full = f"{title}/{QUESTIONS}/{question}"
            created = self.create(commons, full, "", asker, "Key question", page.language)
            if created is not None and answer:
                self.save_page(commons, parse(full), answer + "\n", self.user(answerer),
                               summary="Answer", base_number=created.head_number)

    def run(self):
        self.countries()
        self.records()
        self.knowledge()
        db.session.flush()
        return self.created


def seed_sections(site):
    """The sections' seeder (``app.seed.add_seeder``)."""
    if site.commons is None or not site.users:
        return None
    return SectionSeeder(site).run()
