"""/people: search and filters over visible fields only, the expertise
cloud, experts, latest members, who is online, and GET /api/v1/people."""
import re
from datetime import timedelta

import pytest

from app.accounts import profiles
from app.extensions import db
from app.timeutil import utcnow


@pytest.fixture
def cast(make_user):
    """ana: public expert in HT; eve: the same but every field members-only; bob: plain."""
    ana = make_user("ana", display_name="Ana Sow", organisation="Mutuelle")
    profiles.update_profile(ana, country="HT", position="Actuary", languages="fr, ht",
                            expertise="health-financing, risk", countries=["SN"],
                            available_as_expert=True)
    eve = make_user("eve", display_name="Eve Quiet", organisation="Hidden Org")
    profiles.update_profile(eve, country="BR", position="Statistician", languages="pt",
                            expertise="secret-topic, risk", countries=["MZ"],
                            bio="Loves zebras", available_as_expert=True,
                            visibility={name: "members" for name in (
                                "country", "organisation", "position", "languages",
                                "expertise", "countries", "bio")})
    bob = make_user("bob", display_name="Bob Li")
    db.session.commit()
    return ana, eve, bob


def names(client, query="", path="/people"):
    response = client.get(path + query)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    listed = html.split('id="people-list"')[1].split("</section>")[0]
    return {name for name in ("Ana Sow", "Eve Quiet", "Bob Li") if name in listed}


def test_filters_for_anonymous_readers_use_public_fields_only(client, cast):
    assert names(client) == {"Ana Sow", "Eve Quiet", "Bob Li"}
    assert names(client, "?country=HT") == {"Ana Sow"}
    assert names(client, "?country=SN") == {"Ana Sow"}      # a country of experience
    # Eve's home country, country of experience, expertise, language, position,
    # organisation and bio are members-only: no filter may find her through them.
    for query in ("?country=BR", "?country=MZ", "?expertise=secret-topic", "?language=pt",
                  "?q=statistician", "?q=hidden", "?q=zebras"):
        assert names(client, query) == set(), query
    assert names(client, "?expertise=risk") == {"Ana Sow"}
    assert names(client, "?language=ht") == {"Ana Sow"}
    assert names(client, "?q=actuary") == {"Ana Sow"}
    assert names(client, "?q=mutuelle") == {"Ana Sow"}
    assert names(client, "?q=quiet") == {"Eve Quiet"}        # the display name is public


def test_filters_for_members_use_every_field(client, cast, auth):
    auth.login("bob")
    assert names(client, "?country=BR") == {"Eve Quiet"}
    assert names(client, "?country=MZ") == {"Eve Quiet"}
    assert names(client, "?expertise=secret-topic") == {"Eve Quiet"}
    assert names(client, "?language=pt") == {"Eve Quiet"}
    assert names(client, "?q=zebras") == {"Eve Quiet"}
    assert names(client, "?expertise=risk") == {"Ana Sow", "Eve Quiet"}
    assert names(client, "?expertise=risk&language=fr&country=HT") == {"Ana Sow"}


def test_listing_shows_only_visible_fields(client, cast):
    html = client.get("/people").get_data(as_text=True).split('id="people-list"')[1]
    assert "Actuary" in html and "Mutuelle" in html
    assert "Statistician" not in html and "Hidden Org" not in html and "Brazil" not in html


def test_expertise_cloud_counts_only_visible_expertise(client, cast, auth):
    def cloud():
        html = client.get("/people").get_data(as_text=True)
        return html.split('id="expertise-cloud"')[1].split("</ul>")[0]

    anonymous = cloud()
    assert "secret-topic" not in anonymous
    assert "risk <span class=\"muted\">(1)</span>" in anonymous
    assert 'href="/people?expertise=health-financing"' in anonymous
    # The language filter lists only visibly spoken languages.
    assert 'value="pt"' not in client.get("/people").get_data(as_text=True)
    auth.login("bob")
    member = cloud()
    assert "secret-topic" in member and "risk <span class=\"muted\">(2)</span>" in member


def test_experts_filter_and_expert_database(client, cast):
    assert names(client, "?experts=1") == {"Ana Sow", "Eve Quiet"}
    assert names(client, "", "/people/experts") == {"Ana Sow", "Eve Quiet"}
    assert names(client, "?country=HT", "/people/experts") == {"Ana Sow"}
    assert b'id="experts-link"' in client.get("/people").data
    response = client.get("/people/experts?expertise=risk")
    assert response.status_code == 200 and b"Expert database" in response.data


def test_blocked_members_are_never_listed(client, cast):
    ana, _eve, _bob = cast
    ana.blocked_at = utcnow()
    db.session.commit()
    assert "Ana Sow" not in client.get("/people").get_data(as_text=True)
    assert names(client, "?expertise=health-financing") == set()
    assert "health-financing" not in client.get("/people").get_data(as_text=True)


