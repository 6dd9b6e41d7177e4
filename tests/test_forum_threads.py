"""The site forum through HTTP: categories with their counts, threads, replies,
pagination, quoting without script, the edit window, Markdown sanitising."""
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from app.extensions import db


@pytest.fixture
def people(make_user):
    return {"ana": make_user("ana"), "bo": make_user("bo"),
            "mod": make_user("mod", role="moderator"), "root": make_user("root", role="admin")}


def test_front_page_lists_categories_with_counts_and_last_post(
        client, people, make_category, make_thread, make_reply):
    general = make_category(name="General")
    empty = make_category(name="Micro-insurance")
    thread = make_thread(people["ana"], general, title="Enrolment drives")
    make_reply(thread, people["bo"])
    make_thread(people["bo"], general, title="Premium collection")
    html = client.get("/forum/").get_data(as_text=True)
    assert "General" in html and "Micro-insurance" in html
    row = html.split('id="category-general"')[1].split("</tr>")[0]
    assert '<td class="threads">2</td>' in row
    assert '<td class="posts">3</td>' in row
    assert "Premium collection" in row  # the newest thread
    empty_row = html.split(f'id="category-{empty.slug}"')[1].split("</tr>")[0]
    assert '<td class="threads">0</td>' in empty_row


def test_start_a_thread_and_reply(client, auth, people, make_category):
    make_category(name="General")
    auth.login("ana")
    assert client.get("/forum/general/new").status_code == 200
    response = client.post("/forum/general/new", data={"title": "Hello", "body": "First *post*"})
    assert response.status_code == 302
    path = response.headers["Location"]
    assert path.startswith("/forum/t/")
    page = client.get(path).get_data(as_text=True)
    assert "<em>post</em>" in page and "Hello" in page
    response = client.post(path + "/reply", data={"body": "A reply"})
    assert response.status_code == 302 and "#post-" in response.headers["Location"]
    assert "A reply" in client.get(path).get_data(as_text=True)
    from community.forum.models import Thread
    thread = db.session.scalar(select(Thread))
    assert thread.reply_count == 1


