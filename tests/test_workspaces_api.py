"""The workspaces JSON API: workspaces, members, posts, comments; errors and no leaks."""
import pytest

from app.extensions import db


@pytest.fixture
def people(make_user):
    return {name: make_user(name) for name in ("olga", "ed", "vi", "out")}


@pytest.fixture
def headers(api_token, people):
    return {name: api_token(user) for name, user in people.items()}


@pytest.fixture
def team(make_workspace, add_member, people):
    space = make_workspace("team", people["olga"], visibility="private")
    add_member(space, people["ed"], "editor")
    add_member(space, people["vi"], "viewer")
    return space


def test_create_get_patch_delete_workspace(client, headers):
    response = client.post("/api/v1/workspaces", headers=headers["olga"], json={
        "slug": "api-made", "name": "API made", "visibility": "public",
        "join_policy": "open"})
    assert response.status_code == 201
    assert response.json["slug"] == "api-made" and response.json["member_count"] == 1
    assert response.headers["Location"] == "/api/v1/workspaces/api-made"
    got = client.get("/api/v1/workspaces/api-made").json
    assert {k: got[k] for k in ("slug", "name", "description", "visibility", "join_policy")} == {
        "slug": "api-made", "name": "API made", "description": "", "visibility": "public",
        "join_policy": "open"}
    response = client.patch("/api/v1/workspaces/api-made", headers=headers["olga"],
                            json={"description": "Changed", "join_policy": "request"})
    assert response.status_code == 200 and response.json["description"] == "Changed"
    assert client.patch("/api/v1/workspaces/api-made", headers=headers["out"],
                        json={"name": "Mine"}).status_code == 403
    assert client.patch("/api/v1/workspaces/api-made",
                        json={"name": "Mine"}).status_code == 401
    assert client.delete("/api/v1/workspaces/api-made", headers=headers["out"]).status_code == 403
    assert client.delete("/api/v1/workspaces/api-made", headers=headers["olga"]).status_code == 204
    assert client.get("/api/v1/workspaces/api-made").status_code == 404


@pytest.mark.parametrize("body, status", [
    ({"slug": "ok-slug"}, 422),
    ({"name": "x"}, 422),
    ({"slug": "Bad Slug", "name": "x"}, 422),
    ({"slug": "new", "name": "x"}, 409),
    ({"slug": "team", "name": "x"}, 409),
    ({"slug": "fine", "name": 5}, 422),
    ({"slug": "fine", "name": "x", "visibility": "secret"}, 422),
    ({"slug": "fine", "name": "x", "visibility": "private", "join_policy": "open"}, 422),
])
def test_create_workspace_errors(client, headers, team, body, status):
    response = client.post("/api/v1/workspaces", headers=headers["olga"], json=body)
    assert response.status_code == status
    assert set(response.json["error"]) == {"code", "message"}


def test_create_needs_authentication_and_json(client, headers):
    assert client.post("/api/v1/workspaces", json={"slug": "x1", "name": "x"}).status_code == 401
    response = client.post("/api/v1/workspaces", headers=headers["olga"], data="nope",
                           content_type="text/plain")
    assert response.status_code == 400


def test_private_workspace_never_leaks(client, headers, team):
    listed = [w["slug"] for w in client.get("/api/v1/workspaces").json]
    assert "team" not in listed
    listed = [w["slug"] for w in client.get("/api/v1/workspaces", headers=headers["out"]).json]
    assert "team" not in listed
    assert client.get("/api/v1/workspaces", headers=headers["out"]).headers["X-Total-Count"] == "0"
    assert "team" in [w["slug"] for w in
                      client.get("/api/v1/workspaces", headers=headers["vi"]).json]
    for path in ("/api/v1/workspaces/team", "/api/v1/workspaces/team/members",
                 "/api/v1/w/team/posts"):
        assert client.get(path, headers=headers["out"]).status_code == 404
        assert client.get(path).status_code == 404
        assert client.get(path, headers=headers["vi"]).status_code == 200
    # Writes by outsiders are 404 too: they may not even know it exists.
    assert client.patch("/api/v1/workspaces/team", headers=headers["out"],
                        json={"name": "x"}).status_code == 404
    assert client.post("/api/v1/w/team/posts", headers=headers["out"],
                       json={"title": "x"}).status_code == 404


