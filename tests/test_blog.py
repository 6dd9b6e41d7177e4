"""The workspace blog: posts with revisions, drafts, tags, comments, sanitising."""
import pytest
from sqlalchemy import func, select

from app.extensions import db
from workspaces.models import Comment, Post, PostRevision


@pytest.fixture
def world(make_user, make_workspace, add_member):
    """A public workspace with an owner, an editor, a viewer, and an outsider."""
    owner = make_user("olga")
    space = make_workspace("blogland", owner)
    people = {"owner": owner, "editor": make_user("ed"), "viewer": make_user("vi"),
              "outsider": make_user("out"), "moderator": make_user("mod", role="moderator")}
    add_member(space, people["editor"], "editor")
    add_member(space, people["viewer"], "viewer")
    return space, people


def test_editor_writes_a_post_with_tags(client, auth, world):
    space, people = world
    auth.login("ed")
    assert client.get("/w/blogland/blog/new").status_code == 200
    response = client.post("/w/blogland/blog/new", data={
        "title": "Cotisations 2026 : bilan", "body": "Some **bold** words.",
        "tags": "Finance, mutual-health", "status": "published"})
    assert response.status_code == 302
    post = db.session.scalar(select(Post))
    assert post.slug == "cotisations-2026-bilan"
    assert post.tag_names == ["finance", "mutual-health"]
    assert post.published_at is not None and post.head_number == 1
    page = client.get("/w/blogland/blog/cotisations-2026-bilan")
    assert page.status_code == 200
    assert b"<strong>bold</strong>" in page.data


