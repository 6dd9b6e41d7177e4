"""The wiki's services directly: save, merge, revisions, move, links."""
import pytest
from sqlalchemy import select

from app.extensions import db
from app.spaces.services import commons
from wiki import services
from wiki.models import Page, Revision
from wiki.titles import parse

pytestmark = pytest.mark.usefixtures("app")


def save(title, body, actor=None, **kw):
    result = services.save_page(commons(), parse(title), body, actor, **kw)
    db.session.commit()
    return result


def test_first_save_creates_and_identical_text_makes_nothing(make_user):
    ana = make_user("ana")
    first = save("Topic", "Hello", ana, summary="  hi  ", minor=True)
    assert first.created and not first.merged and first.revision.number == 1
    # A creation is never minor.
    assert first.revision.summary == "hi" and first.revision.minor is False
    again = save("Topic", "Hello", ana, base_number=1, tags=["greeting"])
    assert again.revision is None and not again.created
    assert again.page.tag_names == ["greeting"] and again.page.head_number == 1


def test_bad_base_and_language_are_refused():
    save("Base", "one")
    with pytest.raises(services.BadRevision):
        save("Base", "two", base_number=5)
    db.session.rollback()
    with pytest.raises(services.WikiError):
        save("Base", "two", base_number=1, language="xx")
    db.session.rollback()
    with pytest.raises(ValueError):
        save("Base", "two", base_number=1, tags=["Bad Tag"])
    db.session.rollback()
    assert db.session.scalar(select(Page).where(Page.title == "Base")).head_number == 1


def test_conflict_raises_with_both_texts_and_stores_nothing():
    save("Clash", "a\n\nb\n\nc\n")
    save("Clash", "a\n\nB1\n\nc\n", base_number=1)
    with pytest.raises(services.EditConflict) as caught:
        save("Clash", "a\n\nB2\n\nc\n", base_number=1)
    db.session.rollback()
    conflict = caught.value
    assert conflict.current_revision.number == 2
    assert conflict.your_body == "a\n\nB2\n\nc\n"
    assert "B1" in conflict.conflicted_body and "B2" in conflict.conflicted_body
    assert db.session.scalar(select(Page).where(Page.title == "Clash")).head_number == 2


def test_saving_a_deleted_page_is_refused(make_user):
    moderator = make_user("mod", role="moderator")
    page = save("Gone", "x").page
    services.delete_page(page, moderator)
    db.session.commit()
    with pytest.raises(services.PageDeleted):
        save("Gone", "y", base_number=1)
    db.session.rollback()


def test_creating_a_page_turns_red_links_blue():
    linker = save("Linker", "See [[Later]].").page
    revision = db.session.get(Revision, linker.current_revision_id)
    assert "/wiki/Later/edit" in revision.html
    save("Later", "Here now.")
    db.session.expire_all()
    revision = db.session.get(Revision, linker.current_revision_id)
    assert revision.html is None  # rendered again on the next view
    from wiki.rendering import html_for
    assert 'href="/wiki/Later"' in html_for(revision)


def test_move_keeps_history_and_refuses_taken_titles(make_user):
    ana = make_user("ana")
    page = save("First", "one", ana).page
    save("First", "two", ana, base_number=1)
    save("Taken", "x", ana)
    with pytest.raises(services.PageExists):
        services.move_page(page, parse("Taken"), ana)
    db.session.rollback()
    page, redirect = services.move_page(page, parse("Second"), ana)
    db.session.commit()
    assert page.full_title == "Second" and page.head_number == 3
    titles = [r.full_title for r in db.session.scalars(
        select(Revision).where(Revision.page_id == page.id).order_by(Revision.number))]
    assert titles == ["First", "First", "Second"]
    assert redirect.full_title == "First" and redirect.redirect_to_id == page.id
    # Editing the redirect into a real page clears the redirect.
    save("First", "A page of its own.", ana, base_number=1)
    assert db.session.get(Page, redirect.id).redirect_to_id is None
