"""The editor of a record: one input per field above the text, validation
with every typed value kept, front matter written back, merges."""
import re

import pytest

from app.extensions import db
from app.spaces.services import commons
from tests.fixtures.records import RECORDS, record_body
from wiki import queries
from wiki.records import frontmatter
from wiki.records.store import values_for
from wiki.titles import parse

pytestmark = RECORDS


@pytest.fixture
def writer(make_user, auth):
    user = make_user("writer")
    auth.login("writer")
    return user


def current_text(title):
    page = queries.find_page(commons(), parse(title))
    db.session.refresh(page)
    return queries.get_revision(page).body


def form(body="The text.", base_rev="", **fields):
    data = {"body": body, "summary": "", "base_rev": base_rev, "language": "en", "tags": "",
            "record_form": "1"}
    data.update({f"field-{k}": v for k, v in fields.items()})
    return data


def test_form_shows_fields_and_body_only(client, writer, make_page):
    make_page("Projects:Alpha", body=record_body(
        "Body only.\n", country="SN", type="mutual", members=1500, risks=["health", "crop"],
        coverage={"value": 17.3, "year": 2023, "source": "WB"}, started="2020-01-02",
        extra_key="kept"))
    text = client.get("/wiki/Projects:Alpha/edit").get_data(as_text=True)
    assert 'id="record-form"' in text
    assert text.index('id="record-form"') < text.index('id="body"')
    assert '<option value="SN" selected>' in text
    assert '<option value="mutual" selected>' in text
    assert 'name="field-risks" value="health" checked' in text
    assert 'name="field-risks" value="life">' in text
    assert 'id="field-members" name="field-members" type="text" inputmode="decimal" ' \
           'value="1500"' in text
    assert 'name="field-coverage-value" type="text" inputmode="decimal" value="17.3"' in text
    assert 'name="field-coverage-source" type="text" maxlength="200" value="WB"' in text
    assert 'type="date" value="2020-01-02"' in text
    textarea = re.search(r'<textarea id="body"[^>]*>(.*?)</textarea>', text, re.S).group(1)
    # the textarea: the keys that are not fields, then the body
    assert textarea == "---\nextra_key: kept\n---\nBody only.\n"


def test_create_with_the_form(client, writer):
    text = client.get("/wiki/Projects:New_one/edit").get_data(as_text=True)
    assert 'id="record-form"' in text and 'id="field-country"' in text
    response = client.post("/wiki/Projects:New_one/edit", data=form(
        country="ML", type="cooperative", members="2 500", risks=["life", "health"],
        **{"coverage-value": "4,5", "coverage-year": "2022", "coverage-source": ""},
        keywords="Health, micro"))
    assert response.status_code == 302
    saved = current_text("Projects:New one")
    assert saved == ("---\ncountry: ML\ntype: cooperative\nmembers: 2500\n"
                     "risks: [life, health]\nkeywords: [health, micro]\n"
                     "coverage: {value: 4.5, year: 2022}\n---\nThe text.")
    page = queries.find_page(commons(), parse("Projects:New one"))
    assert values_for([page.id])[page.id]["members"] == 2500


def test_invalid_fields_422_keep_everything(client, writer):
    response = client.post("/wiki/Projects:Bad/edit", data=form(
        country="", members="lots", founded="1492", website="javascript:x", note="typed note",
        risks=["crop"], **{"coverage-value": "abc", "coverage-year": "2020",
                           "coverage-source": "my source"}))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    for name in ("country", "members", "founded", "website"):
        assert f'id="field-{name}-error"' in text
        assert f'aria-describedby="field-{name}-error"' in text
    assert 'id="field-coverage-error"' in text
    assert 'value="lots"' in text and 'value="1492"' in text and 'value="javascript:x"' in text
    assert 'value="typed note"' in text and 'value="my source"' in text and 'value="abc"' in text
    assert 'name="field-risks" value="crop" checked' in text
    assert "The text.</textarea>" in text
    assert "This field is required." in text
    assert queries.find_page(commons(), parse("Projects:Bad")) is None


def test_unknown_front_matter_kept_and_form_wins(client, writer, make_page):
    make_page("Projects:Keep", body=record_body("Old body.\n", country="SN", extra_key="kept"))
    response = client.post("/wiki/Projects:Keep/edit", data=form(
        country="BF", base_rev="1",
        body="---\nextra_key: kept\nanother: new\ncountry: XX\n---\nNew body.\n"))
    assert response.status_code == 302
    data, body = frontmatter.split(current_text("Projects:Keep"))
    assert data == {"country": "BF", "extra_key": "kept", "another": "new"}
    assert body == "New body.\n"


def test_concurrent_field_and_body_edits_merge(client, writer, make_page, make_user, auth):
    make_page("Projects:Shared", body=record_body(
        "Line one.\n\nLine two.\n", country="SN", type="mutual", members=100))
    # both open the editor at revision 1; the writer changes a field...
    response = client.post("/wiki/Projects:Shared/edit", data=form(
        country="SN", type="mutual", members="250", base_rev="1",
        body="Line one.\n\nLine two.\n"))
    assert response.status_code == 302
    # ... the other changes the text only
    other = make_user("other")
    auth.logout()
    auth.login("other")
    response = client.post("/wiki/Projects:Shared/edit", data=form(
        country="SN", type="mutual", members="100", base_rev="1",
        body="Line one.\n\nLine two, edited.\n"))
    assert response.status_code == 302
    data, body = frontmatter.split(current_text("Projects:Shared"))
    assert data["members"] == 250 and body == "Line one.\n\nLine two, edited.\n"
    assert other is not None


def test_plain_namespace_editor_unchanged(client, writer):
    text = client.get("/wiki/Help:Plain/edit").get_data(as_text=True)
    assert 'id="record-form"' not in text and 'id="body"' in text


def test_a_plain_post_of_body_keeps_its_front_matter(client, auth, make_user):
    """SPEC's form fields only (no field inputs): the text is saved as given,
    its front-matter fields included, and nothing is required."""
    make_user("plain")
    auth.login("plain")
    body = "---\ncountry: SN\nextra: kept\n---\nPlain text.\n"
    response = client.post("/wiki/Projects:Plain/edit", data={
        "body": body, "summary": "", "base_rev": ""})
    assert response.status_code == 302
    assert current_text("Projects:Plain") == body
    response = client.post("/wiki/Projects:Bare/edit", data={
        "body": "No fields at all.", "summary": "", "base_rev": ""})
    assert response.status_code == 302


def test_a_new_record_takes_its_fields_from_the_link(client, writer):
    """"Add a country"-style links prefill the new record's inputs."""
    text = client.get("/wiki/Projects:Fresh/edit?country=SN&members=12").get_data(as_text=True)
    assert '<option value="SN" selected>' in text
    assert 'id="field-members" name="field-members"' in text and 'value="12"' in text
