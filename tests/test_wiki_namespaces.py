"""``/ns/<Namespace>``: Glossary A to Z, Knowledge tree, Library list with filters,
plain lists for the others; canonical names; only what the reader may read."""
import re

import pytest

from app.extensions import db
from wiki import services
from wiki.namespaces import by_letter, letter_of


def test_letters():
    assert letter_of("Épargne") == "E" and letter_of("abc") == "A"
    assert letter_of("3G") == "#" and letter_of("«Quote»") == "#"

    class P:
        def __init__(self, title):
            self.title = title

    groups = by_letter([P("Zeta"), P("1st"), P("Alpha"), P("Écu"), P("Ant")])
    assert [(letter, [p.title for p in pages]) for letter, pages in groups] == [
        ("A", ["Alpha", "Ant"]), ("E", ["Écu"]), ("Z", ["Zeta"]), ("#", ["1st"])]


def test_glossary_a_to_z(app, client, make_page):
    for title in ("Glossary:Annuity", "Glossary:Benefit", "Glossary:Équité", "Glossary:Bond",
                  "Library:Not a term"):
        make_page(title)
    gone = make_page("Glossary:Deleted term")
    services.delete_page(gone, None)
    db.session.commit()
    response = client.get("/ns/Glossary")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'href="#letter-A"' in text and 'href="#letter-B"' in text and 'href="#letter-E"' in text
    assert 'href="#letter-C"' not in text
    assert text.index("Annuity") < text.index("Benefit") < text.index("Bond") < text.index(
        "Équité")
    assert 'href="/wiki/Glossary:Benefit"' in text
    assert "Deleted term" not in text and "Not a term" not in text


def test_knowledge_tree(app, client, make_page):
    make_page("Knowledge:Mechanisms")
    make_page("Knowledge:Mechanisms/Microinsurance")
    make_page("Knowledge:Mechanisms/Microinsurance/Chile")
    make_page("Knowledge:Orphans/Child")  # its parent does not exist
    text = client.get("/ns/Knowledge").get_data(as_text=True)
    assert 'id="ns-tree"' in text
    assert 'href="/wiki/Knowledge:Mechanisms/Microinsurance/Chile"' in text
    # nested: the child list sits inside the parent's item
    start = text.index('href="/wiki/Knowledge:Mechanisms"')
    end = text.index('href="/wiki/Knowledge:Orphans/Child"')
    assert start < text.index("Microinsurance/Chile") < end
    assert '<span class="missing">Orphans</span>' in text


def test_library_list_with_filters(app, client, make_page):
    make_page("Library:Health financing", tags=["health"], language="en")
    make_page("Library:Santé", tags=["health"], language="fr")
    make_page("Library:Pensions", tags=["pensions"], language="en")
    text = client.get("/ns/Library").get_data(as_text=True)
    assert all(name in text for name in ("Health financing", "Santé", "Pensions"))
    assert 'id="ns-filters"' in text and '<option value="pensions"' in text
    text = client.get("/ns/Library?tag=health").get_data(as_text=True)
    assert "Health financing" in text and "Santé" in text and "Pensions" not in text
    text = client.get("/ns/Library?tag=health&lang=fr").get_data(as_text=True)
    assert "Santé" in text and "Health financing" not in text
    assert client.get("/ns/Library?tag=<bad>&lang=xx").status_code == 200


def test_plain_namespace_paginates(app, client, make_page):
    for n in range(52):
        make_page(f"Help:Topic {n:02d}")
    text = client.get("/ns/Help").get_data(as_text=True)
    assert text.count('href="/wiki/Help:Topic') == 50 and 'id="next-page"' in text
    text = client.get("/ns/Help?page=2").get_data(as_text=True)
    assert text.count('href="/wiki/Help:Topic') == 2
    assert 'id="ns-filters"' not in text


def test_main_namespace_and_empty(app, client, make_page):
    assert 'id="ns-empty"' in client.get("/ns/Country").get_data(as_text=True)
    make_page("Front")
    assert 'href="/wiki/Front"' in client.get("/ns/Main").get_data(as_text=True)


