"""``flask import-csv FILE --ns NAME``: created, updated, unchanged, refused;
one revision per changed record; a second run changes nothing."""
import codecs

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.spaces.services import commons
from tests.fixtures.records import RECORDS, record_body
from wiki import queries
from wiki.models import Revision
from wiki.records import frontmatter
from wiki.titles import parse

pytestmark = RECORDS

CSV = """title,country,type,members,coverage,coverage_year,coverage_source,body,tags,colour
Alpha,SN,mutual,1 500,17.3,2023,World Bank,Alpha's text.,"health, micro",red
Bravo,ML,cooperative,200,,,,,,blue
Bad country,XX,mutual,10,,,,,,
Bad number,SN,mutual,lots,,,,,,
,SN,,,,,,,,
Bad [title],SN,,,,,,,,
Alpha,SN,,,,,,,,
"Quoted",'=SUM(1),,,,,,,,
"""


@pytest.fixture
def admin(make_user):
    return make_user("admin", role="admin")


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def text_of(title):
    page = queries.find_page(commons(), parse(title))
    return page, queries.get_revision(page).body if page else None


def revisions():
    return db.session.scalar(select(func.count()).select_from(Revision))


def test_import_report_and_idempotence(app, runner, tmp_path, admin, make_page):
    make_page("Projects:Bravo", body=record_body("Bravo's own text.\n", country="SN",
                                                  members=5, note="kept", extra="kept too"))
    before = revisions()
    path = write(tmp_path, CSV)
    result = runner.invoke(args=["import-csv", path, "--ns", "projects"])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "created 1, updated 1, unchanged 0, refused 6." in out
    assert "ignored columns: colour" in out
    assert "refused line 4: country:" in out and "refused line 5: members:" in out
    assert "refused line 6: no title" in out and "refused line 7: invalid title" in out
    assert "refused line 8: same title as line 2" in out
    assert "refused line 9: country:" in out
    assert revisions() == before + 2
    page, text = text_of("Projects:Alpha")
    data, body = frontmatter.split(text)
    assert data == {"country": "SN", "type": "mutual", "members": 1500,
                    "coverage": {"value": 17.3, "year": 2023, "source": "World Bank"}}
    assert body == "Alpha's text." and page.tag_names == ["health", "micro"]
    _page, text = text_of("Projects:Bravo")
    data, body = frontmatter.split(text)
    # columns present set the fields (an empty cell clears one); the rest is kept
    assert data == {"country": "ML", "type": "cooperative", "members": 200, "note": "kept",
                    "extra": "kept too"}
    assert body == "Bravo's own text.\n"
    # a second run changes nothing
    again = runner.invoke(args=["import-csv", path, "--ns", "Projects"])
    assert "created 0, updated 0, unchanged 2, refused 6." in again.output
    assert revisions() == before + 2


def test_all_good_exit_zero_and_dry_run(app, runner, tmp_path, admin):
    path = write(tmp_path, "title,country,members\nOne,SN,1\nTwo,ML,2\n")
    result = runner.invoke(args=["import-csv", path, "--ns", "Projects", "--dry-run"])
    assert result.exit_code == 0 and "would have created 2, updated 0" in result.output
    assert queries.find_page(commons(), parse("Projects:One")) is None
    result = runner.invoke(args=["import-csv", path, "--ns", "Projects", "--user", "admin"])
    assert result.exit_code == 0 and "created 2, updated 0, unchanged 0, refused 0." in \
        result.output
    page, _text = text_of("Projects:Two")
    assert queries.get_revision(page).author.username == "admin"


def test_export_imports_back(app, client, runner, tmp_path, admin, make_page):
    make_page("Projects:Round", body=record_body(
        "Text.\n", country="SN", type="mutual", members=12.5, risks=["health", "life"],
        keywords=["a", "b"], started="2021-02-03", note="-starts with a minus",
        coverage={"value": 3, "year": 2020, "source": "=src"}))
    exported = client.get("/ns/Projects.csv").get_data(as_text=True)
    before = revisions()
    result = runner.invoke(args=["import-csv", write(tmp_path, exported), "--ns", "Projects"])
    assert "created 0, updated 0, unchanged 1, refused 0." in result.output, result.output
    assert revisions() == before


