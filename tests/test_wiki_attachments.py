"""Attachments: upload, versions, content-addressed storage, safe downloads,
permissions, size limit, embeds, and the API."""
import hashlib
import io
import os

import pytest

from app.extensions import db
from app.signals import attachment_added
from wiki import attachments as files
from wiki.models import Attachment, AttachmentVersion

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def upload(client, title, name, data, comment="", prefix=""):
    return client.post(f"{prefix}/wiki/{title}/attachments",
                       data={"file": (io.BytesIO(data), name), "comment": comment},
                       content_type="multipart/form-data")


@pytest.fixture
def editor(make_user, auth):
    user = make_user("ana")
    auth.login("ana")
    return user


@pytest.mark.parametrize("raw, expected", [
    ("report.pdf", "report.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\boot.ini", "boot.ini"),
    ("..md", "md"),
    (".htaccess", "htaccess"),
    ("Relatório de 2024.pdf", "Relatório_de_2024.pdf"),
    ("a<b>c|d?.txt", "a_b_c_d_.txt"),
    ("con.txt", "_con.txt"),
    ("...", ""),
    ("\x00evil\n.png", "evil.png"),
])
def test_names_are_sanitised(raw, expected):
    assert files.sanitise_name(raw) == expected


def test_upload_lists_and_downloads(app, client, editor, make_page):
    page = make_page("Library:Report", body="See the file.")
    received = []

    def listener(sender, **kw):
        received.append((sender.name, kw["version"].number, kw["actor"].username))

    attachment_added.connect(listener)
    try:
        response = upload(client, "Library:Report", "notes.txt", b"hello world",
                          comment="first draft")
    finally:
        attachment_added.disconnect(listener)
    assert response.status_code == 303
    assert received == [("notes.txt", 1, "ana")]

    listing = client.get("/wiki/Library:Report/attachments")
    assert listing.status_code == 200
    html = listing.get_data(as_text=True)
    assert "notes.txt" in html and "first draft" in html and 'id="upload-form"' in html

    download = client.get("/wiki/Library:Report/attachments/notes.txt")
    assert download.status_code == 200
    assert download.data == b"hello world"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download.mimetype == "text/plain"
    assert page.id == db.session.scalar(db.select(Attachment.page_id))


def test_new_upload_makes_a_version_and_keeps_the_old(app, client, editor, make_page):
    make_page("Library:Data")
    assert upload(client, "Library:Data", "data.csv", b"a,b\n1,2\n").status_code == 303
    assert upload(client, "Library:Data", "data.csv", b"a,b\n3,4\n", "fix").status_code == 303
    versions = db.session.scalars(db.select(AttachmentVersion)
                                  .order_by(AttachmentVersion.number)).all()
    assert [v.number for v in versions] == [1, 2]
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 1
    assert client.get("/wiki/Library:Data/attachments/data.csv").data == b"a,b\n3,4\n"
    old = client.get("/wiki/Library:Data/attachments/data.csv?version=1")
    assert old.data == b"a,b\n1,2\n"
    assert client.get("/wiki/Library:Data/attachments/data.csv?version=9").status_code == 404
    assert client.get("/wiki/Library:Data/attachments/data.csv?version=x").status_code == 400
    for number in ("9" * 30, "-1", "0"):
        response = client.get(f"/wiki/Library:Data/attachments/data.csv?version={number}")
        assert response.status_code == 404
    # A NUL names nothing as such (PostgreSQL refuses it); the sanitised name may match.
    assert client.get("/wiki/Library:Data/attachments/%00").status_code == 400
    assert client.get("/wiki/Library:Data/attachments/data%00.csv").status_code == 400
    listing = client.get("/wiki/Library:Data/attachments").get_data(as_text=True)
    assert "?version=1" in listing


