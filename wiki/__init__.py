"""The wiki: pages of any space (the commons or a workspace), their revisions,
links, tags, attachments and namespaces. It never knows which kind of space
it serves, and never imports workspaces or feeds."""


def init_app(app):
    from wiki import models  # noqa: F401  (tables in the metadata)
    from wiki.records import models as record_models  # noqa: F401  (record_values)
    from wiki.api import api_bp
    from wiki import api_attachments  # noqa: F401  (routes on api_bp)
    from wiki import api_docs, api_pages, api_records  # noqa: F401  (routes on api_bp)
    api_docs.register(app)
    api_records.register(app)
    from wiki.views import bp
    # One blueprint, two mounts: the commons at the root, each workspace under /w/<slug>.
    app.register_blueprint(bp)
    app.register_blueprint(bp, url_prefix="/w/<space_slug>", name="ws_wiki")
    app.register_blueprint(api_bp)
    app.register_blueprint(api_bp, url_prefix="/api/v1/w/<space_slug>", name="ws_wiki_api")
    from wiki.records import init_app as init_records
    init_records(app)
    from wiki import panels
    panels.init_app(app)
    from wiki.cli import init_app as init_cli
    init_cli(app)
    from wiki.search_documents import init_app as init_search
    init_search(app)
    from wiki.sections import init_app as init_sections
    init_sections(app)