def test_members_api(client, headers, team, people):
    members = client.get("/api/v1/workspaces/team/members", headers=headers["vi"]).json
    assert [(m["username"], m["role"]) for m in members] == [
        ("olga", "owner"), ("ed", "editor"), ("vi", "viewer")]
    assert client.get("/api/v1/workspaces/team/members/ed",
                      headers=headers["vi"]).json["role"] == "editor"
    # Owners invite; the invitee is not a member until they accept.
    response = client.post("/api/v1/workspaces/team/members", headers=headers["olga"],
                           json={"username": "out", "role": "editor"})
    assert response.status_code == 201 and response.json["status"] == "invited"
    assert client.post("/api/v1/workspaces/team/members", headers=headers["ed"],
                       json={"username": "out"}).status_code == 403
    response = client.patch("/api/v1/workspaces/team/members/vi", headers=headers["olga"],
                            json={"role": "editor"})
    assert response.status_code == 200 and response.json["role"] == "editor"
    assert client.patch("/api/v1/workspaces/team/members/vi", headers=headers["ed"],
                        json={"role": "owner"}).status_code == 403
    response = client.patch("/api/v1/workspaces/team/members/olga", headers=headers["olga"],
                            json={"role": "viewer"})
    assert response.status_code == 409 and "owner" in response.json["error"]["message"]
    assert client.delete("/api/v1/workspaces/team/members/olga",
                         headers=headers["olga"]).status_code == 409
    assert client.delete("/api/v1/workspaces/team/members/ed",
                         headers=headers["vi"]).status_code == 403
    assert client.delete("/api/v1/workspaces/team/members/vi",
                         headers=headers["vi"]).status_code == 204
    assert client.delete("/api/v1/workspaces/team/members/ed",
                         headers=headers["olga"]).status_code == 204
    assert [m["username"] for m in client.get("/api/v1/workspaces/team/members",
                                              headers=headers["olga"]).json] == ["olga"]
    assert client.patch("/api/v1/workspaces/team/members/nobody", headers=headers["olga"],
                        json={"role": "viewer"}).status_code == 404


def test_join_through_the_api(client, headers, make_workspace, people):
    make_workspace("open-door", people["olga"], join_policy="open")
    make_workspace("asks", people["olga"], join_policy="request")
    response = client.post("/api/v1/workspaces/open-door/members", headers=headers["out"],
                           json={})
    assert response.status_code == 201 and response.json == {
        "username": "out", "role": "viewer", "status": "member"}
    response = client.post("/api/v1/workspaces/asks/members", headers=headers["out"],
                           json={"username": "out"})
    assert response.status_code == 201 and response.json["status"] == "requested"
    assert client.post("/api/v1/workspaces/asks/members", headers=headers["out"],
                       json={}).status_code == 409


