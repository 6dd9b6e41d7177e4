"""Pages through the HTML views: create, view, edit, history, raw, diff, titles."""
import re

import pytest
from sqlalchemy import select

from app import signals
from app.extensions import db
from tests.fixtures.sql import count_queries
from wiki.models import Page, Revision


@pytest.fixture
def member(make_user, auth):
    user = make_user("ana")
    auth.login("ana")
    return user


def revisions_of(page):
    return db.session.scalars(select(Revision).where(Revision.page_id == page.id)
                              .order_by(Revision.number)).all()


def edit(client, title, body, base_rev="", **fields):
    data = {"body": body, "summary": "", "base_rev": base_rev}
    data.update(fields)
    return client.post(f"/wiki/{title}/edit", data=data)


def test_create_view_and_edit_a_page(client, member):
    response = client.get("/wiki/Library:Health_financing")
    assert response.status_code == 404
    assert b'id="create-link"' in response.data
    assert b"/wiki/Library:Health_financing/edit" in response.data

    form = client.get("/wiki/Library:Health_financing/edit")
    assert form.status_code == 200
    assert b'name="base_rev" value=""' in form.data

    response = edit(client, "Library:Health_financing", "# Health\n\nFirst *draft*.",
                    summary="start", tags="health, financing", language="fr")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/wiki/Library:Health_financing")

    page = db.session.scalar(select(Page).where(Page.title == "Health financing"))
    assert page.namespace == "Library" and page.head_number == 1
    assert page.language == "fr" and page.tag_names == ["financing", "health"]
    [rev] = revisions_of(page)
    assert rev.summary == "start" and rev.author_id == member.id
    assert rev.size == len("# Health\n\nFirst *draft*.") and rev.size_delta == rev.size
    assert rev.full_title == "Library:Health financing" and rev.parent_number is None
    assert "<em>draft</em>" in rev.html
    assert page.current_revision_id == rev.id

    view = client.get("/wiki/Library:Health_financing")
    assert view.status_code == 200
    assert b"<em>draft</em>" in view.data
    assert b'href="/wiki/Library:Health_financing/history.atom"' in view.data
    assert b'href="/wiki/Library:Health_financing/history.rss"' in view.data
    for tab in (b"tab-edit", b"tab-history", b"tab-backlinks", b"tab-attachments", b"tab-raw"):
        assert tab in view.data
    assert b'rel="tag" href="/tags/health"' in view.data

    form = client.get("/wiki/Library:Health_financing/edit")
    assert b'name="base_rev" value="1"' in form.data
    assert b"First *draft*." in form.data
    response = edit(client, "Library:Health_financing", "# Health\n\nSecond draft.",
                    base_rev=1, minor="1")
    assert response.status_code == 302
    db.session.expire_all()
    second = revisions_of(page)[-1]
    assert second.number == 2 and second.minor and second.parent_number == 1
    assert second.size_delta == second.size - rev.size
    assert page.head_number == 2 and page.current_revision_id == second.id


def test_identical_text_makes_no_revision(client, member, make_page):
    page = make_page("Same", body="Unchanged text.", author=member)
    response = edit(client, "Same", "Unchanged text.", base_rev=1)
    assert response.status_code == 302
    assert len(revisions_of(page)) == 1
    # Windows line endings from a browser are the same text.
    edit(client, "Same", "Unchanged text.", base_rev=1)
    make_page("Lines", body="a\nb\n", author=member)
    edit(client, "Lines", "a\r\nb\r\n", base_rev=1)
    assert db.session.scalar(select(Page).where(Page.title == "Lines")).head_number == 1


def test_old_revision_raw_and_history(client, member, make_page):
    for number in range(1, 4):
        page = make_page("Story", body=f"Version {number} <script>x</script>", author=member,
                         summary=f"step {number}")
    old = client.get("/wiki/Story?rev=1")
    assert old.status_code == 200
    assert b'id="old-revision"' in old.data and b"Version 1" in old.data
    assert b"<script>x" not in old.data
    assert client.get("/wiki/Story?rev=9").status_code == 404
    assert client.get("/wiki/Story?rev=abc").status_code == 400
    current = client.get("/wiki/Story")
    assert b'id="old-revision"' not in current.data

    raw = client.get("/wiki/Story/raw")
    assert raw.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert raw.get_data(as_text=True) == "Version 3 <script>x</script>"
    assert client.get("/wiki/Story/raw?rev=1").get_data(as_text=True).startswith("Version 1")

    history = client.get("/wiki/Story/history")
    assert history.status_code == 200
    numbers = [int(n) for n in re.findall(rb'id="rev-(\d+)"', history.data)]
    assert numbers == [3, 2, 1]
    assert b"step 2" in history.data
    assert b"/wiki/Story/diff?from=1&amp;to=2" in history.data
    assert page.head_number == 3


