"""Outside in: on a 360-pixel phone, tables keep their words whole (a table too
wide for the screen scrolls sideways in its own box) and no page scrolls
sideways as a whole."""
import pytest

pytestmark = pytest.mark.browser

#: For each header cell holding one word: how many line boxes its text takes.
LINES_OF_ONE_WORD_HEADERS = """() => [...document.querySelectorAll('.table-wrap th')]
  .filter(th => th.textContent.trim() && !/\\s/.test(th.textContent.trim()))
  .map(th => {
    const range = document.createRange();
    range.selectNodeContents(th);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return [th.textContent.trim(), lines.size];
  })"""


def test_tables_keep_their_words_whole_on_a_phone(browser_page, live_server):
    from app.extensions import db
    from app.spaces.services import commons
    from wiki.services import save_page
    from wiki.titles import parse
    with live_server.app.app_context():
        for number in range(3):
            save_page(commons(), parse("Knowledge:Financing"), f"Version {number}.", None,
                      summary=f"Edit number {number}", base_number=number or None)
        db.session.commit()
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/wiki/Knowledge:Financing/history")
    headers = page.evaluate(LINES_OF_ONE_WORD_HEADERS)
    assert len(headers) >= 3, headers
    assert all(lines == 1 for _word, lines in headers), headers
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_filter_forms_fit_a_phone(browser_page, live_server):
    """The people directory's country list holds names longer than the screen."""
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/people", "/people/experts"):
        page.goto(path)
        assert page.locator("#people-country").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