def test_identical_content_is_stored_once(app, client, editor, make_page):
    make_page("Library:One")
    make_page("Library:Two")
    upload(client, "Library:One", "a.txt", b"same bytes")
    upload(client, "Library:Two", "b.txt", b"same bytes")
    sha = hashlib.sha256(b"same bytes").hexdigest()
    root = app.config["ATTACHMENTS_PATH"]
    stored = [name for _dir, _dirs, names in os.walk(root) for name in names]
    assert stored == [sha]
    assert os.path.isfile(files.blob_path(sha))


def test_dangerous_types_are_downloaded_images_inline(app, client, editor, make_page):
    make_page("Library:Mixed")
    upload(client, "Library:Mixed", "page.html", b"<script>alert(1)</script>")
    upload(client, "Library:Mixed", "drawing.svg", b"<svg onload='alert(1)'/>")
    upload(client, "Library:Mixed", "photo.png", PNG)
    html = client.get("/wiki/Library:Mixed/attachments/page.html")
    assert html.headers["Content-Disposition"].startswith("attachment")
    svg = client.get("/wiki/Library:Mixed/attachments/drawing.svg")
    assert svg.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in svg.headers["Content-Security-Policy"]
    png = client.get("/wiki/Library:Mixed/attachments/photo.png")
    assert png.mimetype == "image/png"
    assert png.headers["Content-Disposition"].startswith("inline")


def test_hostile_names_never_leave_the_store(app, client, editor, make_page, tmp_path):
    make_page("Library:Names")
    response = upload(client, "Library:Names", "../../../outside.txt", b"x")
    assert response.status_code == 303
    assert db.session.scalar(db.select(Attachment.name)) == "outside.txt"
    assert not (tmp_path / "outside.txt").exists()
    assert upload(client, "Library:Names", "..md", b"y").status_code == 303
    assert client.get("/wiki/Library:Names/attachments/md").data == b"y"
    assert upload(client, "Library:Names", "...", b"z").status_code == 400


@pytest.mark.config(UPLOAD_MAX_BYTES=1000)
def test_size_limit_is_exact(app, client, editor, make_page):
    make_page("Library:Big")
    assert upload(client, "Library:Big", "ok.bin", b"x" * 1000).status_code == 303
    # Above the limit but below MAX_CONTENT_LENGTH: our own check refuses it.
    response = upload(client, "Library:Big", "big.bin", b"x" * 1001)
    assert response.status_code == 413
    assert 'id="upload-error"' in response.get_data(as_text=True)
    # Far above: Flask's request limit refuses it; still a clear page.
    response = upload(client, "Library:Big", "huge.bin", b"x" * 200_000)
    assert response.status_code == 413
    assert 'id="upload-error"' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(AttachmentVersion.id))) == 1
    root = app.config["ATTACHMENTS_PATH"]
    assert len([n for _d, _s, names in os.walk(root) for n in names]) == 1


def test_permissions(app, client, make_user, auth, make_page, make_space):
    owner = make_user("olga")
    make_user("victor")
    private = make_space("secret", visibility="private", members={owner: "owner"})
    make_page("Library:Commons page")
    make_page("Library:Hidden", space=private, author=owner)
    # Anonymous readers read the commons' files but may not upload.
    assert client.get("/wiki/Library:Commons_page/attachments").status_code == 200
    assert upload(client, "Library:Commons_page", "a.txt", b"a").status_code in (401, 403)
    # A private workspace's files do not exist for outsiders.
    auth.login("victor")
    assert client.get("/w/secret/wiki/Library:Hidden/attachments").status_code == 404
    assert upload(client, "Library:Hidden", "a.txt", b"a", prefix="/w/secret").status_code == 404
    auth.logout()
    auth.login("olga")
    assert upload(client, "Library:Hidden", "a.txt", b"a", prefix="/w/secret").status_code == 303
    assert client.get("/w/secret/wiki/Library:Hidden/attachments/a.txt").data == b"a"
    auth.logout()
    auth.login("victor")
    assert client.get("/w/secret/wiki/Library:Hidden/attachments/a.txt").status_code == 404
    assert client.get("/api/v1/w/secret/pages/Library:Hidden/attachments").status_code == 404


