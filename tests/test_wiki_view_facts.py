"""A page view reads the page, its current revision, the author and every fact
it shows beside the text (tags, subpages, translations, discussions, glossary
links) in one statement (``wiki.view_facts``); each fact must equal what its
own query says, on SQLite and on PostgreSQL."""
import pytest
from flask_login import AnonymousUserMixin

from app.accounts.services import user_by_name
from app.extensions import db
from app.spaces.services import commons
from community.forum import queries as forum_queries
from wiki import queries, structure, translations, view_facts
from wiki.sections import glossary
from wiki.titles import parse

from tests.fixtures.sql import count_queries


def statements_during(client, url):
    with count_queries() as seen:
        response = client.get(url)
    return response, seen


def loaded(title):
    """The page as its view loads it (facts and all)."""
    db.session.expunge_all()
    return queries.page_for_view(commons(), parse(title), AnonymousUserMixin())


def fallbacks(page):
    """What each fact's own query says about ``page``."""
    return {
        "tags": sorted(page.tag_names),
        "has_subpages": bool(structure.children(page, AnonymousUserMixin())),
        "in_translation_group": bool(translations.group_of(page, AnonymousUserMixin())),
        "talk_count": forum_queries.talk_count(page),
        "links_to_glossary": glossary.links_to_glossary(page),
    }


def facts_of(page):
    return {
        "tags": view_facts.tag_names(page),
        "has_subpages": view_facts.has_subpages(page),
        "in_translation_group": view_facts.in_translation_group(page),
        "talk_count": view_facts.fact(page, "talk_count", None),
        "links_to_glossary": bool(view_facts.fact(page, "links_to_glossary", None)),
    }


@pytest.mark.config(PAGE_CACHE=False)
def test_an_anonymous_page_view_is_one_statement(app, client, make_user, make_page,
                                                 make_thread):
    member = make_user("ana")
    username = member.username
    make_page("Glossary:Premium", body="What a member pays.")
    page = make_page("Knowledge:Pooling", author=member, tags=["risk", "health"],
                     body="Members pay a [[Glossary:Premium]] into one pool.")
    make_thread(member, page=page, title="Is pooling fair?")
    client.get("/wiki/Knowledge:Pooling")  # the commons is read once per process

    response, seen = statements_during(client, "/wiki/Knowledge:Pooling")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert len(seen) == 1, seen
    assert 'href="/tags/health"' in html and 'href="/tags/risk"' in html
    assert html.index("/tags/health") < html.index("/tags/risk")  # sorted
    assert "Discussion (1)" in html
    assert "glossary.js" in html
    assert f'href="/u/{username}"' in html


@pytest.mark.config(PAGE_CACHE=False)
def test_subpages_and_translations_cost_a_query_only_when_there_are_some(
        app, client, make_page):
    make_page("Mechanisms", body="How schemes work.")
    client.get("/wiki/Mechanisms")  # the first request of a process does more
    _, plain = statements_during(client, "/wiki/Mechanisms")
    make_page("Mechanisms/Microinsurance", body="Small premiums.")
    response, with_child = statements_during(client, "/wiki/Mechanisms")
    assert "Microinsurance" in response.get_data(as_text=True)
    assert len(with_child) == len(plain) + 1

    source = make_page("Welcome", body="Hello.", language="en")
    french = make_page("Bienvenue", body="Bonjour.", language="fr")
    translations.link_translation(french, source)
    db.session.commit()
    response = client.get("/wiki/Welcome")
    assert 'hreflang="fr"' in response.get_data(as_text=True)
    response = client.get("/wiki/Bienvenue")
    assert 'hreflang="en"' in response.get_data(as_text=True)


def test_every_fact_equals_its_own_query(app, make_user, make_page, make_thread):
    make_user("ana")
    make_page("Glossary:Mutual", body="A scheme owned by its members.")
    make_page("Plain", body="Nothing around it.")
    make_page("Parent", body="Has children.", tags=["zeta", "alpha"])
    make_page("Parent/Child", body="A child.")
    make_page("Parentless/Deep/Grandchild", body="Only a grandchild.")
    # LIKE wildcards in titles must not make a sibling look like a child.
    make_page("Rate 100%_x", body="Percent.")
    make_page("Rate 100%Ax/Other", body="Not under it.")
    source = make_page("Source", body="Original [[Glossary:Mutual]].")
    french = make_page("Source fr", body="Traduction.", language="fr")
    translations.link_translation(french, source)
    db.session.commit()
    for title in ("One", "Two"):
        make_thread(user_by_name("ana"), page=loaded("Plain"), title=title)

    for title in ("Plain", "Parent", "Parent/Child", "Rate 100%_x", "Source", "Source fr",
                  "Glossary:Mutual"):
        page = loaded(title)
        assert facts_of(page) == fallbacks(page), title
    assert facts_of(loaded("Parent"))["tags"] == ["alpha", "zeta"]
    assert facts_of(loaded("Plain"))["talk_count"] == 2
    # A page with only a grandchild may have subpages below it; its list is empty.
    deep = loaded("Parentless")
    assert deep is None
    assert view_facts.has_subpages(loaded("Parent")) is True
    assert view_facts.has_subpages(loaded("Rate 100%_x")) is False


def test_a_page_loaded_another_way_falls_back_to_the_queries(app, make_page):
    page = make_page("Tagged", body="Text.", tags=["b", "a"])
    db.session.expunge_all()
    page = queries.find_page(commons(), parse("Tagged"))
    assert view_facts.tag_names(page) == ["a", "b"]
    assert view_facts.fact(page, "talk_count", lambda p: "computed") == "computed"


@pytest.mark.config(PAGE_CACHE=False)
def test_a_signed_in_view_knows_what_the_reader_watches(app, client, auth, make_user,
                                                        make_page):
    from feeds import watching
    make_user("ana")
    make_page("Watched", body="Followed.")
    make_page("Unwatched", body="Not followed.")
    target = watching.watch_target("page", loaded("Watched").id)
    watching.watch(user_by_name("ana"), target)
    db.session.commit()
    auth.login("ana")
    client.get("/wiki/Unwatched")

    response, seen = statements_during(client, "/wiki/Watched")
    assert 'aria-pressed="true">Unwatch' in response.get_data(as_text=True)
    # No query of its own: the answer came with the page.
    assert not any(statement.startswith("SELECT watches") for statement in seen)
    assert len(seen) <= 3  # the reader, the page, their unread messages
    response = client.get("/wiki/Unwatched")
    assert 'aria-pressed="false">Watch' in response.get_data(as_text=True)
    # The page as another reader sees it: a fact about the reader is theirs only.
    bob = make_user("bob")
    page = queries.page_for_view(commons(), parse("Watched"), bob)
    assert not view_facts.fact(page, "watched_by_reader", None)
    page = queries.page_for_view(commons(), parse("Watched"), user_by_name("ana"))
    assert view_facts.fact(page, "watched_by_reader", None)
