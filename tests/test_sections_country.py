"""Country profiles: the /ns/Country map (links only for profiles, colours by
the chosen indicator, legend, profiles by region, no private pages), the
"add a country" form, and what a profile page lists within the reader's rights."""
import gzip
import re

import pytest


def profile(make_page, name, iso2, region, population=None, gdp=None, space=None, **extra):
    lines = [f"iso2: {iso2}", f"region: {region}"]
    if population is not None:
        lines.append(f"population: {{value: {population}, year: 2024, source: World Bank (WDI)}}")
    if gdp is not None:
        lines.append(f"gdp_per_capita: {{value: {gdp}, year: 2023, source: World Bank (WDI)}}")
    body = "---\n" + "\n".join(lines) + "\n---\nA profile.\n"
    return make_page(f"Country:{name}", body=body, space=space, **extra)


@pytest.fixture
def countries(make_page, make_workspace, make_user):
    owner = make_user("olga")
    secret = make_workspace("closed-ws", owner, visibility="private")
    pages = {
        "SN": profile(make_page, "Senegal", "SN", "Africa", 18501984, 1715.6),
        "GH": profile(make_page, "Ghana", "GH", "Africa", 34427414, 2400),
        "KE": profile(make_page, "Kenya", "KE", "Africa", 56432944, 1900),
        "IN": profile(make_page, "India", "IN", "Asia", 1450935791, 2500),
        "PE": profile(make_page, "Peru", "PE", "Americas", 34217848, 7900),
        "BO": profile(make_page, "Bolivia", "BO", "Americas", None, 3600),
    }
    profile(make_page, "Zebracorn land", "CL", "Americas", 1, 1, space=secret, author=owner)
    return pages, secret, owner


def shapes(html):
    """``{code: (href, css class)}`` of the linked shapes, and the grey ones."""
    linked = dict((code, (href, css)) for href, code, css in re.findall(
        r'<a href="([^"]+)" id="map-([A-Z]{2})"><title>[^<]*</title><path class="([^"]+)"', html))
    return linked


def test_map_links_only_countries_with_a_profile(client, countries):
    response = client.get("/ns/Country")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    linked = shapes(html)
    assert set(linked) == {"SN", "GH", "KE", "IN", "PE", "BO"}
    assert linked["SN"][0] == "/wiki/Country:Senegal"
    assert html.count('<path class="none"') > 150
    # Each link is named by its country, with the value shown.
    assert re.search(r'id="map-SN"><title>Senegal: 18,501,984 \(2024\)</title>', html)
    # Five quantile classes of population; Bolivia has no population: "nodata".
    assert linked["BO"][1] == "nodata"
    assert linked["IN"][1] == "q5"
    assert {css for _href, css in linked.values()} <= {"q1", "q2", "q3", "q4", "q5", "nodata"}
    assert 'style=' not in html
    # Legend and the stylesheet that colours the classes.
    legend = html[html.index('id="map-legend"'):html.index('id="profiles"')]
    assert "swatch q1" in legend and "No profile" in legend
    css = client.get(re.search(r'href="(/sections/static/sections\.css\?v=\w+)"', html).group(1))
    assert css.status_code == 200 and b".world-map .q5" in css.data
    css.close()


def test_map_colours_follow_the_chosen_indicator(client, countries):
    html = client.get("/ns/Country?indicator=gdp_per_capita").get_data(as_text=True)
    linked = shapes(html)
    assert linked["PE"][1] == "q5"   # the highest GDP per capita
    assert linked["SN"][1] == "q1"   # the lowest
    assert linked["BO"][1] != "nodata"
    assert '<option value="gdp_per_capita" selected' in html
    by_population = shapes(client.get("/ns/Country").get_data(as_text=True))
    assert by_population["PE"][1] != "q5"


def test_an_unknown_indicator_falls_back_to_population(client, countries):
    response = client.get("/ns/Country?indicator=<script>")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<option value="population" selected' in html
    assert "<script>" not in html.split('id="map-indicator"')[1]
    assert shapes(html)["IN"][1] == "q5"


