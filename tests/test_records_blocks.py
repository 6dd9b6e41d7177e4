"""Query blocks: a live table of records in any page, per reader, never a 500."""
import re

from tests.fixtures.records import RECORDS, record_body
from wiki import services
from app.extensions import db

pytestmark = RECORDS

BLOCK = """Schemes we know:

```records
ns: Projects
country: SN
members_min: 100
sort: -members
fields: country, type, members
{extra}
```

After the table.
"""


def body_of(text):
    return text[text.index('id="page-body"'):text.index("After the table.")]


def table_titles(text):
    return re.findall(r'<td><a href="[^"]+"[^>]*>([^<]+)</a>', text)


def test_block_renders_live_table(app, client, make_page):
    make_page("Projects:Alpha", body=record_body(country="SN", type="mutual", members=1500))
    make_page("Projects:Bravo", body=record_body(country="SN", members=200))
    make_page("Projects:Small", body=record_body(country="SN", members=5))
    make_page("Projects:Mali", body=record_body(country="ML", members=5000))
    make_page("Help:Overview", body=BLOCK.format(extra="limit: 1"))
    text = body_of(client.get("/wiki/Help:Overview").get_data(as_text=True))
    assert table_titles(text) == ["Alpha"]
    assert "Senegal" in text and "Mutual" in text and "1,500" in text
    assert "language-records" not in text
    assert "1 of 2 records" in text
    assert 'href="/ns/Projects?country=SN&amp;members_min=100&amp;sort=-members"' in text
    # live: a record saved after the page shows up without saving the page again
    make_page("Projects:Charlie", body=record_body(country="SN", members=3000))
    text = body_of(client.get("/wiki/Help:Overview").get_data(as_text=True))
    assert table_titles(text) == ["Charlie"]
    services.delete_page(make_page("Projects:Charlie"), None)
    db.session.commit()
    assert table_titles(body_of(client.get("/wiki/Help:Overview").get_data(as_text=True))) == [
        "Alpha"]


def test_block_respects_permissions(app, client, make_page, make_space, make_user, auth):
    member = make_user("member")
    secret = make_space("secret", visibility="private", members={member: "viewer"})
    make_page("Projects:Secret scheme", space=secret,
              body=record_body(country="SN", members=900))
    make_page("Projects:Public scheme", body=record_body(country="SN", members=800))
    make_page("Help:All", body=BLOCK.format(extra="space: all"))
    make_page("Help:Here", body=BLOCK.format(extra=""))
    text = body_of(client.get("/wiki/Help:All").get_data(as_text=True))
    assert table_titles(text) == ["Public scheme"] and "Secret" not in text
    auth.login("member")
    text = body_of(client.get("/wiki/Help:All").get_data(as_text=True))
    assert table_titles(text) == ["Secret scheme", "Public scheme"]
    # without space: all, only the page's own space
    text = body_of(client.get("/wiki/Help:Here").get_data(as_text=True))
    assert table_titles(text) == ["Public scheme"]


def test_bad_blocks_show_an_error_box(app, client, make_page):
    cases = {
        "no ns": "```records\ncountry: SN\n```\nAfter the table.",
        "not yaml": "```records\n: [ bad\n```\nAfter the table.",
        "not a mapping": "```records\n- a\n- b\n```\nAfter the table.",
        "plain ns": "```records\nns: Help\n```\nAfter the table.",
        "bad field": "```records\nns: Projects\nbogus: 1\n```\nAfter the table.",
        "bad value": "```records\nns: Projects\nmembers_min: lots\n```\nAfter the table.",
        "bad limit": "```records\nns: Projects\nlimit: 5000\n```\nAfter the table.",
        "bad fields": "```records\nns: Projects\nfields: nope\n```\nAfter the table.",
        "bad space": "```records\nns: Projects\nspace: secret\n```\nAfter the table.",
        "html": "```records\nns: <script>alert(1)</script>\n```\nAfter the table.",
    }
    for name, body in cases.items():
        make_page(f"Help:Bad {name}", body=body)
        response = client.get(f"/wiki/Help:Bad_{name.replace(' ', '_')}")
        assert response.status_code == 200, name
        text = body_of(response.get_data(as_text=True))
        assert 'class="records-query records-error notice"' in text, name
        assert "<script>" not in text


def test_other_code_blocks_untouched(app, client, make_page):
    make_page("Help:Code", body="```python\nns: Projects\n```\n\nAfter the table.")
    text = body_of(client.get("/wiki/Help:Code").get_data(as_text=True))
    assert 'class="language-python"' in text and "records-query" not in text
