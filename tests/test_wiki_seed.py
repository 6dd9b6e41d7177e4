"""The demo wiki: linked, tagged, multilingual pages with real histories."""
from collections import Counter

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.seed import DemoSite, seed_people
from wiki import seed, translations
from wiki.models import Attachment, Page, PageLink, PageTag, Revision
from wiki.queries import find_page
from wiki.titles import parse


def seeded_site():
    site = DemoSite()
    seed_people(site)
    seed.seed_wiki(site)
    db.session.commit()
    return site


def broken_links():
    links = db.session.execute(select(PageLink.to_space_id, PageLink.to_namespace,
                                      PageLink.to_title)).all()
    assert len(links) > 60
    existing = set(db.session.execute(select(Page.space_id, Page.namespace, Page.title)).all())
    return [tuple(link) for link in links if tuple(link) not in existing]


def page_at(site, title):
    return find_page(site.commons, parse(title))


@pytest.fixture
def glossary_file():
    assert seed.GLOSSARY_SEED.is_file(), "the glossary seed ships with the package"
    return seed.GLOSSARY_SEED


#: The big glossary is seeded by its own test; the others use the built-in few terms.
SMALL_GLOSSARY = pytest.mark.config(GLOSSARY_SEED_PATH="/nonexistent/glossary.json")


@SMALL_GLOSSARY
def test_seed_builds_a_linked_tagged_multilingual_wiki(app, client):
    site = seeded_site()
    # Main page, help and the knowledge base tree.
    main = page_at(site, "Main Page")
    assert main.language == "en"
    group = translations.group_of(main, None)
    assert sorted(p.language for p in group) == ["es", "fr", "pt"]
    assert page_at(site, "Help:Contents") is not None
    for title in ("Knowledge:Relevance", "Knowledge:Overview", "Knowledge:Contingencies",
                  "Knowledge:Mechanisms", "Knowledge:Mechanisms/Microinsurance",
                  "Knowledge:Mechanisms/Mutual health organisations", "Library:Reading list"):
        assert page_at(site, title) is not None, title
    languages = Counter(db.session.scalars(select(Page.language)))
    assert set(languages) == {"en", "fr", "es", "pt"}

    # Every wiki link of the demo leads to a page (but for glossary terms: few here).
    links = [link for link in broken_links() if link[1] != "Glossary"]
    assert links == []
    targets = db.session.scalars(select(PageLink.to_title)
                                 .where(PageLink.from_page_id == main.id)).all()
    assert "Overview" in targets and "Contents" in targets

    # Histories by several people, and a translation left behind by its source.
    overview = page_at(site, "Knowledge:Overview")
    authors = db.session.scalars(select(Revision.author_id)
                                 .where(Revision.page_id == overview.id)).all()
    assert len(authors) == 3 and len(set(authors)) == 3
    outdated = translations.outdated(page_at(site, "Knowledge:Vue d'ensemble"))
    assert outdated is not None and (outdated.synced, outdated.head) == (2, 3)
    assert translations.outdated(page_at(site, "Accueil")) is None
    several = db.session.scalar(select(func.count()).select_from(
        select(Revision.page_id).group_by(Revision.page_id)
        .having(func.count(func.distinct(Revision.author_id)) > 1).subquery()))
    assert several >= 5

    # Tags, a file, and the pages as readers see them.
    tags = set(db.session.scalars(select(PageTag.tag)))
    assert {"microinsurance", "glossary", "social-protection", "health"} <= tags
    assert db.session.scalar(select(Attachment.name)) == "example-contribution-schedule.csv"
    response = client.get("/wiki/Library:Designing_a_micro-insurance_product")
    assert response.status_code == 200
    assert "attachments/example-contribution-schedule.csv" in response.get_data(as_text=True)
    outdated_page = client.get("/wiki/Knowledge:Vue_d'ensemble").get_data(as_text=True)
    assert 'id="translation-outdated"' in outdated_page and 'hreflang="en"' in outdated_page

    # Without the glossary seed file, a few built-in terms are seeded.
    count = db.session.scalar(select(func.count(Page.id))
                              .where(Page.namespace == "Glossary", Page.language == "en"))
    assert 0 < count < 10
    assert translations.group_of(page_at(site, "Glossary:Premium"), None)[0].language == "fr"


def test_glossary_terms_have_french_translations(app, glossary_file):
    site = seeded_site()
    english = db.session.scalars(select(Page).where(Page.namespace == "Glossary",
                                                    Page.language == "en")).all()
    assert len(english) >= 40
    premium = page_at(site, "Glossary:Premium")
    french = translations.group_of(premium, None)
    assert [(p.full_title, p.language) for p in french] == [("Glossary:Prime (d'assurance)",
                                                             "fr")]
    assert "glossary" in premium.tag_names and "insurance" in premium.tag_names
    # Terms spelled the same in both languages get distinct pages.
    capitation = page_at(site, "Glossary:Capitation")
    assert [p.title for p in translations.group_of(capitation, None)] == ["Capitation (fr)"]
    # Terms mentioned in a definition are linked from it.
    linked = [p for p in english if "[[Glossary:" in p.current_revision.body]
    assert len(linked) >= 15
    assert broken_links() == []


def test_seeder_is_registered(app):
    seeders = [fn for _order, fn in app.extensions["konbit_seeders"]]
    assert seed.seed_wiki in seeders
