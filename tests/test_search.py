"""Search through the facade, on both back ends: what is indexed, analysis per
language, ranking, syntax, filters, facets, permissions and suggestions."""
import io
from datetime import timedelta

from app.extensions import db
from tests.fixtures.search import BACKENDS

pytestmark = BACKENDS


def test_accent_folding_and_stemming_per_language(backend, make_page, find, search_titles):
    make_page("Library:Santé des enfants", body="La santé des enfants et les hôpitaux.",
              language="fr")
    make_page("Seguro de salud", body="Los seguros protegen a las familias.", language="es")
    make_page("Financing", body="Health financing policies were discussed.", language="en")
    assert search_titles(find("sante")) == ["Library:Santé des enfants"]
    assert search_titles(find("SANTÉ")) == ["Library:Santé des enfants"]
    assert search_titles(find("enfant", language="fr")) == ["Library:Santé des enfants"]
    assert search_titles(find("hopital", language="fr")) == ["Library:Santé des enfants"]
    assert search_titles(find("familia", language="es")) == ["Seguro de salud"]
    assert search_titles(find("policy")) == ["Financing"]


def test_title_matches_rank_above_body_matches(backend, make_page, find, search_titles):
    make_page("Notes", body="Some words about microinsurance among many other words here.")
    make_page("Microinsurance", body="A short page about schemes.")
    assert search_titles(find("microinsurance")) == ["Microinsurance", "Notes"]


def test_exact_phrase_ranks_above_scattered_words(backend, make_page, find, search_titles):
    make_page("Scattered", body="Insurance is here. Far away we speak of health again.")
    make_page("Together", body="Here is health insurance. Far away we speak of nothing.")
    assert search_titles(find("health insurance"))[0] == "Together"
    assert search_titles(find('"health insurance"')) == ["Together"]


def test_recent_ranks_above_stale_at_equal_relevance(backend, make_page, find, search_titles):
    from app.search import enqueue
    old = make_page("Alpha", body="Cooperative savings groups.")
    make_page("Beta", body="Cooperative savings groups.")
    old.updated_at = old.updated_at - timedelta(days=400)
    enqueue("page", old.id)
    db.session.commit()
    assert search_titles(find("cooperative savings")) == ["Beta", "Alpha"]


def test_boolean_operators_prefixes_and_phrases(backend, make_page, find, search_titles):
    make_page("Cash transfers", body="Conditional cash transfers reach families.")
    make_page("Vouchers", body="Food vouchers reach families.")
    make_page("Pensions", body="Social pensions for older people.")
    assert set(search_titles(find("cash OR pensions"))) == {"Cash transfers", "Pensions"}
    assert search_titles(find("families NOT cash")) == ["Vouchers"]
    assert search_titles(find("families -vouchers")) == ["Cash transfers"]
    assert search_titles(find("pens*")) == ["Pensions"]
    assert search_titles(find('"food vouchers"')) == ["Vouchers"]
    assert search_titles(find('"vouchers food"')) == []
    # Grouping, negation of a group, stop words beside real words.
    assert set(search_titles(find("(cash OR food) families"))) == {"Cash transfers", "Vouchers"}
    assert search_titles(find("(cash OR pensions) NOT older")) == ["Cash transfers"]
    assert search_titles(find("families NOT (cash OR food)")) == []
    assert search_titles(find("the pensions for")) == ["Pensions"]
    either = search_titles(find('"social pensions" OR "food vouchers"'))
    assert set(either) == {"Pensions", "Vouchers"}


def test_filters(backend, make_page, make_space, make_user, find, search_titles):
    ana = make_user("ana")
    coop = make_space("coop")
    make_page("Library:Mutual health", body="Mutual health organisations.", tags=["health"],
              author=ana)
    make_page("Glossary:Mutual", body="Mutual: owned by its members.", language="fr")
    make_page("Mutual aid", body="Mutual aid in the cooperative.", space=coop)
    assert search_titles(find("mutual", ns="Library")) == ["Library:Mutual health"]
    assert search_titles(find("mutual ns:glossary")) == ["Glossary:Mutual"]
    assert search_titles(find("mutual tag:health")) == ["Library:Mutual health"]
    assert search_titles(find("mutual", lang="fr")) == ["Glossary:Mutual"]
    assert search_titles(find("mutual author:ANA")) == ["Library:Mutual health"]
    assert search_titles(find("mutual", ws="coop")) == ["Mutual aid"]
    assert len(find("mutual ws:commons").hits) == 2
    # Filters alone list everything they match.
    assert search_titles(find("tag:health")) == ["Library:Mutual health"]


