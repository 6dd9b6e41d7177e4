"""/settings/profile: every profile field, its checks, the photo and the CV's PDF."""
import io

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from app.extensions import db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def form(**fields):
    """What a browser sends for the profile form (JavaScript off: a plain POST)."""
    data = {"country": "HT", "organisation": "Konbit Coop", "position": "Actuary",
            "languages": "French, Haitian Creole, en",
            "expertise": "Health Financing, micro-insurance", "countries": ["SN", "BJ"],
            "bio": "I count risks.", "cv_markdown": "## Work\n\n*Actuary*",
            "available_as_expert": "y"}
    for name in ("photo", "country", "organisation", "position", "languages", "expertise",
                 "countries", "bio", "cv"):
        data[f"{name}_visibility"] = "public"
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def jpeg_with_exif(size=(600, 400)):
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Corp"          # Make
    exif[0x0131] = "SecretSoftware 1.0"   # Software
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"my home address")
    return out.getvalue()


def png_with_metadata():
    image = Image.new("RGBA", (300, 500), (0, 120, 0, 128))
    info = PngInfo()
    info.add_text("Comment", "GPS 18.5N 72.3W")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    return out.getvalue()


@pytest.fixture
def ana(make_user, auth):
    user = make_user("ana", display_name="Ana Sow")
    auth.login("ana")
    return user


def test_profile_form_saves_every_field(client, ana):
    page = client.get("/settings/profile")
    assert page.status_code == 200
    assert b'enctype="multipart/form-data"' in page.data
    assert b'name="csrf_token"' in page.data
    response = client.post("/settings/profile", data=form(position_visibility="members"))
    assert response.status_code == 302
    db.session.refresh(ana)
    profile = ana.profile
    assert (ana.country, ana.organisation, ana.bio) == ("HT", "Konbit Coop", "I count risks.")
    assert profile.position == "Actuary"
    assert profile.languages == ["fr", "ht", "en"]
    assert profile.expertise == ["health-financing", "micro-insurance"]
    assert sorted(profile.countries) == ["BJ", "SN"]
    assert profile.available_as_expert is True and profile.hide_online is False
    assert profile.position_visibility == "members" and profile.bio_visibility == "public"
    # The form shows the saved values back, languages by name.
    again = client.get("/settings/profile").get_data(as_text=True)
    assert "French, Haitian Creole, English" in again
    assert 'value="health-financing, micro-insurance"' in again
    # Saving again with fewer values drops the others.
    client.post("/settings/profile", data=form(languages="fr", expertise="", countries=[]))
    db.session.refresh(profile)
    assert profile.languages == ["fr"] and profile.expertise == [] and profile.countries == []


def test_profile_update_sends_profile_updated(client, ana):
    from app.signals import profile_updated
    seen = []

    def receiver(sender, **kwargs):
        seen.append((sender.username, kwargs["actor"].username))

    profile_updated.connect(receiver)
    try:
        client.post("/settings/profile", data=form())
    finally:
        profile_updated.disconnect(receiver)
    assert seen == [("ana", "ana")]


@pytest.mark.parametrize("fields, field, typed", [
    ({"languages": "French, Klingonese"}, "languages", "French, Klingonese"),
    ({"expertise": "good, <bad>"}, "expertise", "good, &lt;bad&gt;"),
    ({"expertise": "x" * 41}, "expertise", "x" * 41),
    ({"country": "XX"}, "country", None),
    ({"countries": ["SN", "QQ"]}, "countries", None),
    ({"position": "p" * 201}, "position", "p" * 201),
    ({"bio": "b" * 5001}, "bio", None),
    ({"bio_visibility": "friends"}, "bio_visibility", None),
])
def test_bad_values_answer_422_keep_typed_text_and_change_nothing(client, ana, fields, field,
                                                                  typed):
    response = client.post("/settings/profile", data=form(**{"position": "Typed position",
                                                              **fields}))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html
    if "position" not in fields:
        assert 'value="Typed position"' in html
    if typed:
        assert typed in html
    db.session.refresh(ana)
    assert ana.profile is None and ana.country == ""


def test_profile_settings_need_a_login(client):
    response = client.get("/settings/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post("/settings/profile", data=form()).status_code == 302


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_profile_form_refuses_a_post_without_csrf_token(client, ana):
    # ``auth.login`` posted without a token too: sign in with one first.
    import re
    login = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login) or \
        re.search(r'name="csrf_token" value="([^"]+)"', login)
    client.post("/login", data={"login": "ana", "password": "correct horse battery",
                                "csrf_token": token.group(1)})
    page = client.get("/settings/profile")
    assert page.status_code == 200
    assert client.post("/settings/profile", data=form()).status_code == 400
    db.session.refresh(ana)
    assert ana.profile is None
    token = re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"',
                      page.get_data(as_text=True)).group(1)
    assert client.post("/settings/profile", data=form(csrf_token=token)).status_code == 302