def test_history_is_paginated(client, member, make_page):
    for number in range(1, 8):
        make_page("Long", body=f"v{number}", author=member)
    first = client.get("/wiki/Long/history?per_page=3")
    assert [int(n) for n in re.findall(rb'id="rev-(\d+)"', first.data)] == [7, 6, 5]
    assert b'rel="next"' in first.data
    third = client.get("/wiki/Long/history?per_page=3&page=3")
    assert [int(n) for n in re.findall(rb'id="rev-(\d+)"', third.data)] == [1]
    assert b'rel="prev"' in third.data


def test_diff_inline_and_side_by_side(client, member, make_page):
    make_page("Compare", body="alpha beta gamma\nsame line\n", author=member)
    make_page("Compare", body="alpha <b>delta</b> gamma\nsame line\nnew line\n", author=member)
    inline = client.get("/wiki/Compare/diff?from=1&to=2")
    assert inline.status_code == 200
    assert b'<del class="diff-word">beta</del>' in inline.data
    assert b'<ins class="diff-word">&lt;b&gt;delta&lt;/b&gt;</ins>' in inline.data
    assert b'class="diff-insert"' in inline.data
    side = client.get("/wiki/Compare/diff?from=1&to=2&view=side")
    assert b"diff-side" in side.data
    assert b'<ins class="diff-word">&lt;b&gt;delta&lt;/b&gt;</ins>' in side.data
    default = client.get("/wiki/Compare/diff")
    assert b'<del class="diff-word">beta</del>' in default.data
    assert client.get("/wiki/Compare/diff?from=1&to=5").status_code == 404
    assert client.get("/wiki/Compare/diff?from=x").status_code == 400


@pytest.mark.parametrize("raw,status", [
    ("Bad[title]", 400), ("a/../b", 400), ("trail/", 400), ("a/ /b", 400),
    ("Foo/edit/history", 400),
    ("Library:Foo/history/edit", 400), ("x" * 300, 400),
])
def test_invalid_titles_are_rejected(client, raw, status):
    response = client.get(f"/wiki/{raw}")
    assert response.status_code == status


def test_invalid_title_explains_why(client):
    response = client.get("/wiki/Bad%7Ctitle")
    assert response.status_code == 400
    assert b"cannot contain" in response.data


def test_non_canonical_titles_redirect_permanently(client, make_page):
    make_page("Library:Health financing", body="x")
    for url in ("/wiki/library:health_financing", "/wiki/Library:health financing",
                "/wiki/LIBRARY:Health_financing"):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response.headers["Location"].endswith("/wiki/Library:Health_financing")
    response = client.get("/wiki/library:health_financing/history?page=2")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/wiki/Library:Health_financing/history?page=2")


def test_anonymous_cannot_edit_and_sees_no_create_link(client, make_page):
    response = client.get("/wiki/Nowhere")
    assert response.status_code == 404 and b'id="create-link"' not in response.data
    response = client.post("/wiki/Nowhere/edit", data={"body": "spam"})
    assert response.status_code == 401 and b'href="/login' in response.data
    assert db.session.scalar(select(Page).where(Page.title == "Nowhere")) is None


def test_a_save_after_the_session_ended_keeps_the_text(client, member, make_page, auth):
    """Signed out in another tab while editing: nothing is saved, nothing typed is
    lost, and the same form saves once its author is signed in again."""
    make_page("Draft", body="First text.", author=member)
    form = {"body": "A long text <typed> for an hour.", "summary": "my summary",
            "base_rev": "1", "tags": "health", "language": "fr"}
    auth.logout()
    kept = client.post("/wiki/Draft/edit", data=form)
    assert kept.status_code == 401
    html = kept.get_data(as_text=True)
    assert "A long text &lt;typed&gt; for an hour.</textarea>" in html
    assert 'value="my summary"' in html and 'value="health"' in html
    assert '<option value="fr" selected' in html
    page = db.session.scalar(select(Page).where(Page.title == "Draft"))
    assert page.head_number == 1
    auth.login("ana")
    saved = client.post("/wiki/Draft/edit", data=form)
    assert saved.status_code in (302, 303)
    db.session.refresh(page)
    assert page.head_number == 2 and revisions_of(page)[-1].body.startswith("A long text")


def test_blocked_user_cannot_write(client, member, make_page):
    from app.timeutil import utcnow
    make_page("Open", body="text", author=member)
    member.blocked_at = utcnow()
    db.session.commit()
    response = edit(client, "Open", "changed", base_rev=1)
    assert response.status_code in (401, 403)  # signed out by the block, or refused
    db.session.expire_all()
    assert db.session.scalar(select(Page).where(Page.title == "Open")).head_number == 1


