"""Reading pages through the policy, and paging through history."""
import pytest
from werkzeug.exceptions import NotFound

from app.spaces.services import commons
from wiki import queries, services
from wiki.titles import parse


@pytest.fixture
def people(make_user, make_space):
    owner, outsider = make_user("owner"), make_user("outsider")
    team = make_space("team", visibility="private", members={owner: "owner"})
    return owner, outsider, team


def test_find_page_matches_namespace_and_title(make_page):
    page = make_page("Library:Health financing", body="x")
    assert queries.find_page(commons(), parse("library:health_financing")).id == page.id
    assert queries.find_page(commons(), parse("Health financing")) is None
    assert queries.find_page(commons(), parse("Library:health Financing")) is None


def test_get_page_or_404_goes_through_the_policy(people, make_page):
    owner, outsider, team = people
    page = make_page("Plan", body="x", space=team, author=owner)
    assert queries.get_page_or_404(team, parse("Plan"), owner).id == page.id
    with pytest.raises(NotFound):
        queries.get_page_or_404(team, parse("Plan"), outsider)
    with pytest.raises(NotFound):
        queries.get_page_or_404(team, parse("Missing"), owner)


def test_deleted_pages_are_found_but_not_readable_by_members(make_user, make_page):
    from app.extensions import db
    member, moderator = make_user("member"), make_user("mod", role="moderator")
    page = make_page("Gone", body="x")
    services.delete_page(page, moderator)
    db.session.commit()
    assert queries.find_page(commons(), parse("Gone")) is not None
    assert queries.readable_page(commons(), parse("Gone"), member) is None
    assert queries.readable_page(commons(), parse("Gone"), moderator).id == page.id


def test_history_pages_newest_first(make_page):
    for number in range(7):
        page = make_page("Many", body=f"v{number}")
    first = queries.history(page, 1, 3)
    assert [r.number for r in first.items] == [7, 6, 5]
    assert (first.total, first.pages, first.has_prev, first.has_next) == (7, 3, False, True)
    last = queries.history(page, 3, 3)
    assert [r.number for r in last.items] == [1] and last.has_prev and not last.has_next
    assert queries.history(page, 9, 3).items == []
    # Nonsense paging falls back to sane numbers.
    odd = queries.history(page, "x", "0")
    assert odd.page == 1 and odd.per_page == 1
    assert queries.history(page, 1, 10_000).per_page == queries.MAX_PER_PAGE


def test_list_pages_filters_in_sql(people, make_page):
    owner, outsider, team = people
    make_page("Library:Alpha", body="x")
    make_page("Library:Alpha/Sub", body="x")
    make_page("Glossary:Alpha_beta", body="x")
    make_page("Library:Hidden", body="x", space=team, author=owner)
    assert [p.full_title for p in queries.list_pages(outsider, namespace="Library")] == [
        "Library:Alpha", "Library:Alpha/Sub"]
    titles = [p.full_title for p in queries.list_pages(owner, namespace="Library")]
    assert "Library:Hidden" in titles
    assert [p.full_title for p in queries.list_pages(outsider, space=team)] == []
    # LIKE wildcards in the prefix are literal.
    assert [p.full_title for p in queries.list_pages(outsider, prefix="Alpha_")] == []
    assert [p.full_title for p in queries.list_pages(outsider, prefix="Alpha b")] == [
        "Glossary:Alpha beta"]
    anonymous = [p.full_title for p in queries.list_pages(None)]
    assert "Library:Hidden" not in anonymous


def test_revisions_by_number(make_page):
    page = make_page("Numbers", body="one")
    make_page("Numbers", body="two")
    assert queries.get_revision(page).body == "two"
    assert queries.get_revision(page, 1).body == "one"
    assert queries.get_revision(page, 3) is None