@pytest.mark.parametrize("name", ["glossary", "GLOSSARY", "gLoSsArY"])
def test_case_insensitive_redirect(app, client, name):
    response = client.get(f"/ns/{name}?x=1")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/ns/Glossary?x=1")


def test_unknown_namespace_404(app, client):
    assert client.get("/ns/Nowhere").status_code == 404


@pytest.mark.config(EXTRA_NAMESPACES=("Project",), NAMESPACE_LAYOUTS={"Project": "az"})
def test_configured_namespace(app, client, make_page):
    make_page("Project:Alpha")
    make_page("Project:1st phase")
    text = client.get("/ns/Project").get_data(as_text=True)
    assert 'href="#letter-A"' in text and 'href="#letter-other"' in text
    # Each letter's section is the target of its link, named by its heading.
    for anchor, letter in (("A", "A"), ("other", "#")):
        assert (f'<section class="letter" id="letter-{anchor}" '
                f'aria-labelledby="letter-{anchor}-heading">') in text
        assert f'<h2 id="letter-{anchor}-heading">{letter}</h2>' in text
    assert text.index('id="letter-other"') < text.index(">1st phase</a>")


def test_workspace_namespaces_are_their_own(app, client, make_page, make_space, make_user,
                                            auth):
    member = make_user("member")
    secret = make_space("secret", visibility="private", members={member: "viewer"})
    make_page("Library:Commons doc")
    make_page("Library:Secret doc", space=secret)
    text = client.get("/ns/Library").get_data(as_text=True)
    assert "Commons doc" in text and "Secret doc" not in text
    assert client.get("/w/secret/ns/Library").status_code == 404
    auth.login("member")
    text = client.get("/w/secret/ns/Library").get_data(as_text=True)
    assert "Secret doc" in text and "Commons doc" not in text
    assert 'href="/w/secret/wiki/Library:Secret_doc"' in text
    assert client.get("/w/secret/ns/library").headers["Location"].endswith(
        "/w/secret/ns/Library")


def test_odd_query_strings_do_not_break_links(app, client, make_page):
    for n in range(51):
        make_page(f"Help:Item {n:02d}")
    response = client.get("/ns/help?namespace=X&_scheme=javascript&_external=1")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/ns/Help")
    text = client.get("/ns/Help?_scheme=javascript&_anchor=x").get_data(as_text=True)
    assert 'href="/ns/Help?page=2"' in text


def test_query_string_cannot_move_links_to_another_space(app, client, make_page, make_space):
    make_space("other")
    for n in range(51):
        make_page(f"Help:Item {n:02d}")
    response = client.get("/ns/help?space_slug=other")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/ns/Help")
    text = client.get("/ns/Help?space_slug=other").get_data(as_text=True)
    assert 'href="/ns/Help?page=2"' in text and "/w/other/" not in text


@pytest.mark.parametrize("number", ["99999999999999999999999", "-5", "1e3", "9" * 5000])
def test_absurd_page_numbers_are_not_errors(app, client, make_page, number):
    make_page("Help:Only", tags=["one"])
    assert client.get(f"/ns/Help?page={number}").status_code == 200
    assert client.get(f"/tags/one?page={number}").status_code == 200


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
@pytest.mark.parametrize("namespace", ["Library", "Glossary", "Knowledge", "Country", "Schemes"])
def test_an_index_is_named_in_the_readers_language(client, language, namespace):
    """The heading and the window's title use the menu's words for the namespace."""
    html = client.get(f"/ns/{namespace}",
                      headers={"Accept-Language": language}).get_data(as_text=True)
    menu = re.search(rf'<a href="/ns/{namespace}"[^>]*>([^<]+)</a>', html).group(1)
    assert re.search(r'<h1 id="ns-title">([^<]+)</h1>', html).group(1) == menu
    assert f"<title>{menu} · " in html
