"""Outside in: a person signs up, logs in, switches to French and logs out in
a real browser against a real server, and every page on the way passes axe-core
(no serious or critical violation)."""
import re

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "a long enough password"


def assert_accessible(axe, page):
    violations = axe(page)
    assert violations == [], f"{page.url}: {violations}"


def submit(page, form_selector):
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def test_sign_up_log_in_switch_to_french_log_out(browser_page, axe, live_server):
    page = browser_page

    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(axe, page)

    page.goto("/signup")
    assert_accessible(axe, page)
    page.fill("#username", "nadia")
    page.fill("#email", "nadia@example.org")
    page.fill("#password", PASSWORD)
    submit(page, "main form")
    assert page.url == live_server.url + "/"
    assert page.locator("form[action='/logout']").count() == 1
    assert page.locator(".flash.success").count() == 1

    # Log out, then log back in with the new account.
    submit(page, "form[action='/logout']")
    assert page.locator("form[action='/logout']").count() == 0

    page.goto("/login")
    assert_accessible(axe, page)
    page.fill("#login", "nadia")
    page.fill("#password", "not the password")
    submit(page, "main form")
    assert page.locator(".flash.error").count() == 1
    assert_accessible(axe, page)
    page.fill("#login", "nadia@example.org")
    page.fill("#password", PASSWORD)
    submit(page, "main form")
    assert page.locator("form[action='/logout']").count() == 1

    page.goto("/settings")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(axe, page)

    # The footer switcher: a plain form, so it works without JavaScript too.
    submit_language = page.locator("footer form.languages button[value=fr]")
    with page.expect_navigation():
        submit_language.click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert re.search(r"/settings$", page.url)
    assert page.locator("footer form.languages button[value=fr]").get_attribute(
        "aria-pressed") == "true"
    assert_accessible(axe, page)

    # The choice sticks to the account across pages.
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(axe, page)

    submit(page, "form[action='/logout']")
    assert page.locator("form[action='/logout']").count() == 0
    assert page.locator("header a[href^='/login']").count() == 1
    page.goto("/settings")
    assert "/login" in page.url


def test_pages_work_without_javascript(chromium, live_server):
    """The sign-up form posts and redirects with scripting off (progressive enhancement)."""
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/signup")
        page.fill("#username", "omar")
        page.fill("#email", "omar@example.org")
        page.fill("#password", PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.url == live_server.url + "/"
        assert page.locator("form[action='/logout']").count() == 1
    finally:
        context.close()
