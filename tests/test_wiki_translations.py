"""Translation groups: "This page in", creating a translation, the outdated
notice and bringing a translation up to date."""
import pytest

from app.extensions import db
from app.spaces.services import commons
from tests.fixtures.sql import count_queries
from wiki import translations
from wiki.queries import find_page
from wiki.titles import parse


def page_at(title, space=None):
    db.session.expire_all()
    return find_page(space or commons(), parse(title))


@pytest.fixture
def translator(make_user, auth):
    user = make_user("tess", locale="fr")
    auth.login("tess")
    return user


def test_translate_form_is_prefilled(app, client, translator, make_page):
    make_page("Knowledge:Pooling", body="Many people share the cost of a few.", language="en")
    response = client.get("/wiki/Knowledge:Pooling/translate?lang=fr")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Many people share the cost of a few." in html
    assert 'value="Knowledge:Pooling/fr"' in html
    assert '<option value="fr" selected>' in html
    assert '<option value="en"' not in html  # the source's own language is taken


def test_create_translation_links_the_group(app, client, translator, make_page):
    source = make_page("Knowledge:Pooling", body="English text.", language="en")
    make_page("Knowledge:Pooling", body="English text, revised.")
    response = client.post("/wiki/Knowledge:Pooling/translate", data={
        "language": "fr", "title": "Knowledge:Mutualisation", "body": "Texte français."})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/wiki/Knowledge:Mutualisation")
    french = page_at("Knowledge:Mutualisation")
    assert french.language == "fr"
    assert french.translation_of_id == source.id
    assert french.translation_synced_number == 2
    # A second French translation is refused, and so is a title already taken.
    again = client.post("/wiki/Knowledge:Pooling/translate", data={
        "language": "fr", "title": "Knowledge:Autre", "body": "x"})
    assert again.status_code == 409
    assert page_at("Knowledge:Autre") is None
    taken = client.post("/wiki/Knowledge:Pooling/translate", data={
        "language": "es", "title": "Knowledge:Mutualisation", "body": "x"})
    assert taken.status_code == 409
    bad = client.post("/wiki/Knowledge:Pooling/translate", data={
        "language": "es", "title": "Knowledge:Bad[title]", "body": "x"})
    assert bad.status_code == 400
    unknown = client.post("/wiki/Knowledge:Pooling/translate", data={
        "language": "de", "title": "Knowledge:Pooling/de", "body": "x"})
    assert unknown.status_code == 422


def test_translating_a_translation_joins_the_source_group(app, client, translator, make_page):
    source = make_page("Main Page", body="Welcome.", language="en")
    french = make_page("Accueil", body="Bienvenue.", language="fr")
    translations.link_translation(french, source)
    db.session.commit()
    response = client.post("/wiki/Accueil/translate", data={
        "language": "es", "title": "Portada", "body": "Bienvenidos."})
    assert response.status_code == 303
    assert page_at("Portada").translation_of_id == source.id


def test_page_shows_its_translations(app, client, make_page, make_user, auth):
    source = make_page("Main Page", body="Welcome.", language="en")
    for title, language in (("Accueil", "fr"), ("Portada", "es")):
        page = make_page(title, body="...", language=language)
        translations.link_translation(page, source)
    db.session.commit()
    html = client.get("/wiki/Main_Page").get_data(as_text=True)
    assert 'id="translations"' in html
    assert 'href="/wiki/Accueil"' in html and 'hreflang="fr"' in html
    assert 'href="/wiki/Portada"' in html
    # Anonymous readers are not offered to translate; members are, in missing languages.
    assert "translate?lang=" not in html
    make_user("mia")
    auth.login("mia")
    html = client.get("/wiki/Accueil").get_data(as_text=True)
    assert 'href="/wiki/Main_Page"' in html
    assert "/wiki/Accueil/translate?lang=pt" in html
    assert "translate?lang=fr" not in html


def test_group_of_is_one_query_and_hides_what_the_reader_cannot_see(app, make_page):
    from wiki.services import delete_page
    source = make_page("Main Page", body="Welcome.", language="en")
    pages = []
    for title, language in (("Accueil", "fr"), ("Portada", "es"), ("Início", "pt")):
        page = make_page(title, body="...", language=language)
        translations.link_translation(page, source)
        pages.append(page)
    delete_page(pages[2], None)
    db.session.commit()
    assert pages[0].translation_of_id == source.id  # loaded before counting
    with count_queries() as statements:
        siblings = translations.group_of(pages[0], None)
    assert [p.full_title for p in siblings] == ["Main Page", "Portada"]
    assert len(statements) == 1


