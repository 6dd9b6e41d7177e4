"""CSRF: every HTML POST route refuses a request without the token (the list
comes from the URL map, so routes added later are covered), and session
writes to the API need the X-CSRFToken header."""
import re

import pytest
from werkzeug.routing import BuildError

from tests.conftest import PASSWORD

pytestmark = pytest.mark.config(WTF_CSRF_ENABLED=True)

#: A public workspace that exists, so that routes under /w/<slug>/ reach the
#: request checks instead of answering 404 while resolving the space.
SPACE_SLUG = "csrf-test"
#: Sample values for URL variables: by name first, then by converter.
NAMED_SAMPLES = {"space_slug": SPACE_SLUG, "slug": SPACE_SLUG, "username": "ana"}
SAMPLES = {"IntegerConverter": 1, "PathConverter": "Main_Page", "UnicodeConverter": "x"}


@pytest.fixture(autouse=True)
def public_workspace(app):
    from app.extensions import db
    from app.spaces.models import PUBLIC, Space
    db.session.add(Space(kind="workspace", slug=SPACE_SLUG, name="CSRF test",
                         visibility=PUBLIC))
    db.session.commit()


#: The only HTML POST routes allowed to skip the CSRF token, and why.
EXEMPT = {
    "feeds.unsubscribe_post": "one-click unsubscribe from mail clients (RFC 8058); "
                              "the signed token in the URL authenticates",
}


def exempt_endpoints(app):
    """Endpoints whose view is exempted from CSRFProtect."""
    from app.extensions import csrf
    found = set()
    for endpoint, view in app.view_functions.items():
        if f"{view.__module__}.{view.__name__}" in csrf._exempt_views:
            found.add(endpoint)
    return found


def post_urls(app):
    """One concrete URL for every non-API rule that accepts POST (and is not
    one of the few deliberate exemptions)."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api"):
            continue
        if rule.endpoint in EXEMPT:
            continue
        values = {}
        for name, converter in rule._converters.items():
            by_kind = next((SAMPLES[kind.__name__] for kind in type(converter).__mro__
                            if kind.__name__ in SAMPLES), "x")
            values[name] = NAMED_SAMPLES.get(name, by_kind)
        try:
            url = adapter.build(rule.endpoint, values, method="POST")
        except BuildError:  # pragma: no cover - a converter needs a new sample
            pytest.fail(f"cannot build a URL for {rule.rule}: add a sample value")
        urls.append(url)
    return urls


def csrf_token(client, path="/login"):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def login(client, username="ana"):
    token = csrf_token(client)
    response = client.post("/login", data={"login": username, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302
    return token


def test_the_route_list_covers_the_account_routes(app):
    urls = post_urls(app)
    for path in ("/login", "/signup", "/logout", "/reset", "/settings", "/settings/password",
                 "/settings/tokens", "/language", "/u/ana/block"):
        assert path in urls
    assert not [url for url in urls if url.startswith("/api")]


def test_only_the_known_routes_are_exempt(app):
    from app.extensions import csrf
    html_exempt = {endpoint for endpoint in exempt_endpoints(app)
                   if not any(rule.rule.startswith("/api")
                              for rule in app.url_map.iter_rules(endpoint))}
    assert html_exempt <= set(EXEMPT)
    # Whole blueprints are exempt only under /api (they check the header instead).
    for blueprint in csrf._exempt_blueprints:
        rules = [rule.rule for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith(blueprint.name + ".")]
        assert all(rule.startswith("/api/") for rule in rules), blueprint.name


def test_every_post_route_refuses_a_missing_token(app, client):
    for url in post_urls(app):
        response = client.post(url, data={"anything": "1"})
        assert response.status_code == 400, url
        assert b"<html" in response.data, url


def test_every_post_route_refuses_a_missing_token_when_signed_in(app, make_user):
    make_user("ana", role="admin")
    client = app.test_client()
    login(client)
    for url in post_urls(app):
        response = client.post(url, data={"anything": "1"})
        assert response.status_code == 400, url
    assert client.get("/settings").status_code == 200  # still signed in: nothing happened


def test_a_wrong_token_is_refused_and_a_right_one_accepted(app, client, make_user):
    make_user("ana")
    token = login(client)
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    assert client.get("/settings").status_code == 200
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/settings").status_code == 302


def test_session_api_writes_need_the_header(app, client, make_user):
    make_user("ana")
    token = login(client)
    body = {"username": "ana", "password": PASSWORD}
    response = client.post("/api/v1/tokens", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad-request"
    response = client.post("/api/v1/tokens", json=body, headers={"X-CSRFToken": token})
    assert response.status_code == 201
    token_id = response.get_json()["id"]
    assert client.delete(f"/api/v1/tokens/{token_id}").status_code == 400
    assert client.delete(f"/api/v1/tokens/{token_id}",
                         headers={"X-CSRFToken": token}).status_code == 204


def test_bearer_api_writes_need_no_csrf_token(app, client, make_user, api_token):
    headers = api_token(make_user("ana"))
    response = client.post("/api/v1/tokens", json={"username": "ana", "password": PASSWORD},
                           headers=headers)
    assert response.status_code == 201
    token_id = response.get_json()["id"]
    assert client.delete(f"/api/v1/tokens/{token_id}", headers=headers).status_code == 204


def test_anonymous_api_writes_without_token_get_past_csrf(client, make_user):
    make_user("ana")
    response = client.post("/api/v1/tokens", json={"username": "ana", "password": PASSWORD})
    assert response.status_code == 201
