"""The pages API: read, save with merges and conflicts, delete, revisions, diffs, lists."""
import pytest

from app.extensions import db


@pytest.fixture
def ana(make_user, api_token):
    user = make_user("ana")
    return user, api_token(user)


def put(client, title, headers, prefix="/api/v1", **body):
    return client.put(f"{prefix}/pages/{title}", json=body, headers=headers)


def test_create_read_and_update(client, ana):
    user, headers = ana
    created = put(client, "Glossary:Premium", headers, body="A *premium* is paid.",
                  summary="new", base_rev=None, tags=["insurance"], language="en")
    assert created.status_code == 201, created.get_json()
    data = created.get_json()
    assert data["rev"] == 1 and data["created"] is True and data["merged"] is False
    assert data["title"] == "Glossary:Premium" and data["namespace"] == "Glossary"
    assert data["workspace"] is None and data["author"] == "ana"
    assert data["tags"] == ["insurance"] and "<em>premium</em>" in data["html"]

    got = client.get("/api/v1/pages/Glossary:Premium").get_json()
    for key in ("title", "namespace", "workspace", "rev", "body", "html", "language", "tags",
                "updated_at", "author"):
        assert key in got
    assert got["body"] == "A *premium* is paid." and got["updated_at"].endswith("Z")
    assert got["deleted"] is False

    saved = put(client, "Glossary:Premium", headers, body="A premium is paid monthly.",
                summary="more", base_rev=1)
    assert saved.status_code == 200 and saved.get_json()["rev"] == 2
    assert saved.get_json()["merged"] is False
    same = put(client, "Glossary:Premium", headers, body="A premium is paid monthly.", base_rev=2)
    assert same.status_code == 200 and same.get_json()["rev"] == 2
    assert same.get_json()["saved"] is False
    old = client.get("/api/v1/pages/Glossary:Premium?rev=1").get_json()
    assert old["rev"] == 1 and old["body"] == "A *premium* is paid."
    assert client.get("/api/v1/pages/Glossary:Premium?rev=7").status_code == 404
    assert client.get("/api/v1/pages/Glossary:Nothing").status_code == 404


BASE = "one\n\ntwo\n\nthree\n"


def test_concurrent_edits_merge_or_conflict(client, ana, make_user, api_token):
    _user, headers = ana
    bob = api_token(make_user("bob"))
    assert put(client, "Shared", headers, body=BASE, base_rev=None).status_code == 201
    # Both start from revision 1; Bob saves first.
    first = put(client, "Shared", bob, body=BASE.replace("one", "ONE"), base_rev=1)
    assert first.status_code == 200
    merged = put(client, "Shared", headers, body=BASE.replace("three", "THREE"), base_rev=1)
    assert merged.status_code == 200
    data = merged.get_json()
    assert data["merged"] is True and data["rev"] == 3
    assert data["body"] == "ONE\n\ntwo\n\nTHREE\n"

    conflict = put(client, "Shared", bob, body="ONE\n\nbob's two\n\nTHREE\n", base_rev=3)
    assert conflict.status_code == 200
    mine = "ONE\n\nana's two\n\nTHREE\n"
    refused = put(client, "Shared", headers, body=mine, base_rev=3)
    assert refused.status_code == 409
    body = refused.get_json()
    assert body["error"]["code"] == "conflict"
    assert body["current_rev"] == 4 and body["your_body"] == mine
    assert "bob's two" in body["current_body"]
    assert "ana's two" in body["conflicted_body"] and "bob's two" in body["conflicted_body"]
    assert client.get("/api/v1/pages/Shared").get_json()["rev"] == 4


def test_create_on_an_existing_page_merges_against_an_empty_base(client, ana):
    _user, headers = ana
    put(client, "Twice", headers, body="Same text\n")
    again = put(client, "Twice", headers, body="Same text\n")
    assert again.status_code == 200 and again.get_json()["rev"] == 1
    clash = put(client, "Twice", headers, body="Other text\n")
    assert clash.status_code == 409
    assert clash.get_json()["your_body"] == "Other text\n"


@pytest.mark.parametrize("body", [
    {"summary": "no body"}, {"body": 3}, {"body": "x", "base_rev": "1"},
    {"body": "x", "minor": "yes"}, {"body": "x", "tags": "a"}, {"body": "x", "tags": [1]},
    {"body": "x", "language": "de"}, {"body": "x", "tags": ["Not Valid!"]},
    {"body": "x", "base_rev": -1}, {"body": "x", "summary": 5},
])
def test_wrong_types_are_422(client, ana, body):
    _user, headers = ana
    response = client.put("/api/v1/pages/Typed", json=body, headers=headers)
    assert response.status_code == 422, body
    assert response.get_json()["error"]["code"] == "unprocessable"


