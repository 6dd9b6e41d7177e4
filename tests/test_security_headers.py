"""Security headers on every response, and the session cookie's flags."""
import pytest

from tests.conftest import PASSWORD

PATHS = ["/", "/login", "/signup", "/reset", "/no-such-page", "/api/v1/openapi.json",
         "/api/v1/nothing", "/static/konbit.css"]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    script = directives.get("script-src", directives.get("default-src"))
    assert script and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert "'unsafe-inline'" not in directives.get("default-src", [])
    assert directives["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in (
        "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")


def test_error_and_redirect_responses_carry_them_too(client):
    for response in (client.post("/logout"), client.get("/logout"), client.get("/settings")):
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def _session_cookie(response):
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, response.headers
    return [part.strip().lower() for part in cookies[-1].split(";")]


def test_session_cookie_is_httponly_lax_and_not_secure_on_http(client, make_user):
    make_user("ana")
    response = client.post("/login", data={"login": "ana", "password": PASSWORD})
    flags = _session_cookie(response)
    assert "httponly" in flags
    assert "samesite=lax" in flags
    assert "secure" not in flags
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.config(BASE_URL="https://konbit.example")
def test_session_cookie_is_secure_when_base_url_is_https(app, client, make_user):
    make_user("ana")
    response = client.post("/login", data={"login": "ana", "password": PASSWORD, "remember": "y"})
    flags = _session_cookie(response)
    assert "secure" in flags and "httponly" in flags and "samesite=lax" in flags
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    remember = [c for c in response.headers.getlist("Set-Cookie")
                if c.startswith("remember_token=")]
    assert remember and "secure" in remember[0].lower() and "httponly" in remember[0].lower()


def test_bearer_requests_set_no_session_cookie(client, make_user, api_token):
    headers = api_token(make_user("ana"))
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 200
    assert not [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]


def test_nul_characters_are_refused_everywhere(client, make_user, api_token):
    headers = api_token(make_user("ana"))
    assert client.get("/w/?q=a%00b").status_code == 400
    assert client.get("/wiki/Foo%00bar").status_code == 400
    assert client.post("/login", data={"login": "a\x00", "password": "x"}).status_code == 400
    response = client.put("/api/v1/pages/Foo", json={"body": "a\u0000b", "summary": ""},
                          headers=headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad-request"
