"""Record values: front matter round trip, and the typed copy kept in
``record_values`` through save, edit, move, delete, restore and revert."""
from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from tests.fixtures.records import RECORDS, record_body
from tests.fixtures.sql import count_queries
from wiki import services
from wiki.records import frontmatter
from wiki.records.models import RecordValue
from wiki.records.store import values_for
from wiki.titles import parse

pytestmark = RECORDS


def test_front_matter_round_trip():
    data = {"title": "Kept", "members": 1200, "country": "NO", "started": date(2020, 5, 1),
            "risks": ["health", "life"], "coverage": {"value": 17.3, "year": 2023,
                                                     "source": "World Bank"}}
    text = frontmatter.join(data, "Body\n", order=["country", "members", "risks"])
    # fields first in the given order, one line each, the others after them
    lines = text.splitlines()
    assert lines[0] == "---" and lines[1] == "country: 'NO'" and lines[2] == "members: 1200"
    assert lines[3] == "risks: [health, life]"
    assert frontmatter.split(text) == (data, "Body\n")
    assert frontmatter.split("No front matter") == ({}, "No front matter")
    assert frontmatter.split("---\n- a list\n---\nx") == ({}, "---\n- a list\n---\nx")
    assert frontmatter.split("---\n: bad: yaml: [\n---\nx")[0] == {}
    assert frontmatter.join({}, "Body") == "Body"
    # without an order: sorted keys, block style (what Markdown export writes)
    assert frontmatter.join({"b": 1, "a": [1]}, "x") == "---\na:\n- 1\nb: 1\n---\nx"


def test_values_stored_on_save(app, make_page):
    page = make_page("Projects:Mutuelle A", body=record_body(
        country="sn", type="mutual", members="1 200", founded=1998, started="2001-02-03",
        risks=["health", "crop", "bogus"], website="https://example.org/a",
        keywords=["Micro-Insurance", "health"], coverage={"value": 17.3, "year": 2023,
                                                          "source": "World Bank"},
        note="Hello", unknown_key="kept"))
    values = values_for([page.id])[page.id]
    assert values == {
        "country": "SN", "type": "mutual", "members": 1200, "founded": 1998,
        "started": date(2001, 2, 3), "risks": ["health", "crop"],
        "website": "https://example.org/a", "keywords": ["micro-insurance", "health"],
        "coverage": {"value": 17.3, "year": 2023, "source": "World Bank"}, "note": "Hello"}
    assert isinstance(values["founded"], int)


def test_invalid_values_are_left_out_not_refused(app, make_page):
    page = make_page("Projects:Messy", body=record_body(
        country="XX", members="many", founded=1500, website="javascript:alert(1)",
        type="unknown", note="ok"))
    assert page.current_revision_id is not None
    assert values_for([page.id]) == {page.id: {"note": "ok"}}


def test_edit_replaces_values(app, make_page):
    page = make_page("Projects:P", body=record_body(country="SN", members=10, risks=["life"]))
    make_page("Projects:P", body=record_body(country="ML", risks=["health", "crop"]))
    assert values_for([page.id])[page.id] == {"country": "ML", "risks": ["health", "crop"]}
    rows = db.session.scalar(select(func.count()).select_from(RecordValue)
                             .where(RecordValue.page_id == page.id))
    assert rows == 3


def test_no_values_outside_record_namespaces(app, make_page):
    page = make_page("Help:Not a record", body=record_body(country="SN"))
    assert values_for([page.id]) == {}


def test_move_out_and_back(app, make_page):
    page = make_page("Projects:Mover", body=record_body(country="SN", members=5))
    services.move_page(page, parse("Help:Mover"), None)
    db.session.commit()
    assert values_for([page.id]) == {}
    services.move_page(page, parse("Projects:Moved back"), None, leave_redirect=False)
    db.session.commit()
    assert values_for([page.id])[page.id] == {"country": "SN", "members": 5}


def test_delete_restore_revert_keep_values_current(app, make_page):
    page = make_page("Projects:R", body=record_body(country="SN", members=1))
    make_page("Projects:R", body=record_body(country="SN", members=2))
    services.delete_page(page, None)
    db.session.commit()
    # the rows stay (queries skip deleted pages); restoring brings them back as they were
    assert values_for([page.id])[page.id]["members"] == 2
    services.restore_page(page, None)
    db.session.commit()
    services.revert_page(page, 1, None)
    db.session.commit()
    assert values_for([page.id])[page.id]["members"] == 1


def test_values_for_many_pages_is_one_query(app, make_page):
    pages = [make_page(f"Projects:N{i}", body=record_body(country="SN", members=i))
             for i in range(5)]
    ids = [p.id for p in pages]
    with count_queries() as counted:
        values = values_for(ids)
    assert len(counted) == 1
    assert [values[i]["members"] for i in ids] == [0, 1, 2, 3, 4]
    assert values_for([]) == {}


@pytest.mark.parametrize("text", ["---\ncountry: NO\n---\nx"])
def test_yaml_no_is_norway(app, make_page, text):
    page = make_page("Projects:Norway", body=text)
    assert values_for([page.id])[page.id] == {"country": "NO"}
