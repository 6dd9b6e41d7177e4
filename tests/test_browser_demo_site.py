"""Outside in: the demo site a newcomer gets from ``make run`` (seed-demo),
read in a real browser: every section, community page and form answers 200
and has no serious or critical accessibility violation (axe-core), for an
anonymous reader and for the signed-in administrator."""
import pytest

pytestmark = pytest.mark.browser

ANONYMOUS = [
    "/", "/ns/Library", "/ns/Glossary", "/ns/Knowledge", "/ns/Country", "/ns/Schemes",
    "/ns/Schemes?country=SN&sort=-members", "/wiki/Country:Senegal", "/wiki/Knowledge:Mechanisms",
    "/people", "/people/experts", "/u/amina", "/forum/", "/news", "/wiki/Main_Page/talk",
    "/recent", "/w/",
]
SIGNED_IN = [
    "/messages", "/messages/new?to=joao", "/settings/profile", "/moderation", "/admin/audit",
    "/wiki/Schemes:A_new_scheme/edit", "/wiki/Country:Mali/edit?iso2=ML", "/forum/t/1",
]


def violations_of(page, axe, path):
    response = page.goto(path)
    assert response.status == 200, path
    return [(path, v["id"], v["nodes"]) for v in axe(page)]


def test_the_demo_site_reads_well_for_everyone(browser_page, axe, live_server):
    from app.seed import DEMO_PASSWORD, seed_demo
    with live_server.app.app_context():
        assert seed_demo() is not None

    page = browser_page
    found = []
    for path in ANONYMOUS:
        found += violations_of(page, axe, path)
    # The map's countries with a profile are links a keyboard reaches.
    page.goto("/ns/Country")
    assert page.locator("svg a[href='/wiki/Country:Senegal']").count() == 1

    page.goto("/login")
    page.fill("#login", "amina")
    page.fill("#password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    assert page.locator("form[action='/logout']").count() == 1
    for path in SIGNED_IN:
        found += violations_of(page, axe, path)
    assert not found, found