def test_posts_api(client, headers, team):
    response = client.post("/api/v1/w/team/posts", headers=headers["ed"], json={
        "title": "Hello", "body": "**hi**", "tags": ["a", "b"], "status": "draft"})
    assert response.status_code == 201
    post = response.json
    assert post["slug"] == "hello" and post["status"] == "draft" and post["tags"] == ["a", "b"]
    assert "<strong>hi</strong>" in post["html"] and post["published_at"] is None
    assert client.get("/api/v1/w/team/posts/hello", headers=headers["vi"]).status_code == 404
    assert client.get("/api/v1/w/team/posts", headers=headers["vi"]).json == []
    assert client.get("/api/v1/w/team/posts/hello", headers=headers["olga"]).status_code == 200
    assert client.post("/api/v1/w/team/posts", headers=headers["vi"],
                       json={"title": "x"}).status_code == 403
    response = client.patch("/api/v1/w/team/posts/hello", headers=headers["ed"],
                            json={"status": "published", "body": "new"})
    assert response.status_code == 200 and response.json["rev"] == 2
    assert response.json["published_at"] is not None
    listed = client.get("/api/v1/w/team/posts?tag=a", headers=headers["vi"]).json
    assert [p["slug"] for p in listed] == ["hello"]
    assert client.get("/api/v1/w/team/posts?tag=zzz", headers=headers["vi"]).json == []
    assert client.patch("/api/v1/w/team/posts/hello", headers=headers["vi"],
                        json={"title": "x"}).status_code == 403
    assert client.patch("/api/v1/w/team/posts/hello", headers=headers["ed"],
                        json={"status": "gone"}).status_code == 422
    assert client.patch("/api/v1/w/team/posts/hello", headers=headers["ed"],
                        json={"tags": ["Not Valid!"]}).status_code == 422
    assert client.post("/api/v1/w/team/posts", headers=headers["ed"],
                       json={"title": "Again", "slug": "hello"}).status_code == 409
    # Comments.
    response = client.post("/api/v1/w/team/posts/hello/comments", headers=headers["vi"],
                           json={"body": "Nice <b>one</b><script>x</script>"})
    assert response.status_code == 201 and "<script>" not in response.json["html"]
    comments = client.get("/api/v1/w/team/posts/hello/comments", headers=headers["vi"]).json
    assert [c["author"] for c in comments] == ["vi"]
    assert client.post("/api/v1/w/team/posts/hello/comments",
                       json={"body": "anon"}).status_code == 404
    assert client.post("/api/v1/w/team/posts/hello/comments", headers=headers["vi"],
                       json={"body": ""}).status_code == 422
    assert client.delete("/api/v1/w/team/posts/hello", headers=headers["vi"]).status_code == 403
    assert client.delete("/api/v1/w/team/posts/hello", headers=headers["olga"]).status_code == 204
    assert client.get("/api/v1/w/team/posts/hello", headers=headers["vi"]).status_code == 404


def test_public_comments_need_a_signed_in_reader(client, headers, make_workspace, make_post,
                                                 people):
    space = make_workspace("sunny", people["olga"])
    make_post(space, people["olga"], "Hi")
    assert client.post("/api/v1/w/sunny/posts/hi/comments",
                       json={"body": "anon"}).status_code == 401
    assert client.post("/api/v1/w/sunny/posts/hi/comments", headers=headers["out"],
                       json={"body": "hello"}).status_code == 201


def test_openapi_describes_every_workspaces_endpoint(app, client):
    document = client.get("/api/v1/openapi.json").json
    documented = {(path, method) for path, ops in document["paths"].items()
                  for method in ops if method != "parameters"}
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("workspaces_api."):
            continue
        path = rule.rule.removeprefix("/api/v1").replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, (path, method)
    for name in ("Workspace", "Member", "Post", "Comment"):
        assert name in document["components"]["schemas"]


def test_session_writes_need_the_csrf_header(app_factory, make_user):
    app = app_factory(WTF_CSRF_ENABLED=True)
    with app.app_context():
        from app.accounts.services import create_user
        create_user("sam", "sam@example.org", "correct horse battery")
        db.session.commit()
    client = app.test_client()
    login_page = client.get("/login").data.decode()
    token = login_page.split('name="csrf_token" type="hidden" value="')[-1].split('"')[0] \
        if 'name="csrf_token" type="hidden" value="' in login_page else \
        login_page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"login": "sam", "password": "correct horse battery",
                                "csrf_token": token})
    response = client.post("/api/v1/workspaces", json={"slug": "csrf-one", "name": "x"})
    assert response.status_code == 400
    response = client.post("/api/v1/workspaces", json={"slug": "csrf-one", "name": "x"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 201