def test_facets_count_what_matches(backend, make_page, make_space, find):
    coop = make_space("coop")
    make_page("Library:Floods", body="Floods and drought.", tags=["climate", "risk"])
    make_page("Knowledge:Drought", body="Drought insurance.", tags=["climate"], language="pt")
    make_page("Drought plan", body="The drought plan.", space=coop)
    facets = find("drought").facets
    assert dict(facets["namespace"]) == {"Library": 1, "Knowledge": 1, "Main": 1}
    assert dict(facets["workspace"]) == {"coop": 1}
    assert dict(facets["language"]) == {"en": 2, "pt": 1}
    assert dict(facets["tag"]) == {"climate": 2, "risk": 1}


def test_private_spaces_are_filtered_inside_the_query(backend, make_page, make_space,
                                                      make_user, find, search_titles):
    member, outsider = make_user("member"), make_user("outsider")
    secret = make_space("secret", visibility="private", members={member: "viewer"})
    make_page("Budget", body="Resilience budget lines.", space=secret, tags=["money"])
    make_page("Public", body="Resilience everywhere.")
    for reader in (None, outsider):
        results = find("resilience", reader=reader)
        assert search_titles(results) == ["Public"]
        assert results.total == 1
        assert "money" not in dict(results.facets["tag"])
        assert dict(results.facets["workspace"]) == {}
    results = find("resilience", reader=member)
    assert results.total == 2 and dict(results.facets["workspace"]) == {"secret": 1}


def test_deleted_pages_leave_the_index_and_come_back(backend, make_page, make_user, find):
    from wiki.services import delete_page, restore_page
    mod = make_user("mod", role="moderator")
    page = make_page("Obsolete", body="Obsolete guidance.")
    assert find("obsolete").total == 1
    delete_page(page, mod)
    db.session.commit()
    assert find("obsolete").total == 0
    assert find("obsolete", reader=mod).total == 0
    restore_page(page, mod)
    db.session.commit()
    assert find("obsolete").total == 1


def test_a_new_revision_replaces_the_old_text(backend, make_page, find):
    make_page("Changing", body="First wording about lanterns.")
    make_page("Changing", body="Second wording about candles.")
    assert find("lanterns").total == 0
    assert find("candles").total == 1


def test_moved_pages_are_found_under_their_new_title(backend, make_page, find, search_titles):
    from wiki.services import move_page
    from wiki.titles import parse
    page = make_page("Old name", body="Remittances corridor.")
    move_page(page, parse("Library:New name"), None)
    db.session.commit()
    assert search_titles(find("remittances")) == ["Library:New name"]


def test_attachments_are_found_by_file_name(backend, make_page, make_user, find,
                                            search_titles):
    from wiki.attachments import attach_file
    ana = make_user("ana")
    page = make_page("Reports", body="Yearly reports.")
    attach_file(page, "beneficiaries-census.csv", io.BytesIO(b"a,b\n"), ana)
    db.session.commit()
    assert search_titles(find("census")) == ["Reports"]


def test_people_are_found_by_name_organisation_country_and_bio(backend, make_user, find,
                                                               search_titles):
    from app.accounts.services import update_settings
    ana = make_user("ana", display_name="Ana Lima")
    update_settings(ana, organisation="Rural Mutual Network", country="BR",
                    bio="Actuary for community schemes.")
    db.session.commit()
    assert search_titles(find("lima")) == ["Ana Lima"]
    assert search_titles(find("rural network")) == ["Ana Lima"]
    assert search_titles(find("brazil")) == ["Ana Lima"]
    assert search_titles(find("actuary")) == ["Ana Lima"]
    ana.blocked_at = ana.created_at
    db.session.commit()
    assert find("actuary").total == 0


def test_posts_are_indexed_once_published_never_as_drafts(backend, make_user, find,
                                                          search_titles):
    from workspaces.services.blog import create_post, delete_post, edit_post
    from workspaces.services.spaces import create_workspace
    owner = make_user("owner")
    space = create_workspace(owner, "clinic", "Mobile clinics",
                             description="Clinics on wheels for remote villages.")
    db.session.commit()
    assert search_titles(find("wheels")) == ["Mobile clinics"]
    post = create_post(space, owner, "Field visit", body="Our visit to the mangroves.")
    db.session.commit()
    assert find("mangroves", reader=owner).total == 0
    edit_post(post, owner, status="published")
    db.session.commit()
    assert search_titles(find("mangroves")) == ["Field visit"]
    delete_post(post, owner)
    db.session.commit()
    assert find("mangroves").total == 0


