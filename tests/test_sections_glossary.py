"""The Glossary A to Z in the reader's language, the term API for tooltips,
and the tooltip script on pages that link to terms."""
import re

import pytest

TERMS = {
    "Premium": ("Premium", "Prime (d'assurance)", "Prima (de seguro)", "Prémio (de seguro)",
                "The amount a member pays for cover."),
    "Risk pooling": ("Risk pooling", "Mutualisation des risques", "Mancomunación de riesgos",
                     "Mutualização dos riscos", "Putting contributions together."),
    "Deductible": ("Deductible", "Franchise", "Deducible", "Franquia",
                   "An amount the insured person bears first."),
}


def term_body(en, fr, es, pt, definition):
    return (f"---\nterm_en: {en}\nterm_fr: \"{fr}\"\nterm_es: {es}\nterm_pt: {pt}\n---\n"
            f"{definition} See [[Glossary:Premium]].\n\nA second paragraph.\n")


@pytest.fixture
def glossary(make_page):
    pages = {title: make_page(f"Glossary:{title}", body=term_body(*values), language="en")
             for title, values in TERMS.items()}
    # The French translation of a term is listed once, not twice.
    pages["fr"] = make_page("Glossary:Prime (d'assurance)", language="fr",
                            body=term_body(*TERMS["Premium"][:4], "Somme versée par l'assuré."))
    pages["plain"] = make_page("Glossary:Zakat", body="Alms, a plain page without fields.")
    return pages


def letters(html):
    """``{letter: [terms]}`` of the A to Z."""
    found = {}
    for letter, section in re.findall(r'<section class="letter" id="letter-(\w+)".*?>(.*?)'
                                      r'</section>', html, re.S):
        found[letter] = re.findall(r'class="term">([^<]+)</a>', section)
    return found


def get(client, path, language):
    return client.get(path, headers={"Accept-Language": language}).get_data(as_text=True)


def test_english_a_to_z_with_equivalents(client, glossary):
    html = get(client, "/ns/Glossary", "en")
    assert letters(html) == {"D": ["Deductible"], "P": ["Premium"], "R": ["Risk pooling"],
                             "Z": ["Zakat"]}
    premium = re.search(r'class="term">Premium</a>(.*?)</li>', html, re.S).group(1)
    assert '<span lang="fr">Prime (d&#39;assurance)</span>' in premium
    assert '<span lang="es">Prima (de seguro)</span>' in premium
    assert '<span lang="pt">Prémio (de seguro)</span>' in premium
    assert "The amount a member pays for cover. See Premium." in premium
    assert "second paragraph" not in premium


def test_french_a_to_z_lists_french_terms(client, glossary):
    html = get(client, "/ns/Glossary", "fr")
    assert letters(html) == {"F": ["Franchise"], "M": ["Mutualisation des risques"],
                             "P": ["Prime (d&#39;assurance)"], "Z": ["Zakat"]}
    # The French page of the term is the one listed, with its French definition.
    assert 'href="/wiki/Glossary:Prime_(d%27assurance)"' in html
    assert "Somme versée par l&#39;assuré." in html
    assert '<span lang="en">Premium</span>' in html


def test_spanish_and_portuguese_a_to_z(client, glossary):
    spanish = letters(get(client, "/ns/Glossary", "es"))
    assert spanish == {"D": ["Deducible"], "M": ["Mancomunación de riesgos"],
                       "P": ["Prima (de seguro)"], "Z": ["Zakat"]}
    portuguese = letters(get(client, "/ns/Glossary", "pt"))
    assert portuguese == {"F": ["Franquia"], "M": ["Mutualização dos riscos"],
                          "P": ["Prémio (de seguro)"], "Z": ["Zakat"]}
    html = get(client, "/ns/Glossary", "pt")
    assert 'href="/wiki/Glossary:Premium"' in html   # no Portuguese page: the English one


def test_the_term_api(client, glossary):
    response = client.get("/api/v1/glossary/Premium", headers={"Accept-Language": "es"})
    assert response.status_code == 200
    data = response.get_json()
    assert data == {"title": "Glossary:Premium", "term": "Prima (de seguro)",
                    "equivalents": {"en": "Premium", "fr": "Prime (d'assurance)",
                                    "es": "Prima (de seguro)", "pt": "Prémio (de seguro)"},
                    "definition": "The amount a member pays for cover. See Premium.",
                    "url": "/wiki/Glossary:Premium"}
    assert client.get("/api/v1/glossary/Glossary:Risk_pooling").get_json()["term"] == \
        "Risk pooling"
    plain = client.get("/api/v1/glossary/Zakat").get_json()
    assert plain["term"] == "Zakat" and plain["equivalents"]["fr"] is None
    missing = client.get("/api/v1/glossary/Nothing")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"]
    assert client.get("/api/v1/glossary/Library:Premium").status_code == 404
    assert client.get("/api/v1/glossary/Bad%5Btitle").status_code == 400


def test_the_term_api_hides_what_the_reader_may_not_read(client, make_page, make_workspace,
                                                         make_user, auth):
    owner = make_user("olga")
    make_workspace("closed-ws", owner, visibility="private")
    from app.spaces.services import space_by_slug
    make_page("Glossary:Secret", body=term_body("Secret", "Secret", "Secreto", "Segredo",
                                                "Hidden."),
              space=space_by_slug("closed-ws"), author=owner)
    assert client.get("/api/v1/glossary/Secret?ws=closed-ws").status_code == 404
    assert client.get("/api/v1/glossary/Secret?ws=nowhere").status_code == 404
    assert client.get("/api/v1/glossary/Secret").status_code == 404
    auth.login("olga")
    assert client.get("/api/v1/glossary/Secret?ws=closed-ws").get_json()["term"] == "Secret"


def test_the_api_is_described(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert "get" in document["paths"]["/glossary/{title}"]
    assert "GlossaryTerm" in document["components"]["schemas"]


def test_pages_linking_to_terms_load_the_tooltip_script(client, glossary, make_page):
    make_page("Knowledge:Pricing", body="Set the [[Glossary:Premium|premium]] carefully.")
    html = client.get("/wiki/Knowledge:Pricing").get_data(as_text=True)
    script = re.search(r'<script src="(/sections/static/glossary\.js\?v=\w+)" '
                       r'data-api="/api/v1/glossary/"', html)
    assert script
    served = client.get(script.group(1))
    assert served.status_code == 200 and b'role", "tooltip"' in served.data
    assert b"aria-describedby" in served.data and b"Escape" in served.data
    served.close()
    # Without JavaScript it is a plain link.
    assert 'href="/wiki/Glossary:Premium"' in html
    make_page("Knowledge:Unrelated", body="No terms here.")
    assert "glossary.js" not in client.get("/wiki/Knowledge:Unrelated").get_data(as_text=True)