def test_profiles_are_listed_by_region(client, countries):
    html = client.get("/ns/Country").get_data(as_text=True)
    africa = re.search(r'id="region-africa".*?</section>', html, re.S).group(0)
    americas = re.search(r'id="region-americas".*?</section>', html, re.S).group(0)
    assert "Senegal" in africa and "Ghana" in africa and "Peru" not in africa
    assert "Peru" in americas and "Bolivia" in americas
    assert html.index('id="region-africa"') < html.index('id="region-americas"') \
        < html.index('id="region-asia"')
    french = client.get("/ns/Country", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert re.search(r'id="region-africa-heading">Afrique<', french)
    assert "Sénégal" in french


def test_private_workspace_profiles_stay_private(client, countries, auth):
    _pages, secret, owner = countries
    html = client.get("/ns/Country").get_data(as_text=True)
    assert "Zebracorn" not in html and 'id="map-CL"' not in html
    assert client.get("/w/closed-ws/ns/Country").status_code == 404
    auth.login("olga")
    inside = client.get("/w/closed-ws/ns/Country").get_data(as_text=True)
    assert 'id="map-CL"' in inside and 'id="map-SN"' not in inside


def test_the_map_page_is_light_and_compressed(client, countries):
    response = client.get("/ns/Country")
    assert len(response.data) < 150 * 1024
    zipped = client.get("/ns/Country", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert len(zipped.data) < 40 * 1024
    assert gzip.decompress(zipped.data) == response.data


def test_add_a_country_leads_to_a_prefilled_editor(client, countries, auth, make_user):
    assert 'id="add-country"' not in client.get("/ns/Country").get_data(as_text=True)
    make_user("ana")
    auth.login("ana")
    html = client.get("/ns/Country").get_data(as_text=True)
    assert 'id="add-country"' in html and '<option value="ML">Mali</option>' in html
    response = client.get("/ns/Country/new?iso2=ml")
    assert response.status_code == 302
    assert response.headers["Location"] == "/wiki/Country:Mali/edit?iso2=ML&region=Africa"
    # A country that has a profile leads to it.
    existing = client.get("/ns/Country/new?iso2=SN")
    assert existing.headers["Location"] == "/wiki/Country:Senegal"
    # No country, or a made-up one: back to the form, with a message.
    wrong = client.get("/ns/Country/new?iso2=XX", follow_redirects=True)
    assert wrong.status_code == 200
    assert "Choose a country from the list." in wrong.get_data(as_text=True)


def scheme(make_page, title, country, space=None, author=None):
    body = f"---\ncountry: {country}\ntype: mutual\nrisks: [health]\nmembers: 100\n---\nText.\n"
    return make_page(f"Schemes:{title}", body=body, space=space, author=author)


def test_a_profile_lists_schemes_documents_and_workspaces(client, countries, make_page, auth,
                                                          make_workspace, add_member,
                                                          make_user):
    _pages, secret, owner = countries
    public = make_workspace("open-ws", owner, name="Open mutuals")
    scheme(make_page, "Village mutual", "SN")
    scheme(make_page, "Coastal mutual", "SN", space=public, author=owner)
    scheme(make_page, "Zebracorn mutual", "SN", space=secret, author=owner)
    scheme(make_page, "Nairobi riders", "KE")
    make_page("Library:Guide", body="---\nauthor: Someone\ncountry: SN\n---\nA guide.\n")
    make_page("Library:Elsewhere", body="---\nauthor: Someone\ncountry: GH\n---\nA guide.\n")

    html = client.get("/wiki/Country:Senegal").get_data(as_text=True)
    schemes = re.search(r'id="country-schemes".*?</section>', html, re.S).group(0)
    assert "Village mutual" in schemes and "Coastal mutual" in schemes
    assert "Nairobi riders" not in schemes and "Zebracorn" not in html
    library = re.search(r'id="country-library".*?</section>', html, re.S).group(0)
    assert "Library:Guide" in library or ">Guide<" in library
    assert "Elsewhere" not in library
    workspaces = re.search(r'id="country-workspaces".*?</section>', html, re.S).group(0)
    assert "Open mutuals" in workspaces and "Closed" not in workspaces

    # A member of the private workspace sees its scheme and the workspace.
    viewer = make_user("vi")
    add_member(secret, viewer, "viewer")
    auth.login("vi")
    inside = client.get("/wiki/Country:Senegal").get_data(as_text=True)
    assert "Zebracorn mutual" in inside and "/w/closed-ws/" in inside

    # Pages that are not profiles get no such lists.
    make_page("Knowledge:Plain")
    assert 'id="country-links"' not in client.get("/wiki/Knowledge:Plain").get_data(as_text=True)
