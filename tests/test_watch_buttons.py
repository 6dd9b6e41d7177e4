"""Watch buttons sit beside every followable thing, for signed-in readers only."""
import re


def _watch_form(html, kind):
    return re.search(r'<input type="hidden" name="kind" value="%s">' % kind, html)


def test_page_namespace_blog_and_post_offer_a_watch_button(client, auth, make_user, make_page,
                                                           make_workspace, make_post):
    ana = make_user("ana")
    make_page("Library:Health financing", body="Text.", author=ana)
    space = make_workspace("health", ana)
    post = make_post(space, ana, title="News")
    auth.login("ana")
    assert _watch_form(client.get("/wiki/Library:Health_financing").get_data(as_text=True), "page")
    assert _watch_form(client.get("/ns/Library").get_data(as_text=True), "namespace")
    assert _watch_form(client.get("/w/health/blog/").get_data(as_text=True), "blog")
    assert _watch_form(client.get(f"/w/health/blog/{post.slug}").get_data(as_text=True), "post")


def test_watching_a_namespace_from_its_index_works_without_javascript(client, auth, make_user):
    make_user("ana")
    auth.login("ana")
    html = client.get("/ns/Glossary").get_data(as_text=True)
    assert 'aria-pressed="false"' in html
    from app.spaces.services import commons
    response = client.post("/watch", data={"kind": "namespace", "space_id": commons().id,
                                           "namespace": "Glossary", "action": "watch",
                                           "next": "/ns/Glossary"})
    assert response.status_code == 302
    assert 'aria-pressed="true"' in client.get("/ns/Glossary").get_data(as_text=True)


def test_anonymous_readers_get_no_watch_button(client, make_user, make_page):
    make_page("Library:Open", body="Text.", author=make_user("ana"))
    assert not _watch_form(client.get("/wiki/Library:Open").get_data(as_text=True), "page")
