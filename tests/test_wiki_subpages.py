"""Subpages: breadcrumbs up the ``/`` chain and the list of direct children."""
from flask_login import AnonymousUserMixin

from app.extensions import db
from tests.fixtures.sql import count_queries
from wiki import services, structure


def test_breadcrumbs(app, make_page):
    make_page("Knowledge:Mechanisms")
    page = make_page("Knowledge:Mechanisms/Microinsurance/Chile")
    with app.test_request_context():
        page = db.session.merge(page)
        _ = page.space.slug
        with count_queries() as statements:
            crumbs = structure.breadcrumbs(page)
    assert len(statements) == 1
    assert crumbs == [
        ("Knowledge", "/ns/Knowledge", True),
        ("Mechanisms", "/wiki/Knowledge:Mechanisms", True),
        ("Microinsurance", "/wiki/Knowledge:Mechanisms/Microinsurance/edit", False),
        ("Chile", "/wiki/Knowledge:Mechanisms/Microinsurance/Chile", True),
    ]
    assert crumbs[1].url == crumbs[1].path


def test_breadcrumbs_main_namespace_in_workspace(app, make_page, make_space):
    space = make_space("health")
    page = make_page("Top/Sub", space=space)
    with app.test_request_context():
        crumbs = structure.breadcrumbs(page)
    assert crumbs == [("Top", "/w/health/wiki/Top/edit", False),
                      ("Sub", "/w/health/wiki/Top/Sub", True)]
    top = make_page("Alone")
    with app.test_request_context():
        assert structure.breadcrumbs(top) == [("Alone", "/wiki/Alone", True)]


def test_children_one_level_one_query(app, make_page):
    parent = make_page("Guide")
    for title in ("Guide/B", "Guide/A", "Guide/A/Deep", "Guide 2", "Guidebook/X", "Other/Guide"):
        make_page(title)
    gone = make_page("Guide/Gone")
    services.delete_page(gone, None)
    db.session.commit()
    parent = db.session.merge(parent)
    _ = parent.space_id, parent.title
    with count_queries() as statements:
        found = structure.children(parent, AnonymousUserMixin())
    assert len(statements) == 1
    assert [p.title for p in found] == ["Guide/A", "Guide/B"]


def test_children_with_like_characters(app, make_page):
    parent = make_page("100%")
    make_page("100%/Sure")
    make_page("1000/Not")
    assert [p.title for p in structure.children(parent, AnonymousUserMixin())] == ["100%/Sure"]


def test_tree_nests_and_fills_gaps():
    class P:
        def __init__(self, title):
            self.title = title

    nodes = structure.tree([P("B/C/D"), P("A"), P("B"), P("A/X")])
    assert [(n.name, n.page is not None) for n in nodes] == [("A", True), ("B", True)]
    b = nodes[1]
    assert [(c.name, c.page is not None) for c in b.children] == [("C", False)]
    assert b.children[0].children[0].title == "B/C/D"


def test_page_view_shows_children_and_breadcrumbs(app, client, make_page):
    make_page("Knowledge:Topic")
    make_page("Knowledge:Topic/Part one")
    text = client.get("/wiki/Knowledge:Topic").get_data(as_text=True)
    assert "Part one" in text
    text = client.get("/wiki/Knowledge:Topic/Part_one").get_data(as_text=True)
    assert 'href="/wiki/Knowledge:Topic"' in text