def test_snippets_mark_the_matches(backend, make_page, find):
    make_page("Marks", body="Before the words. Weather index insurance pays on rainfall.")
    hit = find("rainfall").hits[0]
    assert ("rainfall", True) in hit.snippet_parts
    assert "Weather index insurance pays on" in hit.snippet_text


def test_snippets_find_a_match_far_into_a_long_page(backend, make_page, find):
    """The snippet shows the first occurrence however far into the page, accents
    as written; on PostgreSQL, whose headline parser reads an address as one
    token, not a word inside an address (Whoosh's tokenizer marks that one)."""
    filler = "Nothing to report this week. " * 200  # 5,800 characters
    make_page("Long report", language="fr", body=(
        f"{filler}See [the form](/files/mutuelles-sante/formulaire.pdf).\n\n"
        f"{filler}La mutuelle de santé rembourse les soins hospitaliers."))
    for query in ("sante", "santé", "mutuelles", "hospitaliers"):
        hit = find(query).hits[0]
        assert hit.title == "Long report", query
        marked = [text for text, is_marked in hit.snippet_parts if is_marked]
        assert marked and "Nothing" not in "".join(marked), query
        if backend == "postgres" or query == "hospitaliers":
            assert "rembourse les soins" in hit.snippet_text, query


def test_did_you_mean_offers_a_correction_with_results(backend, make_page, make_space,
                                                       make_user, find):
    make_page("Microfinance", body="Microfinance institutions lend to households.")
    results = find("microfinanse")
    assert results.total == 0
    assert results.suggestion == "microfinance"
    assert find("microfinance").suggestion is None


def test_did_you_mean_never_leaks_private_words(backend, make_page, make_space, find):
    secret = make_space("secret", visibility="private")
    make_page("Hidden", body="Confidentialitymarker text.", space=secret)
    assert find("confidentialitymarkr").suggestion is None


def test_pagination(backend, make_page, find):
    for number in range(25):
        make_page(f"Page {number:02d}", body="Livelihood programmes.")
    first, second = find("livelihood"), find("livelihood", page=2)
    assert first.total == second.total == 25
    assert len(first.hits) == 20 and len(second.hits) == 5
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}


def test_title_suggestions_respect_permissions(backend, app, make_page, make_space,
                                               make_user):
    from flask_login import AnonymousUserMixin

    from app import search
    secret = make_space("secret", visibility="private")
    make_page("Health financing", body="x")
    make_page("Health secrets", body="x", space=secret)
    titles = [s["title"] for s in search.suggest_titles(AnonymousUserMixin(), "heal")]
    assert titles == ["Health financing"]
    titles = [s["title"] for s in search.suggest_titles(AnonymousUserMixin(), "health fin")]
    assert titles == ["Health financing"]


def test_garbage_queries_give_results_not_errors(backend, make_page, find):
    make_page("Garbage", body="Resilient words.")
    for text in ['"resilient', "(resilient", "resilient AND", "*", "NOT", "x" * 3000,
                 "resilient)", "ns: tag:", "((((resilient"]:
        results = find(text)
        assert results.total >= 0
    assert find('"resilient').total == 1


def test_a_page_past_the_end_is_empty(backend, make_page, find):
    make_page("One", body="Lonely words.")
    results = find("lonely", page=50)
    assert results.total == 1 and results.hits == []


