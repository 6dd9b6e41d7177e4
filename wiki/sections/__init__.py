"""The wiki's sections: Library, Glossary, Knowledge, Country profiles and the
Schemes database, as record namespaces (``wiki.records``) with their own
indexes where a table is not the best view.

- ``definitions``: the fields of each section, labelled in four languages;
- ``country``: the ``/ns/Country`` map and what a profile page lists;
- ``glossary`` and ``api``: A to Z in the reader's language, tooltips;
- ``knowledge``: the ordered tree and key questions;
- ``seed_*``: demo content for ``flask seed-demo``.
Registered from ``wiki.init_app``; it only uses the wiki's own hooks (index
views, panels, seeders), so the rest of the wiki does not know it exists."""


def init_app(app):
    from app.panels import PAGE_EXTRA, add_panel
    from app.seed import add_seeder
    from wiki.namespaces import register_index_view
    from wiki.sections import api, country, definitions, glossary, knowledge, seed_sections
    from wiki.sections.views import bp, static_bp

    definitions.register(app)
    register_index_view(app, "Country", country.country_index)
    register_index_view(app, "Glossary", glossary.glossary_index)
    register_index_view(app, "Knowledge", knowledge.knowledge_index)
    app.register_blueprint(bp)
    app.register_blueprint(bp, url_prefix="/w/<space_slug>", name="ws_sections")
    app.register_blueprint(static_bp)
    api.register(app)
    add_panel(app, PAGE_EXTRA, 10, country.country_panel)
    add_panel(app, PAGE_EXTRA, 20, knowledge.questions_panel)
    add_panel(app, PAGE_EXTRA, 90, glossary.tooltip_panel)
    # After the wiki's own seeder (which makes the knowledge base and glossary).
    add_seeder(app, 60, seed_sections.seed_sections)
