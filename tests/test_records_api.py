"""``GET /api/v1/records/<Namespace>`` and its schema; fields validated on PUT."""
import pytest

from tests.fixtures.records import RECORDS, record_body
from wiki.records.store import values_for

pytestmark = RECORDS


@pytest.fixture
def projects(make_page):
    make_page("Projects:Alpha", body=record_body(country="SN", type="mutual", members=1500,
                                                 started="2020-01-02",
                                                 coverage={"value": 3.5, "year": 2021}))
    make_page("Projects:Bravo", body=record_body(country="SN", type="cooperative", members=20))
    make_page("Projects:Charlie", body=record_body(country="ML", type="mutual", members=9000))


def test_list_records(client, projects):
    response = client.get("/api/v1/records/Projects?country=SN&sort=-members")
    assert response.status_code == 200
    data = response.get_json()
    assert data["total"] == 2 and data["page"] == 1 and data["per_page"] == 50
    assert [r["title"] for r in data["records"]] == ["Projects:Alpha", "Projects:Bravo"]
    alpha = data["records"][0]
    assert alpha["url"] == "/wiki/Projects:Alpha" and alpha["updated_at"].endswith("Z")
    assert alpha["fields"] == {"country": "SN", "type": "mutual", "members": 1500,
                               "started": "2020-01-02",
                               "coverage": {"value": 3.5, "year": 2021}}
    assert {"value": "SN", "count": 2} in data["facets"]["country"]
    assert {"value": "ML", "count": 1} in data["facets"]["country"]
    page2 = client.get("/api/v1/records/Projects?per_page=1&page=2&sort=title").get_json()
    assert [r["title"] for r in page2["records"]] == ["Projects:Bravo"] and page2["total"] == 3


def test_errors(client, projects):
    response = client.get("/api/v1/records/Projects?bogus=1")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "unknown_field"
    response = client.get("/api/v1/records/Projects?members_min=lots")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_value"
    assert client.get("/api/v1/records/Projects?sort=nope").status_code == 400
    assert client.get("/api/v1/records/Projects?per_page=1000").status_code == 400
    assert client.get("/api/v1/records/Projects?page=0").status_code == 400
    assert client.get("/api/v1/records/Help").status_code == 404
    assert client.get("/api/v1/records/Nowhere").status_code == 404
    assert client.get("/api/v1/records/Help/schema").status_code == 404


def test_workspace_mount_and_permissions(client, make_page, make_space, make_user, api_token):
    member = make_user("member")
    make_space("secret", visibility="private", members={member: "editor"})
    from app.spaces.services import space_by_slug
    make_page("Projects:Hidden", space=space_by_slug("secret"), body=record_body(country="SN"))
    assert client.get("/api/v1/w/secret/records/Projects").status_code == 404
    assert client.get("/api/v1/records/Projects").get_json()["total"] == 0
    data = client.get("/api/v1/w/secret/records/Projects", headers=api_token(member)).get_json()
    assert [r["title"] for r in data["records"]] == ["Projects:Hidden"]
    assert data["records"][0]["workspace"] == "secret"


def test_schema(client):
    data = client.get("/api/v1/records/projects/schema").get_json()
    assert data["namespace"] == "Projects"
    country = data["fields"][0]
    assert country == {"name": "country", "type": "country", "label": "Country",
                       "labels": {"en": "Country", "fr": "Pays"}, "required": True,
                       "listed": True, "choices": []}
    kind = next(f for f in data["fields"] if f["name"] == "type")
    assert kind["choices"][0] == {"value": "mutual", "label": "Mutual"}
    french = client.get("/api/v1/records/Projects/schema",
                        headers={"Accept-Language": "fr"}).get_json()
    assert french["fields"][0]["label"] == "Pays"


def test_put_validates_fields(client, make_user, api_token):
    headers = api_token(make_user("writer"))
    response = client.put("/api/v1/pages/Projects:New", headers=headers, json={
        "body": record_body(country="XX", members="many")})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid_fields"
    assert set(error["fields"]) == {"country", "members"}
    # a missing required field is no reason to refuse a whole text (SPEC's PUT
    # takes any body); only the editor's form insists on required fields
    response = client.put("/api/v1/pages/Projects:Bare", headers=headers, json={
        "body": "No front matter at all."})
    assert response.status_code == 201
    # unknown keys are no reason to refuse
    response = client.put("/api/v1/pages/Projects:New", headers=headers, json={
        "body": record_body(country="SN", members="1 000", whatever="x")})
    assert response.status_code == 201
    from wiki.models import Page
    from app.extensions import db
    page = db.session.query(Page).filter_by(namespace="Projects", title="New").one()
    assert values_for([page.id])[page.id] == {"country": "SN", "members": 1000}
    # plain namespaces take any front matter
    assert client.put("/api/v1/pages/Help:Any", headers=headers, json={
        "body": record_body(country="XX")}).status_code == 201