def test_nonsense_filters_are_ignored(client, cast):
    for query in ("?country=ZZZ", "?expertise=%3Cb%3E", "?language=klingon", "?page=abc",
                  "?experts=maybe", "?q=" + "x" * 500):
        assert client.get("/people" + query).status_code == 200, query


def test_online_now_and_hiding(client, cast, auth):
    ana, eve, bob = cast
    assert names(client, "?online=1") == set()
    auth.login("ana")
    client.get("/")
    db.session.refresh(ana)
    assert ana.last_seen_at is not None
    assert names(client, "?online=1") == {"Ana Sow"}
    assert 'id="online-link"' in client.get("/people").get_data(as_text=True)
    # Seen six minutes ago: no longer online; Eve is online but hides it.
    auth.logout()
    ana.last_seen_at = utcnow() - timedelta(minutes=6)
    eve.last_seen_at = bob.last_seen_at = utcnow()
    profiles.update_profile(eve, hide_online=True)
    db.session.commit()
    assert names(client, "?online=1") == {"Bob Li"}
    assert names(client, "?online=1&experts=1") == set()


def test_last_seen_is_written_at_most_once_a_minute(client, cast, auth):
    ana = cast[0]
    auth.login("ana")
    client.get("/people")
    db.session.refresh(ana)
    first = ana.last_seen_at
    client.get("/people")
    db.session.refresh(ana)
    assert ana.last_seen_at == first
    ana.last_seen_at = first - timedelta(seconds=61)
    db.session.commit()
    client.get("/people")
    db.session.refresh(ana)
    assert ana.last_seen_at > first - timedelta(seconds=61)
    assert profiles.touch_last_seen(ana) is False   # written less than a minute ago


def test_api_calls_do_not_count_as_being_online(client, cast, api_token):
    bob = cast[2]
    headers = api_token(bob)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    db.session.refresh(bob)
    assert bob.last_seen_at is None


def test_newest_members_first(client, cast, make_user):
    make_user("zoe", display_name="Zoe Newest")
    html = client.get("/people?sort=newest").get_data(as_text=True)
    listed = html.split('id="people-list"')[1].split("</section>")[0]
    assert listed.index("Zoe Newest") < listed.index("Bob Li") < listed.index("Ana Sow")
    assert 'href="/people?sort=newest&amp;country=HT"' in client.get(
        "/people?country=HT").get_data(as_text=True)


# --- the API -----------------------------------------------------------------------------

def test_api_people_filters_like_the_page(client, cast, make_user, api_token):
    body = client.get("/api/v1/people?expertise=risk").get_json()
    assert body["total"] == 1 and body["results"][0]["username"] == "ana"
    assert body["results"][0]["position"] == "Actuary"
    assert client.get("/api/v1/people?country=BR").get_json()["total"] == 0
    everyone = client.get("/api/v1/people").get_json()
    eve = next(r for r in everyone["results"] if r["username"] == "eve")
    assert eve["country"] is None and eve["expertise"] == [] and eve["position"] == ""
    headers = api_token(cast[2])
    assert client.get("/api/v1/people?country=BR", headers=headers).get_json()["total"] == 1
    experts = client.get("/api/v1/people?experts=1&per_page=1").get_json()
    assert experts["total"] == 2 and len(experts["results"]) == 1


# --- experts on a Country page ------------------------------------------------------------

def test_country_page_lists_its_experts(client, cast, make_page, auth):
    make_page("Country:Haiti", body="About Haiti.")
    html = client.get("/wiki/Country:Haiti").get_data(as_text=True)
    panel = html.split('id="country-experts"')[1].split("</section>")[0]
    assert "Ana Sow" in panel and "Eve Quiet" not in panel
    assert "/people?experts=1&amp;country=HT" in panel
    # A page with an iso2 field is about that country, whatever its title.
    make_page("Country:Mozambique profile", body="---\niso2: MZ\n---\nText.")
    html = client.get("/wiki/Country:Mozambique_profile").get_data(as_text=True)
    assert 'id="country-experts"' in html and "Eve Quiet" not in html
    auth.login("bob")
    html = client.get("/wiki/Country:Mozambique_profile").get_data(as_text=True)
    assert "Eve Quiet" in html.split('id="country-experts"')[1]
    # Pages of other namespaces get no such panel.
    make_page("Library:Haiti", body="x")
    assert 'id="country-experts"' not in client.get("/wiki/Library:Haiti").get_data(as_text=True)


@pytest.mark.parametrize("language, before, after", [
    ("fr", "Égypte", "Espagne"), ("fr", "Îles Cook", "Inde"), ("es", "Bélgica", "Bután"),
    ("es", "Níger", "Nueva Zelanda"), ("pt", "Áustria", "Azerbaijão"),
])
def test_countries_are_listed_in_the_readers_alphabetical_order(client, language, before,
                                                                 after):
    html = client.get("/people", headers={"Accept-Language": language}).get_data(as_text=True)
    options = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', html)
    assert options.index(before) < options.index(after)
