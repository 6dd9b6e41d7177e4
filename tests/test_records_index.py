"""``/ns/<Namespace>`` of a namespace with fields: table, filters, sort links,
facets, pages; ``/ns/<Namespace>.csv``; the page view's infobox."""
import csv
import io

import pytest

from app.extensions import db
from tests.fixtures.records import RECORDS, record_body
from wiki import namespaces

pytestmark = RECORDS


@pytest.fixture
def projects(make_page):
    made = {}
    for name, values in [
            ("Alpha", dict(country="SN", type="mutual", members=1500, risks=["health"])),
            ("Bravo", dict(country="SN", type="cooperative", members=200)),
            ("Charlie", dict(country="ML", type="mutual", members=5000,
                             website="https://example.org/c")),
            ("Delta", dict(country="BF", type="insurer", note="=HYPERLINK(\"x\")"))]:
        made[name] = make_page(f"Projects:{name}", body=record_body(**values))
    return made


def rows(text):
    start = text.index('id="records-table"')
    body = text[start:text.index("</table>", start)]
    return [chunk.split("</a>")[0].rsplit(">", 1)[-1]
            for chunk in body.split("<tr>")[2:]]


def test_table_filter_sort(app, client, projects):
    response = client.get("/ns/Projects?country=SN&type=mutual&type=cooperative&sort=-members")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert rows(text) == ["Alpha", "Bravo"]
    assert 'id="records-total"' in text and "2 records" in text
    # sort links keep the filters and toggle the direction
    assert 'href="/ns/Projects?country=SN&amp;type=mutual&amp;type=cooperative&amp;sort=members"' \
        in text
    # facet counts, as links adding a filter
    assert '<a href="/ns/Projects?type=mutual&amp;type=cooperative&amp;sort=-members' \
           '&amp;country=SN&amp;country=ML">Mali</a>' in text
    assert 'value="mutual" checked' in text and 'value="insurer">' in text
    # CSV link with the same query
    assert 'href="/ns/Projects.csv?country=SN&amp;type=mutual&amp;type=cooperative&amp;' \
           'sort=-members"' in text
    # feed links kept
    assert 'type="application/atom+xml"' in text
    assert rows(client.get("/ns/Projects?members_min=1000&sort=members").get_data(
        as_text=True)) == ["Alpha", "Charlie"]


def test_bad_filters_are_ignored_with_a_notice(app, client, projects):
    text = client.get("/ns/Projects?bogus=1&members_min=lots").get_data(as_text=True)
    assert 'id="ignored-filters"' in text and len(rows(text)) == 4


def test_pages(app, client, make_page):
    for i in range(55):
        make_page(f"Projects:P{i:02d}", body=record_body(country="SN", members=i))
    text = client.get("/ns/Projects?sort=-members").get_data(as_text=True)
    assert len(rows(text)) == 50 and rows(text)[0] == "P54"
    assert 'href="/ns/Projects?sort=-members&amp;page=2"' in text
    text = client.get("/ns/Projects?sort=-members&page=2").get_data(as_text=True)
    assert rows(text) == ["P04", "P03", "P02", "P01", "P00"]


def test_private_records_not_counted(app, client, make_page, make_space, make_user, auth):
    member = make_user("member")
    secret = make_space("secret", visibility="private", members={member: "editor"})
    make_page("Projects:Hidden", space=secret, body=record_body(country="SN"))
    make_page("Projects:Open", body=record_body(country="ML"))
    assert client.get("/w/secret/ns/Projects").status_code == 404
    assert client.get("/w/secret/ns/Projects.csv").status_code == 404
    text = client.get("/ns/Projects").get_data(as_text=True)
    assert "Hidden" not in text and "1 record" in text
    auth.login("member")
    text = client.get("/w/secret/ns/Projects").get_data(as_text=True)
    assert rows(text) == ["Hidden"]


def test_csv_export(app, client, projects):
    response = client.get("/ns/Projects.csv?sort=-members")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert table[0][:4] == ["title", "url", "country", "type"]
    assert "coverage_year" in table[0] and table[0][-1] == "updated_at"
    assert [row[0] for row in table[1:]] == ["Charlie", "Alpha", "Bravo", "Delta"]
    header = table[0]
    charlie = dict(zip(header, table[1]))
    assert charlie["url"] == "http://localhost/wiki/Projects:Charlie"
    assert charlie["members"] == "5000" and charlie["website"] == "https://example.org/c"
    delta = dict(zip(header, table[4]))
    assert delta["note"] == "'=HYPERLINK(\"x\")"  # formula injection guard
    filtered = client.get("/ns/Projects.csv?country=SN").get_data(as_text=True)
    assert filtered.count("\n") == 3


def test_csv_refuses_a_filter_it_cannot_apply(app, client, projects):
    """Like the API (400 ``bad_value``): never the whole table for a filtered one."""
    for query, words in (("members_min=abc", "members_min:"), ("started_max=soon", "started_max:"),
                         ("colour=red", "Unknown field colour."),
                         ("country=SN&sort=colour", "Unknown field colour.")):
        response = client.get(f"/ns/Projects.csv?{query}")
        assert response.status_code == 400, query
        assert response.mimetype == "text/html" and words in response.get_data(as_text=True)
    assert client.get("/api/v1/records/Projects?members_min=abc").status_code == 400
    table = client.get("/ns/Projects.csv?members_min=1000&sort=title").get_data(as_text=True)
    assert [row[0] for row in csv.reader(io.StringIO(table))][1:] == ["Alpha", "Charlie"]
    assert client.get("/ns/Projects.csv?members_min=&q=").status_code == 200  # empty: no filter


def test_csv_404_without_fields(app, client):
    assert client.get("/ns/Help.csv").status_code == 404
    assert client.get("/ns/Nowhere.csv").status_code == 404
    assert client.get("/ns/projects.csv").status_code == 301


def test_registered_index_view_comes_first(app, client, projects):
    namespaces.register_index_view(app, "Projects", lambda space, ns: "custom " + ns)
    assert client.get("/ns/Projects").get_data(as_text=True) == "custom Projects"
    namespaces.register_index_view(app, "Projects", lambda space, ns: None)
    assert 'id="records-table"' in client.get("/ns/Projects").get_data(as_text=True)


def test_infobox_and_no_raw_yaml(app, client, make_page):
    make_page("Projects:Shown", body=record_body(
        "Body **text**.", country="SN", type="mutual", members=1500,
        website="https://example.org", coverage={"value": 17.3, "year": 2023,
                                                  "source": "World Bank"},
        unknown="secret-ish"))
    text = client.get("/wiki/Projects:Shown").get_data(as_text=True)
    assert 'class="record-fields"' in text and "Senegal" in text and "Mutual" in text
    assert '<a href="https://example.org" rel="nofollow ugc noopener"' in text
    assert "17.3" in text and "World Bank" in text and "2023" in text
    assert "<strong>text</strong>" in text and "unknown:" not in text and "country: SN" not in text
    # old revisions show their own values
    make_page("Projects:Shown", body=record_body("Body.", country="ML"))
    assert "Senegal" in client.get("/wiki/Projects:Shown?rev=1").get_data(as_text=True)
    assert "Mali" in client.get("/wiki/Projects:Shown").get_data(as_text=True)


def test_infobox_in_french(app, client, make_page, make_user, auth):
    make_user("ana", locale="fr")
    make_page("Projects:Fr", body=record_body(country="SN", type="mutual"))
    auth.login("ana")
    text = client.get("/wiki/Projects:Fr").get_data(as_text=True)
    assert "Sénégal" in text and "Mutuelle" in text and "Pays" in text
    db.session.rollback()
