"""The glossary's four-language equivalents, as record front matter.

The demo glossary (``wiki/seed_data/glossary_seed.json``) gives each term in
English and French; ``seed_data/glossary_es_pt.json`` adds Spanish and
Portuguese equivalents, written for this project. A seed file that already
carries ``term_es`` / ``term_pt`` wins."""
import json
from functools import lru_cache
from pathlib import Path

from wiki.records.frontmatter import join

EQUIVALENTS = Path(__file__).resolve().parent / "seed_data" / "glossary_es_pt.json"
FIELDS = ("term_en", "term_fr", "term_es", "term_pt", "domain")


@lru_cache(maxsize=1)
def equivalents():
    with open(EQUIVALENTS, encoding="utf-8") as fh:
        return json.load(fh)


def domain_of(term_en):
    """The glossary domain of a term: the first of its topic tags."""
    from wiki.seed_glossary import GLOSSARY_TAGS
    for tag, terms in GLOSSARY_TAGS.items():
        if term_en in terms:
            return tag
    return None


def record_values(entry):
    """``{term_en, term_fr, term_es, term_pt, domain}`` of a glossary seed entry."""
    extra = equivalents().get(entry["term_en"], {})
    values = {"term_en": entry["term_en"], "term_fr": entry["term_fr"],
              "term_es": entry.get("term_es") or extra.get("term_es"),
              "term_pt": entry.get("term_pt") or extra.get("term_pt"),
              "domain": domain_of(entry["term_en"])}
    return {key: value for key, value in values.items() if value}


def with_front_matter(entry, body):
    """``body`` preceded by the term's front matter."""
    return join(record_values(entry), body, order=list(FIELDS))