def test_viewer_and_outsider_cannot_write(client, auth, world):
    for name in ("vi", "out", "mod"):
        auth.login(name)
        assert client.get("/w/blogland/blog/new").status_code == 403
        assert client.post("/w/blogland/blog/new", data={"title": "X", "body": "Y",
                                                         "status": "published"}).status_code == 403
        auth.logout()
    response = client.post("/w/blogland/blog/new", data={"title": "X"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.scalar(select(func.count(Post.id))) == 0


def test_every_edit_keeps_a_revision(client, auth, world, make_post):
    space, people = world
    post = make_post(space, people["editor"], "First title", "one")
    auth.login("olga")
    response = client.post(f"/w/blogland/blog/{post.slug}/edit", data={
        "title": "Second title", "body": "two", "tags": "x", "status": "published"})
    assert response.status_code == 302
    client.post(f"/w/blogland/blog/{post.slug}/edit", data={
        "title": "Second title", "body": "three", "tags": "x", "status": "published"})
    revisions = db.session.scalars(select(PostRevision).where(PostRevision.post_id == post.id)
                                   .order_by(PostRevision.number)).all()
    assert [(r.number, r.title, r.body) for r in revisions] == [
        (1, "First title", "one"), (2, "Second title", "two"), (3, "Second title", "three")]
    assert revisions[2].author_id == people["owner"].id
    # The slug stays: links keep working.
    assert client.get(f"/w/blogland/blog/{post.slug}").status_code == 200


def test_draft_seen_by_author_and_owners_only(client, auth, world, make_post):
    space, people = world
    draft = make_post(space, people["editor"], "Secret plan", status="draft")
    url = f"/w/blogland/blog/{draft.slug}"
    assert client.get(url).status_code == 404
    assert b"Secret plan" not in client.get("/w/blogland/blog/").data
    for name, status in (("vi", 404), ("out", 404), ("mod", 404), ("ed", 200), ("olga", 200)):
        auth.login(name)
        assert client.get(url).status_code == status, name
        assert (b"Secret plan" in client.get("/w/blogland/blog/").data) == (status == 200)
        auth.logout()


def test_publishing_a_draft_sends_post_published(client, auth, world, make_post):
    from app import signals
    space, people = world
    draft = make_post(space, people["editor"], "Soon", status="draft")
    seen = []

    def receive(sender, **kwargs):
        seen.append((sender, kwargs))

    signals.post_published.connect(receive)
    try:
        auth.login("ed")
        client.post(f"/w/blogland/blog/{draft.slug}/edit", data={
            "title": "Soon", "body": "now", "status": "published"})
    finally:
        signals.post_published.disconnect(receive)
    assert seen[0][0].id == draft.id and seen[0][1]["revision"].number == 2
    db.session.refresh(draft)
    assert draft.published_at is not None


def test_blog_index_by_tag_and_paginated(client, world, make_post):
    space, people = world
    for n in range(23):
        make_post(space, people["editor"], f"Post {n:02d}", tags=["even" if n % 2 == 0 else "odd"])
    page = client.get("/w/blogland/blog/")
    assert page.data.count(b'class="post-summary"') == 20
    assert b'rel="next"' in page.data
    assert client.get("/w/blogland/blog/?page=2").data.count(b'class="post-summary"') == 3
    tagged = client.get("/w/blogland/blog/?tag=odd")
    assert tagged.data.count(b'class="post-summary"') == 11


def test_delete_post(client, auth, world, make_post):
    space, people = world
    post = make_post(space, people["owner"], "Mine")
    auth.login("ed")
    # An editor deletes their own posts, not the owner's.
    assert client.post(f"/w/blogland/blog/{post.slug}/delete").status_code == 403
    auth.logout()
    auth.login("olga")
    assert client.post(f"/w/blogland/blog/{post.slug}/delete").status_code == 302
    auth.logout()
    assert client.get(f"/w/blogland/blog/{post.slug}").status_code == 404


def test_comments_by_readers_sanitised(client, auth, world, make_post):
    space, people = world
    post = make_post(space, people["editor"], "Talk")
    url = f"/w/blogland/blog/{post.slug}"
    auth.login("out")
    response = client.post(url + "/comments", data={
        "body": "Nice <script>alert(1)</script> *post* [x](javascript:alert(2))"})
    assert response.status_code == 302
    comment = db.session.scalar(select(Comment))
    assert "<script>" not in comment.html and "javascript:" not in comment.html
    assert "<em>post</em>" in comment.html
    page = client.get(url).data.decode()
    assert f'id="comment-{comment.id}"' in page
    assert "<script>alert(1)</script>" not in page
    assert client.post(url + "/comments", data={"body": "  "}).status_code == 422
    auth.logout()
    response = client.post(url + "/comments", data={"body": "anon"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_comment_deletion_rights(client, auth, world, make_post, make_comment):
    space, people = world
    post = make_post(space, people["editor"], "Talk")
    url = f"/w/blogland/blog/{post.slug}/comments"
    first = make_comment(post, people["outsider"], "by out")
    second = make_comment(post, people["viewer"], "by vi")
    third = make_comment(post, people["viewer"], "by vi again")
    auth.login("ed")  # an editor who is not the author
    assert client.post(f"{url}/{first.id}/delete").status_code == 403
    auth.logout()
    auth.login("out")
    assert client.post(f"{url}/{first.id}/delete").status_code == 302
    assert client.post(f"{url}/{second.id}/delete").status_code == 403
    auth.logout()
    auth.login("mod")
    assert client.post(f"{url}/{second.id}/delete").status_code == 302
    auth.logout()
    auth.login("olga")
    assert client.post(f"{url}/{third.id}/delete").status_code == 302
    db.session.expire_all()
    assert all(c.deleted_at is not None for c in db.session.scalars(select(Comment)))
    assert b"by vi again" not in client.get(f"/w/blogland/blog/{post.slug}").data


def test_private_blog_comments_need_membership(client, auth, make_user, make_workspace,
                                               make_post):
    owner = make_user("olga")
    space = make_workspace("quiet", owner, visibility="private")
    post = make_post(space, owner, "Hush")
    make_user("out")
    auth.login("out")
    response = client.post(f"/w/quiet/blog/{post.slug}/comments", data={"body": "hi"})
    assert response.status_code == 404


def test_post_wikilinks_resolve_in_the_workspace_and_commons(world, make_post):
    space, people = world
    post = make_post(space, people["editor"], "Links",
                     "See [[Budget]] and [[commons:Glossary:Premium]].")
    assert 'href="/w/blogland/wiki/Budget' in post.html
    assert 'href="/wiki/Glossary:Premium' in post.html


def test_reserved_and_duplicate_post_slugs(world, make_post):
    space, people = world
    first = make_post(space, people["editor"], "New")
    second = make_post(space, people["editor"], "New")
    assert first.slug == "new-2" and second.slug == "new-3"
    third = make_post(space, people["editor"], "Ünïcödé ça va ?")
    assert third.slug == "unicode-ca-va"


def test_home_panels_list_readable_posts_and_workspaces(client, make_user, make_workspace,
                                                        make_post):
    owner = make_user("olga")
    public = make_workspace("sunny", owner)
    private = make_workspace("shady", owner, visibility="private")
    make_post(public, owner, "Sunny news")
    make_post(private, owner, "Shady news")
    page = client.get("/").data.decode()
    assert 'id="panel-latest-posts"' in page and 'id="panel-active-workspaces"' in page
    assert "Sunny news" in page and "Shady news" not in page
    assert "/w/sunny/" in page and "/w/shady/" not in page


def test_post_history_and_old_revisions(client, auth, world, make_post):
    space, people = world
    post = make_post(space, people["editor"], "Version one", "first *body*")
    from workspaces import services
    services.edit_post(post, people["owner"], title="Version two", body="second body")
    db.session.commit()
    history = client.get(f"/w/blogland/blog/{post.slug}/history").data.decode()
    assert 'id="revision-1"' in history and 'id="revision-2"' in history
    old = client.get(f"/w/blogland/blog/{post.slug}?rev=1").data.decode()
    assert "old-revision" in old and "<em>body</em>" in old and "Version one" in old
    assert client.get(f"/w/blogland/blog/{post.slug}?rev=9").status_code == 404
    current = client.get(f"/w/blogland/blog/{post.slug}").data.decode()
    assert "second body" in current and "old-revision" not in current


def test_workspace_wiki_links_stay_inside_the_workspace(client, world):
    from app.spaces.services import commons
    from wiki.services import save_page
    from wiki.titles import Title
    space, people = world
    save_page(commons(), Title("Glossary", "Premium"), "A premium.", people["editor"])
    save_page(space, Title("Main", "Budget"), "Numbers.", people["editor"])
    save_page(space, Title("Main", "Main Page"),
              "See [[Budget]], [[Missing]] and [[commons:Glossary:Premium]].", people["editor"])
    db.session.commit()
    html = client.get("/w/blogland/wiki/Main_Page").data.decode()
    assert 'href="/w/blogland/wiki/Budget"' in html
    assert 'href="/w/blogland/wiki/Missing/edit"' in html
    assert 'href="/wiki/Glossary:Premium"' in html
    home = client.get("/w/blogland/").data.decode()
    assert 'href="/w/blogland/wiki/Budget"' in home


def test_post_red_link_turns_blue_once_the_page_exists(client, api_token, world, make_post):
    from wiki.services import save_page
    from wiki.titles import Title
    space, people = world
    post = make_post(space, people["editor"], "Plans", "See [[Budget]].")
    assert 'href="/w/blogland/wiki/Budget/edit"' in post.html
    save_page(space, Title("Main", "Budget"), "Numbers.", people["editor"])
    db.session.commit()
    html = client.get(f"/w/blogland/blog/{post.slug}").data.decode()
    assert 'href="/w/blogland/wiki/Budget"' in html and "Budget/edit" not in html
    db.session.expire_all()
    stored = db.session.get(Post, post.id)
    assert "Budget/edit" not in stored.html and 'href="/w/blogland/wiki/Budget"' in stored.html
    # The API shows the same, fresh HTML.
    stored.html = "stale"
    db.session.commit()
    response = client.get(f"/api/v1/w/blogland/posts/{post.slug}",
                          headers=api_token(people["viewer"]))
    assert response.status_code == 200
    assert 'href="/w/blogland/wiki/Budget"' in response.get_json()["html"]
