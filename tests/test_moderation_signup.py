"""Sign-up defences: the question admins set (and change), and the honeypot."""
import re

import pytest
from sqlalchemy import func, select

from app.accounts import challenge
from app.accounts.models import User
from app.audit import AuditEntry
from app.extensions import db
from tests.conftest import PASSWORD


def signup(client, **fields):
    data = {"username": "ana", "email": "ana@example.org", "password": PASSWORD}
    data.update(fields)
    return client.post("/signup", data=data)


def users():
    return db.session.scalar(select(func.count()).select_from(User))


@pytest.fixture
def question(app):
    challenge.set_challenge({"en": "What is the capital of France?",
                             "fr": "Quelle est la capitale de la France ?"},
                            ["Paris", "París"])
    db.session.commit()


def test_no_question_by_default(client):
    page = client.get("/signup").get_data(as_text=True)
    assert "capital" not in page and 'name="answer"' not in page
    assert signup(client).status_code == 302


def test_wrong_answer_is_422_and_keeps_the_fields(client, question):
    page = client.get("/signup").get_data(as_text=True)
    assert "What is the capital of France?" in page
    response = signup(client, answer="Lyon")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "not the answer we expected" in page
    assert 'value="ana"' in page and 'value="ana@example.org"' in page and 'value="Lyon"' in page
    assert users() == 0
    assert signup(client, answer="").status_code == 422
    assert users() == 0


@pytest.mark.parametrize("answer", ["Paris", "  paris. ", "PARIS", "paris", "Parìs"])
def test_right_answers_work(client, question, answer):
    assert signup(client, answer=answer).status_code == 302
    assert users() == 1


def test_the_question_follows_the_language(client, question):
    client.post("/language", data={"locale": "fr"})
    assert "Quelle est la capitale" in client.get("/signup").get_data(as_text=True)


def test_honeypot_refuses_and_creates_nothing(client):
    page = client.get("/signup").get_data(as_text=True)
    field = re.search(r'<input[^>]*name="website"[^>]*>', page).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field
    assert "Leave this field empty" in page
    response = signup(client, website="http://spam.example")
    assert response.status_code == 422
    assert "could not be accepted" in response.get_data(as_text=True)
    assert users() == 0


def test_admin_sets_and_changes_the_question(client, auth, make_user):
    make_user("root", role="admin")
    make_user("mod", role="moderator")
    make_user("member")
    for name in ("mod", "member"):
        auth.login(name)
        assert client.get("/admin/signup-question").status_code == 404
        assert client.post("/admin/signup-question",
                           data={"question_en": "x", "answers": "y"}).status_code == 404
        auth.logout()
    assert challenge.current() is None
    auth.login("root")
    assert client.get("/admin/signup-question").status_code == 200
    response = client.post("/admin/signup-question", data={
        "question_en": "How many legs has a spider?", "question_fr": "",
        "answers": "8\neight\nhuit\n", "reason": "bots"})
    assert response.status_code == 302
    assert challenge.current()["answers"] == ["8", "eight", "huit"]
    entry = db.session.scalar(select(AuditEntry))
    assert entry.action == "site.signup_question_changed" and entry.reason == "bots"
    # Questions without answers are refused, and the text is kept.
    response = client.post("/admin/signup-question", data={
        "question_en": "Unanswerable?", "answers": ""})
    assert response.status_code == 422 and "Unanswerable?" in response.get_data(as_text=True)
    # Clearing the question turns the challenge off.
    client.post("/admin/signup-question", data={"question_en": "", "answers": ""})
    assert challenge.current() is None
    client.post("/admin/signup-question", data={
        "question_en": "How many legs has a spider?", "answers": "8\neight"})
    auth.logout()
    assert "How many legs" in client.get("/signup").get_data(as_text=True)
    assert signup(client, answer="Eight").status_code == 302


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_signup_and_the_admin_form_need_the_csrf_token(client, question, make_user):
    assert signup(client, answer="Paris").status_code == 400
    assert users() == 0
    page = client.get("/signup").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert signup(client, answer="Paris", csrf_token=token).status_code == 302
    make_user("root", role="admin")
    admin = client.application.test_client()
    login_page = admin.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    admin.post("/login", data={"login": "root", "password": PASSWORD, "csrf_token": token})
    assert admin.post("/admin/signup-question",
                      data={"question_en": "Q?", "answers": "A"}).status_code == 400
    assert challenge.current()["answers"] == ["Paris", "París"]


def test_every_problem_is_shown_at_once(client, question):
    """A wrong answer does not hide the other fields' problems until the next try."""
    response = signup(client, username="a b", email="not-an-email", password="short",
                      answer="London")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for field in ("username", "email", "password", "answer"):
        assert f'id="{field}-error"' in html, field
    assert users() == 0
    empty = signup(client, username="", email="", password="", answer="")
    assert empty.status_code == 422
    assert all(f'id="{field}-error"' in empty.get_data(as_text=True)
               for field in ("username", "email", "password", "answer"))
    assert signup(client, answer="Paris").status_code == 302 and users() == 1