def test_missing_page_or_file_is_404(app, client, editor, make_page):
    assert client.get("/wiki/Library:Nothing/attachments").status_code == 404
    make_page("Library:Empty")
    assert client.get("/wiki/Library:Empty/attachments/none.txt").status_code == 404
    assert 'id="no-attachments"' in client.get("/wiki/Library:Empty/attachments").get_data(
        as_text=True)


def test_embeds_render_images_and_file_links(app, client, editor, make_page):
    make_page("Library:Gallery", body="![[photo.png]]\n\n[[File:report.pdf]]\n")
    upload(client, "Library:Gallery", "photo.png", PNG)
    upload(client, "Library:Gallery", "report.pdf", b"%PDF-1.4 test")
    html = client.get("/wiki/Library:Gallery").get_data(as_text=True)
    assert '<img' in html and 'src="/wiki/Library:Gallery/attachments/photo.png"' in html
    assert 'href="/wiki/Library:Gallery/attachments/report.pdf"' in html
    from app.spaces.services import commons
    from wiki.queries import find_page
    from wiki.titles import parse
    resolve = files.embed_resolver(find_page(commons(), parse("Library:Gallery")))
    assert resolve("photo.png") == ("/wiki/Library:Gallery/attachments/photo.png", True)
    assert resolve("report.pdf")[1] is False
    assert resolve("missing.png") is None


def test_api_list_upload_download(app, client, make_user, api_token, make_page):
    user = make_user("bea")
    headers = api_token(user)
    make_page("Library:Api")
    response = client.post("/api/v1/pages/Library:Api/attachments", headers=headers,
                           data={"file": (io.BytesIO(b"col\n1\n"), "t.csv"), "comment": "c"},
                           content_type="multipart/form-data")
    assert response.status_code == 201
    body = response.get_json()
    assert body["name"] == "t.csv" and body["uploaded"]["version"] == 1
    assert body["uploaded"]["uploader"] == "bea"
    listing = client.get("/api/v1/pages/Library:Api/attachments").get_json()
    assert listing[0]["versions"][0]["size"] == 6
    download = client.get("/api/v1/pages/Library:Api/attachments/t.csv")
    assert download.data == b"col\n1\n"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    anonymous = client.post("/api/v1/pages/Library:Api/attachments",
                            data={"file": (io.BytesIO(b"x"), "x.txt")},
                            content_type="multipart/form-data")
    assert anonymous.status_code == 401
    no_file = client.post("/api/v1/pages/Library:Api/attachments", headers=headers, data={},
                          content_type="multipart/form-data")
    assert no_file.status_code == 400
    assert no_file.get_json()["error"]["code"] == "bad-request"
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/pages/{title}/attachments" in spec["paths"]


@pytest.mark.config(UPLOAD_MAX_BYTES=100)
def test_api_upload_limit(app, client, make_user, api_token, make_page):
    headers = api_token(make_user("bea"))
    make_page("Library:Api")
    response = client.post("/api/v1/pages/Library:Api/attachments", headers=headers,
                           data={"file": (io.BytesIO(b"x" * 101), "big.bin")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too-large"


@pytest.mark.parametrize("language, sizes", [
    ("en", ("5 bytes", "20 MB")), ("fr", ("5 octets", "20 Mo")),
    ("pt", ("5 bytes", "20 MB")),
])
def test_sizes_are_written_in_the_readers_language(client, editor, make_page,
                                                   language, sizes):
    make_page("Files", body="x")
    assert upload(client, "Files", "a.txt", b"hello").status_code in (302, 303)
    html = client.get("/wiki/Files/attachments",
                      headers={"Accept-Language": language}).get_data(as_text=True)
    html = html.replace("\xa0", " ").replace("\u202f", " ")  # French: no-break spaces
    for size in sizes:
        assert size in html, size