# --- the photo ------------------------------------------------------------------------

def test_photo_is_resized_and_stripped_of_metadata(client, ana):
    original = jpeg_with_exif()
    assert b"SpyCam" in original
    response = client.post("/settings/profile",
                           data=form(photo=(io.BytesIO(original), "me.jpg")))
    assert response.status_code == 302
    served = client.get("/u/ana/photo")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert b"SpyCam" not in served.data and b"home address" not in served.data
    image = Image.open(io.BytesIO(served.data))
    assert image.size == (256, 256)
    assert len(image.getexif()) == 0 and "comment" not in image.info
    thumb = client.get("/u/ana/photo?size=thumb")
    assert Image.open(io.BytesIO(thumb.data)).size == (64, 64)
    # Cached by its ETag.
    etag = served.headers["ETag"]
    assert "no-cache" in served.headers["Cache-Control"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/u/ana/photo", headers={"If-None-Match": etag}).status_code == 304
    # The profile page shows it.
    assert b'src="/u/ana/photo"' in client.get("/u/ana").data


def test_transparent_png_stays_png_without_its_text_chunks(client, ana):
    client.post("/settings/profile", data=form(photo=(io.BytesIO(png_with_metadata()), "a.png")))
    served = client.get("/u/ana/photo")
    assert served.mimetype == "image/png"
    assert b"GPS" not in served.data
    image = Image.open(io.BytesIO(served.data))
    assert image.size == (256, 256) and image.mode == "RGBA"
    assert "Comment" not in image.info


@pytest.mark.parametrize("payload, name", [
    (b"this is not an image", "fake.jpg"),
    (PDF, "cv.png"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "x.svg"),
])
def test_a_non_image_photo_is_refused_with_422(client, ana, payload, name):
    response = client.post("/settings/profile", data=form(position="Kept",
                                                          photo=(io.BytesIO(payload), name)))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="photo-error"' in html and 'value="Kept"' in html
    db.session.refresh(ana)
    assert ana.profile is None
    assert client.get("/u/ana/photo").status_code == 404


@pytest.mark.config(UPLOAD_MAX_BYTES=2000)
def test_a_photo_over_the_limit_is_refused_with_413(client, ana):
    big = jpeg_with_exif((1500, 1500))
    assert len(big) > 2000
    response = client.post("/settings/profile", data=form(photo=(io.BytesIO(big), "big.jpg")))
    assert response.status_code == 413
    assert b'id="photo-error"' in response.data
    db.session.refresh(ana)
    assert ana.profile is None


def test_remove_photo(client, ana):
    client.post("/settings/profile", data=form(photo=(io.BytesIO(jpeg_with_exif()), "me.jpg")))
    assert client.get("/u/ana/photo").status_code == 200
    client.post("/settings/profile", data=form(remove_photo="y"))
    assert client.get("/u/ana/photo").status_code == 404


# --- the CV -----------------------------------------------------------------------------

def test_cv_pdf_is_served_as_an_attachment(client, ana):
    response = client.post("/settings/profile", data=form(cv_pdf=(io.BytesIO(PDF), "cv.pdf")))
    assert response.status_code == 302
    served = client.get("/u/ana/cv.pdf")
    assert served.status_code == 200 and served.data == PDF
    assert served.mimetype == "application/pdf"
    assert served.headers["Content-Disposition"].startswith("attachment")
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    page = client.get("/u/ana").get_data(as_text=True)
    assert "/u/ana/cv.pdf" in page and "<h2>Work</h2>" in page and "<em>Actuary</em>" in page
    client.post("/settings/profile", data=form(remove_cv_pdf="y"))
    assert client.get("/u/ana/cv.pdf").status_code == 404


def test_cv_pdf_must_be_a_pdf(client, ana):
    response = client.post("/settings/profile", data=form(
        cv_pdf=(io.BytesIO(b"<html>not a pdf</html>"), "cv.pdf")))
    assert response.status_code == 422
    assert b'id="cv_pdf-error"' in response.data
    assert client.get("/u/ana/cv.pdf").status_code == 404


@pytest.mark.config(UPLOAD_MAX_BYTES=200)
def test_cv_pdf_over_the_limit_is_refused_with_413(client, ana):
    response = client.post("/settings/profile", data=form(
        cv_pdf=(io.BytesIO(PDF + b"0" * 300), "cv.pdf")))
    assert response.status_code == 413
    assert client.get("/u/ana/cv.pdf").status_code == 404


def test_cv_markdown_is_sanitised(client, ana):
    client.post("/settings/profile", data=form(
        cv_markdown="<script>alert(1)</script>[x](javascript:alert(2))"))
    page = client.get("/u/ana").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "javascript:alert" not in page


def test_settings_page_links_the_profile_form(client, ana):
    assert b'href="/settings/profile"' in client.get("/settings").data
