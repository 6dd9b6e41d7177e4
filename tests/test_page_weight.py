"""Pages stay light for readers on slow, costly connections: at most 60 KB of
HTML for a typical page, at most 50 KB of CSS and JavaScript in all, and
compressed responses for clients that accept gzip."""
import gzip
import re

import pytest

HTML_BUDGET = 60 * 1024
ASSET_BUDGET = 50 * 1024


@pytest.fixture
def typical_site(make_user, make_page, make_workspace, make_post):
    ana = make_user("ana", display_name="Ana Sow")
    body = "\n\n".join(f"## Section {n}\n\nMutual health organisations pool risk. " * 3
                       for n in range(12))
    make_page("Knowledge:Mechanisms", body=body, author=ana, tags=["health", "mutual"])
    space = make_workspace("health", ana)
    make_post(space, ana, title="Progress report", body=body)
    return space


TYPICAL_PAGES = ["/", "/wiki/Knowledge:Mechanisms", "/wiki/Knowledge:Mechanisms/history",
                 "/ns/Knowledge", "/recent", "/w/", "/w/health/", "/w/health/blog/", "/login",
                 "/search?q=mutual"]


@pytest.mark.parametrize("path", TYPICAL_PAGES)
def test_typical_pages_are_light(client, typical_site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert len(response.data) <= HTML_BUDGET, (path, len(response.data))


def test_country_map_has_its_own_budget(client, typical_site):
    # /ns/Country draws the world map inline (an SVG of about 180 shapes, so that
    # it needs no script and every country link is reachable by keyboard): it
    # gets its own limit, and must compress well.
    response = client.get("/ns/Country", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert len(gzip.decompress(response.data)) <= 150 * 1024
    assert len(response.data) <= 40 * 1024


def test_stylesheets_and_scripts_fit_the_budget(client, typical_site):
    html = client.get("/w/health/blog/").get_data(as_text=True) + \
        client.get("/search?q=mutual").get_data(as_text=True)
    assets = set(re.findall(r'(?:href|src)="(/[^"]+\.(?:css|js)(?:\?v=\w+)?)"', html))
    assert any(".css" in a for a in assets)
    total = 0
    for asset in assets:
        response = client.get(asset)
        total += len(response.data)
        response.close()
    assert total <= ASSET_BUDGET, (sorted(assets), total)


def test_responses_are_compressed(client, typical_site):
    response = client.get("/wiki/Knowledge:Mechanisms", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"Mutual health organisations" in gzip.decompress(response.data)
    feed = client.get("/recent.atom", headers={"Accept-Encoding": "gzip"})
    assert feed.headers["Content-Encoding"] == "gzip"


def test_stylesheets_and_scripts_are_fetched_once(client, typical_site, make_user):
    """Pages link their files with a version drawn from the content: the browser
    keeps them a year instead of asking again on every page."""
    html = "".join(client.get(path).get_data(as_text=True)
                   for path in ("/w/health/blog/", "/search?q=mutual", "/ns/Glossary"))
    assets = set(re.findall(r'(?:href|src)="(/[^"]+\.(?:css|js|xml))\?v=(\w{12})"', html))
    assert {path.rsplit("/", 1)[1] for path, _v in assets} >= {
        "konbit.css", "search.js", "search.css", "workspaces.css", "sections.css",
        "opensearch.xml"}
    for path, version in assets:
        response = client.get(f"{path}?v={version}")
        assert response.status_code == 200, path
        cache = response.cache_control
        assert cache.max_age == 365 * 24 * 3600 and cache.public and cache.immutable, path
        assert not cache.no_cache
        response.close()
        for other in (path, f"{path}?v=000000000000"):  # no version, or not this one
            plain = client.get(other)
            assert plain.status_code == 200 and not plain.cache_control.immutable, other
            plain.close()


def test_the_site_has_an_icon(client):
    html = client.get("/").get_data(as_text=True)
    linked = re.search(r'<link rel="icon" href="(/static/favicon\.ico\?v=\w+)">', html).group(1)
    icon = client.get(linked)
    assert icon.status_code == 200 and icon.cache_control.immutable
    assert icon.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    fallback = client.get("/favicon.ico")
    assert fallback.status_code == 200 and fallback.data == icon.data
    assert fallback.mimetype == "image/vnd.microsoft.icon"
    assert fallback.cache_control.max_age == 7 * 24 * 3600