def test_signals_carry_the_documented_arguments(client, member, make_page):
    received = []

    def record(sender, **kwargs):
        received.append((sender, kwargs))

    with signals.page_saved.connected_to(record):
        edit(client, "Signalled", "first")
        edit(client, "Signalled", "second", base_rev=1)
        edit(client, "Signalled", "second", base_rev=2)  # no change: no signal
    assert len(received) == 2
    page, first = received[0]
    assert page.full_title == "Signalled"
    assert first["created"] is True and first["merged"] is False and first["previous"] is None
    assert first["actor"].id == member.id and first["revision"].number == 1
    assert received[1][1]["created"] is False and received[1][1]["previous"].number == 1


def count_statements(client, url):
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


@pytest.mark.config(SEARCH_INDEX_AFTER_COMMIT=False)  # many saves; indexing is not tested here
def test_page_view_runs_a_constant_number_of_queries(app, client, member, make_page):
    for number in range(3):
        make_page("Knowledge:Short", body=f"Short {number} [[Knowledge:Long]]", author=member,
                  tags=["a", "b"])
    for number in range(60):
        make_page("Knowledge:Long", body=f"Long {number} [[Knowledge:Short]]", author=member,
                  tags=["a", "b"])
    make_page("Knowledge:Long/Child", body="child")
    make_page("Knowledge:Short/Child", body="child")
    client.get("/wiki/Knowledge:Short")  # warm up (renders stale HTML once)
    client.get("/wiki/Knowledge:Long")
    short = count_statements(client, "/wiki/Knowledge:Short")
    long = count_statements(client, "/wiki/Knowledge:Long")
    assert short == long
    # The page with its facts (wiki.view_facts), its children, its key
    # questions (Knowledge subpages) and their texts, the rest of the request.
    assert long <= 7


def test_wiki_root_leads_to_the_main_page(client, make_user, make_workspace):
    assert client.get("/wiki/").headers["Location"].endswith("/wiki/Main_Page")
    make_workspace("health", make_user("ana"))
    assert client.get("/w/health/wiki/").headers["Location"].endswith("/w/health/wiki/Main_Page")


def test_a_base_revision_past_the_newest_is_refused_by_the_form(client, member):
    refused = edit(client, "Form_new", "typed text", base_rev="99999999999999999999")
    assert refused.status_code == 422
    assert client.get("/wiki/Form_new").status_code == 404


@pytest.mark.parametrize("locale, headers, expected", [
    ("pt", {}, "pt"),
    ("", {"Accept-Language": "es"}, "es"),
])
def test_a_new_pages_language_is_its_authors(client, make_user, auth, locale, headers,
                                             expected):
    make_user("joao", locale=locale)
    auth.login("joao")
    form = client.get("/wiki/Nova_pagina/edit", headers=headers)
    assert f'<option value="{expected}" selected' in form.get_data(as_text=True)
    created = client.post("/wiki/Nova_pagina/edit", headers=headers,
                          data={"body": "Texto.", "summary": "", "base_rev": ""})
    assert created.status_code in (302, 303)
    page = db.session.scalar(select(Page).where(Page.title == "Nova pagina"))
    assert page.language == expected


def test_a_page_names_its_language(client, make_page):
    make_page("Library:Guide", body="Texte.", language="fr")
    html = client.get("/wiki/Library:Guide").get_data(as_text=True)
    assert '<span id="page-language" lang="fr">Français</span>' in html


@pytest.mark.parametrize("language, expected", [
    ("en", ["1 line added, 1 line removed", "2 lines added, 0 lines removed"]),
    ("fr", ["1 ligne ajoutée, 1 ligne supprimée", "2 lignes ajoutées, 0 ligne supprimée"]),
    ("pt", ["1 linha adicionada, 1 linha removida", "2 linhas adicionadas, 0 linhas removidas"]),
])
def test_diff_counts_lines_in_the_readers_grammar(client, make_page, language, expected):
    make_page("Counted", body="one\ntwo\n")
    make_page("Counted", body="one\nTWO\n")
    make_page("Counted", body="one\nTWO\nthree\nfour\n")
    headers = {"Accept-Language": language}
    for (old, new), sentence in zip(((1, 2), (2, 3)), expected):
        html = client.get(f"/wiki/Counted/diff?from={old}&to={new}",
                          headers=headers).get_data(as_text=True)
        assert re.search(r'id="diff-stats">([^<]*)<', html).group(1) == sentence