def test_anonymous_may_read_but_not_write(client, people, make_category, make_thread):
    thread = make_thread(people["ana"], make_category())
    assert client.get(f"/forum/t/{thread.id}").status_code == 200
    response = client.post(f"/forum/t/{thread.id}/reply", data={"body": "x"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/forum/general/new").status_code == 302


def test_empty_reply_keeps_the_form_with_a_message(client, auth, people, make_category,
                                                   make_thread):
    thread = make_thread(people["ana"], make_category())
    auth.login("bo")
    response = client.post(f"/forum/t/{thread.id}/reply", data={"body": "   "})
    assert response.status_code == 422
    response = client.post("/forum/general/new", data={"title": "", "body": "kept text"})
    assert response.status_code == 422
    assert "kept text" in response.get_data(as_text=True)


def test_unknown_category_and_thread_are_404(client, people, make_category):
    make_category()
    assert client.get("/forum/nope/").status_code == 404
    assert client.get("/forum/t/999").status_code == 404
    assert client.get("/forum/t/99999999999").status_code == 404


def test_thread_pagination(client, auth, people, make_category, make_thread, make_reply):
    thread = make_thread(people["mod"], make_category())
    for n in range(24):
        make_reply(thread, people["mod"], f"Reply number {n:02d}")
    first = client.get(f"/forum/t/{thread.id}").get_data(as_text=True)
    second = client.get(f"/forum/t/{thread.id}?page=2").get_data(as_text=True)
    assert "Reply number 00" in first and "Reply number 23" not in first
    assert "Reply number 23" in second and "Reply number 00" not in second
    assert 'rel="next"' in first and 'rel="prev"' in second
    # A new reply sends its writer to the last page, at the post.
    auth.login("bo")
    response = client.post(f"/forum/t/{thread.id}/reply", data={"body": "Late"})
    assert "page=2#post-" in response.headers["Location"]


def test_category_pagination_and_pinned_first(client, auth, people, make_category,
                                              make_thread, make_reply):
    category = make_category()
    threads = [make_thread(people["mod"], category, title=f"Topic {n:02d}") for n in range(27)]
    first = client.get("/forum/general/").get_data(as_text=True)
    assert "Topic 26" in first and "Topic 00" not in first
    assert "Topic 00" in client.get("/forum/general/?page=2").get_data(as_text=True)
    auth.login("mod")
    assert client.post(f"/forum/t/{threads[0].id}/moderate",
                       data={"action": "pin"}).status_code == 302
    first = client.get("/forum/general/").get_data(as_text=True)
    assert first.index("Topic 00") < first.index("Topic 26")
    # A reply moves a thread up among the unpinned ones.
    make_reply(threads[1], people["bo"])
    first = client.get("/forum/general/").get_data(as_text=True)
    assert first.index("Topic 00") < first.index("Topic 01") < first.index("Topic 26")


def test_quote_prefills_the_reply_box_without_script(client, auth, people, make_category,
                                                     make_thread):
    thread = make_thread(people["ana"], make_category(), body="Line one\n\nLine <two>")
    from community.forum.services import opening_post_id
    post_id = opening_post_id(thread)
    auth.login("bo")
    html = client.get(f"/forum/t/{thread.id}").get_data(as_text=True)
    assert f"quote={post_id}" in html
    html = client.get(f"/forum/t/{thread.id}?quote={post_id}").get_data(as_text=True)
    box = html.split('name="body"')[1].split("</textarea>")[0]
    assert "ana wrote:" in box
    assert "&gt; Line one\n&gt;\n&gt; Line &lt;two&gt;" in box
    assert client.get(f"/forum/t/{thread.id}?quote=424242").status_code == 404


def test_markdown_is_sanitised(client, auth, people, make_category):
    make_category()
    auth.login("ana")
    vectors = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
               '[click](javascript:alert(1))', '<a href="data:text/html,x">d</a>',
               '<iframe src="https://evil.example"></iframe>', '<svg onload=alert(1)>']
    response = client.post("/forum/general/new", data={"title": "XSS",
                                                       "body": "\n\n".join(vectors)})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    body = html.split('class="post-body">')[1].split("</div>")[0]
    elements = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            elements.append((tag, dict(attrs)))

    Collector().feed(body)
    assert elements, "the post rendered nothing"
    for tag, attrs in elements:
        assert tag not in ("script", "iframe", "svg"), tag
        assert not [name for name in attrs if name.startswith("on")], attrs
        assert not (attrs.get("href") or "").startswith(("javascript:", "data:")), attrs
    assert "&lt;script&gt;" in body  # shown as text, not run


def test_edit_window(app, client, auth, people, make_category, make_thread, make_reply):
    thread = make_thread(people["ana"], make_category())
    post = make_reply(thread, people["bo"], "Original")
    url = f"/forum/t/{thread.id}/edit/{post.id}"
    auth.login("bo")
    assert client.get(url).status_code == 200
    assert client.post(url, data={"body": "Changed"}).status_code == 302
    assert "Changed" in client.get(f"/forum/t/{thread.id}").get_data(as_text=True)
    # Too late: refused, with the reason.
    post.created_at -= timedelta(minutes=app.config["FORUM_EDIT_MINUTES"] + 1)
    db.session.commit()
    response = client.post(url, data={"body": "Too late"})
    assert response.status_code == 403
    assert "30 minutes" in response.get_data(as_text=True)
    auth.logout()
    # Not the author: refused.
    auth.login("ana")
    assert client.post(url, data={"body": "Not mine"}).status_code == 403
    auth.logout()
    # A moderator may edit at any time.
    auth.login("mod")
    assert client.post(url, data={"body": "Moderated"}).status_code == 302
    db.session.refresh(post)
    assert post.body == "Moderated" and post.edited_at is not None


def test_editing_the_opening_post_changes_the_title(client, auth, people, make_category,
                                                   make_thread):
    thread = make_thread(people["ana"], make_category(), title="Old title")
    from community.forum.services import opening_post_id
    auth.login("ana")
    url = f"/forum/t/{thread.id}/edit/{opening_post_id(thread)}"
    assert "Old title" in client.get(url).get_data(as_text=True)
    client.post(url, data={"title": "New title", "body": "Body"})
    db.session.refresh(thread)
    assert thread.title == "New title"


def test_categories_are_managed_by_admins(client, auth, people):
    auth.login("mod")
    assert client.get("/forum/categories").status_code == 403
    auth.logout()
    auth.login("root")
    assert client.get("/forum/categories").status_code == 200
    response = client.post("/forum/categories", data={"name": "Health mutuals"})
    assert response.status_code == 302
    assert client.get("/forum/health-mutuals/").status_code == 200
    response = client.post("/forum/categories", data={"name": "Again", "slug": "health-mutuals"})
    assert response.status_code == 422 or response.status_code == 409
    assert client.post("/forum/categories", data={"name": "T", "slug": "t"}).status_code == 422