def test_usage_errors(app, runner, tmp_path, admin):
    path = write(tmp_path, "title\nX\n")
    assert runner.invoke(args=["import-csv", path, "--ns", "Help"]).exit_code == 2
    result = runner.invoke(args=["import-csv", write(tmp_path, "name\nX\n", "b.csv"),
                                 "--ns", "Projects"])
    assert result.exit_code == 1 and "no 'title' column" in result.output
    assert runner.invoke(args=["import-csv", path, "--ns", "Projects",
                               "--workspace", "nope"]).exit_code == 1


def test_workspace_and_deleted(app, runner, tmp_path, admin, make_space, make_page):
    from wiki import services
    space = make_space("health")
    gone = make_page("Projects:Gone", space=space, body=record_body(country="SN"))
    services.delete_page(gone, None)
    db.session.commit()
    path = write(tmp_path, "title,country\nGone,ML\nHere,SN\n")
    result = runner.invoke(args=["import-csv", path, "--ns", "Projects", "--workspace", "health"])
    assert "created 1" in result.output and "refused line 2: Projects:Gone was deleted" in \
        result.output
    assert queries.find_page(space, parse("Projects:Here")) is not None


def write_bytes(tmp_path, data, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_encodings(app, runner, tmp_path, admin):
    """UTF-8 with or without a byte-order mark, UTF-16 with one, another encoding
    when named; otherwise a clear refusal naming the file, and nothing saved."""
    text = "title,country\nCafé {},SN\n"
    for name, data in (("bom8", codecs.BOM_UTF8 + text.format("bom8").encode("utf-8")),
                       ("utf16", text.format("utf16").encode("utf-16")),
                       ("utf16be", codecs.BOM_UTF16_BE + text.format("utf16be")
                        .encode("utf-16-be"))):
        result = runner.invoke(args=["import-csv", write_bytes(tmp_path, data, f"{name}.csv"),
                                     "--ns", "Projects"])
        assert result.exit_code == 0 and "created 1," in result.output, result.output
        assert text_of(f"Projects:Café {name}")[0] is not None
    latin = write_bytes(tmp_path, text.format("latin").encode("latin-1"), "latin.csv")
    before = revisions()
    for extra in ([], ["--dry-run"]):
        result = runner.invoke(args=["import-csv", latin, "--ns", "Projects"] + extra)
        assert result.exit_code == 2 and result.exception.__class__ is SystemExit
        assert "'" + latin + "' cannot be read: line 2 is not utf-8 text (byte 0xe9)" \
            in result.output and "--encoding" in result.output
    no_bom = write_bytes(tmp_path, text.format("x").encode("utf-16-le"), "nobom.csv")
    result = runner.invoke(args=["import-csv", no_bom, "--ns", "Projects"])
    assert result.exit_code == 2 and "NUL" in result.output and "utf-16-le" in result.output
    assert revisions() == before
    result = runner.invoke(args=["import-csv", latin, "--ns", "Projects", "--encoding", "nope"])
    assert result.exit_code == 2 and "unknown encoding 'nope'" in result.output
    result = runner.invoke(args=["import-csv", latin, "--ns", "Projects",
                                 "--encoding", "cp1252"])
    assert result.exit_code == 0 and text_of("Projects:Café latin")[0] is not None
    assert "--encoding" in runner.invoke(args=["import-csv", "--help"]).output


def test_unparsable_csv_is_refused_whole(app, runner, tmp_path, admin):
    import csv
    big = "x" * (csv.field_size_limit() + 1)
    path = write(tmp_path, f"title,country\nFirst,SN\nHuge,SN,{big}\n")
    before = revisions()
    result = runner.invoke(args=["import-csv", path, "--ns", "Projects"])
    assert result.exit_code == 2 and "cannot be read: line 3: field larger" in result.output
    assert result.exception.__class__ is SystemExit and revisions() == before
