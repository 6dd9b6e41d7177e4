"""Who sees which profile field: anonymous readers, members, the person;
on the profile page, its photo and CV, and in the API. Blocked profiles,
the Contact button and the contributions panels."""
import io

import pytest

from app.accounts import profiles
from app.extensions import db
from app.timeutil import utcnow
from tests.test_profiles_settings import PDF, jpeg_with_exif

MEMBERS_ONLY = ("photo", "country", "organisation", "position", "languages", "expertise",
                "countries", "bio", "cv")


@pytest.fixture
def ana(make_user):
    """A full profile, every field members-only, with a photo and a PDF."""
    user = make_user("ana", display_name="Ana Sow")
    profiles.update_profile(
        user, country="HT", organisation="Secret Org", position="Hidden Actuary",
        bio="Hidden bio.", cv_markdown="Hidden CV text", languages="wo", expertise="secret-skill",
        countries=["BJ"], available_as_expert=True,
        visibility={name: "members" for name in MEMBERS_ONLY})
    profiles.set_photo(user, io.BytesIO(jpeg_with_exif()))
    profiles.set_cv_pdf(user, io.BytesIO(PDF))
    db.session.commit()
    return user


SECRETS = ("Secret Org", "Hidden Actuary", "Hidden bio.", "Hidden CV text", "Wolof",
           "secret-skill", "Haiti", "Benin", "/u/ana/photo", "/u/ana/cv.pdf")


def test_anonymous_readers_see_only_public_fields(client, ana):
    page = client.get("/u/ana")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Ana Sow" in html and "@ana" in html
    for secret in SECRETS:
        assert secret not in html, secret
    assert client.get("/u/ana/photo").status_code == 404
    assert client.get("/u/ana/photo?size=thumb").status_code == 404
    assert client.get("/u/ana/cv.pdf").status_code == 404


def test_members_see_members_only_fields(client, ana, make_user, auth):
    make_user("bob")
    auth.login("bob")
    html = client.get("/u/ana").get_data(as_text=True)
    for secret in SECRETS:
        assert secret in html, secret
    assert "members only" not in html  # that note is for the owner
    photo = client.get("/u/ana/photo")
    assert photo.status_code == 200 and photo.headers["Cache-Control"].startswith("private")
    assert client.get("/u/ana/cv.pdf").status_code == 200


def test_the_owner_sees_everything_with_a_note(client, ana, auth):
    auth.login("ana")
    html = client.get("/u/ana").get_data(as_text=True)
    for secret in SECRETS:
        assert secret in html, secret
    assert 'id="owner-note"' in html and "(members only)" in html
    assert 'id="contact-button"' not in html


def test_public_fields_show_to_everyone(client, ana):
    profiles.update_profile(ana, visibility={"position": "public", "photo": "public",
                                             "expertise": "public"})
    db.session.commit()
    html = client.get("/u/ana").get_data(as_text=True)
    assert "Hidden Actuary" in html and "secret-skill" in html
    assert 'href="/people?expertise=secret-skill"' in html
    assert "Secret Org" not in html
    photo = client.get("/u/ana/photo")
    assert photo.status_code == 200 and photo.headers["Cache-Control"].startswith("public")


def test_contact_button_for_other_signed_in_users_only(client, ana, make_user, auth):
    assert b'id="contact-button"' not in client.get("/u/ana").data
    make_user("bob")
    auth.login("bob")
    html = client.get("/u/ana").get_data(as_text=True)
    assert 'id="contact-button"' in html and 'href="/messages/new?to=ana"' in html


def test_blocked_profiles_are_hidden_but_from_moderators(client, ana, make_user, auth):
    ana.blocked_at = utcnow()
    db.session.commit()
    assert client.get("/u/ana").status_code == 404
    assert client.get("/api/v1/users/ana").status_code == 404
    make_user("bob")
    auth.login("bob")
    assert client.get("/u/ana").status_code == 404
    auth.logout()
    make_user("mod", role="moderator")
    auth.login("mod")
    page = client.get("/u/ana")
    assert page.status_code == 200 and b"This account is blocked." in page.data
    assert b"/u/ana/unblock" in page.data and b'id="contact-button"' not in page.data


# --- the API --------------------------------------------------------------------------

