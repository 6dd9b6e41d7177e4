"""workspaces: what a workspace adds to its space — the directory, settings,
members, invitations and join requests, and the blog (posts and comments).

A workspace is a ``Space`` of kind ``workspace``; its wiki is the wiki
package's, mounted under /w/<slug>/wiki/. This package may import ``wiki``,
never ``feeds``: the activity stream listens to the signals sent here."""


def init_app(app):
    """Register this package's models, blueprints, API description, panels and seeder."""
    from app.api.openapi import add_paths
    from workspaces import models  # noqa: F401  (tables in the metadata)
    from workspaces import panels, seed
    from workspaces.api import api_bp
    from workspaces.api.spec import PATHS, SCHEMAS
    from workspaces.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    add_paths(app, PATHS, SCHEMAS)
    panels.init_app(app)
    seed.init_app(app)
    from workspaces.search_documents import init_app as init_search
    init_search(app)
