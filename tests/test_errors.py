"""Error pages in the reader's language; JSON errors under /api."""
import pytest

from app.errors import error_explanations, error_titles
from tests.conftest import PASSWORD

STATUSES = [400, 403, 404, 405, 413, 429, 500]


def html_lang(response):
    return response.get_data(as_text=True).split("<html lang=\"", 1)[1].split("\"", 1)[0]


def add_failing_routes(app):
    """Routes that end in each status; added before the app's first request."""
    from flask import abort

    def fail(status):
        if status == 500:
            raise RuntimeError("boom")
        abort(status)

    app.add_url_rule("/test-error/<int:status>", "test_error", fail, methods=["GET", "POST"])
    app.add_url_rule("/api/v1/test-error/<int:status>", "test_api_error", fail)


@pytest.mark.config(TESTING_SWALLOW_ERRORS=True)
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("locale", ["en", "fr", "es", "pt"])
def test_error_pages_render_in_the_chosen_language(app, client, status, locale):
    add_failing_routes(app)
    response = client.get(f"/test-error/{status}", headers={"Accept-Language": locale})
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert html_lang(response) == locale
    page = response.get_data(as_text=True)
    assert "<h1>" in page and 'id="content"' in page
    assert "Content-Security-Policy" in response.headers


@pytest.mark.config(TESTING_SWALLOW_ERRORS=True)
@pytest.mark.parametrize("status", STATUSES)
def test_error_pages_go_through_gettext(app, client, catalog, status):
    with app.test_request_context():
        title, explanation = error_titles()[status], error_explanations()[status]
    catalog("fr", {title: f"TITRE {status}", explanation: f"EXPLICATION {status}"})
    add_failing_routes(app)
    page = client.get(f"/test-error/{status}", headers={"Accept-Language": "fr"})
    assert f"TITRE {status}" in page.get_data(as_text=True)
    assert f"EXPLICATION {status}" in page.get_data(as_text=True)
    english = client.get(f"/test-error/{status}", headers={"Accept-Language": "en"})
    assert title in english.get_data(as_text=True)


@pytest.mark.config(TESTING_SWALLOW_ERRORS=True)
def test_a_500_renders_a_page_and_logs(app, client, caplog):
    add_failing_routes(app)
    response = client.get("/test-error/500")
    assert response.status_code == 500
    assert b"<html" in response.data
    assert b"boom" not in response.data  # no internals shown
    assert any("Unhandled error" in record.message for record in caplog.records)


@pytest.mark.config(TESTING_SWALLOW_ERRORS=True)
def test_a_500_after_a_database_error_still_renders(app, client, make_user, auth):
    from sqlalchemy import text

    from app.extensions import db

    def broken():
        db.session.execute(text("SELECT * FROM no_such_table"))

    app.add_url_rule("/test-db-error", "test_db_error", broken)
    make_user("ana")
    auth.login("ana")
    response = client.get("/test-db-error")
    assert response.status_code == 500
    assert b"<html" in response.data


@pytest.mark.config(TESTING_SWALLOW_ERRORS=True)
@pytest.mark.parametrize("status", STATUSES)
def test_api_errors_are_json(app, client, status):
    add_failing_routes(app)
    response = client.get(f"/api/v1/test-error/{status}")
    assert response.status_code == status
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] and error["message"]


def test_real_error_statuses(client, make_user, auth):
    make_user("ana")
    assert client.get("/u/nobody").status_code == 404
    response = client.get("/logout")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    auth.login("ana")
    make_user("mod", role="moderator")
    assert client.post("/u/mod/block").status_code == 403


@pytest.mark.config(UPLOAD_MAX_BYTES=10)
def test_too_large_form_gets_413_page(client):
    response = client.post("/login", data={"login": "x" * 200_000, "password": PASSWORD})
    assert response.status_code == 413
    assert b"<html" in response.data


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_csrf_failure_is_a_400_page_with_a_message(client):
    response = client.post("/login", data={"login": "ana", "password": PASSWORD},
                           headers={"Accept-Language": "es"})
    assert response.status_code == 400
    assert html_lang(response) == "es"
    assert b'class="error-message"' in response.data
