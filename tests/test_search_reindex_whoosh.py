"""A Whoosh index keeps the analysers it was made with: after the analysis
changes (``ANALYSIS_VERSION``), ``flask check`` says the index is older and
``flask reindex`` rebuilds it with the current analysers. (PostgreSQL keeps no
analysers: its stale vectors show in their documents' fingerprints, which
``test_search_queue`` checks on both back ends.)"""
import pytest

from tests.test_search_queue import index_differences

pytestmark = pytest.mark.config(SEARCH_BACKEND="whoosh")


def test_reindex_brings_an_index_analysed_by_an_older_version_up_to_date(app, runner,
                                                                         make_page, find):
    """Whoosh keeps the analysers an index was made with: until ``flask reindex``
    rebuilds it with this version's, queries are analysed as its documents were (and
    ``flask check`` says so); PostgreSQL's documents say it by their fingerprints."""
    import copy

    from whoosh.analysis import CompositeAnalyzer, SubstitutionFilter

    from app import search
    from app.search.whoosh_backend import make_schema
    # The index as the version before Portuguese plurals were rewritten wrote it.
    writer = search.backend().index().writer()
    for name in ("title_pt", "body_pt"):
        field = copy.copy(make_schema()[name])
        field.analyzer = CompositeAnalyzer(*(item for item in field.analyzer.items
                                             if not isinstance(item, SubstitutionFilter)))
        writer.remove_field(name)
        writer.add_field(name, field)
    writer.commit()
    make_page("Pensões", body="As pensões de velhice.", language="pt")
    assert [h.title for h in find("pensões", language="pt").hits] == ["Pensões"]
    assert find("pensão", language="pt").total == 0
    assert index_differences(app) == [
        "search: the index analyses body_pt, title_pt as an older version did: "
        "run flask reindex"]
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert index_differences(app) == []
    for query in ("pensões", "pensão", "pensoes"):
        assert [h.title for h in find(query, language="pt").hits] == ["Pensões"], query