def test_outdated_translation_links_to_the_source_diff(app, client, translator, make_page):
    make_page("Knowledge:Risk", body="One.", language="en")
    client.post("/wiki/Knowledge:Risk/translate", data={
        "language": "fr", "title": "Knowledge:Risque", "body": "Un."})
    french = page_at("Knowledge:Risque")
    assert 'id="translation-outdated"' not in client.get("/wiki/Knowledge:Risque").get_data(
        as_text=True)
    make_page("Knowledge:Risk", body="One.\n\nTwo.")
    make_page("Knowledge:Risk", body="One.\n\nTwo.\n\nThree.")
    html = client.get("/wiki/Knowledge:Risque").get_data(as_text=True)
    assert 'id="translation-outdated"' in html
    assert "/wiki/Knowledge:Risk/diff?from=1&amp;to=3" in html
    outdated = translations.outdated(page_at("Knowledge:Risque"))
    assert (outdated.synced, outdated.head) == (1, 3)

    # An ordinary edit of the translation leaves it flagged...
    revision = page_at("Knowledge:Risque").head_number
    client.post("/wiki/Knowledge:Risque/edit", data={
        "body": "Un !", "summary": "typo", "base_rev": revision, "language": "fr"})
    assert page_at("Knowledge:Risque").translation_synced_number == 1
    # ...the "brought up to date" checkbox clears the flag.
    revision = page_at("Knowledge:Risque").head_number
    client.post("/wiki/Knowledge:Risque/edit", data={
        "body": "Un.\n\nDeux.\n\nTrois.", "base_rev": revision, "language": "fr",
        "translation_synced": "1"})
    french = page_at("Knowledge:Risque")
    assert french.translation_synced_number == 3
    assert translations.outdated(french) is None
    assert 'id="translation-outdated"' not in client.get("/wiki/Knowledge:Risque").get_data(
        as_text=True)


def test_mark_as_up_to_date_button(app, client, translator, make_page):
    source = make_page("Knowledge:Risk", body="One.", language="en")
    french = make_page("Knowledge:Risque", body="Un.", language="fr")
    translations.link_translation(french, source)
    db.session.commit()
    make_page("Knowledge:Risk", body="One, changed.")
    assert translations.outdated(page_at("Knowledge:Risque")) is not None
    response = client.post("/wiki/Knowledge:Risque/translate", data={"mark_synced": "1"})
    assert response.status_code == 303
    assert translations.outdated(page_at("Knowledge:Risque")) is None
    # The source itself is no translation.
    assert client.post("/wiki/Knowledge:Risk/translate",
                       data={"mark_synced": "1"}).status_code == 400


def test_translate_needs_a_writer_and_a_readable_page(app, client, make_page, make_user, auth,
                                                      make_space):
    make_page("Knowledge:Risk", body="One.", language="en")
    anonymous = client.get("/wiki/Knowledge:Risk/translate?lang=fr")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    owner = make_user("olga")
    make_user("victor")
    private = make_space("secret", visibility="private", members={owner: "owner"})
    make_page("Knowledge:Hidden", body="x", space=private, author=owner)
    auth.login("victor")
    assert client.get("/w/secret/wiki/Knowledge:Hidden/translate?lang=fr").status_code == 404
    assert client.get("/wiki/Knowledge:Nothing/translate?lang=fr").status_code == 404


def test_default_language_follows_the_author(app, make_user):
    assert translations.default_language(make_user("fra", locale="pt")) == "pt"
    assert translations.default_language(None) == "en"


def test_existing_translation_is_edited_not_duplicated(app, client, translator, make_page):
    source = make_page("Knowledge:Risk", body="One.", language="en")
    french = make_page("Knowledge:Risque", body="Un.", language="fr")
    translations.link_translation(french, source)
    db.session.commit()
    response = client.get("/wiki/Knowledge:Risk/translate?lang=fr")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/wiki/Knowledge:Risque/edit")
    # The translation's edit form offers the "brought up to date" checkbox; the source's not.
    assert 'id="translation-synced"' in client.get(
        "/wiki/Knowledge:Risque/edit").get_data(as_text=True)
    assert 'id="translation-synced"' not in client.get(
        "/wiki/Knowledge:Risk/edit").get_data(as_text=True)