def test_portuguese_plurals_in_ao_meet_their_singulars(backend, make_page, find,
                                                       search_titles):
    """Snowball keeps -ões, -ães and -ãos apart from -ão (pensõ, pensã; folded, penso,
    pensa): the Portuguese analysis writes them -ão before stemming, for documents and
    queries alike, typed with accents or without."""
    make_page("Pensão social", language="pt",
              body="A pensão de velhice é paga todos os meses.")
    make_page("Proteções", language="pt",
              body="As proteções e as contribuições dos cidadãos.")
    make_page("Proteção", language="pt", body="A proteção social e a contribuição mensal.")
    make_page("Pensiones", language="es", body="Las pensiones no contributivas.")
    for query in ("pensões", "pensoes", "PENSÕES", "pensão", "pensao"):
        for language in ("en", "pt"):
            assert search_titles(find(query, language=language)) == ["Pensão social"], query
    both = {"Proteções", "Proteção"}
    for query in ("proteções", "protecoes", "proteção", "protecao", "contribuições",
                  "contribuicoes", "contribuição"):
        assert set(search_titles(find(query))) == both, query
    assert search_titles(find("cidadão")) == ["Proteções"]
    assert search_titles(find('"pensões de velhice"')) == ["Pensão social"]
    # The snippet marks the form the page has, whichever form was typed.
    for query, marked in (("pensões", "pensão"), ("proteção", "proteções")):
        hit = next(h for h in find(query).hits if h.title != "Proteção")
        assert (marked, True) in hit.snippet_parts, (query, hit.snippet_parts)


def test_a_query_of_exclusions_only_finds_the_other_documents(backend, make_page, find,
                                                              search_titles):
    """``NOT word`` (or ``-word``) alone, as in MediaWiki or Elasticsearch: every
    document that ``word`` would not find, never one that it finds (a French page
    whose plural stems as the word, for an English reader, included)."""
    make_page("Mutuelle", body="La mutuelle de santé du village.", language="fr")
    make_page("Mutuelles", body="Les mutuelles rurales.", language="fr")
    make_page("Health insurance", body="Mutuelle is French for a mutual health "
                                       "organisation.")
    make_page("Cooperatives", body="Savings and credit cooperatives.", tags=["credit"])
    make_page("Santé", body="La santé publique.", language="fr")
    found = find("mutuelle")
    assert found.total == 3
    everything = set(search_titles(find("ns:Main")))
    assert len(everything) == 5
    for query in ("NOT mutuelle", "-mutuelle", "NOT mutuelles", "NOT (mutuelle)"):
        results = find(query)
        titles = set(search_titles(results))
        assert titles == everything - set(search_titles(found)), query
        assert results.total == len(titles)
        assert not any(marked for hit in results.hits for _, marked in hit.snippet_parts)
    assert set(search_titles(find("NOT mutuelle NOT santé"))) == everything - {
        "Mutuelle", "Mutuelles", "Health insurance", "Santé"}
    assert search_titles(find("-mutuelle tag:credit")) == ["Cooperatives"]
    assert find("-mutuelle").facets["tag"] == [("credit", 1)]
    # What cannot be read as given keeps its exclusions: ``a OR NOT b`` is read
    # ``a NOT b``, an unbalanced ``(NOT b`` as ``NOT b``.
    assert search_titles(find("village OR NOT rurales")) == ["Mutuelle"]
    assert "Mutuelles" not in search_titles(find("(NOT rurales"))


def test_record_snippets_show_field_values_as_text_not_yaml(backend, make_page, find):
    """A record's front matter is not shown as YAML in snippets; its values are
    found, and shown as words after the page's text."""
    make_page("Country:Senegal", body=(
        "---\niso2: SN\nregion: Africa\n"
        "gdp_growth: {value: 4.1, year: 2023, source: 'World Bank (WDI), change of GDP "
        "in current US$'}\nmaintainer: Claire Dubois\n---\n"
        "Senegal extends health coverage through community schemes."))
    make_page("Glossary:Social insurance", body=(
        "---\nterm_en: Social insurance\nterm_fr: Assurance sociale\n"
        "term_es: Seguro social\ndomain: social-insurance\n---\n"
        "Contributory schemes that pool risks."))
    for query, title, marked in (("Dubois", "Country:Senegal", "Dubois"),
                                 ("World Bank", "Country:Senegal", "Bank"),
                                 ('"assurance sociale"', "Glossary:Social insurance",
                                  "Assurance"),
                                 ("pool", "Glossary:Social insurance", "pool"),
                                 ("coverage", "Country:Senegal", "coverage")):
        [hit] = find(query).hits
        assert hit.title == title, query
        assert (marked, True) in hit.snippet_parts, (query, hit.snippet_parts)
        for source in ("---", "maintainer", "term_", "{", "}", "'", "iso2"):
            assert source not in hit.snippet_text, (query, source, hit.snippet_text)
    assert "Claire Dubois" in find("Dubois").hits[0].snippet_text
    # Field names are not words of the page.
    assert find("maintainer").total == 0 and find("term_fr").total == 0