def test_bad_requests(client, ana):
    _user, headers = ana
    assert client.put("/api/v1/pages/Bad%5Btitle%5D", json={"body": "x"},
                      headers=headers).status_code == 400
    assert client.put("/api/v1/pages/Foo/edit", json={"body": "x"},
                      headers=headers).status_code == 400
    assert client.put("/api/v1/pages/Foo", data="nope", headers=headers).status_code == 400
    assert client.put("/api/v1/pages/Foo", json={"body": "x"}).status_code == 401
    put(client, "Foo", headers, body="x")
    future = put(client, "Foo", headers, body="y", base_rev=9)
    assert future.status_code == 422


def test_revisions_are_paginated_with_link_headers(client, ana, make_page):
    user, _headers = ana
    for number in range(5):
        make_page("Paged", body=f"v{number}", author=user, summary=f"s{number}")
    first = client.get("/api/v1/pages/Paged/revisions?per_page=2")
    assert first.status_code == 200
    items = first.get_json()
    assert [i["rev"] for i in items] == [5, 4]
    assert set(items[0]) >= {"rev", "author", "summary", "minor", "created_at", "size"}
    assert items[0]["author"] == "ana" and items[0]["summary"] == "s4"
    assert first.headers["X-Total-Count"] == "5"
    assert 'rel="next"' in first.headers["Link"] and "page=2" in first.headers["Link"]
    last = client.get("/api/v1/pages/Paged/revisions?per_page=2&page=3")
    assert [i["rev"] for i in last.get_json()] == [1]
    assert 'rel="prev"' in last.headers["Link"]
    assert client.get("/api/v1/pages/Paged/revisions?page=zero").status_code == 400


def test_diff(client, ana, make_page):
    user, _headers = ana
    make_page("Diffed", body="a\nb\nc\n", author=user)
    make_page("Diffed", body="a\nB\nc\n", author=user)
    data = client.get("/api/v1/pages/Diffed/diff?from=1&to=2").get_json()
    assert data["from"] == 1 and data["to"] == 2
    assert "-b\n+B\n" in data["unified"]
    assert data["hunks"][0]["lines"][1] == {"op": "-", "text": "b"}
    assert client.get("/api/v1/pages/Diffed/diff").get_json()["to"] == 2
    assert client.get("/api/v1/pages/Diffed/diff?from=1&to=3").status_code == 404


def test_list_pages(client, make_page, make_space, make_user):
    make_page("Library:Alpha", body="x")
    make_page("Library:Beta", body="x")
    make_page("Glossary:Alpha", body="x")
    owner = make_user("owner")
    secret = make_space("secret", visibility="private", members={owner: "owner"})
    make_page("Library:Hidden", body="x", space=secret)
    titles = [p["title"] for p in client.get("/api/v1/pages?ns=library").get_json()]
    assert titles == ["Library:Alpha", "Library:Beta"]
    assert [p["title"] for p in client.get("/api/v1/pages?prefix=Al").get_json()] == [
        "Glossary:Alpha", "Library:Alpha"]
    assert client.get("/api/v1/pages?ns=Nope").status_code == 400
    assert client.get("/api/v1/w/secret/pages").status_code == 404


def test_delete_is_for_managers_and_unreadable_is_404(client, ana, make_user, api_token,
                                                      make_page, make_space):
    _user, headers = ana
    make_page("Doomed", body="x")
    assert client.delete("/api/v1/pages/Doomed", headers=headers).status_code == 403
    moderator = api_token(make_user("mod", role="moderator"))
    assert client.delete("/api/v1/pages/Doomed", headers=moderator).status_code == 204
    assert client.get("/api/v1/pages/Doomed", headers=headers).status_code == 404
    seen = client.get("/api/v1/pages/Doomed", headers=moderator)
    assert seen.status_code == 200 and seen.get_json()["deleted"] is True
    assert client.get("/api/v1/pages/Glossary:Other", headers=moderator).status_code == 404
    assert client.delete("/api/v1/pages/Doomed", headers=headers).status_code == 404
    # A deleted page cannot be edited, not even by a moderator, nor reached by a member
    # through a revision number; a new page may take its title.
    assert put(client, "Doomed", moderator, body="y", base_rev=1).status_code == 409
    refused = put(client, "Doomed", headers, body="y", base_rev=1)
    assert refused.status_code == 422 and "deleted" not in refused.get_data(as_text=True)
    created = put(client, "Doomed", headers, body="y")
    assert created.status_code == 201 and created.get_json()["rev"] == 1
    assert created.get_json()["deleted"] is False


