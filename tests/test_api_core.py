"""The API's core: bearer tokens, JSON errors, profiles, the OpenAPI document."""
import pytest
from sqlalchemy import select

from app.accounts.models import ApiToken, hash_token
from app.extensions import db
from tests.conftest import PASSWORD


def assert_error(response, status, code=None):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body["error"]) >= {"code", "message"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body


def test_post_tokens_exchanges_credentials_for_a_hashed_token(client, make_user):
    make_user("ana")
    response = client.post("/api/v1/tokens", json={"username": "ANA", "password": PASSWORD,
                                                   "name": "sync script"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["username"] == "ana" and body["name"] == "sync script"
    stored = db.session.scalar(select(ApiToken))
    assert stored.token_hash == hash_token(body["token"]) != body["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.get_json()["username"] == "ana"
    assert me.get_json()["email"] == "ana@example.org"


def test_post_tokens_accepts_the_email(client, make_user):
    make_user("ana")
    response = client.post("/api/v1/tokens", json={"username": "ana@example.org",
                                                   "password": PASSWORD})
    assert response.status_code == 201
    assert response.get_json()["name"] == "API"


@pytest.mark.parametrize("body, status", [
    ({"username": "ana", "password": "wrong password"}, 401),
    ({"username": "nobody", "password": PASSWORD}, 401),
    ({"username": "ana"}, 422),
    ({"username": 5, "password": PASSWORD}, 422),
    ({"username": ["ana"], "password": PASSWORD}, 422),
    ({"username": "ana", "password": {"a": 1}}, 422),
    ({"username": "ana", "password": PASSWORD, "name": 7}, 422),
    ({"username": "x" * 10000, "password": "y" * 10000}, 401),
])
def test_post_tokens_errors(client, make_user, body, status):
    make_user("ana")
    assert_error(client.post("/api/v1/tokens", json=body), status)
    assert db.session.scalar(select(ApiToken)) is None


@pytest.mark.parametrize("data, content_type", [
    ("not json", "application/json"),
    ("[1, 2]", "application/json"),
    ("null", "application/json"),
    ('"text"', "application/json"),
    ("username=ana", "application/x-www-form-urlencoded"),
    ("", "application/json"),
])
def test_post_tokens_needs_a_json_object(client, data, content_type):
    response = client.post("/api/v1/tokens", data=data, content_type=content_type)
    assert_error(response, 400, "bad-request")


def test_blocked_user_gets_no_token(client, make_user):
    from app.timeutil import utcnow
    make_user("ana", blocked_at=utcnow())
    assert_error(client.post("/api/v1/tokens", json={"username": "ana", "password": PASSWORD}),
                 401)


@pytest.mark.parametrize("header", [
    "Bearer nonsense", "Bearer " + "x" * 5000, "bearer unknown-token", "Bearer ",
])
def test_bad_bearer_token_answers_401_json(client, header):
    for method, path in (("get", "/api/v1/me"), ("get", "/api/v1/openapi.json"),
                         ("post", "/api/v1/tokens")):
        response = getattr(client, method)(path, headers={"Authorization": header})
        if header.strip().lower() == "bearer":
            # An empty bearer is no credential at all: /me still refuses.
            if path == "/api/v1/me":
                assert_error(response, 401, "unauthorized")
            continue
        assert_error(response, 401, "unauthorized")


def test_bearer_token_outranks_the_session(app, client, auth, make_user, api_token):
    make_user("ana")
    bo_headers = api_token(make_user("bo"))
    auth.login("ana")
    assert client.get("/api/v1/me").get_json()["username"] == "ana"
    assert client.get("/api/v1/me", headers=bo_headers).get_json()["username"] == "bo"
    # A bad token is refused even with a good session beside it.
    assert_error(client.get("/api/v1/me", headers={"Authorization": "Bearer bad"}), 401)


def test_bearer_tokens_do_not_work_outside_the_api(client, make_user, api_token):
    headers = api_token(make_user("ana"))
    assert client.get("/settings", headers=headers).status_code == 302


def test_me_needs_authentication(client):
    assert_error(client.get("/api/v1/me"), 401, "unauthorized")


def test_revoke_token_by_api(client, make_user, api_token):
    ana_headers = api_token(make_user("ana"))
    bo_headers = api_token(make_user("bo"))
    ana_token, bo_token = db.session.scalars(select(ApiToken).order_by(ApiToken.id)).all()
    assert_error(client.delete(f"/api/v1/tokens/{bo_token.id}", headers=ana_headers), 404)
    assert_error(client.delete(f"/api/v1/tokens/{bo_token.id}"), 401)
    assert client.delete(f"/api/v1/tokens/{ana_token.id}", headers=ana_headers).status_code == 204
    assert_error(client.get("/api/v1/me", headers=ana_headers), 401)
    assert client.get("/api/v1/me", headers=bo_headers).status_code == 200


def test_public_profile(client, make_user):
    make_user("Ana", display_name="Ana Maria", country="HT", organisation="Coop",
              bio="Hello")
    response = client.get("/api/v1/users/ana")
    assert response.status_code == 200
    body = response.get_json()
    assert body["username"] == "Ana" and body["display_name"] == "Ana Maria"
    assert body["country"] == "HT" and body["role"] == "member"
    assert body["created_at"].endswith("Z")
    assert "email" not in body and "password_hash" not in body and "locale" not in body
    assert_error(client.get("/api/v1/users/nobody"), 404, "not-found")
    assert_error(client.get("/api/v1/users/" + "x" * 500), 404)


def test_api_errors_are_json(client):
    assert_error(client.get("/api/v1/no-such-endpoint"), 404, "not-found")
    assert_error(client.get("/api/v1/tokens"), 405, "method-not-allowed")
    assert_error(client.put("/api/v1/me"), 405)


@pytest.mark.config(UPLOAD_MAX_BYTES=10)
def test_api_too_large_body_is_413_json(client):
    body = b'{"username": "' + b"x" * 200_000 + b'"}'
    assert_error(client.post("/api/v1/tokens", data=body, content_type="application/json"),
                 413, "too-large")


@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="2 per minute")
def test_token_exchange_is_rate_limited_in_json(client, make_user):
    make_user("ana")
    for _ in range(2):
        client.post("/api/v1/tokens", json={"username": "ana", "password": "wrong password"})
    response = client.post("/api/v1/tokens", json={"username": "ana", "password": PASSWORD})
    assert_error(response, 429, "too-many-requests")
    assert response.headers.get("Retry-After")


def test_openapi_document_is_valid_openapi_31(client):
    from schemathesis.specs.openapi import definitions
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    definitions.OPENAPI_31_VALIDATOR.validate(document)
    for path, method in (("/tokens", "post"), ("/tokens/{token_id}", "delete"),
                         ("/users/{username}", "get"), ("/me", "get")):
        assert method in document["paths"][path]
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    # The validator really checks: a broken document fails.
    broken = dict(document, info={})
    assert not definitions.OPENAPI_31_VALIDATOR.is_valid(broken)


def test_openapi_add_paths_lets_packages_describe_their_endpoints(app, client):
    from app.api.openapi import add_paths
    add_paths(app, {"/things": {"get": {"summary": "Things", "operationId": "listThings",
                                        "responses": {"200": {"description": "OK"}}}}})
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["paths"]["/things"]["get"]["operationId"] == "listThings"
    assert "/me" in document["paths"]


def test_bearer_request_never_runs_as_the_remember_cookie_user(app, make_user, api_token):
    make_user("ana")
    bo_headers = api_token(make_user("bo"))
    browser = app.test_client()
    browser.post("/login", data={"login": "ana", "password": PASSWORD, "remember": "y"})
    # Flask-Login prefers the remember-me cookie to the token loader; the
    # token decides alone under /api, so the request is refused, never run as ana.
    assert_error(browser.get("/api/v1/me", headers=bo_headers), 401)
    assert browser.get("/api/v1/me").get_json()["username"] == "ana"
