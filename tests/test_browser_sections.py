"""Outside in: hovering, then focusing, a link to a glossary term in a real
browser shows the term's short definition in a tooltip (role="tooltip",
aria-describedby), which Escape dismisses."""
import pytest

pytestmark = pytest.mark.browser


def test_glossary_link_shows_its_definition(browser_page, live_server):
    from playwright.sync_api import expect

    from app.spaces.services import commons
    from app.extensions import db
    from wiki.services import save_page
    from wiki.titles import parse
    with live_server.app.app_context():
        space = commons()
        save_page(space, parse("Glossary:Premium"),
                  "---\nterm_en: Premium\nterm_fr: Prime\nterm_es: Prima\nterm_pt: Prémio\n---\n"
                  "The amount a member pays for cover.\n", None)
        save_page(space, parse("Knowledge:Pricing"),
                  "Set the [[Glossary:Premium|premium]] with care.\n\n[Next](#next)\n", None)
        db.session.commit()

    page = browser_page
    page.goto("/wiki/Knowledge:Pricing")
    link = page.locator("#page-body a[href='/wiki/Glossary:Premium']")
    tip = page.locator("#glossary-tip[role=tooltip]")

    link.hover()
    expect(tip).to_contain_text("The amount a member pays for cover.")
    expect(tip).to_contain_text("Premium")
    assert link.get_attribute("aria-describedby") == "glossary-tip"
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert link.get_attribute("aria-describedby") is None

    # Keyboard users get it on focus.
    page.mouse.move(0, 0)
    link.focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("The amount a member pays for cover.")
    assert link.get_attribute("aria-describedby") == "glossary-tip"