def test_workspace_pages_follow_the_workspace(client, make_user, api_token, make_space):
    owner, viewer, outsider = make_user("own"), make_user("view"), make_user("out")
    make_space("team", visibility="private", members={owner: "owner", viewer: "viewer"})
    h_owner, h_viewer, h_out = api_token(owner), api_token(viewer), api_token(outsider)
    created = put(client, "Plan", h_owner, prefix="/api/v1/w/team", body="Our plan")
    assert created.status_code == 201 and created.get_json()["workspace"] == "team"
    assert client.get("/api/v1/w/team/pages/Plan", headers=h_viewer).status_code == 200
    assert put(client, "Plan", h_viewer, prefix="/api/v1/w/team", body="x",
               base_rev=1).status_code == 403
    for method in ("get", "delete"):
        assert getattr(client, method)("/api/v1/w/team/pages/Plan",
                                       headers=h_out).status_code == 404
    assert put(client, "Plan", h_out, prefix="/api/v1/w/team", body="x").status_code == 404
    assert client.get("/api/v1/w/team/pages/Plan/revisions", headers=h_out).status_code == 404
    assert client.get("/api/v1/w/team/pages/Plan/diff", headers=h_out).status_code == 404
    assert client.get("/api/v1/pages/Plan").status_code == 404  # not in the commons
    assert client.delete("/api/v1/w/team/pages/Plan", headers=h_viewer).status_code == 403
    assert client.delete("/api/v1/w/team/pages/Plan", headers=h_owner).status_code == 204


def test_openapi_describes_the_pages_api(client):
    document = client.get("/api/v1/openapi.json").get_json()
    for path in ("/pages", "/pages/{title}", "/pages/{title}/revisions", "/pages/{title}/diff",
                 "/w/{slug}/pages/{title}"):
        assert path in document["paths"]
    assert {"get", "put", "delete"} <= set(document["paths"]["/pages/{title}"])
    assert "WikiPage" in document["components"]["schemas"]
    db.session.rollback()


@pytest.mark.parametrize("base_rev", [5, 2**63, 10**20])
def test_a_base_revision_that_does_not_exist_is_refused_on_new_pages_too(client, ana, base_rev):
    _user, headers = ana
    refused = put(client, "Brand_new", headers, body="x", base_rev=base_rev)
    assert refused.status_code == 422, refused.get_json()
    assert "does not exist" in refused.get_json()["error"]["message"]
    assert client.get("/api/v1/pages/Brand_new").status_code == 404
    assert put(client, "Brand_new", headers, body="x", base_rev=0).status_code == 201
    too_far = put(client, "Brand_new", headers, body="y", base_rev=base_rev)
    assert too_far.status_code == 422
    assert client.get("/api/v1/pages/Brand_new").get_json()["rev"] == 1


def test_a_new_pages_language_is_its_authors(client, make_user, api_token):
    joao = api_token(make_user("joao", locale="pt"))
    created = put(client, "Lang_default", joao, body="x", base_rev=0)
    assert created.status_code == 201 and created.get_json()["language"] == "pt"
    chosen = put(client, "Lang_chosen", joao, body="x", base_rev=0, language="es")
    assert chosen.get_json()["language"] == "es"
    kept = put(client, "Lang_default", api_token(make_user("ana", locale="fr")), body="y",
               base_rev=1)
    assert kept.get_json()["language"] == "pt"  # an edit keeps the page's language


def test_a_title_ending_like_an_attachments_address_is_refused(client, ana):
    _user, headers = ana
    refused = put(client, "Route_Test/attachments/x.png", headers, body="x", base_rev=0)
    assert refused.status_code == 400
    assert "/attachments/x.png" in refused.get_json()["error"]["message"]
    assert put(client, "Attachments/x", headers, body="x", base_rev=0).status_code == 201
    assert put(client, "Route_Test/Attachments/x", headers, body="x",
               base_rev=0).status_code == 201
