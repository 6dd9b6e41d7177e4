"""Tags: normalising, setting, the cloud and tag pages, filtered by what the reader may read."""
import pytest
from flask_login import AnonymousUserMixin

from app.extensions import db
from wiki import services
from wiki.tags import normalise_tags, pages_tagged, set_tags, tag_cloud

ANONYMOUS = AnonymousUserMixin()


def test_normalise_tags():
    assert normalise_tags("Health, micro-insurance  health #chile") == [
        "health", "micro-insurance", "chile"]
    assert normalise_tags(["A1", "a1", " ", "x-y"]) == ["a1", "x-y"]
    assert normalise_tags(None) == [] and normalise_tags("") == []
    assert normalise_tags(["a" * 40]) == ["a" * 40]


@pytest.mark.parametrize("bad", ["a" * 41, "santé", "a_b", "<script>", "a.b", "x/y", "ü"])
def test_invalid_tags_are_refused(app, bad):
    with app.test_request_context():
        with pytest.raises(ValueError) as error:
            normalise_tags(["ok", bad])
    assert str(error.value)


def test_set_tags_replaces(app, make_page):
    page = make_page("Tagged", tags=["one", "two"])
    assert page.tag_names == ["one", "two"]
    set_tags(page, "two three")
    db.session.commit()
    db.session.expire_all()
    assert page.tag_names == ["three", "two"]


def test_cloud_and_list_filtered_by_reader(app, make_page, make_space, make_user):
    member = make_user("member")
    secret = make_space("secret", visibility="private", members={member: "viewer"})
    make_page("Public one", tags=["health", "common"])
    make_page("Public two", tags=["health"])
    make_page("Secret one", space=secret, tags=["health", "hidden"])
    gone = make_page("Gone", tags=["health", "ghost"])
    services.delete_page(gone, None)
    db.session.commit()
    assert tag_cloud(ANONYMOUS) == [("common", 1), ("health", 2)]
    assert tag_cloud(member) == [("common", 1), ("health", 3), ("hidden", 1)]
    assert tag_cloud(member, space=secret) == [("health", 1), ("hidden", 1)]
    assert pages_tagged("health", ANONYMOUS).total == 2
    assert sorted(p.title for p in pages_tagged("health", member).items) == [
        "Public one", "Public two", "Secret one"]
    assert pages_tagged("hidden", ANONYMOUS).total == 0


def test_tag_views(app, client, make_page, make_space, make_user, auth):
    member = make_user("member")
    secret = make_space("secret", visibility="private", members={member: "viewer"})
    make_page("Visible page", tags=["health"])
    make_page("Secret page", space=secret, tags=["health", "covert"])
    response = client.get("/tags/health")
    assert response.status_code == 200
    assert b"Visible page" in response.data and b"Secret page" not in response.data
    cloud = client.get("/tags/").get_data(as_text=True)
    assert 'href="/tags/health"' in cloud and "covert" not in cloud
    assert client.get("/tags/Health").headers["Location"].endswith("/tags/health")
    assert client.get("/tags/not_valid!").status_code == 404
    assert client.get("/tags/" + "a" * 41).status_code == 404
    auth.login("member")
    assert b"Secret page" in client.get("/tags/health").data
    in_space = client.get("/w/secret/tags/health").get_data(as_text=True)
    assert "Secret page" in in_space and "Visible page" not in in_space
    assert "covert" in client.get("/w/secret/tags/").get_data(as_text=True)


def test_private_workspace_tags_404_for_outsiders(app, client, make_space):
    make_space("secret", visibility="private")
    assert client.get("/w/secret/tags/").status_code == 404
    assert client.get("/w/secret/tags/health").status_code == 404


def test_tag_page_paginates(app, client, make_page):
    for n in range(55):
        make_page(f"Page {n:02d}", tags=["many"])
    first = client.get("/tags/many").get_data(as_text=True)
    assert first.count('lang="en">Page ') == 50 and 'id="next-page"' in first
    second = client.get("/tags/many?page=2").get_data(as_text=True)
    assert second.count('lang="en">Page ') == 5 and 'id="prev-page"' in second
    assert client.get("/tags/many?page=x").status_code == 200


def test_other_packages_add_to_the_tag_page(app, client):
    from markupsafe import Markup

    from app.panels import add_panel
    seen = []

    def provider(tag, reader, space):
        seen.append((tag, space))
        return Markup('<section id="tagged-posts">posts about {}</section>').format(tag)

    add_panel(app, "tag", 10, provider)
    text = client.get("/tags/health").get_data(as_text=True)
    assert '<section id="tagged-posts">posts about health</section>' in text
    assert seen == [("health", None)]


def test_tagged_blog_posts_are_on_the_tag_page_and_in_the_cloud(
        client, auth, make_user, make_workspace, make_post):
    ana = make_user("ana")
    open_space = make_workspace("health", ana)
    closed = make_workspace("closed", ana, visibility="private")
    make_post(open_space, ana, "Published in the open", tags=["adhesion"])
    make_post(open_space, ana, "A draft", tags=["adhesion"], status="draft")
    make_post(closed, ana, "Published behind closed doors", tags=["adhesion", "secret-tag"])

    page = client.get("/tags/adhesion").get_data(as_text=True)
    assert "Published in the open" in page
    assert "A draft" not in page and "behind closed doors" not in page
    cloud = client.get("/tags/").get_data(as_text=True)
    assert "/tags/adhesion" in cloud and "secret-tag" not in cloud
    scoped = client.get("/w/health/tags/adhesion").get_data(as_text=True)
    assert "Published in the open" in scoped
    assert "/tags/adhesion" in client.get("/w/health/tags/").get_data(as_text=True)

    auth.login("ana")
    member = client.get("/tags/adhesion").get_data(as_text=True)
    assert "Published in the open" in member and "behind closed doors" in member
    assert "A draft" not in member  # drafts are for the blog, not for tag pages
    assert "secret-tag" in client.get("/tags/").get_data(as_text=True)
