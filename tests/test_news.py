"""Site news: who may write (admins, the news team), the newsletter PDF
(magic bytes, size limit, download headers), "What's new" on the home page,
the feeds and the API."""
import io

import pytest
from sqlalchemy import select

from app.extensions import db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def people(make_user):
    return {"root": make_user("root", role="admin"), "ana": make_user("ana"),
            "mod": make_user("mod", role="moderator")}


def publish(client, title="Forum opens", body="The **forum** is open.", pdf=None):
    data = {"title": title, "body": body}
    if pdf is not None:
        data["newsletter"] = (io.BytesIO(pdf), "issue.pdf", "application/pdf")
    return client.post("/news/new", data=data, content_type="multipart/form-data")


def test_only_admins_and_the_news_team_write(client, auth, people):
    for who in ("ana", "mod"):
        auth.login(who)
        assert client.get("/news/new").status_code == 403
        assert publish(client).status_code == 403
        auth.logout()
    assert client.get("/news/new").status_code == 302  # the login form
    auth.login("root")
    assert client.get("/news/team").status_code == 200
    assert client.post("/news/team", data={"username": "ana"}).status_code == 302
    assert client.post("/news/team", data={"username": "ana"}).status_code == 422
    assert client.post("/news/team", data={"username": "ghost"}).status_code == 422
    auth.logout()
    auth.login("ana")
    assert client.get("/news/team").status_code == 403
    response = publish(client)
    assert response.status_code == 302
    path = response.headers["Location"]
    assert path.startswith("/news/") and path.endswith("-forum-opens")
    assert "<strong>forum</strong>" in client.get(path).get_data(as_text=True)
    auth.logout()
    auth.login("root")
    assert client.post("/news/team/ana/remove").status_code == 302
    from app.audit import AuditEntry
    actions = [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["news.team_added", "news.team_removed"]
    auth.logout()
    auth.login("ana")
    assert client.get("/news/new").status_code == 403


def test_addresses_and_edit_and_delete(client, auth, people):
    auth.login("root")
    path = publish(client, title="Glossary week").headers["Location"]
    news_id = int(path.split("/")[2].split("-")[0])
    assert client.get(f"/news/{news_id}").headers["Location"].endswith(path)
    assert client.get(f"/news/{news_id}-wrong").status_code == 301
    assert client.post(f"/news/{news_id}/edit",
                       data={"title": "Glossary weeks", "body": "Two weeks."}).status_code == 302
    assert "Two weeks." in client.get(path).get_data(as_text=True)
    assert client.post(f"/news/{news_id}/edit", data={"title": "", "body": "kept"}).status_code \
        == 422
    assert client.post(f"/news/{news_id}/delete").status_code == 302
    assert client.get(path).status_code == 404
    assert client.get("/news/99999").status_code == 404


def test_newsletter_upload_and_download(client, auth, people):
    auth.login("root")
    path = publish(client, pdf=PDF).headers["Location"]
    news_id = int(path.split("/")[2].split("-")[0])
    auth.logout()
    response = client.get(f"/news/{news_id}/newsletter.pdf")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert f"/news/{news_id}/newsletter.pdf" in client.get(path).get_data(as_text=True)


def test_newsletter_must_be_a_pdf(client, auth, people):
    auth.login("root")
    response = publish(client, title="Not a PDF", pdf=b"<html>hello</html>")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "PDF" in html and "Not a PDF" in html  # the message, the typed title kept
    from community.news.models import NewsPost
    assert db.session.scalar(select(NewsPost)) is None


@pytest.mark.config(UPLOAD_MAX_BYTES=1000)
def test_newsletter_too_large_is_413(client, auth, people):
    auth.login("root")
    response = publish(client, pdf=PDF + b"0" * 2000)
    assert response.status_code == 413
    assert client.get("/news/1/newsletter.pdf").status_code == 404


def test_whats_new_on_the_home_page(client, auth, people):
    assert 'id="panel-news"' not in client.get("/").get_data(as_text=True)
    auth.login("root")
    for n in range(4):
        publish(client, title=f"News number {n}")
    html = client.get("/").get_data(as_text=True)
    assert 'id="panel-news"' in html
    panel = html.split('id="panel-news"')[1].split("</section>")[0]
    assert "What's new" in panel
    assert "News number 3" in panel and "News number 1" in panel
    assert "News number 0" not in panel  # the three latest only


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_news_feed(client, auth, people, read_feed, fmt):
    auth.login("root")
    publish(client, title="Feed me", body="Full *content* here.", pdf=PDF)
    auth.logout()
    response, parsed = read_feed(f"/news.{fmt}")
    assert [e.title for e in parsed.entries] == ["Feed me"]
    entry = parsed.entries[0]
    content = entry.get("content", [{}])[0].get("value") or entry.summary
    assert "<em>content</em>" in content and "newsletter.pdf" in content
    again = client.get(f"/news.{fmt}", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert 'href="/news.atom"' in client.get("/news").get_data(as_text=True)


def test_news_activity_and_api(client, auth, people):
    auth.login("root")
    publish(client, title="In the log")
    auth.logout()
    assert "published the news" in client.get("/recent").get_data(as_text=True)
    data = client.get("/api/v1/news").get_json()
    assert data["total"] == 1 and data["items"][0]["title"] == "In the log"
    assert data["items"][0]["newsletter_url"] is None


def test_news_list_is_paginated(client, auth, people):
    auth.login("root")
    for n in range(12):
        publish(client, title=f"Item {n:02d}")
    first = client.get("/news").get_data(as_text=True)
    assert "Item 11" in first and "Item 00" not in first
    assert "Item 00" in client.get("/news?page=2").get_data(as_text=True)


def test_demo_seed_fills_forum_and_news(app, client):
    from app.seed import seed_demo
    from community.forum.models import ForumCategory, Thread
    from community.news.models import NewsPost
    from sqlalchemy import func
    assert seed_demo() is not None
    assert db.session.scalar(select(func.count()).select_from(NewsPost)) == 3
    slugs = set(db.session.scalars(select(ForumCategory.slug)))
    assert {"general", "health-mutuals", "micro-insurance", "country-practice"} <= slugs
    assert db.session.scalar(select(func.count()).select_from(Thread).where(
        Thread.page_id.is_not(None))) >= 1
    assert "Bienvenue sur le forum" in client.get("/forum/general/").get_data(as_text=True)
    assert "Questions about week 1" in client.get(
        "/w/social-protection-training-2026/forum/questions/").get_data(as_text=True)
    assert 'id="panel-news"' in client.get("/").get_data(as_text=True)
