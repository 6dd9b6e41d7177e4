"""The knowledge base: a tree in the chosen order, and key questions that
members ask (CSRF-protected, validated) and answer by editing."""
import re

import pytest

from wiki.queries import find_page
from wiki.titles import parse


def positioned(make_page, title, position=None, body="Text."):
    if position is not None:
        body = f"---\nposition: {position}\n---\n{body}"
    return make_page(title, body=body)


def test_tree_follows_positions_then_titles(client, make_page):
    positioned(make_page, "Knowledge:Overview", 2)
    positioned(make_page, "Knowledge:Relevance", 1)
    positioned(make_page, "Knowledge:Mechanisms", 4)
    positioned(make_page, "Knowledge:Contingencies", 3)
    positioned(make_page, "Knowledge:Annex")             # no position: after the others
    positioned(make_page, "Knowledge:Mechanisms/Social insurance", 1)
    positioned(make_page, "Knowledge:Mechanisms/Microinsurance", 3)
    positioned(make_page, "Knowledge:Mechanisms/Social assistance", 2)
    html = client.get("/ns/Knowledge").get_data(as_text=True)
    names = re.findall(r'<a href="/wiki/Knowledge:[^"]+" lang="en">([^<]+)</a>', html)
    assert names == ["Relevance", "Overview", "Contingencies", "Mechanisms", "Social insurance",
                     "Social assistance", "Microinsurance", "Annex"]


@pytest.fixture
def topic(make_page):
    return make_page("Knowledge:Mechanisms/Microinsurance", body="About micro-insurance.")


QUESTION = "How can premiums stay affordable?"


def test_members_ask_and_answer_key_questions(client, topic, auth, make_user, make_page):
    make_user("ana")
    auth.login("ana")
    page = client.get("/wiki/Knowledge:Mechanisms/Microinsurance").get_data(as_text=True)
    assert 'id="key-questions"' in page and "No key questions yet." in page
    assert 'action="/wiki/Knowledge:Mechanisms/Microinsurance/key-questions"' in page
    response = client.post("/wiki/Knowledge:Mechanisms/Microinsurance/key-questions",
                           data={"question": QUESTION})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/wiki/Knowledge:Mechanisms/Microinsurance"
                                                 "#key-questions")
    full = f"Knowledge:Mechanisms/Microinsurance/Key questions/{QUESTION}"
    question = find_page(topic.space, parse(full))
    assert question is not None and question.current_revision.body == ""
    page = client.get("/wiki/Knowledge:Mechanisms/Microinsurance").get_data(as_text=True)
    item = re.search(r'id="key-questions".*?</ul>', page, re.S).group(0)
    assert QUESTION in item and "not answered yet" in item and ">Answer</a>" in item
    # Answering is editing the question's page.
    make_page(full, body="Collect premiums through groups people already belong to.")
    page = client.get("/wiki/Knowledge:Mechanisms/Microinsurance").get_data(as_text=True)
    item = re.search(r'id="key-questions".*?</ul>', page, re.S).group(0)
    assert "(answered)" in item and ">Answer</a>" not in item
    # The same question twice: 409, the text kept.
    again = client.post("/wiki/Knowledge:Mechanisms/Microinsurance/key-questions",
                        data={"question": QUESTION})
    assert again.status_code == 409
    assert f'value="{QUESTION}"' in again.get_data(as_text=True)
    # A question's own page gets no key questions of its own.
    own = client.get("/wiki/" + full.replace(" ", "_").replace("?", "%3F"))
    assert own.status_code == 200 and 'id="key-questions"' not in own.get_data(as_text=True)


@pytest.mark.parametrize("text, message", [
    ("Why?", "at least 10 characters"),
    ("x" * 201, "at most 200 characters"),
    ("Premiums and/or contributions?", "cannot contain a slash"),
    ("What is a [[link]] for anyway?", "cannot"),
])
def test_bad_questions_are_refused_with_the_text_kept(client, topic, auth, make_user, text,
                                                      message):
    make_user("ana")
    auth.login("ana")
    response = client.post("/wiki/Knowledge:Mechanisms/Microinsurance/key-questions",
                           data={"question": text})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and 'role="alert"' in html
    assert 'name="question" value="' in html and 'aria-invalid="true"' in html


def test_anonymous_readers_and_non_members_cannot_ask(client, topic, make_user, make_page,
                                                      make_workspace, auth, add_member):
    page = client.get("/wiki/Knowledge:Mechanisms/Microinsurance").get_data(as_text=True)
    assert 'id="ask-question"' not in page and "Log in to ask a key question." in page
    response = client.post("/wiki/Knowledge:Mechanisms/Microinsurance/key-questions",
                           data={"question": QUESTION})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    owner = make_user("olga")
    space = make_workspace("open-ws", owner)
    make_page("Knowledge:Plan", space=space, author=owner)
    viewer = make_user("vi")
    add_member(space, viewer, "viewer")
    auth.login("vi")
    refused = client.post("/w/open-ws/wiki/Knowledge:Plan/key-questions",
                          data={"question": QUESTION})
    assert refused.status_code == 403
    assert find_page(space, parse(f"Knowledge:Plan/Key questions/{QUESTION}")) is None
    # Not a Knowledge page, or no such page: 404.
    make_page("Library:Book")
    assert client.post("/wiki/Library:Book/key-questions",
                       data={"question": QUESTION}).status_code == 404
    assert client.post("/wiki/Knowledge:Nothing/key-questions",
                       data={"question": QUESTION}).status_code == 404


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_asking_needs_the_csrf_token(client, topic, make_user):
    make_user("ana")
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    client.post("/login", data={"login": "ana", "password": "correct horse battery",
                                "csrf_token": token})
    refused = client.post("/wiki/Knowledge:Mechanisms/Microinsurance/key-questions",
                          data={"question": QUESTION})
    assert refused.status_code == 400
    page = client.get("/wiki/Knowledge:Mechanisms/Microinsurance").get_data(as_text=True)
    form = re.search(r'<form method="post" action="[^"]+/key-questions".*?</form>', page,
                     re.S).group(0)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    accepted = client.post("/wiki/Knowledge:Mechanisms/Microinsurance/key-questions",
                           data={"question": QUESTION, "csrf_token": token})
    assert accepted.status_code == 303
