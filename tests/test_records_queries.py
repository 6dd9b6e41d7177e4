"""``find_records``: filters, sort, facets, pages, and permissions, in SQL."""
import pytest
from flask_login import AnonymousUserMixin
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.spaces.services import commons
from tests.fixtures.records import RECORDS, record_body
from tests.fixtures.sql import count_queries
from wiki import services
from wiki.records.queries import QueryError, find_records, iter_records

pytestmark = RECORDS
ANON = AnonymousUserMixin()


@pytest.fixture
def projects(make_page):
    data = [("Alpha", dict(country="SN", type="mutual", members=1500, founded=2001,
                           risks=["health"], coverage={"value": 10, "year": 2020})),
            ("Bravo", dict(country="SN", type="cooperative", members=200, founded=1995,
                           risks=["health", "life"])),
            ("Charlie", dict(country="ML", type="mutual", members=5000, founded=2010,
                             started="2012-01-31", risks=["crop"])),
            ("Delta", dict(country="BF", type="insurer", note="Big insurer")),
            ("Echo", dict(country="SN", type="mutual", members=999))]
    return {name: make_page(f"Projects:{name}", body=record_body(**values))
            for name, values in data}


def titles(results):
    return [r.page.title for r in results.records]


def test_filter_and_sort(app, projects):
    args = MultiDict([("country", "SN"), ("type", "mutual"), ("members_min", "1000")])
    results = find_records(commons(), "Projects", ANON, args)
    assert results.total == 1 and titles(results) == ["Alpha"]
    assert results.records[0].values["members"] == 1500
    # OR within a field, sort descending by a number, records without it last
    args = MultiDict([("country", "SN"), ("country", "ML"), ("sort", "-members")])
    assert titles(find_records(commons(), "Projects", ANON, args)) == [
        "Charlie", "Alpha", "Echo", "Bravo"]
    assert titles(find_records(commons(), "Projects", ANON, {"sort": "members"})) == [
        "Bravo", "Echo", "Alpha", "Charlie", "Delta"]
    # text sort ignores case; title sort by default
    assert titles(find_records(commons(), "Projects", ANON, {}))[:2] == ["Alpha", "Bravo"]
    assert titles(find_records(commons(), "Projects", ANON, {"sort": "-title"}))[0] == "Echo"
    assert titles(find_records(commons(), "Projects", ANON, {"founded_max": "2000"})) == ["Bravo"]
    assert titles(find_records(commons(), "Projects", ANON, {"started_min": "2012-01-01"})) == [
        "Charlie"]
    assert titles(find_records(commons(), "Projects", ANON, {"coverage_min": "5"})) == ["Alpha"]
    assert titles(find_records(commons(), "Projects", ANON, {"risks": "health"})) == [
        "Alpha", "Bravo"]
    assert titles(find_records(commons(), "Projects", ANON, {"note": "INSURER"})) == ["Delta"]
    assert titles(find_records(commons(), "Projects", ANON, {"q": "ch"})) == ["Charlie", "Echo"]
    assert titles(find_records(commons(), "Projects", ANON, {"country": "sn", "founded": "1995"})
                  ) == ["Bravo"]


def test_facets_ignore_their_own_filter(app, projects):
    results = find_records(commons(), "Projects", ANON, MultiDict([("country", "SN")]))
    assert results.total == 3
    # the country facet counts every country (its own filter aside)...
    assert dict(results.facets["country"]) == {"SN": 3, "ML": 1, "BF": 1}
    # ... the others count within country=SN
    assert dict(results.facets["type"]) == {"mutual": 2, "cooperative": 1}
    assert dict(results.facets["risks"]) == {"health": 2, "life": 1}
    assert dict(results.facets["founded"]) == {"2001": 1, "1995": 1}
    assert results.facets["country"][0] == ("SN", 3)


def test_pagination_and_bounded_queries(app, projects):
    results = find_records(commons(), "Projects", ANON, {}, page=2, per_page=2)
    assert results.total == 5 and results.pages == 3 and titles(results) == ["Charlie", "Delta"]
    assert results.has_prev and results.has_next
    with count_queries() as counted:
        find_records(commons(), "Projects", ANON, {"sort": "-members", "country": "SN"},
                     per_page=50)
    few = len(counted)
    assert few <= 6


def test_deleted_and_redirects_are_not_records(app, projects):
    services.delete_page(projects["Delta"], None)
    services.move_page(projects["Bravo"], services.Title("Projects", "Bravo moved"), None)
    db.session.commit()
    results = find_records(commons(), "Projects", ANON, {})
    assert titles(results) == ["Alpha", "Bravo moved", "Charlie", "Echo"]
    assert "BF" not in dict(results.facets["country"])


def test_private_workspace_never_counted(app, make_page, make_space, make_user):
    member, outsider = make_user("member"), make_user("outsider")
    secret = make_space("secret", visibility="private", members={member: "editor"})
    public = make_space("open")
    make_page("Projects:Hidden", space=secret, body=record_body(country="SN", type="mutual"))
    make_page("Projects:Shown", space=public, body=record_body(country="ML", type="mutual"))
    make_page("Projects:Commons", body=record_body(country="SN", type="insurer"))
    for reader in (ANON, outsider):
        everywhere = find_records(None, "Projects", reader, {})
        assert sorted(titles(everywhere)) == ["Commons", "Shown"]
        assert dict(everywhere.facets["country"]) == {"SN": 1, "ML": 1}
        assert find_records(secret, "Projects", reader, {}).total == 0
    everywhere = find_records(None, "Projects", member, {})
    assert sorted(titles(everywhere)) == ["Commons", "Hidden", "Shown"]
    assert dict(everywhere.facets["country"]) == {"SN": 2, "ML": 1}
    assert titles(find_records(secret, "Projects", member, {})) == ["Hidden"]


def test_strict_and_lenient_errors(app, projects):
    lenient = find_records(commons(), "Projects", ANON, {"bogus": "1", "members_min": "lots",
                                                         "sort": "nope"})
    assert lenient.total == 5 and lenient.sort == "title"
    assert {key for key, _message in lenient.ignored} == {"bogus", "members_min"}
    with pytest.raises(QueryError) as caught:
        find_records(commons(), "Projects", ANON, {"bogus": "1"}, strict=True)
    assert caught.value.code == "unknown_field"
    with pytest.raises(QueryError) as caught:
        find_records(commons(), "Projects", ANON, {"members_min": "lots"}, strict=True)
    assert caught.value.code == "bad_value"
    with pytest.raises(QueryError):
        find_records(commons(), "Projects", ANON, {"sort": "-nope"}, strict=True)
    with pytest.raises(QueryError):  # a choice field has no range
        find_records(commons(), "Projects", ANON, {"type_min": "1"}, strict=True)
    with pytest.raises(QueryError):
        find_records(commons(), "Help", ANON, {})


def test_iter_records_streams_everything_sorted(app, projects):
    rows = list(iter_records(commons(), "Projects", ANON, {"sort": "-members",
                                                             "country": "SN"}))
    assert [row.title for row, _values in rows] == ["Alpha", "Echo", "Bravo"]
    assert rows[0][1]["members"] == 1500
