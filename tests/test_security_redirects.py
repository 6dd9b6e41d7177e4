"""Open-redirect safety of every ``next`` parameter."""
import pytest

from app.redirects import safe_next
from tests.conftest import PASSWORD

UNSAFE = [
    "https://evil.example/", "http://evil.example", "//evil.example", "///evil.example",
    "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example",
    "/\r\n/evil.example", "javascript:alert(1)", "evil.example", "", None, "ftp://x",
    " //evil.example", "/\x00/evil.example", "\x00/", ["/"],
]
SAFE = ["/", "/settings", "/wiki/Library:Foo?rev=2", "/w/health/", "/search?q=a%20b#top",
        "/wiki/Café"]


@pytest.mark.parametrize("target", UNSAFE)
def test_unsafe_targets_go_home(app, target):
    with app.test_request_context():
        assert safe_next(target) == "/"


@pytest.mark.parametrize("target", SAFE)
def test_local_paths_are_kept(app, target):
    with app.test_request_context():
        assert safe_next(target) == target


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example",
                                    "/\\evil.example", "/\t/evil.example"])
def test_login_and_language_switcher_refuse_foreign_next(client, make_user, target):
    make_user("ana")
    response = client.post("/login", query_string={"next": target},
                           data={"login": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    response = client.post("/language", data={"locale": "fr", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_header_injection_in_next_is_refused(client):
    response = client.post("/language", data={"locale": "fr", "next": "/x\r\nSet-Cookie: a=b"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "a=b" not in str(response.headers)
