"""The search pages: /search (HTML), /api/v1/search (JSON), /search/suggest."""
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.fixtures.search import BACKENDS

pytestmark = BACKENDS


def test_results_page_shows_escaped_snippets_with_marks(backend, client, make_page):
    make_page("Library:Scripts", body="Never <script>alert(1)</script> run mangoes here.",
              tags=["fruit"])
    response = client.get("/search?q=mangoes")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'href="/wiki/Library:Scripts"' in html
    assert "<mark>mangoes</mark>" in html
    assert "<script>alert" not in html  # escaped (Whoosh) or dropped by ts_headline
    if backend == "whoosh":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'data-facet="namespace"' in html and 'data-facet="tag"' in html
    assert "/search?q=mangoes&amp;tag=fruit" in html
    assert 'id="search-total"' in html


def test_filters_from_the_query_string(backend, client, make_page):
    make_page("Library:Mangoes", body="Mangoes grow.")
    make_page("Mangoes", body="Mangoes ripen.")
    html = client.get("/search?q=mangoes&ns=Library").get_data(as_text=True)
    assert 'href="/wiki/Library:Mangoes"' in html and 'href="/wiki/Mangoes"' not in html


def test_pagination_links(backend, client, make_page):
    for number in range(23):
        make_page(f"Orchard {number}", body="Orchards everywhere.")
    html = client.get("/search?q=orchards").get_data(as_text=True)
    assert 'rel="next"' in html and "page=2" in html
    html = client.get("/search?q=orchards&page=2").get_data(as_text=True)
    assert html.count('class="search-result"') == 3
    assert client.get("/search?q=orchards&page=abc").status_code == 200


def test_did_you_mean_link(backend, client, make_page):
    make_page("Microfinance", body="Microfinance institutions.")
    html = client.get("/search?q=microfinanse").get_data(as_text=True)
    assert 'id="search-suggestion"' in html and "/search?q=microfinance" in html


def test_api_shape_and_permissions(backend, client, make_page, make_space, make_user,
                                   api_token):
    member = make_user("member")
    secret = make_space("secret", visibility="private", members={member: "viewer"})
    make_page("Glossary:Premium", body="Premium paid yearly.", tags=["money"])
    make_page("Premium secrets", body="Premium secrets.", space=secret)
    body = client.get("/api/v1/search?q=premium").get_json()
    assert body["total"] == 1
    [result] = body["results"]
    assert set(result) >= {"title", "url", "snippet", "score", "namespace", "workspace"}
    assert result["title"] == "Glossary:Premium" and result["url"] == "/wiki/Glossary:Premium"
    assert result["namespace"] == "Glossary" and result["workspace"] is None
    assert "<mark>Premium</mark>" in result["snippet"]
    assert body["facets"]["tag"] == [{"value": "money", "count": 1}]
    body = client.get("/api/v1/search?q=premium", headers=api_token(member)).get_json()
    assert body["total"] == 2
    assert {"value": "secret", "count": 1} in body["facets"]["workspace"]
    body = client.get("/api/v1/search?q=premium&ws=secret").get_json()
    assert body["total"] == 0 and body["results"] == []


def test_api_suggestion(backend, client, make_page):
    make_page("Microfinance", body="Microfinance institutions.")
    assert client.get("/api/v1/search?q=microfinanse").get_json()["suggestion"] == \
        "microfinance"


def test_title_suggestions_endpoint(backend, client, make_page, make_space):
    secret = make_space("secret", visibility="private")
    make_page("Knowledge:Insurance basics", body="x")
    make_page("Insurance secrets", body="x", space=secret)
    found = client.get("/search/suggest?q=insu").get_json()
    assert found == [{"title": "Knowledge:Insurance basics",
                      "url": "/wiki/Knowledge:Insurance_basics"}]
    assert client.get("/search/suggest?q=i").get_json() == []


def test_search_box_script_is_a_static_file(backend, client):
    html = client.get("/search").get_data(as_text=True)
    assert "/static/search.js" in html
    assert client.get("/static/search.js").status_code == 200


def test_openapi_describes_search(backend, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "ns", "ws", "lang", "tag",
                                                            "page"}
    assert "SearchResults" in spec["components"]["schemas"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                    max_size=120))
def test_any_input_gives_a_page_not_an_error(backend, client, text):
    assert client.get("/search", query_string={"q": text}).status_code == 200
    response = client.get("/api/v1/search", query_string={"q": text, "page": "2"})
    assert response.status_code == 200 and "total" in response.get_json()


def test_a_nul_character_is_a_clear_bad_request(backend, client):
    assert client.get("/search", query_string={"q": "a\x00b"}).status_code == 400
    response = client.get("/api/v1/search", query_string={"q": "\x00"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad-request"


def test_the_acceptance_searches(backend, client, make_page):
    """Portuguese plurals, a query of exclusions only, and a record's snippet, as the
    acceptance test asked for them."""
    make_page("Pensão", body="A pensão social.", language="pt")
    make_page("Mutuelle", body="La mutuelle de santé.", language="fr")
    make_page("Country:Senegal", body="---\niso2: SN\nmaintainer: Claire Dubois\n---\n"
                                      "Senegal profile.")
    for query in ("pensões", "pensoes", "pensão"):
        body = client.get("/api/v1/search", query_string={"q": query}).get_json()
        assert [r["title"] for r in body["results"]] == ["Pensão"], query
    body = client.get("/api/v1/search?q=NOT%20mutuelle").get_json()
    assert body["total"] == 2 and "Mutuelle" not in {r["title"] for r in body["results"]}
    assert not any("<mark>" in r["snippet"] for r in body["results"])
    html = client.get("/search?q=Dubois").get_data(as_text=True)
    assert "Claire <mark>Dubois</mark>" in html
    assert "maintainer" not in html and "---" not in html