def test_api_profile_follows_visibility(client, ana, make_user, api_token):
    anonymous = client.get("/api/v1/users/ana").get_json()
    assert anonymous["display_name"] == "Ana Sow" and anonymous["available_as_expert"] is True
    assert anonymous["country"] is None and anonymous["organisation"] == ""
    assert anonymous["expertise"] == [] and anonymous["languages"] == []
    assert anonymous["photo_url"] is None and anonymous["cv_pdf_url"] is None
    assert "visibility" not in anonymous
    member = client.get("/api/v1/users/ana", headers=api_token(make_user("bob"))).get_json()
    assert member["country"] == "HT" and member["expertise"] == ["secret-skill"]
    assert member["photo_url"] == "/u/ana/photo" and member["cv_pdf_url"] == "/u/ana/cv.pdf"
    assert "visibility" not in member
    own = client.get("/api/v1/me", headers=api_token(ana)).get_json()
    assert own["visibility"]["bio"] == "members" and own["hide_online"] is False


def test_api_patch_changes_own_profile(client, ana, make_user, api_token):
    headers = api_token(ana)
    response = client.patch("/api/v1/users/ana", headers=headers, json={
        "position": "Chief Actuary", "expertise": ["Risk Pooling"], "languages": ["fr", "Wolof"],
        "countries": ["sn"], "visibility": {"position": "public"}, "hide_online": True,
        "display_name": "Ana M. Sow"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["position"] == "Chief Actuary" and body["expertise"] == ["risk-pooling"]
    assert sorted(body["languages"]) == ["fr", "wo"] and body["countries"] == ["SN"]
    assert body["display_name"] == "Ana M. Sow" and body["hide_online"] is True
    assert client.get("/api/v1/users/ana").get_json()["position"] == "Chief Actuary"
    for bad in ({"languages": ["Klingonese"]}, {"expertise": ["no/slash"]}, {"country": "QQ"},
                {"position": 5}, {"visibility": {"bio": "friends"}}, {"nonsense": 1},
                {"available_as_expert": "yes"}, {"countries": "SN"}):
        response = client.patch("/api/v1/users/ana", headers=headers, json=bad)
        assert response.status_code == 422, bad
        assert response.get_json()["error"]["code"] == "unprocessable"
    db.session.refresh(ana)
    assert ana.profile.position == "Chief Actuary"
    # Another person's profile: 403; nobody: 401.
    assert client.patch("/api/v1/users/ana", headers=api_token(make_user("bob")),
                        json={"position": "x"}).status_code == 403
    assert client.patch("/api/v1/users/ana", json={"position": "x"}).status_code == 401


# --- contributions -------------------------------------------------------------------

def test_contributions_only_from_readable_spaces(client, make_user, auth, make_workspace,
                                                 make_page, make_post):
    ana = make_user("ana")
    make_user("bob")
    open_ws = make_workspace("open-ws", ana, name="Open Lab")
    closed_ws = make_workspace("closed-ws", ana, visibility="private", name="Zebra Lab")
    make_page("Library:Public notes", author=ana)
    make_page("Secret zebra plans", space=closed_ws, author=ana)
    make_post(open_ws, ana, title="Open post")
    make_post(closed_ws, ana, title="Zebra post")
    make_post(open_ws, ana, title="Draft idea", status="draft")
    html = client.get("/u/ana").get_data(as_text=True)
    assert "Library:Public notes" in html and "Open post" in html and "Open Lab" in html
    assert "Zebra" not in html and "Secret zebra" not in html and "Draft idea" not in html
    auth.login("bob")
    assert "Zebra" not in client.get("/u/ana").get_data(as_text=True)
    auth.logout()
    auth.login("ana")
    own = client.get("/u/ana").get_data(as_text=True)
    assert "Secret zebra plans" in own and "Zebra post" in own and "Zebra Lab" in own


def test_site_search_finds_only_public_profile_fields(client, make_user):
    ana = make_user("ana", display_name="Ana Sow")
    profiles.update_profile(ana, bio="Quokkaherder by trade.", position="Wombatologist",
                            visibility={"bio": "members"})
    db.session.commit()
    assert "/u/ana" in client.get("/search?q=wombatologist").get_data(as_text=True)
    assert "/u/ana" not in client.get("/search?q=quokkaherder").get_data(as_text=True)
    profiles.update_profile(ana, visibility={"bio": "public", "position": "members"})
    db.session.commit()
    assert "/u/ana" in client.get("/search?q=quokkaherder").get_data(as_text=True)
    assert "/u/ana" not in client.get("/search?q=wombatologist").get_data(as_text=True)
