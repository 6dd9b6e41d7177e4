"""GET /api/v1/recent: the activity log as JSON, through the policy."""
from app.extensions import db


def test_recent_api(app, client, make_user, make_page, make_workspace, api_token):
    ana = make_user("ana")
    make_user("eve")
    make_page("Library:Foo", author=ana, summary="first")
    make_page("Library:Foo", author=ana, body="changed", minor=True)
    space = make_workspace("secret", ana, visibility="private")
    make_page("Plans", author=ana, space=space)
    data = client.get("/api/v1/recent").get_json()
    verbs = [e["verb"] for e in data["entries"]]
    assert verbs == ["page.edited", "page.created"]
    newest = data["entries"][0]
    assert newest["actor"] == "ana" and newest["title"] == "Library:Foo"
    assert newest["url"].startswith("http://localhost/wiki/Library:Foo")
    assert newest["minor"] is True and newest["text"]
    mine = client.get("/api/v1/recent", headers=api_token(ana)).get_json()
    assert any(e["workspace"] == "secret" for e in mine["entries"])
    assert client.get("/api/v1/recent?ws=secret").status_code == 404
    page = client.get("/api/v1/recent?limit=1", headers=api_token(ana)).get_json()
    assert len(page["entries"]) == 1 and page["next"] == page["entries"][0]["id"]
    rest = client.get(f"/api/v1/recent?before={page['next']}",
                      headers=api_token(ana)).get_json()
    assert page["entries"][0]["id"] not in [e["id"] for e in rest["entries"]]
    assert client.get("/api/v1/recent?limit=x").status_code == 400
    assert client.get("/api/v1/recent?minor=0").get_json()["entries"][0]["verb"] == \
        "page.created"
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/recent" in spec["paths"]
    db.session.rollback()
